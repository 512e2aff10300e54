// Wall-clock timing of a repeated action for a time budget: warm-up runs (discarded) until both a count and a share
// of the budget are reached, then timed runs until both a minimum count and the budget are reached; the median is
// reported with how many runs it came from. The median, not the mean, because the machine is shared.

export interface TimingSummary {
  median_ms: number;
  min_ms: number;
  max_ms: number;
  /** Timed runs behind the median. */
  repeats: number;
  /** Untimed warm-up runs before them. */
  warmups: number;
}

export interface TimingBudget {
  /** Warm-up runs at least. */
  warmup: number;
  /** Timed runs at least. */
  repeat: number;
  /** Timed runs continue until they add up to this many milliseconds (0: exactly `repeat` runs). */
  minTimeMs: number;
  /** Never more timed runs than this (a safety bound for very fast actions). */
  maxRepeat?: number;
}

/** Warm-up keeps going until this share of the budget has passed, so V8 and the caches settle first. */
export const WARMUP_SHARE = 0.2;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: expected at least one value, found none');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(times: readonly number[], warmups: number): TimingSummary {
  return { median_ms: median(times), min_ms: Math.min(...times), max_ms: Math.max(...times), repeats: times.length, warmups };
}

/** Runs `action` for the budget; see the header. */
export function timeForBudget(action: () => void, budget: TimingBudget): TimingSummary {
  const maxRepeat = budget.maxRepeat ?? 1_000_000;
  const warmupUntil = performance.now() + WARMUP_SHARE * budget.minTimeMs;
  let warmups = 0;
  while (warmups < budget.warmup || performance.now() < warmupUntil) {
    action();
    warmups++;
  }
  const times: number[] = [];
  let total = 0;
  while (times.length < maxRepeat && (times.length < budget.repeat || total < budget.minTimeMs)) {
    const start = performance.now();
    action();
    const elapsed = performance.now() - start;
    times.push(elapsed);
    total += elapsed;
  }
  return summarise(times, warmups);
}

/** Exactly `warmup` untimed and `repeat` timed runs. */
export function timeRepeated(action: () => void, warmup: number, repeat: number): TimingSummary {
  return timeForBudget(action, { warmup, repeat, minTimeMs: 0 });
}
