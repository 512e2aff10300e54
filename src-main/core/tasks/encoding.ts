// Builders of `Sequence`s from symbol strings: one-hot inputs, one-hot or multi-hot targets, masks.
import type { Sequence, SequenceMeta } from './types';

/** Index of every symbol of `text` in `alphabet`; throws on a symbol outside it. */
export function symbolIndices(text: readonly string[] | string, alphabet: readonly string[]): number[] {
  const index = new Map(alphabet.map((s, i) => [s, i]));
  return [...text].map((s) => {
    const i = index.get(s);
    if (i === undefined) throw new RangeError(`symbol ${JSON.stringify(s)} is not in the alphabet ${alphabet.join('')}`);
    return i;
  });
}

/** (T, size) one-hot rows for symbol indices. */
export function oneHotRows(indices: readonly number[], size: number): Float64Array {
  const out = new Float64Array(indices.length * size);
  indices.forEach((k, t) => (out[t * size + k] = 1));
  return out;
}

/** (T, size) multi-hot rows: row t has 1 for every index in sets[t]. */
export function multiHotRows(sets: readonly (readonly number[])[], size: number): Float64Array {
  const out = new Float64Array(sets.length * size);
  sets.forEach((set, t) => set.forEach((k) => (out[t * size + k] = 1)));
  return out;
}

/**
 * A next-symbol example: inputs are one-hot symbols, the target at step t is the set of symbols that may come
 * next (multi-hot), every step carries a loss, and steps with exactly one possible next symbol are marked.
 */
export function nextSymbolSequence(
  inputs: readonly number[],
  nextSets: readonly (readonly number[])[],
  inputSize: number,
  outputSize: number,
  meta: SequenceMeta = {},
): Sequence {
  const length = inputs.length;
  return {
    length,
    x: oneHotRows(inputs, inputSize),
    target: multiHotRows(nextSets, outputSize),
    targetMask: new Uint8Array(length).fill(1),
    meta: { ...meta, deterministic: Uint8Array.from(nextSets, (s) => (s.length === 1 ? 1 : 0)) },
  };
}

/** A classification example with one target row at the last step. */
export function lastStepSequence(x: Float64Array, length: number, lastTarget: readonly number[], meta?: SequenceMeta): Sequence {
  const outputSize = lastTarget.length;
  const target = new Float64Array(length * outputSize);
  target.set(lastTarget, (length - 1) * outputSize);
  const targetMask = new Uint8Array(length);
  targetMask[length - 1] = 1;
  return { length, x, target, targetMask, meta };
}
