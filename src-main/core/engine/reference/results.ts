// Small helpers every family shares when it turns its time-major internals into the contract's batch-first
// results: layout swaps, zeroed gradient buffers, per-step norms.
import type { Weights } from '../../tensor';
import { swapLeadingAxes } from './linalg';

/** (B, T, W) batch-first -> (T, B, W) time-major. */
export function toTimeMajor(a: Float64Array, B: number, T: number, W: number): Float64Array {
  return swapLeadingAxes(a, B, T, W);
}

/** (T, B, W) time-major -> (B, T, W) batch-first. */
export function toBatchFirst(a: Float64Array, T: number, B: number, W: number): Float64Array {
  return swapLeadingAxes(a, T, B, W);
}

/** A time-major copy of an optional batch-first seed, or null when the seed is absent. */
export function seedTimeMajor(seed: Float64Array | undefined, B: number, T: number, W: number): Float64Array | null {
  return seed ? toTimeMajor(seed, B, T, W) : null;
}

/** One zeroed gradient buffer per parameter, same names and sizes as the weights. */
export function zeroGradients(weights: Weights): Record<string, Float64Array> {
  const grads: Record<string, Float64Array> = {};
  for (const [name, t] of Object.entries(weights)) grads[name] = new Float64Array(t.data.length);
  return grads;
}

/** Per-step Frobenius norms from per-step sums of squares. */
export function normsFromSquares(normsSq: Float64Array[]): Float64Array[] {
  return normsSq.map((layer) => layer.map(Math.sqrt));
}

/** out (n) = a + b elementwise. */
export function added(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v + b[i]);
}
