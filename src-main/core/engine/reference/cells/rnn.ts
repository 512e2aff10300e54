// The plain RNN cell (nn.RNN, Elman's SRN) for one step of the whole batch:
// h = f(gx + h_prev · W_hh^T + b_hh), where gx = W_ih x + b_ih was computed for all steps before the scan.
import type { Nonlinearity } from '../../../spec/types';
import { applyHidden, hiddenSlope } from '../activations';
import { recurrentBackward, recurrentForward } from './recurrent';

/** h (B, H) = f(gx (B, H) + h_prev (B, H) · W_hh (H, H)^T + b_hh (H)). */
export function rnnCellForward(
  h: Float64Array,
  gx: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  bHh: Float64Array | null,
  B: number,
  H: number,
  f: Nonlinearity,
): void {
  h.set(gx);
  recurrentForward(h, hPrev, wHh, bHh, B, H, H);
  applyHidden(h, f);
}

/**
 * Given dh (B, H) = dL/dh and the forward values h, h_prev: accumulates dgx (B, H), dh_prev (B, H), dW_hh, db_hh.
 * `dpre` is scratch (B, H) for dL/d(pre-activation).
 */
export function rnnCellBackward(
  dgx: Float64Array,
  dhPrev: Float64Array,
  dWhh: Float64Array,
  dbHh: Float64Array | null,
  dh: Float64Array,
  h: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  B: number,
  H: number,
  f: Nonlinearity,
  dpre: Float64Array,
): void {
  for (let i = 0; i < B * H; i++) {
    dpre[i] = dh[i] * hiddenSlope(h[i], f);
    dgx[i] += dpre[i];
  }
  recurrentBackward(dhPrev, dWhh, dbHh, dpre, hPrev, wHh, B, H, H);
}
