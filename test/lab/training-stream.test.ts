// The stream's pacing and decimation without a compute process: synthetic steps at 5,000 a second with an alert
// on every step still reach a listener as <= 20 messages a second of <= 64 KB, spans adding up to every step,
// spikes kept; a listener that throws does not stop the others.
import { describe, expect, it, vi } from 'vitest';
import type { AlertView, RunStatus, StepPoint, TrainingEvent } from '../../src-main/api/lab-api';
import { decimate } from '../../src-main/core/train/step-points';
import { MAX_MESSAGE_BYTES, TrainingStream } from '../../src-main/core/lab/training-stream';

const status: RunStatus = { status: 'running', runId: 'run-1', step: 0, totalSteps: 0, epoch: 0, stepsPerSecond: null, etaSeconds: null, engine: 'reference', engineWarning: null, reason: null };

function point(step: number, gradNorm = 1, timesteps = 50): StepPoint {
  return {
    step, epoch: 0, span: 1, loss: 1 / step, lossMin: 1 / step, lossMax: 1 / step, lr: 0.01, gradNorm, gradNormMax: gradNorm,
    paramGradNorms: { weight_ih_l0: 1, weight_hh_l0: gradNorm }, paramWeightNorms: { weight_ih_l0: 2, weight_hh_l0: 3 },
    timestepGradNorms: Array.from({ length: timesteps }, (_, t) => t / timesteps), layerTimestepGradNorms: null, spectral: null,
    action: 'applied', validation: null,
  };
}

const alert = (step: number): AlertView => ({ kind: 'exploding', rule: 'max-norm', step, value: 9, threshold: 1, param: null, message: 'x', policy: 'warn', remedies: [], suppressed: 0 });

describe('decimate', () => {
  it('keeps the total span, the spike, the loss extremes and validation points', () => {
    const points = Array.from({ length: 1000 }, (_, i) => point(i + 1, i === 500 ? 1e6 : 1));
    points[700] = { ...point(701), validation: { loss: 0.5, metrics: { accuracy: 1 } } };
    const out = decimate(points, 64);
    expect(out.length).toBeLessThanOrEqual(64);
    expect(out.reduce((n, p) => n + p.span, 0)).toBe(1000);
    expect(Math.max(...out.map((p) => p.gradNormMax))).toBe(1e6);
    expect(out.some((p) => p.gradNorm === 1e6)).toBe(true);
    expect(Math.min(...out.map((p) => p.lossMin))).toBe(1 / 1000);
    expect(Math.max(...out.map((p) => p.lossMax))).toBe(1);
    expect(out.filter((p) => p.validation !== null)).toHaveLength(1);
    expect(out.map((p) => p.step)).toEqual([...out.map((p) => p.step)].sort((a, b) => a - b));
  });
});

describe('TrainingStream', () => {
  it('paces 5,000 steps a second with an alert per step into <= 20 messages a second of <= 64 KB', async () => {
    vi.useFakeTimers();
    try {
      const stream = new TrainingStream(() => status);
      const heard: { t: number; event: TrainingEvent }[] = [];
      stream.on(() => {
        throw new Error('a closed window');
      });
      stream.on((event) => heard.push({ t: Date.now(), event }));
      let step = 0;
      // 2 seconds: every millisecond 5 steps arrive, each with an alert.
      for (let ms = 0; ms < 2000; ms++) {
        const batch = Array.from({ length: 5 }, () => point(++step, 1, 200));
        stream.addPoints(batch);
        for (const p of batch) stream.addAlert(alert(p.step));
        await vi.advanceTimersByTimeAsync(1);
      }
      await vi.advanceTimersByTimeAsync(5000);
      let worst = 0;
      for (const h of heard) worst = Math.max(worst, heard.filter((o) => o.t >= h.t && o.t < h.t + 1000).length);
      expect(worst).toBeLessThanOrEqual(20);
      expect(Math.max(...heard.map((h) => JSON.stringify(h.event).length))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const spans = heard.reduce((n, h) => n + (h.event.type === 'metrics' ? h.event.points.reduce((s, p) => s + p.span, 0) : 0), 0);
      expect(spans).toBe(10_000);
      expect(heard.some((h) => h.event.type === 'alert')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
