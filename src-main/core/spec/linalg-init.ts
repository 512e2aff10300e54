// Square-matrix helpers for the initialisers: random orthogonal blocks, spectral radius and its rescale.
// Blocks are row-major n x n views (Float64Array of n*n); nothing here knows about specs or parameter names.
import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { SpecError } from '../errors';
import type { Random } from '../random';

function toMatrix(block: Float64Array, n: number): Matrix {
  const m = new Matrix(n, n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) m.set(r, c, block[r * n + c]);
  return m;
}

/**
 * Fills `out` (n x n) with gain * Q, Q orthogonal, as torch.nn.init.orthogonal_ does: QR of a standard Gaussian
 * matrix, then each column of Q multiplied by the sign of R's diagonal entry, so Q is Haar-distributed and does not
 * depend on the sign convention of the QR routine.
 */
export function fillOrthogonal(out: Float64Array, n: number, gain: number, rng: Random): void {
  const gaussian = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) gaussian[i] = rng.normal();
  const qr = new QrDecomposition(toMatrix(gaussian, n));
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  for (let c = 0; c < n; c++) {
    const sign = r.get(c, c) < 0 ? -gain : gain;
    for (let row = 0; row < n; row++) out[row * n + c] = sign * q.get(row, c);
  }
}

/** Fills `out` (n x n) with gain * I. */
export function fillIdentity(out: Float64Array, n: number, gain: number): void {
  out.fill(0);
  for (let i = 0; i < n; i++) out[i * n + i] = gain;
}

/** max |eigenvalue| of a general (nonsymmetric) n x n block. */
export function spectralRadius(block: Float64Array, n: number): number {
  const evd = new EigenvalueDecomposition(toMatrix(block, n), { assumeSymmetric: false });
  let radius = 0;
  for (let i = 0; i < n; i++) {
    radius = Math.max(radius, Math.hypot(evd.realEigenvalues[i], evd.imaginaryEigenvalues[i]));
  }
  return radius;
}

/**
 * Scales the block in place so that its spectral radius equals `target`. A block whose radius is zero (a zero or
 * nilpotent matrix) has no scale to adjust; `label` names it in the error ("weight_hh_l0 gate 1").
 */
export function rescaleToSpectralRadius(block: Float64Array, n: number, target: number, label: string): void {
  const radius = spectralRadius(block, n);
  let largest = 0;
  for (const v of block) largest = Math.max(largest, Math.abs(v));
  // Eigenvalues of a nilpotent matrix come out as rounding noise of the size of eps * |entries|, not exactly 0.
  if (!(radius > 1e-12 * largest) || !Number.isFinite(radius)) {
    throw new SpecError(
      `init.spectral_radius: cannot rescale ${label} to spectral radius ${target}: its spectral radius is ${radius === 0 || largest === 0 ? '0' : `${radius.toExponential(2)} (numerically 0)`}, so no scale reaches it`,
    );
  }
  const scale = target / radius;
  for (let i = 0; i < block.length; i++) block[i] *= scale;
}
