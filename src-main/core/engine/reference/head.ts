// The per-step readout head: yPre = features · V^T + c (+ x · S^T for elman's shortcut), y = g(yPre) with
// g = none | sigmoid | softmax. Rows are independent (one per batch element and step), so callers pass any
// number of rows in any order: all steps at once, or one step at a time (jordan).
import type { OutputActivation } from '../../spec/types';
import type { Weights } from '../../tensor';
import { outputActivationBackward, outputActivationForward } from './activations';
import { addColumnSums, addRowVector, gemmAB, gemmABt, gemmAtB } from './linalg';

/** V = head.weight (O, F), c = head.bias (O), S = shortcut.weight (O, I) or null. */
export interface HeadParams {
  weight: Float64Array;
  bias: Float64Array;
  shortcut: Float64Array | null;
}

export interface HeadShape {
  /** Features per row F (D*H), outputs O, inputs I (for the shortcut). */
  F: number;
  O: number;
  I: number;
  g: OutputActivation;
}

export function headParams(weights: Weights): HeadParams {
  return {
    weight: weights['head.weight'].data,
    bias: weights['head.bias'].data,
    shortcut: weights['shortcut.weight']?.data ?? null,
  };
}

/** Writes yPre and y (rows, O) from features (rows, F) and, with a shortcut, x (rows, I). */
export function headForward(
  yPre: Float64Array,
  y: Float64Array,
  features: Float64Array,
  x: Float64Array,
  p: HeadParams,
  shape: HeadShape,
  rows: number,
): void {
  const { F, O, I, g } = shape;
  yPre.fill(0);
  gemmABt(yPre, features, p.weight, rows, O, F);
  addRowVector(yPre, p.bias, rows, O);
  if (p.shortcut) gemmABt(yPre, x, p.shortcut, rows, O, I);
  outputActivationForward(y, yPre, rows, O, g);
}

/** Gradient accumulators with the shapes of HeadParams. */
export interface HeadGrads {
  dWeight: Float64Array;
  dBias: Float64Array;
  dShortcut: Float64Array | null;
}

export function headGrads(grads: Record<string, Float64Array>): HeadGrads {
  return { dWeight: grads['head.weight'], dBias: grads['head.bias'], dShortcut: grads['shortcut.weight'] ?? null };
}

/**
 * Seeds dy (through the activation) and dyPre (straight onto the logits), each (rows, O) or null.
 * Accumulates dFeatures (rows, F), dx (rows, I) with a shortcut, and the head's weight gradients.
 */
export function headBackward(
  dFeatures: Float64Array,
  dx: Float64Array,
  g: HeadGrads,
  dy: Float64Array | null,
  dyPre: Float64Array | null,
  y: Float64Array,
  features: Float64Array,
  x: Float64Array,
  p: HeadParams,
  shape: HeadShape,
  rows: number,
): void {
  const { F, O, I } = shape;
  const dz = new Float64Array(rows * O); // dL/dyPre in total
  if (dyPre) dz.set(dyPre);
  if (dy) outputActivationBackward(dz, dy, y, rows, O, shape.g);
  gemmAtB(g.dWeight, dz, features, O, F, rows);
  addColumnSums(g.dBias, dz, rows, O);
  gemmAB(dFeatures, dz, p.weight, rows, F, O);
  if (p.shortcut && g.dShortcut) {
    gemmAtB(g.dShortcut, dz, x, O, I, rows);
    gemmAB(dx, dz, p.shortcut, rows, I, O);
  }
}
