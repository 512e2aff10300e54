// Monitor settings: the thresholds that raise alerts, the policy for each alert kind, rate limiting and how often
// the spectral bounds are measured. `parseMonitorSettings(unknown)` fills defaults and throws a one-line error.
// The rules themselves (when each threshold fires) are in rules.ts; docs/monitor.md explains every number.
import { z } from 'zod';
import { describeZodError, LabError } from '../errors';

export class MonitorSettingsError extends LabError {}

const num = (what: string, ok: (v: number) => boolean, range: string) =>
  z.number({ error: `expected ${what} as a number` }).refine((v) => Number.isFinite(v) && ok(v), { error: `expected ${what} ${range}` });
const positive = (what: string) => num(what, (v) => v > 0, 'above 0');
const count = (what: string, min: number) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: `expected ${what} of at least ${min}` })
    .max(1e9, { error: `expected ${what} of at most 1e9` });
const policy = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected a policy among ${values.map((v) => `'${v}'`).join(', ')}` });

const section = (what: string) => ({ error: `expected the ${what} settings as an object` });
const ROLES = ['input', 'recurrent', 'bias', 'head', 'head_bias', 'shortcut', 'state'] as const;

const explodingSchema = z.strictObject({
  /** Absolute limit on the global gradient norm. */
  max_norm: positive('max_norm').default(1e4),
  /** Fires when the global norm exceeds this multiple of its running mean (after warm-up). */
  mean_multiple: num('mean_multiple', (v) => v > 1, 'above 1').default(10),
  /** Decay of the exponential moving average of the global norm (bias-corrected, as Adam's moments). */
  ema_decay: num('ema_decay', (v) => v > 0 && v < 1, 'in (0, 1)').default(0.98),
  /** Finite steps observed before the running-mean rule may fire. */
  warmup_steps: count('warmup_steps', 0).default(20),
  /**
   * Floor of the running-mean rule: it fires only when the norm is also above this fraction of the weights' norm,
   * so that a jump from nothing to almost nothing (a converged run) is not called an explosion. 0 turns it off.
   */
  min_weight_ratio: num('min_weight_ratio', (v) => v >= 0, '>= 0').default(1e-2),
  policy: policy(['warn', 'clip', 'stop'] as const).default('warn'),
  /** Norm to clip to under policy 'clip'; null: the running mean once warmed up, else max_norm. */
  clip_to: positive('clip_to').nullable().default(null),
}, section('exploding'));

const vanishingSchema = z.strictObject({
  /** Fires when ||dL/dh_1|| / ||dL/dh_T|| of the last layer falls below this. */
  min_ratio: positive('min_ratio').default(1e-3),
  /** Fires when a watched parameter's gradient norm falls below this (0 turns the rule off). */
  min_param_norm: num('min_param_norm', (v) => v >= 0, '>= 0').default(1e-10),
  /**
   * Floor of the min_param_norm rule: the parameter's gradient must also be below this fraction of the whole
   * gradient's norm. A converged network has tiny gradients everywhere; vanishing is when these weights get almost
   * nothing while the others still learn. 1 turns the floor off.
   */
  max_param_share: num('max_param_share', (v) => v > 0 && v <= 1, 'in (0, 1]').default(1e-3),
  /** Roles (spec/params.ts) whose parameters the min_param_norm rule watches. */
  param_roles: z
    .array(z.enum(ROLES, { error: `expected a role among ${ROLES.join(', ')}` }), { error: 'expected a list of parameter roles' })
    .default(['recurrent']),
  policy: policy(['warn', 'stop'] as const).default('warn'),
}, section('vanishing'));

const nonfiniteSchema = z.strictObject({
  policy: policy(['stop', 'skip'] as const).default('stop'),
}, section('nonfinite'));

export const monitorSettingsSchema = z.strictObject({
  exploding: explodingSchema.default(explodingSchema.parse({})),
  vanishing: vanishingSchema.default(vanishingSchema.parse({})),
  nonfinite: nonfiniteSchema.default({ policy: 'stop' }),
  /** At most one alert of each kind per this many steps; the ones held back are counted in the next alert. */
  alert_every: count('alert_every', 1).default(100),
  /** Measure sigma_max of the recurrent matrices every this many steps (1 = every step). */
  spectral_every: count('spectral_every', 1).default(10),
  /**
   * Power-iteration stopping rule (power-iteration.ts): stop when sigma_max changes by at most this fraction between
   * iterations, or after this many iterations (the next measurement continues from where this one stopped).
   */
  spectral_tolerance: num('spectral_tolerance', (v) => v > 0 && v < 1, 'in (0, 1)').default(1e-6),
  spectral_max_iterations: count('spectral_max_iterations', 1).default(200),
});

export type MonitorSettings = z.output<typeof monitorSettingsSchema>;
export type AlertPolicy = MonitorSettings['exploding']['policy'] | MonitorSettings['vanishing']['policy'] | MonitorSettings['nonfinite']['policy'];

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = monitorSettingsSchema.parse({});

/** Validates anything that claims to be monitor settings (missing fields take defaults). */
export function parseMonitorSettings(value: unknown): MonitorSettings {
  const parsed = monitorSettingsSchema.safeParse(value ?? {});
  if (!parsed.success) throw new MonitorSettingsError(`invalid monitor settings: ${describeZodError(parsed.error, value)}`);
  return parsed.data;
}
