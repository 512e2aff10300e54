// The benchmark core: configuration, FLOP counts, the timed training step, and the run that ties them together.
export { parseBenchConfig, benchSpec, type BenchConfig, type Precision } from './config';
export { forwardMacsPerStep, stepFlops, type StepFlops } from './flops';
export { makeBenchProblem, mseLoss, trainStep, forwardStep, type BenchProblem } from './train-step';
export { median, timeRepeated, timeForBudget, type TimingBudget, type TimingSummary } from './timing';
export { runBench, gemmVariantOf, threadsUsedBy, type BenchResult } from './run';
export { formatBenchLine } from './format';
