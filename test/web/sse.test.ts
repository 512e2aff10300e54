// Server-Sent Events under back-pressure: a client that stops reading must not make the server buffer without
// bound. Project changes coalesce to the newest, metric batches of a run merge, and a client that never reads is cut
// off (EventSource reconnects). Before SseWriter, every event was written into the socket's buffer regardless.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCoreApi, ProjectSummary, StepPoint, TrainingEvent } from '../../src-main/api/lab-api';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { SSE_LIMITS, SseWriter } from '../../src-main/web/sse';

/** A response whose socket never drains until told to: writableLength grows with every write. */
class StalledResponse extends EventEmitter {
  writableLength = 0;
  written: string[] = [];
  destroyed = false;
  write(chunk: string) {
    this.written.push(chunk);
    this.writableLength += chunk.length;
    return this.writableLength < 16 * 1024;
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
  drain() {
    this.writableLength = 0;
    this.emit('drain');
  }
}

const point = (step: number): StepPoint => ({ step, loss: 1 / (step + 1) }) as unknown as StepPoint;
const metrics = (runId: string, steps: number[]): TrainingEvent => ({ type: 'metrics', runId, points: steps.map(point), status: { status: 'running' } }) as unknown as TrainingEvent;
const events = (written: string[]) => written.map((w) => /^event: (\w+)\ndata: (.*)\n\n$/s.exec(w)).filter((m) => m).map((m) => [m![1], JSON.parse(m![2])]);

describe('SseWriter', () => {
  it('holds events while the socket is full, coalescing project changes and merging metric batches', () => {
    const response = new StalledResponse();
    const writer = new SseWriter(response as unknown as ServerResponse);
    writer.send('projectChanged', { name: 'first' });
    response.writableLength = SSE_LIMITS.highWater; // the client stopped reading
    for (let i = 0; i < 100; i++) writer.send('projectChanged', { name: `edit ${i}` });
    for (let i = 0; i < 100; i++) writer.send('training', metrics('run-1', [i * 10, i * 10 + 5]));
    writer.send('training', { type: 'alert', runId: 'run-1', alert: { kind: 'vanishing' } });
    expect(writer.queued).toBe(3);
    expect(response.written).toHaveLength(1);
    response.drain();
    const heard = events(response.written);
    expect(heard.map(([event]) => event)).toEqual(['projectChanged', 'projectChanged', 'training', 'training']);
    expect(heard[1][1]).toEqual({ name: 'edit 99' });
    expect(heard[2][1].points.map((p: StepPoint) => p.step)).toEqual(Array.from({ length: 200 }, (_, i) => Math.floor(i / 2) * 10 + (i % 2) * 5));
    expect(heard[3][1]).toMatchObject({ type: 'alert' });
  });

  it('decimates a merged batch to its bound, keeping the loss spike', () => {
    const response = new StalledResponse();
    const writer = new SseWriter(response as unknown as ServerResponse, { ...SSE_LIMITS, maxMergedPoints: 64 });
    response.writableLength = SSE_LIMITS.highWater;
    const full = (step: number): StepPoint => ({
      step, epoch: 0, span: 1, loss: step === 777 ? 99 : 1, lossMin: step === 777 ? 99 : 1, lossMax: step === 777 ? 99 : 1, lr: 0.1,
      gradNorm: 1, gradNormMax: 1, paramGradNorms: {}, paramWeightNorms: {}, timestepGradNorms: [], layerTimestepGradNorms: null,
      spectral: null, action: 'applied',
    }) as unknown as StepPoint;
    for (let i = 0; i < 100; i++) writer.send('training', { type: 'metrics', runId: 'r', points: Array.from({ length: 10 }, (_, j) => full(i * 10 + j)), status: {} });
    response.drain();
    const [[, merged]] = events(response.written);
    expect(merged.points.length).toBeLessThanOrEqual(64);
    expect(merged.points.reduce((sum: number, p: StepPoint) => sum + p.span, 0)).toBe(1000);
    expect(Math.max(...merged.points.map((p: StepPoint) => p.lossMax))).toBe(99);
  });

  it('gives up on a client that never reads once the queue passes its bound, instead of growing', () => {
    const response = new StalledResponse();
    const writer = new SseWriter(response as unknown as ServerResponse);
    response.writableLength = SSE_LIMITS.highWater;
    for (let i = 0; i < SSE_LIMITS.maxQueued * 3; i++) writer.send('training', { type: 'snapshot', runId: 'r', step: i });
    expect(response.destroyed).toBe(true);
    expect(writer.queued).toBe(0);
    expect(response.written).toHaveLength(0);
  });
});

describe('the event stream of a slow client', () => {
  const listeners = new Set<(summary: ProjectSummary | null) => void>();
  const lab = {
    onProjectChanged: (listener: (summary: ProjectSummary | null) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    onTrainingEvent: () => () => undefined,
  } as unknown as LabCoreApi;
  let host: WebHost;
  beforeAll(async () => {
    host = await startWebHost({ rendererDir: '/nonexistent', lab });
  });
  afterAll(() => host.close());

  it('receives a bounded amount, ending with the newest state, however much happened while it was not reading', async () => {
    const padding = 'p'.repeat(50_000);
    let received = 0;
    let text = '';
    const done = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
        res.pause();
        // 2,000 changes of 50 KB (100 MB) while the client reads nothing.
        setTimeout(() => {
          for (let i = 0; i < 2000; i++) for (const l of listeners) l({ name: `change ${i}`, padding } as unknown as ProjectSummary);
          setTimeout(() => res.resume(), 200);
        }, 100);
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          text = (text + chunk.toString()).slice(-200_000);
          if (text.includes('"name":"change 1999"')) {
            req.destroy();
            resolve();
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', (error) => (text.includes('change 1999') ? resolve() : reject(error)));
      req.end();
    });
    await done;
    expect(received).toBeLessThan(20 * 1024 * 1024);
  });
});
