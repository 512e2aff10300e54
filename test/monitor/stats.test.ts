// stepStats on a real stacked model: norms agree with a direct computation, per-layer time-step norms, finiteness.
import { describe, expect, it } from 'vitest';
import { stepStats } from '../../src-main/core/monitor/stats';
import { lastStepGradients, modelFrom } from './helpers';

const norm = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe('stepStats', () => {
  const { spec, weights } = modelFrom({ arch: 'gru', input_size: 2, hidden_size: 3, num_layers: 2, output_size: 1, init: { seed: 3 } });
  const grads = lastStepGradients(spec, weights, 7, 1, 2);

  it('reports the global norm, every parameter and weight norm, and ||dL/dh_t|| per layer', () => {
    const s = stepStats(grads, weights, spec);
    const all = Object.values(grads.params).flatMap((g) => Array.from(g));
    expect(s.globalNorm).toBeCloseTo(Math.sqrt(all.reduce((a, v) => a + v * v, 0)), 12);
    expect(Object.keys(s.paramNorms)).toEqual(Object.keys(weights));
    for (const name of Object.keys(weights)) {
      expect(s.paramNorms[name]).toBeCloseTo(norm(grads.params[name]), 14);
      expect(s.weightNorms[name]).toBeCloseTo(norm(weights[name].data), 14);
    }
    expect(s.timestepNorms.map((l) => l.length)).toEqual([7, 7]);
    expect(s.firstToLastRatio).toBeCloseTo(s.timestepNorms[1][0] / s.timestepNorms[1][6], 14);
    expect(s.finite).toBe(true);
    expect(s.nonfiniteParams).toEqual([]);
  });

  it('names the parameters whose gradient is not finite', () => {
    const bad = { ...grads, params: { ...grads.params, 'bias_hh_l1': Float64Array.from([0, Infinity, 0, 0, 0, 0, 0, 0, 0]) } };
    const s = stepStats(bad, weights, spec);
    expect(s.finite).toBe(false);
    expect(s.nonfiniteParams).toEqual(['bias_hh_l1']);
    expect(s.globalNorm).toBe(Infinity);
  });

  it('refuses time-step norms for the wrong number of layers', () => {
    expect(() => stepStats({ ...grads, timestepGradNorms: [new Float64Array(7)] }, weights, spec)).toThrow(
      'expected time-step gradient norms for 2 layer(s), found 1',
    );
  });
});
