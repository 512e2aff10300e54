// The LSTM cell (nn.LSTM) for one step of the whole batch. Gate blocks in each row of the (B, 4H) gate array
// are PyTorch's order i, f, g, o:
//   i = σ(.), f = σ(.), g = tanh(.), o = σ(.) of gx + h_prev · W_hh^T + b_hh
//   c = f*c_prev + i*g,  h = o*tanh(c)
import { sigmoid } from '../activations';
import { recurrentBackward, recurrentForward } from './recurrent';

/** Writes h, c (B, H) and the activated gates (B, 4H), kept for the backward pass. */
export function lstmCellForward(
  h: Float64Array,
  c: Float64Array,
  gates: Float64Array,
  gx: Float64Array,
  hPrev: Float64Array,
  cPrev: Float64Array,
  wHh: Float64Array,
  bHh: Float64Array | null,
  B: number,
  H: number,
): void {
  gates.set(gx);
  recurrentForward(gates, hPrev, wHh, bHh, B, 4 * H, H);
  for (let b = 0; b < B; b++) {
    const row = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const i = (gates[row + j] = sigmoid(gates[row + j]));
      const f = (gates[row + H + j] = sigmoid(gates[row + H + j]));
      const g = (gates[row + 2 * H + j] = Math.tanh(gates[row + 2 * H + j]));
      const o = (gates[row + 3 * H + j] = sigmoid(gates[row + 3 * H + j]));
      const k = b * H + j;
      c[k] = f * cPrev[k] + i * g;
      h[k] = o * Math.tanh(c[k]);
    }
  }
}

/**
 * Given dh, dc (B, H) = dL/dh, dL/dc arriving at this step (dc from the next step only; the path through h is
 * added here): accumulates dgx (B, 4H), dh_prev, dc_prev (B, H), dW_hh, db_hh. `dgates` is scratch (B, 4H).
 */
export function lstmCellBackward(
  dgx: Float64Array,
  dhPrev: Float64Array,
  dcPrev: Float64Array,
  dWhh: Float64Array,
  dbHh: Float64Array | null,
  dh: Float64Array,
  dc: Float64Array,
  gates: Float64Array,
  c: Float64Array,
  cPrev: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  B: number,
  H: number,
  dgates: Float64Array,
): void {
  for (let b = 0; b < B; b++) {
    const row = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const i = gates[row + j];
      const f = gates[row + H + j];
      const g = gates[row + 2 * H + j];
      const o = gates[row + 3 * H + j];
      const tanhC = Math.tanh(c[k]);
      const dcTotal = dc[k] + dh[k] * o * (1 - tanhC * tanhC);
      dcPrev[k] += dcTotal * f;
      dgates[row + j] = dcTotal * g * i * (1 - i);
      dgates[row + H + j] = dcTotal * cPrev[k] * f * (1 - f);
      dgates[row + 2 * H + j] = dcTotal * i * (1 - g * g);
      dgates[row + 3 * H + j] = dh[k] * tanhC * o * (1 - o);
    }
  }
  for (let n = 0; n < B * 4 * H; n++) dgx[n] += dgates[n];
  recurrentBackward(dhPrev, dWhh, dbHh, dgates, hPrev, wHh, B, 4 * H, H);
}
