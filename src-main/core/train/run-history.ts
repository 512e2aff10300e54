// The run history a project file keeps (its `history` section): the per-step curves as the monitor's bounded,
// decimated MetricHistory (loss, global gradient norm, lr), every validation evaluation (capped), the latest
// alerts and the final results. Memory does not grow with the number of steps.
import type { Alert } from '../monitor/alerts';
import { MetricHistory } from '../monitor/history';
import { ProjectFileError } from '../errors';
import { withWeightSnapshot } from '../inspect/snapshots';
import type { Weights } from '../tensor';
import type { StepRecord } from './loop';
import { parseSavedAlerts } from './saved-state';

const MAX_ALERTS = 50;
const MAX_EVALUATIONS = 200;
const CURVE_POINTS = 512;

export class RunHistory {
  readonly curves: MetricHistory;
  evaluations: unknown[];
  alerts: Alert[];
  final: unknown = null;
  /** Weight snapshots for trajectory replays (inspect/snapshots.ts keeps them bounded): `{ snapshots }` or null. */
  private snapshots: Record<string, unknown> | null;

  /** Continues a saved history (a resumed run) or starts an empty one. */
  constructor(saved: Record<string, unknown> | null) {
    const s = saved ?? {};
    this.curves = s.curves ? MetricHistory.fromJSON(s.curves) : new MetricHistory(CURVE_POINTS);
    this.evaluations = Array.isArray(s.evaluations) ? [...(s.evaluations as unknown[])] : [];
    this.alerts = parseSavedAlerts(s.alerts, (line) => new ProjectFileError(`invalid run history: ${line}`));
    this.snapshots = s.snapshots === undefined ? null : { snapshots: s.snapshots };
  }

  add(record: StepRecord): void {
    this.curves.push(record.step, { loss: record.loss, grad_norm: record.grad_norm, lr: record.lr });
    for (const alert of record.alerts) this.alerts.push(alert);
    if (this.alerts.length > MAX_ALERTS) this.alerts.splice(0, this.alerts.length - MAX_ALERTS);
  }

  addEvaluation(evaluation: unknown): void {
    this.evaluations.push(evaluation);
    if (this.evaluations.length > MAX_EVALUATIONS) this.evaluations.splice(0, this.evaluations.length - MAX_EVALUATIONS);
  }

  setFinal(step: number, validation: unknown, test: unknown): void {
    this.final = { step, validation, test };
  }

  /** Keeps the weights of `step` for trajectories at that step (the run's snapshot cadence); returns them as kept
   * (float32 base64 per parameter), for the host to answer trajectories at this step while the run goes on. */
  addSnapshot(step: number, weights: Weights): Record<string, string> {
    this.snapshots = withWeightSnapshot(this.snapshots, step, weights);
    const list = this.snapshots.snapshots as { step: number; weights: Record<string, string> }[];
    return list.find((s) => s.step === step)!.weights;
  }

  /** Steps whose weights are kept (ascending; thinned as the run grows), the starting weights' step first. */
  snapshotSteps(): number[] {
    const list = (this.snapshots?.snapshots ?? []) as { step: number }[];
    return list.map((s) => s.step);
  }

  toJSON(): Record<string, unknown> {
    const snapshots = this.snapshots ? { snapshots: this.snapshots.snapshots } : {};
    return { curves: this.curves.toJSON(), evaluations: this.evaluations, alerts: this.alerts, final: this.final, ...snapshots };
  }
}
