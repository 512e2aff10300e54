// One benchmark run: builds the problem, picks the engine, times the training step and the forward pass for the
// time budget, and reports medians with the configuration, the engine and thread count actually used, how many
// repeats each median came from, and GFLOP/s (counts from flops.ts).
import { selectEngine, type EngineChoice } from '../engine/select';
import { timeOrtForward } from './onnx-forward';
import type { Engine, ForwardOptions } from '../engine/types';
import { benchSpec, type BenchConfig, type Precision } from './config';
import { stepFlops } from './flops';
import { forwardStep, makeBenchProblem, trainStep } from './train-step';
import { timeForBudget, type TimingBudget } from './timing';

/** The measured configuration (the shape fields of BenchConfig, as requested) and what was measured. */
export interface BenchResult
  extends Pick<
    BenchConfig,
        | 'arch' | 'input_size' | 'hidden_size' | 'num_layers' | 'bidirectional' | 'seq_len' | 'batch' | 'threads' | 'warmup'
    | 'repeat' | 'min_time'
  > {
  /** Threads the engine actually ran on (the native engine picks them per model size, at most `threads`). */
  threads_used: number;
  /** Timed repeats behind each median (at least `repeat`, and enough to fill `min_time` seconds). */
  train_repeats: number;
  forward_repeats: number;
  ort_repeats: number | null;
  /** The engine that actually ran (after any fallback). */
  engine: Engine['name'];
  /** The precision that was actually computed in. */
  precision: Precision;
  /** The native GEMM variant picked at start-up (e.g. 'avx2'), or null for the reference engine. */
  gemm_variant: string | null;
  /** Median wall time of one training step (forward + head + MSE + BPTT + SGD), milliseconds. */
  train_step_ms: number;
  train_step_min_ms: number;
  /** Median wall time of one inference forward pass, milliseconds. */
  forward_ms: number;
  forward_min_ms: number;
  /** Median wall time of onnxruntime running the exported model on the same shapes and threads; null if it could not. */
  ort_forward_ms: number | null;
  ort_forward_min_ms: number | null;
  train_step_flops: number;
  forward_flops: number;
  /** train_step_flops / train_step_ms, in GFLOP/s. */
  gflops: number;
  forward_gflops: number;
  /** MSE loss before the first and the last timed step; it should fall (the step really trains). */
  loss_first: number;
  loss_last: number;
  /** Fallbacks and ignored options, one line each. */
  warnings: string[];
}

/** The thread count a native engine reports for this shape, or 1 (the reference engine runs on one thread). */
export function threadsUsedBy(engine: Engine, config: BenchConfig): number {
  const probe = (engine as unknown as { threadsFor?: (spec: unknown, batch: number, steps: number, limit: number) => number }).threadsFor;
  return typeof probe === 'function' ? probe(benchSpec(config), config.batch, config.seq_len, config.threads) : 1;
}

/** onnxruntime times a fixed count in its worker: a short probe sizes the count that fills the budget. */
async function timeOrt(problem: ReturnType<typeof makeBenchProblem>, config: BenchConfig, budget: TimingBudget) {
  const probe = await timeOrtForward(problem.model, problem.input, config.threads, Math.min(budget.warmup, 2), 3);
  const per = Math.max(probe.median_ms, 1e-3);
  const warmup = Math.max(budget.warmup, Math.ceil((0.2 * budget.minTimeMs) / per));
  const repeat = Math.min(100_000, Math.max(budget.repeat, Math.ceil(budget.minTimeMs / per)));
  return { ...(await timeOrtForward(problem.model, problem.input, config.threads, warmup, repeat)), repeats: repeat };
}

/** The GEMM variant a native engine reports, if it reports one (the Engine contract does not require it). */
export function gemmVariantOf(engine: Engine): string | null {
  const probe = (engine as unknown as { gemmVariant?: string | (() => string) }).gemmVariant;
  if (typeof probe === 'function') return probe.call(engine);
  return typeof probe === 'string' ? probe : null;
}

function resolvePrecision(engine: Engine, requested: Precision | undefined, warnings: string[]): Precision {
  if (engine.name === 'native') return requested ?? 'float32';
  if (requested === 'float32') warnings.push('the reference engine computes in float64 only; --precision float32 ignored');
  return 'float64';
}

export async function runBench(config: BenchConfig, choice?: EngineChoice): Promise<BenchResult> {
  const { engine, warning } = choice ?? (await selectEngine(config.engine));
  const warnings = warning ? [warning] : [];
  const precision = resolvePrecision(engine, config.precision, warnings);
  const spec = benchSpec(config);
  const problem = makeBenchProblem(spec, config.batch, config.seq_len, config.seed);
  // config.threads is a limit; the engine's own per-size choice within it is what runs (and what the result reports).
  const threadsUsed = threadsUsedBy(engine, config);
  const options: ForwardOptions = { precision, threads: threadsUsed };

  const budget: TimingBudget = { warmup: config.warmup, repeat: config.repeat, minTimeMs: config.min_time * 1000 };

  const losses: number[] = [];
  const train = timeForBudget(() => losses.push(trainStep(engine, problem, config.lr, options)), budget);
  const forward = timeForBudget(() => forwardStep(engine, problem, options), budget);
  const ort = await timeOrt(problem, config, budget).catch((error: Error) => {
    warnings.push(`onnxruntime forward not timed: ${error.message.split('\n')[0]}`);
    return null;
  });
  const flops = stepFlops(spec, config.batch, config.seq_len);
  return {
    arch: config.arch,
    input_size: config.input_size,
    hidden_size: config.hidden_size,
    num_layers: config.num_layers,
    bidirectional: config.bidirectional,
    seq_len: config.seq_len,
    batch: config.batch,
    threads: config.threads,
    threads_used: threadsUsed,
    engine: engine.name,
    precision,
    gemm_variant: engine.name === 'native' ? gemmVariantOf(engine) : null,
    warmup: config.warmup,
    repeat: config.repeat,
    min_time: config.min_time,
    train_repeats: train.repeats,
    forward_repeats: forward.repeats,
    ort_repeats: ort?.repeats ?? null,
    train_step_ms: train.median_ms,
    train_step_min_ms: train.min_ms,
    forward_ms: forward.median_ms,
    forward_min_ms: forward.min_ms,
    ort_forward_ms: ort?.median_ms ?? null,
    ort_forward_min_ms: ort?.min_ms ?? null,
    ...flops,
    gflops: flops.train_step_flops / (train.median_ms * 1e6),
    forward_gflops: flops.forward_flops / (forward.median_ms * 1e6),
    loss_first: losses[train.warmups],
    loss_last: losses[losses.length - 1],
    warnings,
  };
}
