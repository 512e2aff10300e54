// `rnnlab bench`: times one training step (forward + Linear head + MSE + BPTT + SGD) and one inference pass of a
// model on random data for a time budget, and prints the medians as one readable line or as JSON. The timing
// lives in core/bench.
import { Option, type Command } from 'commander';
import { emitJson, type CliIO } from '../io';
import { engineOption, parseNumberArg } from '../options';

interface BenchOptions {
  arch: string;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional?: boolean;
  seqLen: number;
  batch: number;
  threads: number | 'auto';
  engine?: 'native' | 'reference';
  precision?: 'float32' | 'float64';
  warmup: number;
  repeat: number;
  minTime: number;
  lr: number;
  seed: number;
  json?: boolean;
}

export function registerBench(program: Command, io: CliIO): void {
  program
    .command('bench')
    .description('time one training step and one forward pass of a model on random data (medians over a time budget)')
    .requiredOption('--arch <arch>', 'architecture: rnn, lstm, gru, elman, jordan or gated')
    .requiredOption('--input-size <n>', 'input features per step', parseNumberArg)
    .requiredOption('--hidden-size <n>', 'hidden units per layer and direction', parseNumberArg)
    .option('--num-layers <n>', 'stacked layers', parseNumberArg, 1)
    .option('--bidirectional', 'run each layer in both directions')
    .option('--seq-len <n>', 'time steps per sequence', parseNumberArg, 100)
    .option('--batch <n>', 'sequences per batch', parseNumberArg, 32)
    .option(
      '--threads <n>',
      "threads the native engine may use, or 'auto' (every core); it picks the count per model size",
      (value: string) => (value === 'auto' ? 'auto' : parseNumberArg(value)),
      1,
    )
    .addOption(engineOption())
    .addOption(
      new Option('--precision <p>', 'arithmetic: native defaults to float32 (training), reference is always float64').choices([
        'float32',
        'float64',
      ]),
    )
    .option('--warmup <n>', 'untimed steps first, at least (warm-up also lasts a fifth of --min-time)', parseNumberArg, 5)
    .option('--repeat <n>', 'timed steps at least (the median is reported)', parseNumberArg, 5)
    .option('--min-time <seconds>', 'time each measurement for at least this long after warm-up (0: exactly --repeat)', parseNumberArg, 1)
    .option('--lr <rate>', 'SGD learning rate of the timed steps', parseNumberArg, 1e-3)
    .option('--seed <n>', 'seed of the weights, inputs and targets', parseNumberArg, 0)
    .option('--json', 'print one JSON object (train_step_ms, forward_ms, gflops, the configuration, the engine)')
    .action(async (options: BenchOptions) => {
      // The core loads inside the action so that --help and usage errors start fast (see commands/index.ts).
      const { parseBenchConfig, runBench, formatBenchLine } = await import('../../core/bench/index');
      const { defaultThreadLimit } = await import('../../core/engine/native/threads');
      const config = parseBenchConfig({
        arch: options.arch,
        input_size: options.inputSize,
        hidden_size: options.hiddenSize,
        num_layers: options.numLayers,
        bidirectional: options.bidirectional ?? false,
        seq_len: options.seqLen,
        batch: options.batch,
        threads: options.threads === 'auto' ? defaultThreadLimit() : options.threads,
        engine: options.engine,
        precision: options.precision,
        warmup: options.warmup,
        repeat: options.repeat,
        min_time: options.minTime,
        lr: options.lr,
        seed: options.seed,
      });
      const result = await runBench(config);
      for (const warning of result.warnings) io.err(`rnnlab: warning: ${warning}\n`);
      if (options.json) emitJson(io, result, undefined);
      else io.out(formatBenchLine(result) + '\n');
    });
}
