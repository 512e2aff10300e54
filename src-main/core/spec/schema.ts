// Validation of model specs: every field range-checked, every cross-field rule stated, defaults filled in.
// `parseModelSpec(unknown)` is the only way a spec enters the core (CLI flags, project files, IPC).
import { z } from 'zod';
import type { ErrorCode } from '../../api/types/messages';
import { describeZodError, SpecError, zodErrorCode, type CodedError } from '../errors';
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
    .refine((v) => Number.isFinite(v) && v > 0, { error: `expected ${what} as a finite number above 0`, params: { code: 'field-too-small', min: 0, exclusive: 1 } });

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
    .refine((v) => Number.isFinite(v) && v >= 0 && v < 1, { error: 'expected a dropout probability in [0, 1)', params: { code: 'field-out-of-range', min: 0, max: 1 } })
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

/** A broken cross-field rule: the English line (after "invalid model spec: ") and its code for the renderer. */
interface SpecProblem extends CodedError {
  message: string;
}

const problem = (message: string, code: ErrorCode, params: CodedError['params']): SpecProblem => ({ message, code, params });

/** Cross-field rules that a single field's schema cannot express. Returns the first broken rule. */
function crossFieldProblem(s: ModelSpec): SpecProblem | null {
  const single = s.arch === 'elman' || s.arch === 'jordan' || s.arch === 'gated';
  const arch = s.arch;
  if (single && s.num_layers !== 1) return problem(`num_layers: ${arch} networks have one layer, found ${s.num_layers}`, 'spec-one-layer', { field: 'num_layers', arch, found: s.num_layers });
  if (single && s.bidirectional) return problem(`bidirectional: ${arch} networks run forward only`, 'spec-forward-only', { field: 'bidirectional', arch });
  if (s.dropout > 0 && s.num_layers === 1) {
    return problem('dropout: applies between stacked layers, so it needs num_layers >= 2, found num_layers = 1', 'spec-dropout-needs-layers', { field: 'dropout' });
  }
  if ((arch === 'lstm' || arch === 'gru' || arch === 'gated') && s.nonlinearity !== 'tanh') {
    return problem(`nonlinearity: ${arch} has fixed tanh/sigmoid gates, found '${s.nonlinearity}'`, 'spec-fixed-gates', { field: 'nonlinearity', arch, found: s.nonlinearity });
  }
  if (arch === 'jordan' && s.output_size < 1) return problem('output_size: a jordan network feeds its output back, so it needs output_size >= 1', 'spec-jordan-needs-output', { field: 'output_size' });
  if (s.shortcut && arch !== 'elman') return problem(`shortcut: only elman networks have an input-to-output shortcut, found arch '${arch}'`, 'spec-shortcut-elman-only', { field: 'shortcut', arch });
  if (s.shortcut && s.output_size < 1) return problem('shortcut: needs an output layer (output_size >= 1)', 'spec-shortcut-needs-output', { field: 'shortcut' });
  if (s.learn_h0 && arch !== 'gated') return problem(`learn_h0: only gated networks learn their initial state, found arch '${arch}'`, 'spec-learn-h0-gated-only', { field: 'learn_h0', arch });
  if (s.output_size === 0 && s.output_activation !== 'none') {
    return problem(`output_activation: '${s.output_activation}' needs an output layer (output_size >= 1)`, 'spec-activation-needs-output', { field: 'output_activation', found: s.output_activation });
  }
  if (s.init.spectral_radius !== null && arch === 'jordan') {
    return problem('init.spectral_radius: a jordan network has no square recurrent matrix to rescale', 'spec-jordan-no-spectral-radius', { field: 'init.spectral_radius' });
  }
  if (s.init.scheme === 'identity' && arch === 'jordan') {
    return problem("init.scheme: 'identity' needs a square recurrent matrix, which a jordan network lacks", 'spec-jordan-no-identity', { field: 'init.scheme' });
  }
  return null;
}

/** Validates anything that claims to be a model spec; throws SpecError with one line on failure. */
export function parseModelSpec(value: unknown): ModelSpec {
  const parsed = modelSpecSchema.safeParse(value);
  if (!parsed.success) throw new SpecError(`invalid model spec: ${describeZodError(parsed.error, value)}`, zodErrorCode(parsed.error, value));
  const spec = parsed.data as ModelSpec;
  const broken = crossFieldProblem(spec);
  if (broken) throw new SpecError(`invalid model spec: ${broken.message}`, broken);
  return spec;
}
