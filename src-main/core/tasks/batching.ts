// Padding variable-length sequences into batch-first arrays the engines take (engine/types.ts layouts), masks
// for the loss, mini-batch schedules, and the way back from padded outputs to one array per sequence.
//
// Padding goes at the END of each row. A forward-running network's valid steps never see it; a bidirectional
// one's backward direction does (the engine has no packed sequences), so bidirectional training should use
// `makeBatches(..., { equalLengths: true })`, which only groups sequences of the same length.
import type { SequenceBatch } from '../engine/types';
import type { Random } from '../random';
import { TaskError } from './errors';
import type { Predictions, Sequence } from './types';

export interface PaddedBatch {
  batch: number;
  /** Tmax, the longest sequence in the batch. */
  steps: number;
  inputSize: number;
  outputSize: number;
  /** (B, Tmax, I) inputs; zeros after each sequence's end. */
  x: Float64Array;
  /** (B, Tmax, O) targets; zeros where the mask is 0. */
  target: Float64Array;
  /** (B, Tmax) 1 where a step carries a loss (targetMask inside the sequence, 0 in padding). */
  lossMask: Float64Array;
  /** (B, Tmax) 1 for real steps, 0 for padding. */
  validMask: Float64Array;
  /** (B) each sequence's length. */
  lengths: Int32Array;
}

export function padBatch(sequences: readonly Sequence[], inputSize: number, outputSize: number): PaddedBatch {
  if (sequences.length === 0) throw new TaskError('padBatch: expected at least one sequence, found none');
  const batch = sequences.length;
  const steps = Math.max(...sequences.map((s) => s.length));
  const x = new Float64Array(batch * steps * inputSize);
  const target = new Float64Array(batch * steps * outputSize);
  const lossMask = new Float64Array(batch * steps);
  const validMask = new Float64Array(batch * steps);
  const lengths = new Int32Array(batch);
  sequences.forEach((s, b) => {
    if (s.x.length !== s.length * inputSize || s.target.length !== s.length * outputSize) {
      throw new TaskError(
        `padBatch: sequence ${b} expected ${s.length}x${inputSize} inputs and ${s.length}x${outputSize} targets, ` +
          `found ${s.x.length} and ${s.target.length} values`,
      );
    }
    lengths[b] = s.length;
    x.set(s.x, b * steps * inputSize);
    target.set(s.target, b * steps * outputSize);
    for (let t = 0; t < s.length; t++) {
      lossMask[b * steps + t] = s.targetMask[t];
      validMask[b * steps + t] = 1;
    }
  });
  return { batch, steps, inputSize, outputSize, x, target, lossMask, validMask, lengths };
}

/** The engine's view of a padded batch. */
export function toSequenceBatch(padded: PaddedBatch): SequenceBatch {
  return { batch: padded.batch, steps: padded.steps, x: padded.x };
}

/** Splits padded (B, Tmax, O) outputs back into one (T_b, O) array per sequence. */
export function unbatchOutputs(y: Float64Array, lengths: ArrayLike<number>, outputSize: number): Predictions {
  const batch = lengths.length;
  const steps = y.length / (batch * outputSize);
  if (!Number.isInteger(steps)) {
    throw new TaskError(`unbatchOutputs: expected ${batch} x T x ${outputSize} values, found ${y.length}`);
  }
  return Array.from(lengths, (len, b) => y.slice(b * steps * outputSize, (b * steps + len) * outputSize));
}

export interface BatchScheduleOptions {
  /** Shuffles the order of sequences (and of batches) with this generator; keeps the split's order without it. */
  random?: Random;
  /** Only sequences of equal length share a batch (bidirectional models: no padding at all). */
  equalLengths?: boolean;
}

/** Indices of the sequences of each mini-batch, covering the split once (one epoch). */
export function makeBatches(sequences: readonly Sequence[], batchSize: number, options: BatchScheduleOptions = {}): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new TaskError(`makeBatches: expected a batch size of at least 1, found ${batchSize}`);
  }
  const order = sequences.map((_, i) => i);
  options.random?.shuffle(order);
  const buckets = new Map<number, number[]>();
  for (const i of order) {
    const key = options.equalLengths ? sequences[i].length : 0;
    const bucket = buckets.get(key) ?? [];
    bucket.push(i);
    buckets.set(key, bucket);
  }
  const batches: number[][] = [];
  for (const bucket of buckets.values()) {
    for (let start = 0; start < bucket.length; start += batchSize) batches.push(bucket.slice(start, start + batchSize));
  }
  if (options.equalLengths) options.random?.shuffle(batches);
  return batches;
}
