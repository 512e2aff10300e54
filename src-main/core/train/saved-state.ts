// Schemas for what a project file keeps about a run and is read back on resume: the checkpoint (trainer counters,
// optimiser and monitor state, exact weights) and the saved alerts of the run history. A hand-edited or damaged file
// gives one line naming the field ("checkpoint: trainer.step: expected ..."), never a TypeError deep in the trainer.
import { z } from 'zod';
import { describeZodError } from '../errors';
import type { Alert } from '../monitor/alerts';
import type { Checkpoint } from './checkpoint';

const count = (what: string) => z.number({ error: `expected ${what} as a number` }).int({ error: `expected ${what} as a whole number` }).min(0, { error: `expected ${what} >= 0` });
const finite = (what: string) => z.number({ error: `expected ${what} as a number` });
const stepRecord = z.record(z.string(), z.number({ error: 'expected a step number' }));

const trainerStateSchema = z.object({
  step: count('a step'),
  epoch: count('an epoch'),
  batchIndex: count('a batch index'),
  optimizer: z.object({
    kind: z.enum(['sgd', 'adam', 'rmsprop'], { error: "expected an optimiser kind 'sgd', 'adam' or 'rmsprop'" }),
    params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string()], { error: 'expected a counter or a base64 buffer' }))),
  }, { error: 'expected the optimiser state as an object' }),
  monitor: z.object({
    average: z.object({ ema: finite('a running mean'), count: count('a count') }),
    rateLimit: z.object({ lastStep: stepRecord, held: stepRecord }),
    spectralVectors: z.record(z.string(), z.array(finite('a vector entry'))),
    lastSpectral: z.array(z.looseObject({ key: z.string(), sigmaMax: z.number() })).nullable(),
    stepsObserved: count('a number of steps'),
  }, { error: 'expected the monitor state as an object' }),
  stoppedBecause: z.string({ error: 'expected a reason as text or null' }).nullable(),
  // Added beside the sentence; older checkpoints lack it.
  stopped: z.object({
    kind: z.enum(['monitor', 'nonfinite-gradients', 'nonfinite-weights', 'compute-lost', 'failed'], { error: 'expected a stop kind' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }, { error: 'expected why the run stopped as {kind, params} or null' }).nullable().optional(),
}, { error: 'expected the trainer state as an object' });

const checkpointSchema = z.object({
  trainer: trainerStateSchema,
  weights_f64: z.record(z.string(), z.string({ error: 'expected base64 text' }), { error: 'expected weights_f64 as an object of name: base64' }),
}, { error: 'expected a checkpoint object (or null)' });

/** The checkpoint of a training section, validated; null when there is none. Throws `makeError(line)`. */
export function parseCheckpoint(value: unknown, makeError: (line: string) => Error): Checkpoint | null {
  if (value === null || value === undefined) return null;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) throw makeError(`checkpoint: ${describeZodError(parsed.error, value)}`);
  return parsed.data as unknown as Checkpoint;
}

const remedySchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  target: z.enum(['spec', 'training']),
  patch: z.record(z.string(), z.unknown()),
});

const alertSchema = z.looseObject({
  kind: z.enum(['vanishing', 'exploding', 'nonfinite']),
  rule: z.string(),
  step: count('a step'),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  param: z.string().nullable(),
  message: z.string(),
  remedies: z.array(remedySchema),
  suppressed: count('a count'),
});

/** Saved alerts of a run history (absent: none); throws `makeError(line)` naming the first bad field. */
export function parseSavedAlerts(value: unknown, makeError: (line: string) => Error): Alert[] {
  if (value === undefined || value === null) return [];
  const parsed = z.array(alertSchema, { error: 'expected a list of alerts' }).safeParse(value);
  if (!parsed.success) throw makeError(`history alerts: ${describeZodError(parsed.error, value)}`);
  return parsed.data as unknown as Alert[];
}
