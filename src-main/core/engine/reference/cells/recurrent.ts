// The recurrent projection every PyTorch-style cell shares: gh = h_prev · W_hh^T + b_hh, and its backward.
// G is the gate count (RNN 1, GRU 3, LSTM 4), so gh is (B, G*H) with gate blocks side by side in each row.
import { addColumnSums, addRowVector, gemmAB, gemmABt, gemmAtB } from '../linalg';

/** gh (B, G*H) += h_prev (B, H) · W_hh (G*H, H)^T + b_hh (G*H). */
export function recurrentForward(
  gh: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  bHh: Float64Array | null,
  B: number,
  GH: number,
  H: number,
): void {
  gemmABt(gh, hPrev, wHh, B, GH, H);
  if (bHh) addRowVector(gh, bHh, B, GH);
}

/** Given dgh (B, G*H) = dL/dgh: dW_hh += dgh^T · h_prev, db_hh += column sums, dh_prev += dgh · W_hh. */
export function recurrentBackward(
  dhPrev: Float64Array,
  dWhh: Float64Array,
  dbHh: Float64Array | null,
  dgh: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  B: number,
  GH: number,
  H: number,
): void {
  gemmAtB(dWhh, dgh, hPrev, GH, H, B);
  if (dbHh) addColumnSums(dbHh, dgh, B, GH);
  gemmAB(dhPrev, dgh, wHh, B, H, GH);
}
