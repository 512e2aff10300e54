// The run history in the project file (`history.runs`): each run's settings, final metrics, alerts, evaluations and
// curves, stored by column with 5 significant digits. Bounds: at most MAX_STORED_RUNS runs (the oldest go first),
// STORED_POINTS points per run, ||dL/dh_t|| profiles on every STORED_PROFILE_EVERY-th point (the lower layers' too when
// the run recorded every layer, run.all_layers), 10 alerts, 50 evaluations, 100 snapshot steps: about 20-50 KB per run
// for small models, whatever the number of steps (the test trains 100,000 steps of a tiny model: the file grows by
// ~150-250 KB including the CLI's own run history).
import { z } from 'zod';
import type { RunDetail, RunRecord, StepPoint } from '../../api/lab-api';
import { ProjectFileError } from '../errors';
import { describeZodError } from '../errors';
import { decimate } from '../train/step-points';
import { parseOldChangeLines, stopReasonOfOldRecord } from './stop-reason';

export const MAX_STORED_RUNS = 8;
export const STORED_POINTS = 150;
export const STORED_PROFILE_EVERY = 10;
const STORED_ALERTS = 10;
const STORED_EVALUATIONS = 50;
const STORED_SNAPSHOTS = 100;

const num = z.number().nullable();
const column = z.array(num);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const storedRunSchema = z.looseObject({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  changes: z.array(z.string()),
  // Added with the renderer's wording; older files have only the English above (recordOf reads that instead).
  changed: z.array(z.object({ field: z.string(), from: scalar, to: scalar })).optional(),
  steps: z.number(),
  stoppedBecause: z.string().nullable(),
  stopped: z.object({ kind: z.enum(['monitor', 'nonfinite-gradients', 'nonfinite-weights', 'compute-lost', 'failed']), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable().optional(),
  finalTrain: z.object({ loss: num }).nullable(),
  finalValidation: z.unknown(),
  finalTest: z.unknown(),
  alertCounts: z.record(z.string(), z.number()),
  alerts: z.array(z.unknown()),
  evaluations: z.array(z.unknown()),
  snapshotSteps: z.array(z.number()),
  curves: z.object({
    step: column, epoch: column, span: column, loss: column, lossMin: column, lossMax: column, lr: column,
    gradNorm: column, gradNormMax: column, action: z.array(z.string()),
    paramGradNorms: z.record(z.string(), column),
    paramWeightNorms: z.record(z.string(), column),
    profiles: z.record(z.string(), column),
    /** The layers below the last one (first layer first) on the profile points of runs that recorded every layer
     * (run.all_layers; the last layer is `profiles`). Absent in older files: their runs redraw the last layer only. */
    layerProfiles: z.record(z.string(), z.array(column)).optional(),
    spectral: z.record(z.string(), z.record(z.string(), z.object({ sigmaMax: num, bound: num }))),
    validation: z.record(z.string(), z.object({ loss: num, metrics: z.record(z.string(), num) })),
  }),
});
export type StoredRun = z.output<typeof storedRunSchema>;

const r = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(5)) : null);
const back = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v);

export function storeRun(detail: RunDetail): StoredRun {
  const points = decimate(detail.points, STORED_POINTS);
  const names = Object.keys(points.at(-1)?.paramGradNorms ?? {});
  const col = (f: (p: StepPoint) => number) => points.map((p) => r(f(p)));
  const isProfilePoint = (i: number) => i % STORED_PROFILE_EVERY === 0 || i === points.length - 1;
  const byIndex = <T>(pick: (p: StepPoint, i: number) => T | null) =>
    Object.fromEntries(points.flatMap((p, i) => {
      const v = pick(p, i);
      return v === null ? [] : [[String(i), v]];
    }));
  return {
    id: detail.id, startedAt: detail.startedAt, endedAt: detail.endedAt, settings: detail.settings, changes: detail.changes,
    changed: detail.changed, steps: detail.steps, stoppedBecause: detail.stoppedBecause, stopped: detail.stopped,
    finalTrain: detail.finalTrain ? { loss: r(detail.finalTrain.loss) } : null,
    finalValidation: detail.finalValidation, finalTest: detail.finalTest, alertCounts: detail.alertCounts,
    alerts: detail.alerts.slice(-STORED_ALERTS),
    evaluations: detail.evaluations.slice(-STORED_EVALUATIONS),
    snapshotSteps: detail.snapshotSteps.slice(-STORED_SNAPSHOTS),
    curves: {
      step: col((p) => p.step), epoch: col((p) => p.epoch), span: col((p) => p.span), loss: col((p) => p.loss),
      lossMin: col((p) => p.lossMin), lossMax: col((p) => p.lossMax), lr: col((p) => p.lr), gradNorm: col((p) => p.gradNorm),
      gradNormMax: col((p) => p.gradNormMax), action: points.map((p) => p.action),
      paramGradNorms: Object.fromEntries(names.map((n) => [n, col((p) => p.paramGradNorms[n] ?? Number.NaN)])),
      paramWeightNorms: Object.fromEntries(names.map((n) => [n, col((p) => p.paramWeightNorms[n] ?? Number.NaN)])),
      profiles: byIndex((p, i) => (isProfilePoint(i) ? p.timestepGradNorms.map(r) : null)),
      layerProfiles: byIndex((p, i) => (isProfilePoint(i) && p.layerTimestepGradNorms ? p.layerTimestepGradNorms.slice(0, -1).map((row) => row.map(r)) : null)),
      spectral: byIndex((p) => (p.spectral ? Object.fromEntries(Object.entries(p.spectral).map(([k, v]) => [k, { sigmaMax: r(v.sigmaMax), bound: r(v.bound) }])) : null)),
      validation: byIndex((p) => (p.validation ? { loss: r(p.validation.loss), metrics: Object.fromEntries(Object.entries(p.validation.metrics).map(([k, v]) => [k, r(v)])) } : null)),
    },
  };
}

export function restoreRun(stored: StoredRun): RunDetail {
  const c = stored.curves;
  const points: StepPoint[] = c.step.map((step, i) => {
    const spectral = c.spectral[i];
    const validation = c.validation[i];
    return {
      step: back(step), epoch: back(c.epoch[i]), span: back(c.span[i]), loss: back(c.loss[i]), lossMin: back(c.lossMin[i]),
      lossMax: back(c.lossMax[i]), lr: back(c.lr[i]), gradNorm: back(c.gradNorm[i]), gradNormMax: back(c.gradNormMax[i]),
      paramGradNorms: Object.fromEntries(Object.entries(c.paramGradNorms).map(([n, v]) => [n, back(v[i])])),
      paramWeightNorms: Object.fromEntries(Object.entries(c.paramWeightNorms).map(([n, v]) => [n, back(v[i])])),
      timestepGradNorms: (c.profiles[i] ?? []).map(back),
      layerTimestepGradNorms: layersAt(c, i),
      spectral: spectral ? Object.fromEntries(Object.entries(spectral).map(([k, v]) => [k, { sigmaMax: back(v.sigmaMax), bound: back(v.bound) }])) : null,
      action: (c.action[i] ?? 'applied') as StepPoint['action'],
      validation: validation ? { loss: back(validation.loss), metrics: Object.fromEntries(Object.entries(validation.metrics).map(([k, v]) => [k, back(v)])) } : null,
    };
  });
  return {
    ...recordOf(stored),
    points,
    alerts: stored.alerts as RunDetail['alerts'],
    evaluations: stored.evaluations as RunDetail['evaluations'],
    snapshotSteps: stored.snapshotSteps,
  };
}

/** Every layer's ||dL/dh_t|| at stored point i (the lower layers, then the last layer's profile); null when not kept. */
function layersAt(c: StoredRun['curves'], i: number): number[][] | null {
  const lower = c.layerProfiles?.[i];
  const last = c.profiles[i];
  return lower && last ? [...lower.map((row) => row.map(back)), last.map(back)] : null;
}

export function recordOf(stored: StoredRun): RunRecord {
  return {
    id: stored.id, startedAt: stored.startedAt, endedAt: stored.endedAt, settings: stored.settings, changes: stored.changes,
    changed: stored.changed ?? parseOldChangeLines(stored.changes),
    steps: stored.steps, stoppedBecause: stored.stoppedBecause,
    stopped: stored.stopped !== undefined ? stored.stopped : stopReasonOfOldRecord(stored.stoppedBecause),
    finalTrain: stored.finalTrain ? { loss: back(stored.finalTrain.loss) } : null,
    finalValidation: (stored.finalValidation ?? null) as RunRecord['finalValidation'],
    finalTest: (stored.finalTest ?? null) as RunRecord['finalTest'],
    alertCounts: stored.alertCounts,
  };
}

/** The stored runs of a project's history section, validated: a hand-edited file gives one line, not a TypeError. */
export function readStoredRuns(history: Record<string, unknown> | null): StoredRun[] {
  const runs = history?.runs;
  if (runs === undefined || runs === null) return [];
  const parsed = z.array(storedRunSchema).safeParse(runs);
  if (!parsed.success) throw new ProjectFileError(`history runs: ${describeZodError(parsed.error, runs)}`);
  return parsed.data;
}

/** The history section with `run` added (or replacing the stored run of the same id), bounded to MAX_STORED_RUNS. */
export function withStoredRun(history: Record<string, unknown> | null, runs: StoredRun[], run: StoredRun): Record<string, unknown> {
  const next = runs.filter((s) => s.id !== run.id);
  next.push(run);
  return { ...(history ?? {}), runs: next.slice(-MAX_STORED_RUNS) };
}
