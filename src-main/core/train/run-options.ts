// Run options: how a run executes rather than what it learns (engine, precision, snapshot cadence, every-layer
// gradient norms, threads, validation cadence). Stored in the project's training section as `run` (eval_every keeps
// its own older field); absent fields take defaults, so older project files read unchanged.
import { z } from 'zod';
import type { RunOptions } from '../../api/lab-api';
import { describeZodError, zodErrorCode } from '../errors';
import type { Project } from '../project/types';
import { TrainingSetupError } from './checkpoint';
import { MAX_THREADS } from './thread-limit';

export { MAX_THREADS };

export const runOptionsSchema = z.strictObject({
  engine: z.enum(['native', 'reference'], { error: "expected an engine 'native' or 'reference'" }).default('native'),
  precision: z.enum(['float32', 'float64'], { error: "expected a precision 'float32' or 'float64'" }).default('float32'),
  snapshot_every: z.number({ error: 'expected snapshot_every as a number' }).int({ error: 'expected snapshot_every as a whole number' }).min(0, { error: 'expected snapshot_every from 0 (none) to 1e9' }).max(1e9, { error: 'expected snapshot_every from 0 (none) to 1e9' }).default(0),
  all_layers: z.boolean({ error: 'expected all_layers as true or false' }).default(false),
  threads: z.number({ error: 'expected threads as a number' }).int({ error: 'expected threads as a whole number' }).min(0, { error: `expected threads from 0 (automatic) to ${MAX_THREADS}` }).max(MAX_THREADS, { error: `expected threads from 0 (automatic) to ${MAX_THREADS}` }).default(0),
  eval_every: z.number({ error: 'expected eval_every as a number' }).int({ error: 'expected eval_every as a whole number' }).min(1, { error: 'expected eval_every of at least 1 (or null: every epoch)' }).nullable().default(null),
}, { error: 'expected the run options as an object' });

export const DEFAULT_RUN_OPTIONS: RunOptions = runOptionsSchema.parse({});

/** Validates run options (missing fields take defaults); throws one line naming the field. */
export function parseRunOptions(value: unknown): RunOptions {
  const parsed = runOptionsSchema.safeParse(value ?? {});
  if (!parsed.success) throw new TrainingSetupError(`invalid run options: ${describeZodError(parsed.error, value)}`, zodErrorCode(parsed.error, value, 'run.'));
  return parsed.data;
}

/** The run options of a project: `training.run` plus `training.eval_every`. */
export function readRunOptions(project: Project): RunOptions {
  const training = project.training ?? {};
  const stored = typeof training.run === 'object' && training.run !== null ? training.run : {};
  return parseRunOptions({ ...stored, eval_every: training.eval_every ?? null });
}

/** The training section with `options` written in (eval_every in its own field). */
export function writeRunOptions(training: Record<string, unknown> | null, options: RunOptions): Record<string, unknown> {
  const { eval_every, ...run } = options;
  return { ...(training ?? {}), run, eval_every };
}
