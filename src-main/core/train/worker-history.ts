// The run history a project file keeps: loss and gradient-norm curves decimated to a fixed number of points
// (pairs of buckets merge when full, each bucket keeping min, mean and max so spikes survive), every validation
// evaluation, the latest alerts and the final results. Memory does not grow with the number of steps.
import type { Alert } from '../monitor/alerts';
import type { StepRecord } from './loop';

/** One point of a decimated series: the steps it covers and the min, mean and max over them. */
export interface Bucket {
  first: number;
  last: number;
  min: number;
  mean: number;
  max: number;
  count: number;
}

const MAX_BUCKETS = 256;
const MAX_ALERTS = 50;
const MAX_EVALUATIONS = 200;

export class DecimatedSeries {
  buckets: Bucket[] = [];
  /** Steps per bucket; doubles whenever the buckets merge pairwise. */
  width = 1;

  constructor(saved?: { buckets: Bucket[]; width: number }) {
    if (saved && Array.isArray(saved.buckets) && Number.isInteger(saved.width)) {
      this.buckets = saved.buckets.map((b) => ({ ...b }));
      this.width = saved.width;
    }
  }

  add(step: number, value: number): void {
    const v = Number.isFinite(value) ? value : NaN;
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.count < this.width) {
      last.last = step;
      last.min = Math.min(last.min, v);
      last.max = Math.max(last.max, v);
      last.mean += (v - last.mean) / (last.count + 1);
      last.count++;
      return;
    }
    if (this.buckets.length >= MAX_BUCKETS) this.mergePairs();
    this.buckets.push({ first: step, last: step, min: v, mean: v, max: v, count: 1 });
  }

  private mergePairs(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      if (!b) merged.push(a);
      else {
        const count = a.count + b.count;
        const mean = (a.mean * a.count + b.mean * b.count) / count;
        merged.push({ first: a.first, last: b.last, min: Math.min(a.min, b.min), mean, max: Math.max(a.max, b.max), count });
      }
    }
    this.buckets = merged;
    this.width *= 2;
  }
}

export class MetricHistory {
  readonly loss: DecimatedSeries;
  readonly gradNorm: DecimatedSeries;
  evaluations: unknown[];
  alerts: Alert[];
  final: unknown = null;

  constructor(saved: Record<string, unknown> | null) {
    const s = (saved ?? {}) as Record<string, never>;
    this.loss = new DecimatedSeries(s.loss);
    this.gradNorm = new DecimatedSeries(s.grad_norm);
    this.evaluations = Array.isArray(s.evaluations) ? [...(s.evaluations as unknown[])] : [];
    this.alerts = Array.isArray(s.alerts) ? [...(s.alerts as Alert[])] : [];
  }

  add(record: StepRecord): void {
    this.loss.add(record.step, record.loss);
    this.gradNorm.add(record.step, record.grad_norm);
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
    const series = (s: DecimatedSeries) => ({ width: s.width, buckets: s.buckets });
    return {
      loss: series(this.loss),
      grad_norm: series(this.gradNorm),
      evaluations: this.evaluations,
      alerts: this.alerts,
      final: this.final,
    };
  }
}
