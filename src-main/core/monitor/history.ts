// Bounded, decimated metric history: each series keeps at most `capacity` buckets however many steps are pushed.
// A bucket summarises consecutive points (first/last step, count, min, max, mean); when a series is full, adjacent
// buckets merge pairwise and each bucket then covers twice as many points. A million-step run costs the same memory
// as a short one, and a spike survives every merge in its bucket's max. Serialises to plain JSON for the project file.
import { z } from 'zod';
import { describeZodError, ProjectFileError } from '../errors';

export interface Bucket {
  firstStep: number;
  lastStep: number;
  /** Finite points summarised. */
  count: number;
  /** Null when the bucket holds no finite point. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** NaN or infinite points seen (not in min/max/mean). */
  nonfinite: number;
}

/** One series: buckets of `width` points each (the last one may be partial). */
export class SeriesHistory {
  width = 1;
  buckets: Bucket[] = [];

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 2 && capacity % 2 === 0)) {
      throw new RangeError(`expected a history capacity as an even whole number >= 2, found ${capacity}`);
    }
  }

  push(step: number, value: number): void {
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.lastStep >= step) throw new RangeError(`expected steps in increasing order, found ${step} after ${last.lastStep}`);
    if (last && last.count + last.nonfinite < this.width) absorb(last, step, value);
    else {
      this.buckets.push(absorb({ firstStep: step, lastStep: step, count: 0, min: null, max: null, mean: null, nonfinite: 0 }, step, value));
      if (this.buckets.length > this.capacity) this.halve();
    }
  }

  /** Merges buckets 2i and 2i+1; the width doubles. */
  private halve(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      merged.push(b ? mergeBuckets(a, b) : a);
    }
    this.buckets = merged;
    this.width *= 2;
  }
}

function absorb(bucket: Bucket, step: number, value: number): Bucket {
  bucket.lastStep = step;
  if (!Number.isFinite(value)) {
    bucket.nonfinite++;
    return bucket;
  }
  bucket.count++;
  bucket.min = bucket.min === null ? value : Math.min(bucket.min, value);
  bucket.max = bucket.max === null ? value : Math.max(bucket.max, value);
  bucket.mean = bucket.mean === null ? value : bucket.mean + (value - bucket.mean) / bucket.count;
  return bucket;
}

function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  const count = a.count + b.count;
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) => (x === null ? y : y === null ? x : f(x, y));
  return {
    firstStep: a.firstStep,
    lastStep: b.lastStep,
    count,
    min: pick(a.min, b.min, Math.min),
    max: pick(a.max, b.max, Math.max),
    mean: count === 0 ? null : ((a.mean ?? 0) * a.count + (b.mean ?? 0) * b.count) / count,
    nonfinite: a.nonfinite + b.nonfinite,
  };
}

/** A bucket as JSON: [firstStep, lastStep, count, min, max, mean, nonfinite]. */
type BucketRow = [number, number, number, number | null, number | null, number | null, number];

export interface HistoryJson {
  capacity: number;
  series: Record<string, { width: number; buckets: BucketRow[] }>;
}

const nullableNumber = z.number().nullable();
const historySchema = z.strictObject({
  capacity: z.number().int().min(2).refine((n) => n % 2 === 0, { error: 'expected an even capacity' }),
  series: z.record(
    z.string(),
    z.strictObject({
      width: z.number().int().min(1),
      buckets: z.array(z.tuple([z.number(), z.number(), z.number().int().min(0), nullableNumber, nullableNumber, nullableNumber, z.number().int().min(0)])),
    }),
  ),
});

/** Named series pushed together once per step (loss, grad_norm, ...), each bounded by the same capacity. */
export class MetricHistory {
  private readonly series = new Map<string, SeriesHistory>();

  constructor(readonly capacity = 1024) {
    new SeriesHistory(capacity); // validates the capacity now rather than at the first push
  }

  /** Records the values of this step; undefined values (a metric not measured this step) are left out. */
  push(step: number, values: Record<string, number | undefined>): void {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      let s = this.series.get(name);
      if (!s) this.series.set(name, (s = new SeriesHistory(this.capacity)));
      s.push(step, value);
    }
  }

  names(): string[] {
    return [...this.series.keys()];
  }

  buckets(name: string): readonly Bucket[] {
    return this.series.get(name)?.buckets ?? [];
  }

  toJSON(): HistoryJson {
    const series: HistoryJson['series'] = {};
    for (const [name, s] of this.series) {
      series[name] = { width: s.width, buckets: s.buckets.map((b) => [b.firstStep, b.lastStep, b.count, b.min, b.max, b.mean, b.nonfinite]) };
    }
    return { capacity: this.capacity, series };
  }

  /** Rebuilds a history from its JSON (a project file's); throws ProjectFileError with one line when malformed. */
  static fromJSON(value: unknown): MetricHistory {
    const parsed = historySchema.safeParse(value);
    if (!parsed.success) throw new ProjectFileError(`invalid metric history: ${describeZodError(parsed.error, value)}`);
    const { capacity, series } = parsed.data;
    const history = new MetricHistory(capacity);
    for (const [name, s] of Object.entries(series)) {
      if (s.buckets.length > capacity) {
        throw new ProjectFileError(`invalid metric history: series '${name}' has ${s.buckets.length} buckets, more than its capacity ${capacity}`);
      }
      const restored = new SeriesHistory(capacity);
      restored.width = s.width;
      restored.buckets = s.buckets.map(([firstStep, lastStep, count, min, max, mean, nonfinite]) => ({ firstStep, lastStep, count, min, max, mean, nonfinite }));
      history.series.set(name, restored);
    }
    return history;
  }
}
