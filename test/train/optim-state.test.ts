// Optimiser checkpoints: a state saved mid-run (through JSON, as in a project file) and restored into a fresh
// optimiser continues exactly as the uninterrupted run; a state that does not fit is refused with one line.
import { describe, expect, it } from 'vitest';
import { InputShapeError } from '../../src-main/core/errors';
import { cloneWeights } from '../../src-main/core/tensor';
import { Adam, decodeFloat64, encodeFloat64, OptimizerStateError, Sgd } from '../../src-main/core/train/optim';
import { gradsAt, optimizerCases, optimizerFor, weightsOf } from './torch-fixtures';

const cases = optimizerCases();

describe('save and restore mid-run', () => {
  for (const c of cases) {
    it(`${c.name}: restored after 3 steps, the next steps equal the uninterrupted run bit for bit`, () => {
      const straight = weightsOf(c);
      const uninterrupted = optimizerFor(c);
      for (let s = 0; s < c.lrs.length; s++) uninterrupted.step(straight, gradsAt(c, s), c.lrs[s]);

      const weights = weightsOf(c);
      const first = optimizerFor(c);
      for (let s = 0; s < 3; s++) first.step(weights, gradsAt(c, s), c.lrs[s]);
      const savedState = JSON.parse(JSON.stringify(first.getState()));
      const resumed = cloneWeights(weights);
      first.step(weights, gradsAt(c, 3), 123); // steps after the save must not leak into the saved state

      const second = optimizerFor(c);
      second.setState(savedState);
      for (let s = 3; s < c.lrs.length; s++) second.step(resumed, gradsAt(c, s), c.lrs[s]);
      for (const name of Object.keys(straight)) expect(resumed[name].data).toEqual(straight[name].data);
    });
  }

  it('a fresh optimiser without the restored state takes a different path (the test can fail)', () => {
    const c = cases.find((x) => x.name === 'adam-amsgrad')!;
    const straight = weightsOf(c);
    const opt = optimizerFor(c);
    for (let s = 0; s < c.lrs.length; s++) opt.step(straight, gradsAt(c, s), c.lrs[s]);
    const restarted = weightsOf(c);
    const early = optimizerFor(c);
    for (let s = 0; s < 3; s++) early.step(restarted, gradsAt(c, s), c.lrs[s]);
    const fresh = optimizerFor(c);
    for (let s = 3; s < c.lrs.length; s++) fresh.step(restarted, gradsAt(c, s), c.lrs[s]);
    expect(restarted.weight.data).not.toEqual(straight.weight.data);
  });

  it('getState is plain JSON: counters as numbers, buffers as base64 float64', () => {
    const c = cases.find((x) => x.name === 'adam-amsgrad')!;
    const weights = weightsOf(c);
    const opt = optimizerFor(c);
    opt.step(weights, gradsAt(c, 0), 0.1);
    const state = opt.getState();
    expect(state.kind).toBe('adam');
    expect(Object.keys(state.params)).toEqual(['weight', 'bias']);
    expect(Object.keys(state.params.weight).sort()).toEqual(['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step']);
    expect(state.params.weight.step).toBe(1);
    const expAvg = decodeFloat64(state.params.weight.exp_avg as string) as Float64Array;
    const g = gradsAt(c, 0).weight;
    expect(Array.from(expAvg)).toEqual(Array.from(g, (v) => (1 - 0.9) * v));
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('float64 codec', () => {
  it('round-trips every value, including -0, subnormals, infinities and NaN', () => {
    const values = Float64Array.from([0, -0, 1 / 3, -1e-310, 5e-324, Number.MAX_VALUE, Infinity, -Infinity, NaN]);
    const back = decodeFloat64(encodeFloat64(values)) as Float64Array;
    expect(Object.is(back[1], -0)).toBe(true);
    expect(Array.from(back)).toEqual(Array.from(values));
  });

  it('is little-endian: 1.0 is 00 00 00 00 00 00 f0 3f', () => {
    expect(Buffer.from(encodeFloat64(Float64Array.of(1)), 'base64').toString('hex')).toBe('000000000000f03f');
  });
});

describe('refused states and inputs', () => {
  const weights = () => ({ w: { shape: [2], data: Float64Array.of(1, 2) } });
  const table: [string, unknown, string][] = [
    ['not an object', 'adam', "invalid adam optimiser state: expected an object { kind, params }"],
    ['another kind', { kind: 'sgd', params: {} }, `invalid adam optimiser state: expected kind 'adam', found "sgd"`],
    ['params not an object', { kind: 'adam', params: [] }, 'invalid adam optimiser state: params: expected an object keyed by parameter name'],
    ['unknown field', { kind: 'adam', params: { w: { momentum_buffer: '' } } },
      "invalid adam optimiser state: params.w: unknown field 'momentum_buffer' (expected step, exp_avg, exp_avg_sq, max_exp_avg_sq)"],
    ['bad counter', { kind: 'adam', params: { w: { step: 1.5 } } }, 'invalid adam optimiser state: params.w.step: expected a whole number >= 0, found 1.5'],
    ['bad base64', { kind: 'adam', params: { w: { exp_avg: 'abc!' } } },
      'invalid adam optimiser state: params.w.exp_avg: expected base64 text of little-endian float64 values'],
    ['partial float', { kind: 'adam', params: { w: { exp_avg: 'AAAA' } } },
      'invalid adam optimiser state: params.w.exp_avg: expected a multiple of 8 bytes (float64), found 3 bytes'],
  ];
  for (const [what, state, message] of table) {
    it(`${what}: ${message}`, () => {
      expect(() => new Adam().setState(state)).toThrow(new OptimizerStateError(message));
    });
  }

  it('a restored buffer of the wrong size stops the step before any weight or counter changes', () => {
    for (const opt of [new Adam(), new Sgd({ momentum: 0.9 })]) {
      const key = opt.kind === 'adam' ? 'exp_avg' : 'momentum_buffer';
      opt.setState({ kind: opt.kind, params: { b: { [key]: encodeFloat64(new Float64Array(3)) } } });
      const w = { a: { shape: [1], data: Float64Array.of(5) }, b: { shape: [2], data: Float64Array.of(1, 2) } };
      const grads = { a: Float64Array.of(1), b: Float64Array.of(1, 1) };
      expect(() => opt.step(w, grads, 0.1)).toThrow(`optimiser state b.${key}: expected 2 values, found 3 values`);
      expect([w.a.data[0], ...w.b.data]).toEqual([5, 1, 2]);
      expect(opt.getState().params.a ?? {}).not.toHaveProperty('step');
      expect(opt.getState().params.a ?? {}).not.toHaveProperty('momentum_buffer');
    }
  });

  it('gradients of unknown parameters or the wrong size, and bad learning rates, are refused', () => {
    const opt = new Sgd({ momentum: 0.9 });
    expect(() => opt.step(weights(), { v: Float64Array.of(1, 1) }, 0.1)).toThrow(
      new InputShapeError("expected gradients of known parameters (w), found 'v'"),
    );
    expect(() => opt.step(weights(), { w: Float64Array.of(1) }, 0.1)).toThrow('gradient of w: expected 2 values, found 1');
    expect(() => opt.step(weights(), { w: Float64Array.of(1, 1) }, NaN)).toThrow('expected a learning rate as a finite number >= 0, found NaN');
    expect(() => new Sgd({ nesterov: true })).toThrow('Nesterov momentum needs momentum > 0 and dampening = 0, found momentum 0, dampening 0');
  });
});
