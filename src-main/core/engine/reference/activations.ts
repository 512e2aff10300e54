// Elementwise activations and their derivatives: the hidden nonlinearity (tanh | relu), the logistic sigmoid of
// the gates, and the head's output activation (none | sigmoid | softmax over each row), forward and backward.
import type { Nonlinearity, OutputActivation } from '../../spec/types';

export function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

/** Applies f in place to a (pre-activation -> activation). */
export function applyHidden(a: Float64Array, f: Nonlinearity): void {
  if (f === 'tanh') for (let i = 0; i < a.length; i++) a[i] = Math.tanh(a[i]);
  else for (let i = 0; i < a.length; i++) a[i] = a[i] > 0 ? a[i] : 0;
}

/** f'(pre) written from the activation h = f(pre): tanh' = 1 - h^2, relu' = [h > 0] (0 at the kink, as PyTorch). */
export function hiddenSlope(h: number, f: Nonlinearity): number {
  return f === 'tanh' ? 1 - h * h : h > 0 ? 1 : 0;
}

/** y (rows, O) = g(yPre) for the head's output activation g. */
export function outputActivationForward(y: Float64Array, yPre: Float64Array, rows: number, O: number, g: OutputActivation): void {
  if (g === 'none') y.set(yPre);
  else if (g === 'sigmoid') for (let i = 0; i < yPre.length; i++) y[i] = sigmoid(yPre[i]);
  else {
    for (let r = 0; r < rows; r++) {
      const row = r * O;
      let max = -Infinity;
      for (let o = 0; o < O; o++) max = Math.max(max, yPre[row + o]);
      let sum = 0;
      for (let o = 0; o < O; o++) sum += y[row + o] = Math.exp(yPre[row + o] - max);
      for (let o = 0; o < O; o++) y[row + o] /= sum;
    }
  }
}

/** dyPre (rows, O) += J_g^T · dy, written from y = g(yPre); softmax uses its full Jacobian y*(dy - <dy, y>). */
export function outputActivationBackward(
  dyPre: Float64Array,
  dy: Float64Array,
  y: Float64Array,
  rows: number,
  O: number,
  g: OutputActivation,
): void {
  if (g === 'none') for (let i = 0; i < dy.length; i++) dyPre[i] += dy[i];
  else if (g === 'sigmoid') for (let i = 0; i < dy.length; i++) dyPre[i] += dy[i] * y[i] * (1 - y[i]);
  else {
    for (let r = 0; r < rows; r++) {
      const row = r * O;
      let dot = 0;
      for (let o = 0; o < O; o++) dot += dy[row + o] * y[row + o];
      for (let o = 0; o < O; o++) dyPre[row + o] += y[row + o] * (dy[row + o] - dot);
    }
  }
}
