// The training stream's pacing: run events from the compute process arrive as they come (a metric batch every
// ~100 ms, an alert per step in a storm, an evaluation per epoch); listeners hear at most one flush per
// FLUSH_MS, and each flush sends at most MAX_MESSAGES_PER_FLUSH messages: one metrics message (every step since
// the last flush, decimated to what fits MAX_MESSAGE_BYTES) and the most important other event (alert, then
// evaluation, then snapshot); the rest wait for the next flush. So listeners get <= 20 messages a second of
// <= 64 KB each at any step rate. Status changes go out at once (they follow user actions). Listeners that throw
// are dropped from this flush, never thrown into the host.
import type { AlertView, EvaluationView, RunStatus, StepPoint, TrainingEvent } from '../../api/lab-api';
import { decimate } from '../train/step-points';

export const FLUSH_MS = 150;
export const MAX_MESSAGES_PER_FLUSH = 2;
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Points a metrics message carries at most (fewer when they are large). */
export const MAX_POINTS_PER_MESSAGE = 64;
/** Alerts waiting for a flush; older ones are still in the run's history (getRun('current')). */
const MAX_QUEUED_ALERTS = 20;

type Queued = { type: 'alert'; alert: AlertView } | { type: 'evaluation'; evaluation: EvaluationView } | { type: 'snapshot'; step: number; steps: number[] };

export class TrainingStream {
  private readonly listeners = new Set<(event: TrainingEvent) => void>();
  private points: StepPoint[] = [];
  private alerts: Queued[] = [];
  private evaluation: Queued | null = null;
  private snapshot: Queued | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;

  constructor(private readonly status: () => RunStatus) {}

  on(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  addPoints(points: StepPoint[]): void {
    this.points.push(...points);
    // Memory stays bounded even when no flush could run for a while.
    if (this.points.length > 8 * MAX_POINTS_PER_MESSAGE) this.points = decimate(this.points, 4 * MAX_POINTS_PER_MESSAGE);
    this.schedule();
  }

  addAlert(alert: AlertView): void {
    this.alerts.push({ type: 'alert', alert });
    if (this.alerts.length > MAX_QUEUED_ALERTS) this.alerts.shift();
    this.schedule();
  }

  addEvaluation(evaluation: EvaluationView): void {
    this.evaluation = { type: 'evaluation', evaluation };
    this.schedule();
  }

  addSnapshot(step: number, steps: number[]): void {
    this.snapshot = { type: 'snapshot', step, steps };
    this.schedule();
  }

  /** Sends a status event now, after whatever is waiting (so the last points arrive before 'done'). */
  sendStatus(): void {
    this.flush(1);
    this.emit({ type: 'status', status: this.status() });
  }

  /** Sends an event now (compute-lost). */
  sendNow(event: TrainingEvent): void {
    this.emit(event);
  }

  /** Drops what waits (a new project). */
  clear(): void {
    this.points = [];
    this.alerts = [];
    this.evaluation = null;
    this.snapshot = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(budget = MAX_MESSAGES_PER_FLUSH): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = Date.now();
    const runId = this.status().runId ?? '';
    if (this.points.length > 0) {
      this.emit({ type: 'metrics', runId, points: this.fit(this.points), status: this.status() });
      this.points = [];
      budget--;
    }
    while (budget > 0) {
      const next = this.alerts.shift() ?? this.takeEvaluation() ?? this.takeSnapshot();
      if (!next) break;
      this.emit({ ...next, runId } as TrainingEvent);
      budget--;
    }
    if (this.alerts.length > 0 || this.evaluation || this.snapshot) this.schedule();
  }

  /** Decimates until the message fits MAX_MESSAGE_BYTES (long sequences make each point larger). */
  private fit(points: StepPoint[]): StepPoint[] {
    let max = MAX_POINTS_PER_MESSAGE;
    let out = decimate(points, max);
    while (out.length > 1 && JSON.stringify(out).length > MAX_MESSAGE_BYTES - 2048) {
      max = Math.max(1, Math.floor(out.length / 2));
      out = decimate(points, max);
    }
    return out;
  }

  private takeEvaluation(): Queued | null {
    const e = this.evaluation;
    this.evaluation = null;
    return e;
  }

  private takeSnapshot(): Queued | null {
    const s = this.snapshot;
    this.snapshot = null;
    return s;
  }

  private emit(event: TrainingEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window, a dropped connection) must not break the run or the host.
      }
    }
  }
}
