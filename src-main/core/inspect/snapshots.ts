// Weight snapshots kept in the project's run history (`history.snapshots`), so trajectories can be replayed at
// saved training steps and a PCA basis held fixed at one of them. The training part calls `withWeightSnapshot` at
// the run's snapshot cadence; the list stays bounded (MAX_SNAPSHOTS entries and MAX_SNAPSHOT_BYTES of float32 base64
// in all) by dropping the snapshot with the closest neighbours, so a long run keeps snapshots spread over its length.
import { z } from 'zod';
import { describeZodError, ProjectFileError } from '../errors';
import type { Project } from '../project/types';
import { paramLayout, shapeSize } from '../spec/params';
import type { Weights } from '../tensor';

export const MAX_SNAPSHOTS = 32;
export const MAX_SNAPSHOT_BYTES = 256 * 1024;

const storedSchema = z.array(
  z.strictObject({
    step: z.number().int().min(0),
    weights: z.record(z.string(), z.string({ error: 'expected base64 float32 text' })),
  }),
  { error: 'expected a list of {step, weights}' },
);
type Stored = z.output<typeof storedSchema>;

function readStored(history: Record<string, unknown> | null): Stored {
  const value = history?.snapshots;
  if (value === undefined || value === null) return [];
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) throw new ProjectFileError(`history snapshots: ${describeZodError(parsed.error, value)}`);
  return parsed.data;
}

const encode = (data: ArrayLike<number>): string => Buffer.from(Float32Array.from(data).buffer).toString('base64');
const bytesOf = (s: Stored[number]) => Object.values(s.weights).reduce((n, text) => n + text.length, 0);

/** The history section with a snapshot of `weights` at `step` added (replacing one at the same step), bounded. */
export function withWeightSnapshot(history: Record<string, unknown> | null, step: number, weights: Weights): Record<string, unknown> {
  let list = readStored(history).filter((s) => s.step !== step);
  list.push({ step, weights: Object.fromEntries(Object.entries(weights).map(([name, t]) => [name, encode(t.data)])) });
  list.sort((a, b) => a.step - b.step);
  const total = () => list.reduce((n, s) => n + bytesOf(s), 0);
  // Drop the snapshot whose neighbours are closest (never the first or the newest) until both bounds hold, so the
  // kept steps stay spread evenly over the whole run; a single oversized pair stays.
  while (list.length > 2 && (list.length > MAX_SNAPSHOTS || total() > MAX_SNAPSHOT_BYTES)) {
    let drop = 1;
    for (let i = 2; i < list.length - 1; i++) if (list[i + 1].step - list[i - 1].step < list[drop + 1].step - list[drop - 1].step) drop = i;
    list = list.filter((_, i) => i !== drop);
  }
  return { ...(history ?? {}), snapshots: list };
}

/** Steps with a saved snapshot, ascending. */
export function snapshotSteps(project: Project): number[] {
  return readStored(project.history).map((s) => s.step);
}

/** The weights saved at `step`, checked against the project's spec; one line when missing or damaged. */
export function snapshotWeights(project: Project, step: number): Weights {
  const list = readStored(project.history);
  const found = list.find((s) => s.step === step);
  if (!found) {
    const steps = list.map((s) => s.step);
    throw new ProjectFileError(`no snapshot at step ${step}: ${steps.length ? `saved steps are ${steps.slice(0, 12).join(', ')}${steps.length > 12 ? ', ...' : ''}` : 'this project has none (set run.snapshot_every before training)'}`);
  }
  const weights: Weights = {};
  for (const p of paramLayout(project.spec)) {
    const text = found.weights[p.name];
    const bytes = text === undefined ? null : Buffer.from(text, 'base64');
    if (!bytes || bytes.length !== shapeSize(p.shape) * 4) {
      throw new ProjectFileError(`snapshot at step ${step}: ${p.name} does not fit the model (edited since?): expected ${shapeSize(p.shape)} values`);
    }
    const f32 = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    weights[p.name] = { shape: [...p.shape], data: Float64Array.from(f32) };
  }
  return weights;
}
