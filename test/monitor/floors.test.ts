// The floors that make each alert mean what its sentence says: a running-mean "explosion" must also be large next
// to the weights (anbn-lstm's jump from 1.5e-7 to 1.5e-6 at a loss of 1e-7 is not one).
import { describe, expect, it } from 'vitest';
import { GradientMonitor } from '../../src-main/core/monitor/monitor';
import { initWeights } from '../../src-main/core/spec/init';
import { gradsWithNorm, smallSpec } from './helpers';

const spec = smallSpec();
const weights = initWeights(spec);
const weightNorm = Math.hypot(...Object.values(weights).map((t) => Math.hypot(...t.data)));
const fast = { ema_decay: 0.5, warmup_steps: 5 };

function run(norms: number[], exploding: object = {}) {
  const m = new GradientMonitor(spec, { exploding: { ...fast, ...exploding }, alert_every: 1 });
  return norms.map((n, i) => m.observe(i, gradsWithNorm(spec, n), weights));
}

describe('exploding: the running-mean rule has a floor relative to the weights', () => {
  it("a twentyfold jump among tiny norms (converged run) raises nothing; without the floor it would", () => {
    const tiny = [1.5e-7, 1.5e-7, 1.5e-7, 1.5e-7, 1.5e-7, 1.5e-7, 3e-6];
    expect(run(tiny).flatMap((r) => r.alerts)).toEqual([]);
    const unfloored = run(tiny, { min_weight_ratio: 0 }).flatMap((r) => r.alerts);
    expect(unfloored.map((a) => [a.kind, a.rule, a.step])).toEqual([['exploding', 'mean-multiple', 6]]);
  });

  it('a jump above the multiple but below 1% of the weights\' norm raises nothing; above both it does, and says which', () => {
    const floor = 0.01 * weightNorm;
    const below = run([floor / 50, floor / 50, floor / 50, floor / 50, floor / 50, floor / 50, floor * 0.9]);
    expect(below.flatMap((r) => r.alerts)).toEqual([]);
    const above = run([floor / 50, floor / 50, floor / 50, floor / 50, floor / 50, floor / 50, floor * 1.1]).flatMap((r) => r.alerts);
    expect(above).toHaveLength(1);
    expect(above[0].threshold).toBeCloseTo(floor, 12);
    expect(above[0].message).toMatch(/more than [\d.e-]+ \(1% of the weights' norm [\d.]+, and more than a multiple of its running mean [\d.e-]+\)/);
  });

  it('a real spike (norms of order 1, weights of order 1) is still an explosion, with the usual sentence', () => {
    const alerts = run([1, 1, 1, 1, 1, 1, 30]).flatMap((r) => r.alerts);
    expect(alerts.map((a) => a.rule)).toEqual(['mean-multiple']);
    expect(alerts[0].message).toMatch(/more than [\d.]+ \(a multiple of its running mean [\d.]+\)/);
  });

  it('max_norm is absolute and has no floor', () => {
    const m = new GradientMonitor(spec, { exploding: { max_norm: 1e-6, warmup_steps: 1e9 }, alert_every: 1 });
    expect(m.observe(0, gradsWithNorm(spec, 2e-6), weights).alerts.map((a) => a.rule)).toEqual(['max-norm']);
  });
});

describe('vanishing: floors on both rules', () => {
  const observe = (norm: number, timestep: number[], edit?: (g: ReturnType<typeof gradsWithNorm>) => void) => {
    const grads = gradsWithNorm(spec, norm, timestep);
    edit?.(grads);
    return new GradientMonitor(spec, { alert_every: 1 }).observe(3, grads, weights).alerts;
  };

  it('time-step ratio: a network that only ignores its first step raises nothing; a steady decay does', () => {
    // ||dL/dh_1|| tiny, but the gradient is at full strength from step 2 on: no gain below 1 at every step.
    expect(observe(1, [1e-6, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([]);
    // A gain of 0.3 per step over 9 steps: 0.3^8 = 6.6e-5 at step 1, 0.3^4 = 8e-3 halfway.
    const steady = Array.from({ length: 9 }, (_, t) => 0.3 ** (8 - t));
    expect(observe(1, steady).map((a) => [a.kind, a.rule])).toEqual([['vanishing', 'timestep-ratio']]);
    // Decayed at step 1 and only a little halfway (above 1e-3^(1/4) = 0.178): not through time.
    expect(observe(1, [1e-6, 0.5, 0.5, 0.5, 0.2, 0.5, 1, 1, 1])).toEqual([]);
    expect(observe(1, [1e-6, 0.5, 0.5, 0.5, 0.17, 0.5, 1, 1, 1]).map((a) => a.rule)).toEqual(['timestep-ratio']);
  });

  it('parameter norm: tiny gradients everywhere (a converged network) raise nothing; recurrent ones alone do', () => {
    expect(observe(1e-11, [1, 1, 1, 1])).toEqual([]);
    const recurrentOnly = observe(1, [1, 1, 1, 1], (g) => g.params['weight_hh_l0'].fill(1e-12));
    expect(recurrentOnly.map((a) => [a.rule, a.param])).toEqual([['param-norm', 'weight_hh_l0']]);
    // Below min_param_norm but not below 0.1% of the whole gradient: the network has simply converged.
    const converged = observe(1e-9, [1, 1, 1, 1], (g) => g.params['weight_hh_l0'].fill(1e-11));
    expect(converged).toEqual([]);
  });
});
