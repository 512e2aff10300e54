// sigma_max by power iteration against ml-matrix's SVD, warm starts, and the degenerate cases.
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { largestSingularValue } from '../../src-main/core/monitor/power-iteration';

function svdSigmaMax(data: Float64Array, rows: number, cols: number): number {
  const m = Matrix.from1DArray(rows, cols, Array.from(data));
  return Math.max(...new SingularValueDecomposition(m, { autoTranspose: true }).diagonal);
}

const cases: { rows: number; cols: number; seed: number }[] = [
  { rows: 1, cols: 1, seed: 1 },
  { rows: 4, cols: 4, seed: 2 },
  { rows: 16, cols: 16, seed: 3 },
  { rows: 32, cols: 32, seed: 4 },
  { rows: 6, cols: 2, seed: 5 },
  { rows: 2, cols: 7, seed: 6 },
];

describe('largestSingularValue', () => {
  it.each(cases)('agrees with the SVD to 1e-8 relative on a random $rows x $cols matrix', ({ rows, cols, seed }) => {
    const w = new Random(seed).uniformArray(rows * cols, -1, 1);
    const result = largestSingularValue(w, rows, cols);
    const expected = svdSigmaMax(w, rows, cols);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.sigmaMax - expected) / expected).toBeLessThan(1e-8);
  });

  it('warm-started from the previous vector, a slightly changed matrix converges in fewer iterations', () => {
    const n = 24;
    const w = new Random(7).uniformArray(n * n, -1, 1);
    const cold = largestSingularValue(w, n, n);
    const nudged = w.map((v, i) => v + 1e-4 * Math.sin(i));
    const warm = largestSingularValue(nudged, n, n, { start: cold.vector });
    const coldAgain = largestSingularValue(nudged, n, n);
    expect(warm.iterations).toBeLessThan(coldAgain.iterations);
    expect(Math.abs(warm.sigmaMax - svdSigmaMax(nudged, n, n))).toBeLessThan(1e-8);
  });

  it('gives 0 for a zero matrix, the scale for a scaled orthogonal one, NaN for a non-finite one', () => {
    expect(largestSingularValue(new Float64Array(9), 3, 3).sigmaMax).toBe(0);
    const rotation = Float64Array.from([0, -2, 2, 0]); // 2 * (90 degree rotation): both singular values 2
    expect(largestSingularValue(rotation, 2, 2).sigmaMax).toBeCloseTo(2, 12);
    expect(largestSingularValue(Float64Array.from([1, NaN, 0, 1]), 2, 2).sigmaMax).toBeNaN();
  });

  it('reports converged: false when the iteration budget runs out, and refuses a wrong size', () => {
    const w = new Random(8).uniformArray(64, -1, 1);
    const r = largestSingularValue(w, 8, 8, { maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.sigmaMax).toBeLessThanOrEqual(svdSigmaMax(w, 8, 8) + 1e-12); // Rayleigh estimates approach from below
    expect(() => largestSingularValue(w, 3, 3)).toThrow('expected a 3 x 3 matrix (9 values), found 64');
  });
});
