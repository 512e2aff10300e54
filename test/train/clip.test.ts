// Gradient clipping against torch's clip_grad_norm_ / clip_grad_value_ (1e-12 relative), and what happens with a
// non-finite gradient: reported, gradients left as they were.
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue, globalGradNorm } from '../../src-main/core/train/clip';
import { clipCases, expectRelClose } from './torch-fixtures';

const toArrays = (grads: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, Float64Array.from(g)]));

describe('clipping matches torch', () => {
  for (const c of clipCases()) {
    it(`${c.name}: ${c.mode} at ${c.threshold}`, () => {
      const grads = toArrays(c.grads);
      if (c.mode === 'norm') {
        const report = clipGradNorm(grads, c.threshold);
        expectRelClose([report.totalNorm], [c.expected.total_norm!], 'total norm');
        expect(report.finite).toBe(true);
        expect(report.clipped).toBe(report.totalNorm > c.threshold);
        expect(report.coefficient).toBe(report.clipped ? c.threshold / (report.totalNorm + 1e-6) : 1);
      } else {
        const changed = clipGradValue(grads, c.threshold);
        const expectedChanged = Object.values(c.grads).flat().filter((v) => Math.abs(v) > c.threshold).length;
        expect(changed).toBe(expectedChanged);
      }
      for (const [name, expected] of Object.entries(c.expected.grads)) expectRelClose(grads[name], expected, name);
    });
  }

  it('the cases include clipping and not clipping for both modes', () => {
    const cases = clipCases();
    const changedAny = (c: (typeof cases)[number]) =>
      Object.keys(c.grads).some((n) => c.grads[n].some((v, i) => v !== c.expected.grads[n][i]));
    expect(cases.filter((c) => c.mode === 'norm').map(changedAny)).toEqual(expect.arrayContaining([true, false]));
    expect(cases.filter((c) => c.mode === 'value').map(changedAny)).toEqual(expect.arrayContaining([true, false]));
  });
});

describe('norms and non-finite gradients', () => {
  it('per-parameter norms and the global norm of a 3-4-12 example', () => {
    const { totalNorm, paramNorms } = globalGradNorm({ a: Float64Array.of(3, 4), b: Float64Array.of(12) });
    expect(paramNorms).toEqual({ a: 5, b: 12 });
    expect(totalNorm).toBe(13);
  });

  for (const bad of [NaN, Infinity]) {
    it(`a gradient holding ${bad}: reported non-finite, gradients untouched`, () => {
      const grads = { a: Float64Array.of(3, bad), b: Float64Array.of(100) };
      const report = clipGradNorm(grads, 1);
      expect(report.finite).toBe(false);
      expect(report.clipped).toBe(false);
      expect(Number.isFinite(report.totalNorm)).toBe(false);
      expect(Array.from(grads.b)).toEqual([100]);
    });
  }

  it('clipping by value leaves NaN as NaN and clamps infinities', () => {
    const grads = { a: Float64Array.of(NaN, Infinity, -Infinity, 0.1) };
    expect(clipGradValue(grads, 0.5)).toBe(2);
    expect(Array.from(grads.a)).toEqual([NaN, 0.5, -0.5, 0.1]);
  });

  it('thresholds must be finite and above 0', () => {
    expect(() => clipGradNorm({}, 0)).toThrow('expected max_norm as a finite number above 0, found 0');
    expect(() => clipGradValue({}, Infinity)).toThrow('expected clip_value as a finite number above 0, found Infinity');
  });
});
