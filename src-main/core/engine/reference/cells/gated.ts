// The second-order ("gated") cell of Pollack 1991 / Giles et al. 1992 for one step of the whole batch:
//   h = tanh( sum_k x_k (W_k h_prev + b_k) ),  W_k = weight_hh[k] (H, H), b_k = bias_hh[k] (H)
// With one-hot x the input symbol k selects W_k; any real x is allowed (a mixture of the matrices).

/** h (B, H) from x (B, K), h_prev (B, H), W (K, H, H), bias (K, H) or null. */
export function gatedCellForward(
  h: Float64Array,
  x: Float64Array,
  hPrev: Float64Array,
  w: Float64Array,
  bias: Float64Array | null,
  B: number,
  K: number,
  H: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < H; i++) {
      let pre = 0;
      for (let k = 0; k < K; k++) {
        const row = (k * H + i) * H;
        let s = bias ? bias[k * H + i] : 0;
        for (let j = 0; j < H; j++) s += w[row + j] * hPrev[b * H + j];
        pre += x[b * K + k] * s;
      }
      h[b * H + i] = Math.tanh(pre);
    }
  }
}

/**
 * Given dh (B, H) = dL/dh: accumulates dx (B, K), dh_prev (B, H), dW (K, H, H), dbias (K, H).
 * `dpre` is scratch (B, H) for dL/d(pre-activation).
 */
export function gatedCellBackward(
  dx: Float64Array,
  dhPrev: Float64Array,
  dW: Float64Array,
  dBias: Float64Array | null,
  dh: Float64Array,
  h: Float64Array,
  x: Float64Array,
  hPrev: Float64Array,
  w: Float64Array,
  bias: Float64Array | null,
  B: number,
  K: number,
  H: number,
  dpre: Float64Array,
): void {
  for (let n = 0; n < B * H; n++) dpre[n] = dh[n] * (1 - h[n] * h[n]);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < K; k++) {
      const xk = x[b * K + k];
      for (let i = 0; i < H; i++) {
        const row = (k * H + i) * H;
        const d = dpre[b * H + i];
        let s = bias ? bias[k * H + i] : 0; // (W_k h_prev + b_k)_i, the factor x_k multiplies
        for (let j = 0; j < H; j++) {
          s += w[row + j] * hPrev[b * H + j];
          dW[row + j] += xk * d * hPrev[b * H + j];
          dhPrev[b * H + j] += xk * d * w[row + j];
        }
        if (dBias) dBias[k * H + i] += xk * d;
        dx[b * K + k] += d * s;
      }
    }
  }
}
