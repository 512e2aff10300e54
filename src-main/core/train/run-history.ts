// The run history a project file keeps (its `history` section): the per-step curves as the monitor's bounded,
// decimated MetricHistory (loss, global gradient norm, lr), every validation evaluation (capped), the latest
// alerts and the final results. Memory does not grow with the number of steps.
import type { Alert } from '../monitor/alerts';
import { MetricHistory } from '../monitor/history';
import { ProjectFileError } from '../errors';
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

  /** Continues a saved history (a resumed run) or starts an empty one. */
  constructor(saved: Record<string, unknown> | null) {
    const s = saved ?? {};
    this.curves = s.curves ? MetricHistory.fromJSON(s.curves) : new MetricHistory(CURVE_POINTS);
    this.evaluations = Array.isArray(s.evaluations) ? [...(s.evaluations as unknown[])] : [];
    this.alerts = parseSavedAlerts(s.alerts, (line) => new ProjectFileError(`invalid run history: ${line}`));
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

  toJSON(): Record<string, unknown> {
    return { curves: this.curves.toJSON(), evaluations: this.evaluations, alerts: this.alerts, final: this.final };
  }
}
