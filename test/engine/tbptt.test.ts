// Truncated BPTT over any engine: k1 = k2 = T is exactly full BPTT; overlapping windows that reach back to the start
// sum to full BPTT; chunked forward values equal the unchunked ones; a 10,000-step sequence trains online while the
// engine never sees more than k2 steps at once.
import { describe, expect, it } from 'vitest';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { truncatedBptt, type TbpttWindow, type WindowLoss } from '../../src-main/core/engine/tbptt';
import type { Engine, ForwardResult, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { Random } from '../../src-main/core/random';
import { randomInput, randomModel, type SpecFields } from '../helpers/random-model';

function nativeEngine(): Engine {
  const load = loadNativeEngine();
  if (!load.ok) throw new Error(`the native kernel must be built for these tests: ${load.reason}`);
  return load.engine;
}

/** Squared error of y against targets (B, T, O) on the window's new steps; also records the y it saw. */
function squaredError(targets: Float64Array, B: number, T: number, O: number, seen?: Float64Array): WindowLoss {
  return (result: ForwardResult, w: TbpttWindow) => {
    const dY = new Float64Array(B * w.steps * O);
    let loss = 0;
    for (let b = 0; b < B; b++) {
      for (let t = w.lossFrom; t < w.steps; t++) {
        for (let o = 0; o < O; o++) {
          const i = (b * w.steps + t) * O + o;
          const target = targets[(b * T + w.start + t) * O + o];
          const diff = result.y![i] - target;
          loss += diff * diff;
          dY[i] = 2 * diff;
          if (seen) seen[(b * T + w.start + t) * O + o] = result.y![i];
        }
      }
    }
    return { loss, seeds: { dY } };
  };
}

function fullBptt(engine: Engine, model: Model, input: SequenceBatch, targets: Float64Array) {
  const { batch: B, steps: T } = input;
  const O = model.spec.output_size;
  const pass = engine.forward(model, input);
  const { seeds, loss } = squaredError(targets, B, T, O)(pass, { start: 0, steps: T, lossFrom: 0 });
  return { grads: pass.backward(seeds), loss, pass };
}

function maxDiff(a: Record<string, Float64Array>, b: Record<string, Float64Array>): number {
  let worst = 0;
  for (const name of Object.keys(b)) for (let i = 0; i < b[name].length; i++) worst = Math.max(worst, Math.abs(a[name][i] - b[name][i]));
  return worst;
}

const FAMILIES: { name: string; spec: SpecFields; h0?: boolean; c0?: boolean; y0?: boolean }[] = [
  { name: 'rnn 2 layers, h0', spec: { arch: 'rnn', num_layers: 2, output_size: 2 }, h0: true },
  { name: 'lstm, h0 c0', spec: { arch: 'lstm', output_size: 2 }, h0: true, c0: true },
  { name: 'gru 2 layers', spec: { arch: 'gru', num_layers: 2, output_size: 1 } },
  { name: 'jordan, y0', spec: { arch: 'jordan', output_size: 2, output_activation: 'sigmoid' }, y0: true },
  { name: 'gated learn_h0', spec: { arch: 'gated', learn_h0: true, output_size: 1 } },
];

describe.each([
  ['reference', () => referenceEngine],
  ['native', nativeEngine],
] as const)('truncatedBptt on the %s engine', (_name, makeEngine) => {
  for (const f of FAMILIES) {
    it(`${f.name}: k1 = k2 = T is full BPTT; windows back to the start sum to full BPTT; chunked forward = full`, () => {
      const engine = makeEngine();
      const model = randomModel(f.spec, 2);
      const B = 2;
      const T = 12;
      const O = model.spec.output_size;
      const input = randomInput(model.spec, { batch: B, steps: T, h0: f.h0, c0: f.c0, y0: f.y0 });
      const targets = new Random(5).uniformArray(B * T * O, -1, 1);
      const full = fullBptt(engine, model, input, targets);

      const whole = truncatedBptt(engine, model, input, squaredError(targets, B, T, O), { k1: T, k2: T });
      expect(maxDiff(whole.params, full.grads.params)).toBe(0);
      expect(whole.losses).toEqual([full.loss]);

      const growing = truncatedBptt(engine, model, input, squaredError(targets, B, T, O), { k1: 5, k2: T });
      expect(growing.losses).toHaveLength(3);
      expect(maxDiff(growing.params, full.grads.params)).toBeLessThan(1e-12);

      const seen = new Float64Array(B * T * O);
      const chunked = truncatedBptt(engine, model, input, squaredError(targets, B, T, O, seen), { k1: 4, k2: 6 });
      expect(chunked.losses).toHaveLength(3);
      for (let i = 0; i < seen.length; i++) expect(seen[i]).toBeCloseTo(full.pass.y![i], 12);
      for (let i = 0; i < full.pass.hN.length; i++) expect(chunked.hN[i]).toBeCloseTo(full.pass.hN[i], 12);
      // Truncation changes the gradient (some paths are cut) but not the loss.
      expect(maxDiff(chunked.params, full.grads.params)).toBeGreaterThan(1e-6);
      expect(chunked.losses.reduce((a, b) => a + b, 0)).toBeCloseTo(full.loss, 10);
    });
  }
});

describe('truncatedBptt over a 10,000-step sequence', () => {
  it('trains online (delay-1 echo) while the engine only ever sees windows of <= k2 steps', () => {
    const native = nativeEngine();
    const seenSteps: number[] = [];
    const spy: Engine = {
      name: native.name,
      forward(model, input, options) {
        seenSteps.push(input.steps);
        return native.forward(model, input, options);
      },
    };
    const model = randomModel({ arch: 'rnn', input_size: 1, hidden_size: 8, output_size: 1 }, 3, 0.3);
    const B = 4;
    const T = 10_000;
    const rng = new Random(9);
    const x = rng.uniformArray(B * T, -1, 1);
    const targets = new Float64Array(B * T); // y_t = x_{t-1}
    for (let b = 0; b < B; b++) for (let t = 1; t < T; t++) targets[b * T + t] = x[b * T + t - 1];
    const lr = 0.05;
    const result = truncatedBptt(spy, model, { batch: B, steps: T, x }, squaredError(targets, B, T, 1), {
      k1: 20,
      k2: 25,
      onWindow(grads) {
        for (const [name, g] of Object.entries(grads.params)) {
          const w = model.weights[name].data;
          for (let i = 0; i < w.length; i++) w[i] -= (lr / (B * 20)) * g[i];
        }
      },
    });
    expect(Math.max(...seenSteps)).toBeLessThanOrEqual(25);
    expect(seenSteps).toHaveLength(T / 20);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const first = mean(result.losses.slice(1, 21));
    const lastLosses = mean(result.losses.slice(-20));
    expect(lastLosses).toBeLessThan(0.2 * first);
  });

  it('rejects bad k1/k2 and bidirectional models', () => {
    const model = randomModel({ arch: 'rnn', bidirectional: true }, 1);
    const input = randomInput(model.spec, { steps: 4 });
    const loss: WindowLoss = () => ({ loss: 0, seeds: {} });
    expect(() => truncatedBptt(referenceEngine, randomModel({ arch: 'rnn' }), input, loss, { k1: 0, k2: 2 })).toThrow(/k1 as a whole number >= 1, found 0/);
    expect(() => truncatedBptt(referenceEngine, randomModel({ arch: 'rnn' }), input, loss, { k1: 3, k2: 2 })).toThrow(/k2 as a whole number >= k1 = 3, found 2/);
    expect(() => truncatedBptt(referenceEngine, model, input, loss, { k1: 2, k2: 2 })).toThrow(/bidirectional/);
  });
});
