// Padding variable-length sequences into (B, Tmax, ·) arrays: values in place, zeros and 0-masks in padding,
// last-step targets at each sequence's own end, the way back to per-sequence outputs, and batch schedules.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { makeBatches, padBatch, toSequenceBatch, unbatchOutputs } from '../../src-main/core/tasks/batching';
import { lastStepSequence } from '../../src-main/core/tasks/encoding';
import type { Sequence } from '../../src-main/core/tasks/types';

/** A sequence of length T with inputs (t+1)*10 + k and a last-step target equal to T. */
function seq(T: number, I = 2): Sequence {
  const x = Float64Array.from({ length: T * I }, (_, i) => (Math.floor(i / I) + 1) * 10 + (i % I));
  return lastStepSequence(x, T, [T]);
}

describe('padBatch', () => {
  it('pads at the end, masks padding, and puts last-step targets at each sequence end', () => {
    const batch = padBatch([seq(3), seq(1), seq(2)], 2, 1);
    expect([batch.batch, batch.steps]).toEqual([3, 3]);
    expect([...batch.lengths]).toEqual([3, 1, 2]);
    expect([...batch.x]).toEqual([10, 11, 20, 21, 30, 31, 10, 11, 0, 0, 0, 0, 10, 11, 20, 21, 0, 0]);
    expect([...batch.validMask]).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 0]);
    expect([...batch.lossMask]).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect([...batch.target]).toEqual([0, 0, 3, 1, 0, 0, 0, 2, 0]);
    expect(toSequenceBatch(batch)).toEqual({ batch: 3, steps: 3, x: batch.x });
  });

  it('unbatchOutputs returns each sequence its own steps', () => {
    const y = Float64Array.from({ length: 3 * 3 * 2 }, (_, i) => i);
    const out = unbatchOutputs(y, [3, 1, 2], 2);
    expect(out.map((a) => [...a])).toEqual([[0, 1, 2, 3, 4, 5], [6, 7], [12, 13, 14, 15]]);
  });

  it('refuses sequences whose arrays do not match the sizes', () => {
    expect(() => padBatch([seq(2, 3)], 2, 1)).toThrow('padBatch: sequence 0 expected 2x2 inputs and 2x1 targets, found 6 and 2 values');
    expect(() => padBatch([], 2, 1)).toThrow('padBatch: expected at least one sequence, found none');
  });
});

describe('makeBatches', () => {
  const sequences = [5, 3, 5, 2, 3, 5, 1, 3].map((T) => seq(T));

  it('covers every sequence exactly once, in order without a generator', () => {
    expect(makeBatches(sequences, 3)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7]]);
    const shuffled = makeBatches(sequences, 3, { random: new Random(4) });
    expect(shuffled.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(makeBatches(sequences, 3, { random: new Random(4) })).toEqual(shuffled);
  });

  it('equalLengths groups only sequences of one length (no padding for bidirectional models)', () => {
    const batches = makeBatches(sequences, 2, { random: new Random(1), equalLengths: true });
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const b of batches) expect(new Set(b.map((i) => sequences[i].length)).size).toBe(1);
    expect(batches.every((b) => b.length <= 2)).toBe(true);
  });
});
