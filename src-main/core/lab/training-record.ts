// The record of one run while it happens, as the host keeps it: every point drawn so far (bounded by decimation),
// alerts, evaluations, snapshot steps and the final results. `detail()` is what a reloaded page redraws
// (getRun('current')); training-store.ts writes a smaller copy into the project's run history.
import type { AlertView, EvaluationView, RunDetail, StepPoint } from '../../api/lab-api';
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
  finalValidation: EvaluationView | null = null;
  finalTest: EvaluationView | null = null;

  constructor(
    readonly id: string,
    readonly startedAt: string,
    readonly settings: Record<string, unknown>,
    readonly changes: string[],
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

  end(stoppedBecause: string | null, validation: EvaluationView | null, test: EvaluationView | null): void {
    this.endedAt = new Date().toISOString();
    this.stoppedBecause = stoppedBecause;
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
      steps: this.steps,
      stoppedBecause: this.stoppedBecause,
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

/** "training.lr: 0.01 -> 0.003" for every leaf that differs between two runs' settings. */
export function settingsChanges(previous: Record<string, unknown> | null, next: Record<string, unknown>): string[] {
  if (!previous) return [];
  const a = flatten(previous);
  const b = flatten(next);
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) out.push(`${key}: ${show(a[key])} -> ${show(b[key])}`);
  }
  return out.slice(0, 20);
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
