// What one benchmark run measures: the model (a recurrent stack plus a Linear(D*H -> 1) head), the batch shape,
// the engine, its precision and thread limit, and how long to warm up and to time (a time budget with minimum counts).
// `parseBenchConfig(unknown)` validates CLI flags or script input; model fields go through parseModelSpec.
import { z } from 'zod';
import { describeZodError, SpecError } from '../errors';
import type { EngineName } from '../engine/types';
import { parseModelSpec } from '../spec/schema';
import { ARCHITECTURES, type ModelSpec } from '../spec/types';

export type Precision = 'float32' | 'float64';

export interface BenchConfig {
  arch: ModelSpec['arch'];
  input_size: number;
  hidden_size: number;
  num_layers: number;
  bidirectional: boolean;
  seq_len: number;
  batch: number;
  /** Threads the native engine may use (a limit: it picks the count per model size); the reference engine ignores it. */
  threads: number;
  /** Requested engine; undefined means the default (native, falling back to reference). */
  engine?: EngineName;
  /** Requested precision; undefined means the engine's training default (native float32, reference float64). */
  precision?: Precision;
  /** Untimed steps at least (warm-up also lasts at least a fifth of min_time). */
  warmup: number;
  /** Timed steps at least. */
  repeat: number;
  /** Seconds of timed steps at least, per measurement (train step, forward, onnxruntime); 0 = exactly `repeat`. */
  min_time: number;
  /** SGD learning rate of the timed step; small so hundreds of repeats keep the weights sane. */
  lr: number;
  /** Seed of the weights, inputs and targets. */
  seed: number;
}

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: `expected ${what} from ${min} to ${max}` })
    .max(max, { error: `expected ${what} from ${min} to ${max}` });

const benchConfigSchema = z.strictObject({
  arch: z.enum(ARCHITECTURES, { error: `expected one of ${ARCHITECTURES.join(', ')}` }),
  input_size: z.number(),
  hidden_size: z.number(),
  num_layers: z.number().default(1),
  bidirectional: z.boolean({ error: 'expected true or false' }).default(false),
  seq_len: count('a sequence length', 1, 100_000),
  batch: count('a batch size', 1, 100_000),
  threads: count('a thread count', 1, 256).default(1),
  engine: z.enum(['native', 'reference'], { error: 'expected native or reference' }).optional(),
  precision: z.enum(['float32', 'float64'], { error: 'expected float32 or float64' }).optional(),
  warmup: count('a warm-up count', 0, 100_000).default(5),
  repeat: count('a repeat count', 1, 100_000).default(5),
  min_time: z
    .number({ error: 'expected a time budget in seconds' })
    .refine((v) => Number.isFinite(v) && v >= 0 && v <= 600, { error: 'expected a time budget from 0 to 600 seconds' })
    .default(1),
  lr: z.number().refine((v) => Number.isFinite(v) && v >= 0, { error: 'expected a learning rate >= 0' }).default(1e-3),
  seed: count('a seed', 0, 2 ** 32 - 1).default(0),
});

/** Validates a benchmark configuration; throws SpecError with one line on failure. */
export function parseBenchConfig(value: unknown): BenchConfig {
  const parsed = benchConfigSchema.safeParse(value);
  if (!parsed.success) throw new SpecError(`invalid benchmark configuration: ${describeZodError(parsed.error, value)}`);
  const config = parsed.data as BenchConfig;
  benchSpec(config); // model fields: the spec schema's own ranges and cross-field rules
  return config;
}

/** The benchmarked model: the recurrent stack of the config with a one-output linear head at every step. */
export function benchSpec(config: BenchConfig): ModelSpec {
  return parseModelSpec({
    arch: config.arch,
    input_size: config.input_size,
    hidden_size: config.hidden_size,
    num_layers: config.num_layers,
    bidirectional: config.bidirectional,
    output_size: 1,
    init: { seed: config.seed },
  });
}
