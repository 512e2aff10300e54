// Dense float64 matrix helpers for the reference engine: row-major, every product ACCUMULATES into `out` (+=),
// nothing allocates. Names say which operand is transposed: gemmABt is out(M,N) += a(M,K) · b(N,K)^T.

/** out (M, N) += a (M, K) · b (N, K)^T: applying a weight matrix b to the rows of a (x·W^T). */
export function gemmABt(out: Float64Array, a: Float64Array, b: Float64Array, M: number, N: number, K: number): void {
  for (let m = 0; m < M; m++) {
    const aRow = m * K;
    const outRow = m * N;
    for (let n = 0; n < N; n++) {
      const bRow = n * K;
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[aRow + k] * b[bRow + k];
      out[outRow + n] += sum;
    }
  }
}

/** out (M, N) += a (M, K) · b (K, N): back-propagating through a weight matrix (dx += dy·W). */
export function gemmAB(out: Float64Array, a: Float64Array, b: Float64Array, M: number, N: number, K: number): void {
  for (let m = 0; m < M; m++) {
    const outRow = m * N;
    for (let k = 0; k < K; k++) {
      const av = a[m * K + k];
      const bRow = k * N;
      for (let n = 0; n < N; n++) out[outRow + n] += av * b[bRow + n];
    }
  }
}

/** out (M, N) += a (K, M)^T · b (K, N): a weight gradient summed over K rows (dW += dy^T·x). */
export function gemmAtB(out: Float64Array, a: Float64Array, b: Float64Array, M: number, N: number, K: number): void {
  for (let k = 0; k < K; k++) {
    const aRow = k * M;
    const bRow = k * N;
    for (let m = 0; m < M; m++) {
      const av = a[aRow + m];
      const outRow = m * N;
      for (let n = 0; n < N; n++) out[outRow + n] += av * b[bRow + n];
    }
  }
}

/** out (rows, cols) += v (cols) on every row: adding a bias. */
export function addRowVector(out: Float64Array, v: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[row + c] += v[c];
  }
}

/** out (cols) += the sum of the rows of a (rows, cols): a bias gradient. */
export function addColumnSums(out: Float64Array, a: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c] += a[row + c];
  }
}

export function sumOfSquares(a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return sum;
}

/**
 * Swaps the two leading axes of a (P, Q, W) array into (Q, P, W): batch-first (B, T, W) <-> time-major (T, B, W).
 * The engine works time-major inside so that one step of the whole batch is one contiguous slice.
 */
export function swapLeadingAxes(src: Float64Array, P: number, Q: number, W: number): Float64Array {
  const out = new Float64Array(src.length);
  for (let p = 0; p < P; p++) {
    for (let q = 0; q < Q; q++) {
      const from = (p * Q + q) * W;
      out.set(src.subarray(from, from + W), (q * P + p) * W);
    }
  }
  return out;
}
