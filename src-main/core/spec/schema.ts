// Validation of model specs: every field range-checked, every cross-field rule stated, defaults filled in.
// `parseModelSpec(unknown)` is the only way a spec enters the core (CLI flags, project files, IPC).
import { z } from 'zod';
import { describeZodError, SpecError } from '../errors';
import { ARCHITECTURES, INIT_SCHEMES, NONLINEARITIES, OUTPUT_ACTIVATIONS, type ModelSpec } from './types';

export const LIMITS = {
  size: 4096,
  layers: 16,
  seed: 2 ** 32 - 1,
} as const;

const size = (what: string, min: number) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `expected a whole number` })
    .min(min, { error: `expected ${what} from ${min} to ${LIMITS.size}` })
    .max(LIMITS.size, { error: `expected ${what} from ${min} to ${LIMITS.size}` });

const positive = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .refine((v) => Number.isFinite(v) && v > 0, { error: `expected ${what} as a finite number above 0` });

export const initSpecSchema = z.strictObject({
  scheme: z.enum(INIT_SCHEMES, { error: `expected one of ${INIT_SCHEMES.join(', ')}` }).default('pytorch'),
  gain: positive('a gain').default(1),
  spectral_radius: positive('a spectral radius').nullable().default(null),
  seed: z
    .number({ error: 'expected a seed as a number' })
    .int({ error: 'expected a whole-number seed' })
    .min(0, { error: `expected a seed from 0 to ${LIMITS.seed}` })
    .max(LIMITS.seed, { error: `expected a seed from 0 to ${LIMITS.seed}` })
    .default(0),
});

export const modelSpecSchema = z.strictObject({
  arch: z.enum(ARCHITECTURES, { error: `expected one of ${ARCHITECTURES.join(', ')}` }),
  input_size: size('an input size', 1),
  hidden_size: size('a hidden size', 1),
  num_layers: z
    .number({ error: 'expected a number of layers' })
    .int({ error: 'expected a whole number' })
    .min(1, { error: `expected from 1 to ${LIMITS.layers} layers` })
    .max(LIMITS.layers, { error: `expected from 1 to ${LIMITS.layers} layers` })
    .default(1),
  nonlinearity: z.enum(NONLINEARITIES, { error: `expected one of ${NONLINEARITIES.join(', ')}` }).default('tanh'),
  bias: z.boolean({ error: 'expected true or false' }).default(true),
  batch_first: z.boolean({ error: 'expected true or false' }).default(true),
  dropout: z
    .number({ error: 'expected a dropout probability' })
    .refine((v) => Number.isFinite(v) && v >= 0 && v < 1, { error: 'expected a dropout probability in [0, 1)' })
    .default(0),
  bidirectional: z.boolean({ error: 'expected true or false' }).default(false),
  output_size: size('an output size', 0).default(0),
  output_activation: z
    .enum(OUTPUT_ACTIVATIONS, { error: `expected one of ${OUTPUT_ACTIVATIONS.join(', ')}` })
    .default('none'),
  shortcut: z.boolean({ error: 'expected true or false' }).default(false),
  learn_h0: z.boolean({ error: 'expected true or false' }).default(false),
  init: initSpecSchema.default({ scheme: 'pytorch', gain: 1, spectral_radius: null, seed: 0 }),
});

/** Cross-field rules that a single field's schema cannot express. Returns the first broken rule. */
function crossFieldProblem(s: ModelSpec): string | null {
  const single = s.arch === 'elman' || s.arch === 'jordan' || s.arch === 'gated';
  if (single && s.num_layers !== 1) return `num_layers: ${s.arch} networks have one layer, found ${s.num_layers}`;
  if (single && s.bidirectional) return `bidirectional: ${s.arch} networks run forward only`;
  if (s.dropout > 0 && s.num_layers === 1) {
    return `dropout: applies between stacked layers, so it needs num_layers >= 2, found num_layers = 1`;
  }
  if ((s.arch === 'lstm' || s.arch === 'gru' || s.arch === 'gated') && s.nonlinearity !== 'tanh') {
    return `nonlinearity: ${s.arch} has fixed tanh/sigmoid gates, found '${s.nonlinearity}'`;
  }
  if (s.arch === 'jordan' && s.output_size < 1) return 'output_size: a jordan network feeds its output back, so it needs output_size >= 1';
  if (s.shortcut && s.arch !== 'elman') return `shortcut: only elman networks have an input-to-output shortcut, found arch '${s.arch}'`;
  if (s.shortcut && s.output_size < 1) return 'shortcut: needs an output layer (output_size >= 1)';
  if (s.learn_h0 && s.arch !== 'gated') return `learn_h0: only gated networks learn their initial state, found arch '${s.arch}'`;
  if (s.output_size === 0 && s.output_activation !== 'none') {
    return `output_activation: '${s.output_activation}' needs an output layer (output_size >= 1)`;
  }
  if (s.init.spectral_radius !== null && s.arch === 'jordan') {
    return 'init.spectral_radius: a jordan network has no square recurrent matrix to rescale';
  }
  if (s.init.scheme === 'identity' && s.arch === 'jordan') {
    return "init.scheme: 'identity' needs a square recurrent matrix, which a jordan network lacks";
  }
  return null;
}

/** Validates anything that claims to be a model spec; throws SpecError with one line on failure. */
export function parseModelSpec(value: unknown): ModelSpec {
  const parsed = modelSpecSchema.safeParse(value);
  if (!parsed.success) throw new SpecError(`invalid model spec: ${describeZodError(parsed.error, value)}`);
  const spec = parsed.data as ModelSpec;
  const problem = crossFieldProblem(spec);
  if (problem) throw new SpecError(`invalid model spec: ${problem}`);
  return spec;
}
