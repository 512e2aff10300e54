// The record of one run while it happens, as the host keeps it: every point drawn so far (bounded by decimation),
// alerts, evaluations, snapshot steps and the final results. `detail()` is what a reloaded page redraws
// (getRun('current')); training-store.ts writes a smaller copy into the project's run history.
import type { AlertView, EvaluationView, FieldChange, RunDetail, StepPoint, StopReason } from '../../api/lab-api';
import { decimate } from '../train/step-points';

/** The current run keeps at most this many points (it halves them by merging neighbours when full). */
export const CURRENT_MAX_POINTS = 1000;
const MAX_ALERTS = 200;
const MAX_EVALUATIONS = 200;
const MAX_SNAPSHOT_STEPS = 500;

export class RunLog {
  points: StepPoint[] = [];
  alerts: AlertView[] = [];
  evaluations: EvaluationView[] = [];
  snapshotSteps: number[] = [];
  alertCounts: Record<string, number> = {};
  steps = 0;
  endedAt: string | null = null;
  stoppedBecause: string | null = null;
  stopped: StopReason | null = null;
  finalValidation: EvaluationView | null = null;
  finalTest: EvaluationView | null = null;

  constructor(
    readonly id: string,
    readonly startedAt: string,
    readonly settings: Record<string, unknown>,
    readonly changes: string[],
    readonly changed: FieldChange[] = [],
  ) {}

  addPoints(points: StepPoint[]): void {
    this.points.push(...points);
    if (this.points.length > CURRENT_MAX_POINTS) this.points = decimate(this.points, CURRENT_MAX_POINTS / 2);
    const last = points.at(-1);
    if (last) this.steps = Math.max(this.steps, last.step);
  }

  addAlert(alert: AlertView): void {
    this.alertCounts[alert.kind] = (this.alertCounts[alert.kind] ?? 0) + 1 + alert.suppressed;
    this.alerts.push(alert);
    if (this.alerts.length > MAX_ALERTS) this.alerts.shift();
  }

  addEvaluation(evaluation: EvaluationView): void {
    this.evaluations.push(evaluation);
    if (this.evaluations.length > MAX_EVALUATIONS) this.evaluations.splice(0, this.evaluations.length - MAX_EVALUATIONS);
  }

  /** The run's kept snapshot steps as the compute process reports them (thinned there: only these can be replayed). */
  keepSnapshotSteps(steps: number[]): void {
    this.snapshotSteps = steps.slice(-MAX_SNAPSHOT_STEPS);
  }

  end(stoppedBecause: string | null, stopped: StopReason | null, validation: EvaluationView | null, test: EvaluationView | null): void {
    this.endedAt = new Date().toISOString();
    this.stoppedBecause = stoppedBecause;
    this.stopped = stopped;
    this.finalValidation = validation;
    this.finalTest = test;
  }

  detail(): RunDetail {
    const last = this.points.at(-1);
    return structuredClone({
      id: this.id,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      settings: this.settings,
      changes: this.changes,
      changed: this.changed,
      steps: this.steps,
      stoppedBecause: this.stoppedBecause,
      stopped: this.stopped,
      finalTrain: last ? { loss: last.loss } : null,
      finalValidation: this.finalValidation,
      finalTest: this.finalTest,
      alertCounts: this.alertCounts,
      points: this.points,
      alerts: this.alerts,
      evaluations: this.evaluations,
      snapshotSteps: this.snapshotSteps,
    });
  }
}

/** Every leaf that differs between two runs' settings (at most 20): as English lines
 * ("training.lr: 0.01 -> 0.003", the CLI's) and as fields with their old and new values. */
export function settingsChanges(previous: Record<string, unknown> | null, next: Record<string, unknown>): { lines: string[]; changed: FieldChange[] } {
  if (!previous) return { lines: [], changed: [] };
  const a = flatten(previous);
  const b = flatten(next);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).slice(0, 20);
  return {
    lines: keys.map((key) => `${key}: ${show(a[key])} -> ${show(b[key])}`),
    changed: keys.map((key) => ({ field: key, from: plain(a[key]), to: plain(b[key]) })),
  };
}

function plain(v: unknown): FieldChange['from'] {
  return v === undefined || v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = Array.isArray(value) ? JSON.stringify(value) : value;
  return out;
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}
