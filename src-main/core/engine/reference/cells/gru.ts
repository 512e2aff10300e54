// The GRU cell (nn.GRU) for one step of the whole batch. Gate blocks are PyTorch's order r, z, n, and the reset
// gate multiplies the recurrent term AFTER its bias (PyTorch's, and ONNX linear_before_reset=1):
//   r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r * gh_n), h = (1-z)*n + z*h_prev
// with gx = W_ih x + b_ih and gh = h_prev · W_hh^T + b_hh.
import { recurrentBackward, recurrentForward } from './recurrent';
import { sigmoid } from '../activations';

/** Writes h (B, H), the activated gates r, z, n (B, 3H) and gh_n (B, H) for backward; `gh` is scratch (B, 3H). */
export function gruCellForward(
  h: Float64Array,
  gates: Float64Array,
  ghN: Float64Array,
  gx: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  bHh: Float64Array | null,
  B: number,
  H: number,
  gh: Float64Array,
): void {
  gh.fill(0);
  recurrentForward(gh, hPrev, wHh, bHh, B, 3 * H, H);
  for (let b = 0; b < B; b++) {
    const row = b * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const r = (gates[row + j] = sigmoid(gx[row + j] + gh[row + j]));
      const z = (gates[row + H + j] = sigmoid(gx[row + H + j] + gh[row + H + j]));
      ghN[k] = gh[row + 2 * H + j];
      const n = (gates[row + 2 * H + j] = Math.tanh(gx[row + 2 * H + j] + r * ghN[k]));
      h[k] = (1 - z) * n + z * hPrev[k];
    }
  }
}

/** Given dh (B, H) = dL/dh: accumulates dgx (B, 3H), dh_prev (B, H), dW_hh, db_hh. `dgh` is scratch (B, 3H). */
export function gruCellBackward(
  dgx: Float64Array,
  dhPrev: Float64Array,
  dWhh: Float64Array,
  dbHh: Float64Array | null,
  dh: Float64Array,
  gates: Float64Array,
  ghN: Float64Array,
  hPrev: Float64Array,
  wHh: Float64Array,
  B: number,
  H: number,
  dgh: Float64Array,
): void {
  for (let b = 0; b < B; b++) {
    const row = b * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const r = gates[row + j];
      const z = gates[row + H + j];
      const n = gates[row + 2 * H + j];
      dhPrev[k] += dh[k] * z;
      const dnPre = dh[k] * (1 - z) * (1 - n * n);
      const drPre = dnPre * ghN[k] * r * (1 - r);
      const dzPre = dh[k] * (hPrev[k] - n) * z * (1 - z);
      dgx[row + j] += drPre;
      dgx[row + H + j] += dzPre;
      dgx[row + 2 * H + j] += dnPre;
      dgh[row + j] = drPre;
      dgh[row + H + j] = dzPre;
      dgh[row + 2 * H + j] = dnPre * r;
    }
  }
  recurrentBackward(dhPrev, dWhh, dbHh, dgh, hPrev, wHh, B, 3 * H, H);
}
