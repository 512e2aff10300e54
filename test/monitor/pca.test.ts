// PCA recovers a synthetic low-rank trajectory; orientation is deterministic and follows a reference.
import { describe, expect, it } from 'vitest';
import { fitPca, projectPca } from '../../src-main/core/monitor/pca';
import { fillOrthogonal } from '../../src-main/core/spec/linalg-init';
import { Random } from '../../src-main/core/random';

/** n points of an ellipse (radii 3 and 1, centre c) embedded in d = 10 dims by orthonormal columns q1, q2. */
function embeddedEllipse(n: number, d = 10) {
  const q = new Float64Array(d * d);
  fillOrthogonal(q, d, 1, new Random(5));
  const col = (j: number) => Array.from({ length: d }, (_, i) => q[i * d + j]);
  const [q1, q2] = [col(0), col(1)];
  const centre = Array.from({ length: d }, (_, i) => 0.5 - 0.1 * i);
  const z: [number, number][] = [];
  const data = new Float64Array(n * d);
  for (let t = 0; t < n; t++) {
    const angle = (2 * Math.PI * t) / n; // uniform angles: the sample covariance is diagonal in (q1, q2)
    z.push([3 * Math.cos(angle), Math.sin(angle)]);
    for (let i = 0; i < d; i++) data[t * d + i] = centre[i] + z[t][0] * q1[i] + z[t][1] * q2[i];
  }
  return { data, z, q1, q2, centre, d };
}

describe('fitPca', () => {
  it('recovers a rank-2 trajectory: components span it, variance ratios 1 and 0, projection equals the latent path', () => {
    const n = 64;
    const { data, z, q1, q2, centre, d } = embeddedEllipse(n);
    const fit = fitPca(data, n, d, 3);
    fit.mean.forEach((m, i) => expect(m).toBeCloseTo(centre[i], 12));
    const c1 = fit.components.slice(0, d);
    const c2 = fit.components.slice(d, 2 * d);
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
    expect(Math.abs(dot(c1, q1))).toBeCloseTo(1, 10);
    expect(Math.abs(dot(c2, q2))).toBeCloseTo(1, 10);
    expect(fit.explainedVariance[0]).toBeCloseTo((9 / 2) * (n / (n - 1)), 10); // var of 3 cos over a full turn
    expect(fit.explainedVarianceRatio[0] + fit.explainedVarianceRatio[1]).toBeCloseTo(1, 12);
    expect(fit.explainedVarianceRatio[2]).toBeLessThan(1e-12);
    const p = projectPca(fit, data, n, 2);
    const s1 = Math.sign(dot(c1, q1));
    const s2 = Math.sign(dot(c2, q2));
    for (let t = 0; t < n; t++) {
      expect(p[2 * t]).toBeCloseTo(s1 * z[t][0], 10);
      expect(p[2 * t + 1]).toBeCloseTo(s2 * z[t][1], 10);
    }
  });

  it('orients each component with its largest entry positive, or along a reference when one is given', () => {
    const n = 40;
    const { data, d } = embeddedEllipse(n);
    const fit = fitPca(data, n, d, 2);
    for (let c = 0; c < 2; c++) {
      const v = fit.components.slice(c * d, (c + 1) * d);
      const largest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
    const flippedReference = fit.components.map((v) => -v);
    const aligned = fitPca(data, n, d, 2, flippedReference);
    aligned.components.forEach((v, i) => expect(v).toBeCloseTo(-fit.components[i], 12));
  });

  it('refuses sizes that do not match', () => {
    expect(() => fitPca(new Float64Array(5), 2, 3)).toThrow('expected 2 x 3 = 6 values for PCA, found 5');
    expect(() => fitPca(new Float64Array(3), 1, 3)).toThrow('expected at least 2 states for PCA, found 1');
  });
});
