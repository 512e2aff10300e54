// The decimated history: bounded memory however many steps, spikes kept, means exact, JSON round trip.
import { describe, expect, it } from 'vitest';
import { MetricHistory } from '../../src-main/core/monitor/history';

describe('MetricHistory', () => {
  it('keeps at most capacity buckets per series over 100 000 steps, covering every step', () => {
    const h = new MetricHistory(64);
    for (let s = 0; s < 100_000; s++) h.push(s, { loss: 1 / (1 + s), grad_norm: 1 });
    for (const name of ['loss', 'grad_norm']) {
      const b = h.buckets(name);
      expect(b.length).toBeLessThanOrEqual(64);
      expect(b.length).toBeGreaterThan(32);
      expect(b[0].firstStep).toBe(0);
      expect(b[b.length - 1].lastStep).toBe(99_999);
      expect(b.reduce((n, x) => n + x.count, 0)).toBe(100_000);
      for (let i = 1; i < b.length; i++) expect(b[i].firstStep).toBe(b[i - 1].lastStep + 1);
    }
    expect(JSON.stringify(h.toJSON()).length).toBeLessThan(20_000);
  });

  it('keeps a one-step spike in its bucket max, and the exact mean of everything', () => {
    const h = new MetricHistory(16);
    let sum = 0;
    for (let s = 0; s < 50_000; s++) {
      const v = s === 31_337 ? 1e6 : 1 + (s % 7);
      sum += v;
      h.push(s, { grad_norm: v });
    }
    const b = h.buckets('grad_norm');
    const holder = b.find((x) => x.firstStep <= 31_337 && 31_337 <= x.lastStep)!;
    expect(holder.max).toBe(1e6);
    expect(b.filter((x) => x.max === 1e6)).toHaveLength(1);
    expect(Math.min(...b.map((x) => x.min!))).toBe(1);
    const mean = b.reduce((s, x) => s + x.mean! * x.count, 0) / 50_000;
    expect(mean).toBeCloseTo(sum / 50_000, 8);
  });

  it('counts non-finite points apart, skips undefined metrics, and refuses steps that go back', () => {
    const h = new MetricHistory(4);
    h.push(0, { loss: NaN, val: undefined });
    h.push(1, { loss: 2 });
    expect(h.names()).toEqual(['loss']);
    expect(h.buckets('loss')[0]).toEqual({ firstStep: 0, lastStep: 0, count: 0, min: null, max: null, mean: null, nonfinite: 1 });
    expect(() => h.push(1, { loss: 3 })).toThrow('expected steps in increasing order, found 1 after 1');
    expect(() => new MetricHistory(5)).toThrow('expected a history capacity as an even whole number >= 2, found 5');
  });

  it('survives a JSON round trip and keeps decimating the same way afterwards', () => {
    const a = new MetricHistory(8);
    for (let s = 0; s < 1000; s++) a.push(s, { loss: Math.sin(s) });
    const b = MetricHistory.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    for (let s = 1000; s < 3000; s++) {
      a.push(s, { loss: Math.sin(s) });
      b.push(s, { loss: Math.sin(s) });
    }
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(() => MetricHistory.fromJSON({ capacity: 8, series: { loss: { width: 1, buckets: [[0, 0, 1, 1, 1]] } } })).toThrow(
      /^invalid metric history: series\.loss\.buckets\.0/,
    );
  });
});
