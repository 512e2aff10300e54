// A Server-Sent Events stream that respects back-pressure: while the socket's buffer is full, events wait in a
// bounded queue where project changes coalesce to the newest and metric batches of one run merge (decimated to a
// bound the way the training stream decimates: min/max and landmark steps kept); if even that overflows, the stream
// is closed and the page reconnects and redraws from getRun.
import type { ServerResponse } from 'node:http';
import type { TrainingEvent } from '../api/lab-api';
import { decimate } from '../core/train/step-points';

export const SSE_LIMITS = {
  /** Bytes buffered in the socket beyond which events wait in the queue. */
  highWater: 256 * 1024,
  /** Events waiting; beyond this the stream is closed. */
  maxQueued: 500,
  /** Points a merged metric batch keeps (decimated like the training stream: spikes survive as min/max). */
  maxMergedPoints: 2000,
};

export type SseLimits = typeof SSE_LIMITS;

interface Pending {
  event: string;
  payload: unknown;
}

export class SseWriter {
  private readonly queue: Pending[] = [];
  private closed = false;
  /** Events dropped or merged away while the client was slow (tests, diagnostics). */
  coalesced = 0;

  constructor(private readonly response: ServerResponse, private readonly limits: SseLimits = SSE_LIMITS) {
    response.on('drain', () => this.flush());
    response.once('close', () => (this.closed = true));
  }

  get queued(): number {
    return this.queue.length;
  }

  send(event: string, payload: unknown): void {
    if (this.closed) return;
    if (this.queue.length === 0 && this.response.writableLength < this.limits.highWater) {
      this.write(event, payload);
      return;
    }
    this.enqueue({ event, payload });
  }

  /** A comment line (keep-alive); skipped while the client is behind. */
  comment(text: string): void {
    if (!this.closed && this.queue.length === 0 && this.response.writableLength < this.limits.highWater) this.response.write(`: ${text}\n\n`);
  }

  private write(event: string, payload: unknown): void {
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  private enqueue(item: Pending): void {
    if (item.event === 'projectChanged') {
      const index = this.queue.findIndex((p) => p.event === 'projectChanged');
      if (index >= 0) {
        this.queue.splice(index, 1);
        this.coalesced++;
      }
    } else if (isMetrics(item.payload)) {
      const incoming = item.payload;
      const earlier = this.queue.find((p) => isMetrics(p.payload) && p.payload.runId === incoming.runId);
      if (earlier && isMetrics(earlier.payload)) {
        const points = [...earlier.payload.points, ...incoming.points];
        earlier.payload = { ...incoming, points: decimate(points, this.limits.maxMergedPoints) };
        this.coalesced++;
        return;
      }
    }
    this.queue.push(item);
    if (this.queue.length > this.limits.maxQueued) {
      // The client is not reading at all: give up on this stream (EventSource reconnects and the page redraws).
      this.closed = true;
      this.queue.length = 0;
      this.response.destroy();
    }
  }

  private flush(): void {
    while (!this.closed && this.queue.length > 0 && this.response.writableLength < this.limits.highWater) {
      const next = this.queue.shift()!;
      this.write(next.event, next.payload);
    }
  }
}

type MetricsEvent = Extract<TrainingEvent, { type: 'metrics' }>;

function isMetrics(payload: unknown): payload is MetricsEvent {
  return typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'metrics'
    && Array.isArray((payload as { points?: unknown }).points);
}
