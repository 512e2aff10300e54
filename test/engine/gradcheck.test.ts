// The gradient checker itself: it passes a correct engine, names the tensor of a wrong gradient, subsamples
// big tensors when asked, fixes dropout masks across evaluations and leaves the caller's arrays alone.
import { describe, expect, test } from 'vitest';
import { gradientCheck } from '../../src-main/core/engine/gradcheck';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Engine, Gradients } from '../../src-main/core/engine/types';
import { paramLayout, shapeSize } from '../../src-main/core/spec/params';
import { cloneWeights } from '../../src-main/core/tensor';
import { randomInput, randomModel } from '../helpers/random-model';

/** The reference engine with its gradients altered after the fact. */
function brokenEngine(alter: (g: Gradients) => void): Engine {
  return {
    name: 'reference',
    forward(model, input, options) {
      const pass = referenceEngine.forward(model, input, options);
      return {
        ...pass,
        backward(seeds) {
          const g = pass.backward(seeds);
          alter(g);
          return g;
        },
      };
    },
  };
}

const model = randomModel({ arch: 'gru', output_size: 2, output_activation: 'sigmoid' }, 3);
const input = randomInput(model.spec, { batch: 2, steps: 3, h0: true });

describe('gradientCheck', () => {
  test('passes the reference engine, with a number for every parameter', () => {
    const r = gradientCheck(referenceEngine, model, input);
    expect(Object.keys(r.params)).toEqual(paramLayout(model.spec).map((p) => p.name));
    expect(r.worst).toBeLessThan(1e-6);
    expect(r.initialStates.h0).toBeLessThan(1e-6);
  });

  test('names the tensor whose gradient is off by 0.1%', () => {
    const engine = brokenEngine((g) => {
      g.params['weight_hh_l0'][5] *= 1.001;
    });
    const r = gradientCheck(engine, model, input);
    expect(r.params['weight_hh_l0']).toBeGreaterThan(5e-4);
    expect(r.params['weight_hh_l0']).toBeLessThan(2e-3);
    expect(r.params['weight_ih_l0']).toBeLessThan(1e-6);
    expect(r.worst).toBe(r.params['weight_hh_l0']);
  });

  test('catches a wrong dx and a wrong dh0', () => {
    const r = gradientCheck(brokenEngine((g) => g.dx.fill(0)), model, input);
    expect(r.dx).toBe(1);
    const s = gradientCheck(brokenEngine((g) => g.dh0.reverse()), model, input);
    expect(s.initialStates.h0).toBeGreaterThan(1e-2);
  });

  test('subsamples big tensors when asked', () => {
    const r = gradientCheck(referenceEngine, model, input, { maxElementsPerTensor: 3 });
    const sizes = [...paramLayout(model.spec).map((p) => shapeSize(p.shape)), input.x.length, input.h0!.length];
    expect(r.checked).toBe(sizes.reduce((n, size) => n + Math.min(size, 3), 0));
    expect(r.worst).toBeLessThan(1e-6);
  });

  test('draws dropout masks once for training without masks, and leaves the caller arrays alone', () => {
    const deep = randomModel({ arch: 'lstm', num_layers: 2, dropout: 0.5 }, 4);
    const deepInput = randomInput(deep.spec, { batch: 2, steps: 3 });
    const weightsBefore = cloneWeights(deep.weights);
    const xBefore = Array.from(deepInput.x);
    const r = gradientCheck(referenceEngine, deep, deepInput, { forward: { training: true } });
    expect(r.worst).toBeLessThan(1e-6);
    expect(deep.weights).toEqual(weightsBefore);
    expect(Array.from(deepInput.x)).toEqual(xBefore);
  });

  test('re-measures an element whose step crosses a relu kink with smaller steps', () => {
    // One unit whose pre-activation w_ih * x = 5e-4 sits within the default step 1e-3 of relu's kink.
    const kinked = randomModel({ arch: 'rnn', nonlinearity: 'relu', input_size: 1, hidden_size: 1 }, 1);
    kinked.weights['weight_ih_l0'].data[0] = 5e-4;
    kinked.weights['weight_hh_l0'].data[0] = 0.5;
    kinked.weights['bias_ih_l0'].data[0] = 0;
    kinked.weights['bias_hh_l0'].data[0] = 0;
    const one = { batch: 1, steps: 1, x: new Float64Array([1]) };
    const coarse = gradientCheck(referenceEngine, kinked, one, { refineAbove: Infinity });
    expect(coarse.params['weight_ih_l0']).toBeGreaterThan(0.1);
    const refined = gradientCheck(referenceEngine, kinked, one);
    expect(refined.worst).toBeLessThan(1e-9);
  });
});
