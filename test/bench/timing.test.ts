// The time budget of the benchmark timer: it keeps timing until both the minimum count and the budget are reached,
// warms up for a share of the budget, and reports how many runs the median came from.
import { describe, expect, it } from 'vitest';
import { timeForBudget, timeRepeated, WARMUP_SHARE } from '../../src-main/core/bench/timing';

/** An action that takes about `ms` milliseconds of wall time. */
function busy(ms: number): () => void {
  return () => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      /* spin */
    }
  };
}

describe('timeForBudget', () => {
  it('runs until the budget is spent when that needs more than the minimum count', () => {
    const start = performance.now();
    const r = timeForBudget(busy(2), { warmup: 1, repeat: 3, minTimeMs: 60 });
    // The whole call lasts the warm-up share plus the budget, whatever the machine's load does to single runs.
    expect(performance.now() - start).toBeGreaterThanOrEqual((1 + WARMUP_SHARE) * 60);
    expect(r.repeats).toBeGreaterThanOrEqual(3);
    expect(r.repeats * r.max_ms).toBeGreaterThanOrEqual(60);
    expect(r.repeats).toBeLessThanOrEqual(31); // each run takes at least 2 ms
    expect(r.warmups).toBeGreaterThanOrEqual(1);
    expect(r.median_ms).toBeGreaterThanOrEqual(2);
  });

  it('runs the minimum count when that already exceeds the budget', () => {
    const r = timeForBudget(busy(3), { warmup: 2, repeat: 5, minTimeMs: 1 });
    expect(r).toMatchObject({ repeats: 5, warmups: 2 });
  });

  it('stops at maxRepeat', () => {
    const r = timeForBudget(() => undefined, { warmup: 0, repeat: 1, minTimeMs: 100, maxRepeat: 50 });
    expect(r.repeats).toBe(50);
  });

  it('timeRepeated is exactly the counts', () => {
    let calls = 0;
    const r = timeRepeated(() => void calls++, 4, 7);
    expect(r).toMatchObject({ repeats: 7, warmups: 4 });
    expect(calls).toBe(11);
  });
});
