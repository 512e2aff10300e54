// Training settings: the zod schema (ranges, defaults, cross-field rules) and `parseTrainingSettings(unknown)`,
// the only way settings enter the core (CLI flags, project files, IPC). Field names are snake_case like the spec's.
import { z } from 'zod';
import type { MessageParams } from '../../api/types/messages';
import { describeZodError, LabError, zodErrorCode, type CodedError } from '../errors';
import type { OptimizerSettings } from './optim/types';
import type { ScheduleSettings } from './schedules';

export class TrainingSettingsError extends LabError {}

export type ClipSettings = { mode: 'none' } | { mode: 'norm'; max_norm: number } | { mode: 'value'; clip_value: number };

/** Full backpropagation through the whole sequence, or Williams & Peng's BPTT(k1, k2): every k1 steps, k2 back. */
export type BpttSettings = { mode: 'full' } | { mode: 'truncated'; k1: number; k2: number };

export interface TrainingSettings {
  optimizer: OptimizerSettings;
  /** Base learning rate (the schedule scales it). Default: 0.01 for SGD and RMSprop, 0.001 for Adam. */
  lr: number;
  schedule: ScheduleSettings;
  /** 'step': the schedule advances once per optimiser step; 'epoch': once per pass over the training set. */
  schedule_unit: 'step' | 'epoch';
  clip: ClipSettings;
  batch_size: number;
  /** Exactly one of epochs and steps is set; the other is null. */
  epochs: number | null;
  steps: number | null;
  bptt: BpttSettings;
  seed: number;
}

export const DEFAULT_LR: Record<OptimizerSettings['kind'], number> = { sgd: 0.01, adam: 0.001, rmsprop: 0.01 };
export const DEFAULT_EPOCHS = 100;
const MAX_COUNT = 1e9;
const MAX_SEED = 2 ** 32 - 1;

/** The type message: "found nothing" for a missing field (describeZodError shows only values found); NaN and
 * Infinity are numbers to a user, so they hear "finite". */
const numberError = (what: string) => (issue: { input?: unknown }) => {
  if (issue.input === undefined) return `expected ${what} as a number, found nothing`;
  return typeof issue.input === 'number' ? `expected ${what} as a finite number` : `expected ${what} as a number`;
};
/** `bounds` is the range as a code and numbers (errors.ts zodErrorCode), which the renderer words. */
const num = (what: string, ok: (v: number) => boolean, range: string, bounds: MessageParams) =>
  z.number({ error: numberError(what) }).refine((v) => Number.isFinite(v) && ok(v), { error: `expected ${what} ${range}`, params: bounds });
const count = (what: string, min = 1, max = MAX_COUNT) =>
  z
    .number({ error: numberError(what) })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: `expected ${what} from ${min} to ${max}` })
    .max(max, { error: `expected ${what} from ${min} to ${max}` });
const fraction = (what: string) => num(what, (v) => v >= 0 && v < 1, 'in [0, 1)', { code: 'field-out-of-range', min: 0, max: 1 });
const nonNegative = (what: string) => num(what, (v) => v >= 0, '>= 0', { code: 'field-too-small', min: 0, exclusive: 0 });
const positive = (what: string) => num(what, (v) => v > 0, 'above 0', { code: 'field-too-small', min: 0, exclusive: 1 });
const flag = () => z.boolean({ error: 'expected true or false' });
/** One-of message; "found nothing" when the value, or the discriminator `key` of an object, is absent. */
const oneOf = (kinds: string[], key?: string) => {
  const expected = `expected one of ${kinds.map((k) => `'${k}'`).join(', ')}`;
  const absent = (input: unknown) =>
    input === undefined || (key !== undefined && typeof input === 'object' && input !== null && !(key in input));
  return { error: (issue: { input?: unknown }) => (absent(issue.input) ? `${expected}, found nothing` : expected) };
};
/** A bare name stands for the object with only its discriminator: "sgd" = { kind: "sgd" }, "full" = { mode: "full" }. */
const shorthand = <T extends z.ZodType>(key: 'kind' | 'mode', schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? { [key]: v } : v), schema);

const optimizerSchema = shorthand(
  'kind',
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('sgd'),
        momentum: fraction('a momentum').default(0),
        dampening: num('a dampening', (v) => v >= 0 && v <= 1, 'in [0, 1]', { code: 'field-in-range', min: 0, max: 1 }).default(0),
        nesterov: flag().default(false),
        weight_decay: nonNegative('a weight decay').default(0),
      }),
      z.strictObject({
        kind: z.literal('adam'),
        beta1: fraction('beta1').default(0.9),
        beta2: fraction('beta2').default(0.999),
        eps: positive('eps').default(1e-8),
        weight_decay: nonNegative('a weight decay').default(0),
        amsgrad: flag().default(false),
      }),
      z.strictObject({
        kind: z.literal('rmsprop'),
        alpha: fraction('alpha').default(0.99),
        eps: positive('eps').default(1e-8),
        momentum: fraction('a momentum').default(0),
        centered: flag().default(false),
        weight_decay: nonNegative('a weight decay').default(0),
      }),
    ],
    oneOf(['sgd', 'adam', 'rmsprop'], 'kind'),
  ),
);

const warmupSchema = z.strictObject({
  steps: count('warmup steps'),
  start_factor: num('a start factor', (v) => v > 0 && v <= 1, 'in (0, 1]', { code: 'field-in-range-above', min: 0, max: 1 }).default(0.1),
});
const withWarmup = { warmup: warmupSchema.nullable().default(null) };

const scheduleSchema = shorthand(
  'kind',
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('constant'), ...withWarmup }),
      z.strictObject({ kind: z.literal('step'), step_size: count('a step size'), gamma: positive('gamma').default(0.1), ...withWarmup }),
      z.strictObject({ kind: z.literal('exponential'), gamma: positive('gamma'), ...withWarmup }),
      z.strictObject({ kind: z.literal('cosine'), t_max: count('t_max'), eta_min: nonNegative('eta_min').default(0), ...withWarmup }),
    ],
    oneOf(['constant', 'step', 'exponential', 'cosine'], 'kind'),
  ),
);

const clipSchema = shorthand(
  'mode',
  z.discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('none') }),
      z.strictObject({ mode: z.literal('norm'), max_norm: positive('max_norm') }),
      z.strictObject({ mode: z.literal('value'), clip_value: positive('clip_value') }),
    ],
    oneOf(['none', 'norm', 'value'], 'mode'),
  ),
);

const bpttSchema = shorthand(
  'mode',
  z.discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('full') }),
      z.strictObject({ mode: z.literal('truncated'), k1: count('k1'), k2: count('k2') }),
    ],
    oneOf(['full', 'truncated'], 'mode'),
  ),
);

export const trainingSettingsSchema = z.strictObject({
  optimizer: optimizerSchema.default({ kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false }),
  lr: positive('a learning rate').optional(),
  schedule: scheduleSchema.default({ kind: 'constant', warmup: null }),
  schedule_unit: z.enum(['step', 'epoch'], oneOf(['step', 'epoch'])).default('step'),
  clip: clipSchema.default({ mode: 'none' }),
  batch_size: count('a batch size', 1, 65536).default(32),
  epochs: count('a number of epochs').nullable().optional(),
  steps: count('a number of steps').nullable().optional(),
  bptt: bpttSchema.default({ mode: 'full' }),
  seed: count('a seed', 0, MAX_SEED).default(0),
});

const SHORTHAND_KEYS = { optimizer: 'kind', schedule: 'kind', clip: 'mode', bptt: 'mode' } as const;

/** The settings with each bare-name shorthand written out, so an error finds the value at its path (clip.mode). */
function expandShorthands(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [field, key] of Object.entries(SHORTHAND_KEYS)) if (typeof out[field] === 'string') out[field] = { [key]: out[field] };
  return out;
}

/** Rules across fields; returns the first broken one. */
function crossFieldProblem(s: TrainingSettings): { sentence: string; coded: CodedError } | null {
  const o = s.optimizer;
  if (o.kind === 'sgd' && o.nesterov && (o.momentum === 0 || o.dampening !== 0)) {
    return {
      sentence: `optimizer.nesterov: needs momentum > 0 and dampening = 0, found momentum ${o.momentum}, dampening ${o.dampening}`,
      coded: { code: 'settings-nesterov', params: { field: 'training.optimizer.nesterov', momentum: o.momentum, dampening: o.dampening } },
    };
  }
  if (s.epochs !== null && s.steps !== null) {
    return {
      sentence: `epochs, steps: expected one of them, found both (${s.epochs} epochs, ${s.steps} steps)`,
      coded: { code: 'settings-epochs-and-steps', params: { field: 'training.steps', epochs: s.epochs, steps: s.steps } },
    };
  }
  if (s.bptt.mode === 'truncated' && s.bptt.k2 < s.bptt.k1) {
    return {
      sentence: `bptt.k2: expected k2 >= k1 so every step's loss is backpropagated, found k1 = ${s.bptt.k1}, k2 = ${s.bptt.k2}`,
      coded: { code: 'settings-bptt-k2', params: { field: 'training.bptt.k2', k1: s.bptt.k1, k2: s.bptt.k2 } },
    };
  }
  return null;
}

/** Validates anything that claims to be training settings; fills defaults; throws TrainingSettingsError with one line. */
export function parseTrainingSettings(value: unknown): TrainingSettings {
  const parsed = trainingSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const shown = expandShorthands(value);
    throw new TrainingSettingsError(`invalid training settings: ${describeZodError(parsed.error, shown)}`, zodErrorCode(parsed.error, shown, 'training.'));
  }
  const raw = parsed.data;
  const epochs = raw.epochs ?? null;
  const steps = raw.steps ?? null;
  const settings: TrainingSettings = {
    ...raw,
    lr: raw.lr ?? DEFAULT_LR[raw.optimizer.kind],
    epochs: epochs === null && steps === null ? DEFAULT_EPOCHS : epochs,
    steps,
  };
  const problem = crossFieldProblem(settings);
  if (problem) throw new TrainingSettingsError(`invalid training settings: ${problem.sentence}`, problem.coded);
  return settings;
}
