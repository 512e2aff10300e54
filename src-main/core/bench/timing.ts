// Wall-clock timing of a repeated action: warm-up runs (discarded), then `repeat` timed runs, median reported.
// The median, not the mean, because the machine is shared and a few runs get preempted.

export interface TimingSummary {
  median_ms: number;
  min_ms: number;
  max_ms: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: expected at least one value, found none');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function timeRepeated(action: () => void, warmup: number, repeat: number): TimingSummary {
  for (let i = 0; i < warmup; i++) action();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    action();
    times.push(performance.now() - start);
  }
  return { median_ms: median(times), min_ms: Math.min(...times), max_ms: Math.max(...times) };
}
