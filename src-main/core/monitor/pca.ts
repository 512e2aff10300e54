// Principal component analysis of hidden states for trajectory plots: mean-centred, by the symmetric eigen-
// decomposition of the covariance (d x d, cost O(n d^2 + d^3)), with a deterministic orientation of each component
// so that successive snapshots of a training run do not flip their axes.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface PcaFit {
  /** Number of features d. */
  dims: number;
  /** Per-feature mean (d). */
  mean: number[];
  /** k components, row-major (k, d), unit length, in decreasing order of variance. */
  components: number[];
  /** Variance along each component (sample variance, divided by n - 1). */
  explainedVariance: number[];
  /** explainedVariance / total variance (the sum over all d directions). */
  explainedVarianceRatio: number[];
}

/**
 * Fits k components to n rows of d features (row-major). Orientation: when `reference` (a previous fit's
 * components, (k', d)) is given, each component is flipped to point the same way as the reference component of
 * the same index; otherwise (or when they are nearly orthogonal) its largest-magnitude entry is made positive.
 */
export function fitPca(data: Float64Array, n: number, d: number, k = 3, reference?: readonly number[]): PcaFit {
  if (data.length !== n * d) throw new RangeError(`expected ${n} x ${d} = ${n * d} values for PCA, found ${data.length}`);
  if (n < 2) throw new RangeError(`expected at least 2 states for PCA, found ${n}`);
  const kept = Math.min(k, d);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) mean[c] += data[r * d + c] / n;
  const sums = new Float64Array(d * d); // upper triangle of X_c^T X_c
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) row[c] = data[r * d + c] - mean[c];
    for (let i = 0; i < d; i++) {
      const ri = row[i];
      for (let j = i; j < d; j++) sums[i * d + j] += ri * row[j];
    }
  }
  const cov = new Matrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      cov.set(i, j, sums[i * d + j] / (n - 1));
      cov.set(j, i, sums[i * d + j] / (n - 1));
    }
  }
  const eig = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const values = eig.realEigenvalues.map((v) => Math.max(v, 0)); // rounding can leave -1e-17 for a zero variance
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const total = values.reduce((a, b) => a + b, 0);
  const components: number[] = [];
  for (let c = 0; c < kept; c++) {
    const column = eig.eigenvectorMatrix.getColumn(order[c]);
    orient(column, reference?.slice(c * d, (c + 1) * d));
    components.push(...column);
  }
  const explainedVariance = order.slice(0, kept).map((i) => values[i]);
  return {
    dims: d,
    mean: Array.from(mean),
    components,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)),
  };
}

/** Projects n rows of d features onto the first `k` components of a fit: (n, k) row-major. */
export function projectPca(fit: PcaFit, data: Float64Array, n: number, k: number): number[] {
  const d = fit.dims;
  const available = fit.components.length / d;
  if (k > available) throw new RangeError(`expected at most ${available} components to project onto, found ${k}`);
  const out = new Array<number>(n * k).fill(0);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (data[r * d + j] - fit.mean[j]) * fit.components[c * d + j];
      out[r * k + c] = s;
    }
  }
  return out;
}

function orient(v: number[], ref: readonly number[] | undefined): void {
  let dot = 0;
  if (ref && ref.length === v.length) for (let i = 0; i < v.length; i++) dot += v[i] * ref[i];
  let sign = Math.sign(dot);
  if (Math.abs(dot) < 1e-6) {
    let largest = 0;
    for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) largest = i;
    sign = v[largest] < 0 ? -1 : 1;
  }
  if (sign < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}
