// What the reference engine's results mean: elman is an rnn of one layer, jordan feeds back its activated output,
// gated starts from its learned h0, backward can run twice, and nothing the caller passes in is modified.
import { describe, expect, test } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { cloneWeights } from '../../src-main/core/tensor';
import { makeSpec, randomInput, randomModel, randomSeeds } from '../helpers/random-model';

describe('elman', () => {
  test.each(['tanh', 'relu'] as const)('without a shortcut equals an rnn of one layer with the same head (%s)', (f) => {
    const elman = randomModel({ arch: 'elman', nonlinearity: f, output_size: 3, output_activation: 'softmax' }, 4);
    const rnn = { spec: makeSpec({ arch: 'rnn', nonlinearity: f, output_size: 3, output_activation: 'softmax' }), weights: elman.weights };
    const input = randomInput(elman.spec, { batch: 3, steps: 5, h0: true });
    const seeds = randomSeeds(elman.spec, 3, 5);
    const a = referenceEngine.forward(elman, input);
    const b = referenceEngine.forward(rnn, input);
    expect(Array.from(a.y!)).toEqual(Array.from(b.y!));
    expect(Array.from(a.hN)).toEqual(Array.from(b.hN));
    const ga = a.backward(seeds);
    const gb = b.backward(seeds);
    for (const name of Object.keys(elman.weights)) expect(Array.from(ga.params[name]), name).toEqual(Array.from(gb.params[name]));
    expect(Array.from(ga.dx)).toEqual(Array.from(gb.dx));
  });

  test('the shortcut adds S x_t to the logits', () => {
    const withShortcut = randomModel({ arch: 'elman', output_size: 2, shortcut: true }, 6);
    const weights = cloneWeights(withShortcut.weights);
    delete weights['shortcut.weight'];
    const plain = { spec: makeSpec({ arch: 'elman', output_size: 2 }), weights };
    const input = randomInput(withShortcut.spec, { batch: 2, steps: 3 });
    const a = referenceEngine.forward(withShortcut, input).yPre!;
    const b = referenceEngine.forward(plain, input).yPre!;
    const S = withShortcut.weights['shortcut.weight'].data; // (2, 3)
    for (let row = 0; row < 6; row++) {
      for (let o = 0; o < 2; o++) {
        let sx = 0;
        for (let i = 0; i < 3; i++) sx += S[o * 3 + i] * input.x[row * 3 + i];
        expect(a[row * 2 + o] - b[row * 2 + o]).toBeCloseTo(sx, 12);
      }
    }
  });
});

describe('jordan', () => {
  test('step t sees the activated output of step t-1 (y0 at the first step)', () => {
    const model = randomModel({ arch: 'jordan', hidden_size: 3, output_size: 2, output_activation: 'sigmoid' }, 7);
    const input = randomInput(model.spec, { batch: 1, steps: 3, y0: true });
    const pass = referenceEngine.forward(model, input);
    const W = model.weights['weight_ih_l0'].data, U = model.weights['weight_yh_l0'].data, c = model.weights['bias_l0'].data;
    for (let t = 0; t < 3; t++) {
      const yPrev = t === 0 ? input.y0! : pass.y!.subarray((t - 1) * 2, t * 2);
      for (let j = 0; j < 3; j++) {
        let pre = c[j];
        for (let i = 0; i < 3; i++) pre += W[j * 3 + i] * input.x[t * 3 + i];
        for (let o = 0; o < 2; o++) pre += U[j * 2 + o] * yPrev[o];
        expect(pass.output[t * 3 + j]).toBeCloseTo(Math.tanh(pre), 14);
      }
    }
    expect(pass.y!.every((v) => v > 0 && v < 1)).toBe(true);
  });

  test('dy0 is the gradient of the loss through the first feedback', () => {
    const model = randomModel({ arch: 'jordan', output_size: 2 }, 3);
    const input = randomInput(model.spec, { batch: 2, steps: 3, y0: true });
    const grads = referenceEngine.forward(model, input).backward(randomSeeds(model.spec, 2, 3));
    expect(grads.dy0).toHaveLength(4);
    expect(grads.dy0!.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    expect(grads.dc0).toBeNull();
  });
});

describe('gated', () => {
  test('the learned h0 starts every sequence of the batch, unless the input gives h0', () => {
    const model = randomModel({ arch: 'gated', learn_h0: true, input_size: 2, hidden_size: 3 }, 2);
    const input = randomInput(model.spec, { batch: 2, steps: 1, oneHot: true });
    const pass = referenceEngine.forward(model, input);
    const h0 = model.weights['h0'].data, W = model.weights['weight_hh'].data, bias = model.weights['bias_hh'].data;
    for (let b = 0; b < 2; b++) {
      const k = input.x[b * 2] === 1 ? 0 : 1; // the symbol selects W_k
      for (let i = 0; i < 3; i++) {
        let pre = bias[k * 3 + i];
        for (let j = 0; j < 3; j++) pre += W[(k * 3 + i) * 3 + j] * h0[j];
        expect(pass.output[b * 3 + i]).toBeCloseTo(Math.tanh(pre), 14);
      }
    }
    const seeds = randomSeeds(model.spec, 2, 1);
    const learned = pass.backward(seeds).params['h0'];
    expect(learned.some((v) => v !== 0)).toBe(true);
    const given = referenceEngine.forward(model, { ...input, h0: new Float64Array(6) }).backward(seeds);
    expect(Array.from(given.params['h0'])).toEqual([0, 0, 0]);
  });
});

describe('forward pass object', () => {
  test('backward twice gives the same gradients, and nothing passed in is modified', () => {
    const model = randomModel({ arch: 'lstm', num_layers: 2, bidirectional: true, output_size: 2, output_activation: 'softmax' }, 1);
    const weightsBefore = cloneWeights(model.weights);
    const input = randomInput(model.spec, { batch: 2, steps: 3, h0: true, c0: true });
    const xBefore = input.x.slice();
    const seeds = randomSeeds(model.spec, 2, 3);
    const dYBefore = seeds.dY!.slice();
    const pass = referenceEngine.forward(model, input);
    const first = pass.backward(seeds);
    const second = pass.backward(seeds);
    for (const name of Object.keys(model.weights)) expect(Array.from(second.params[name])).toEqual(Array.from(first.params[name]));
    expect(Array.from(second.dx)).toEqual(Array.from(first.dx));
    expect(Array.from(second.timestepGradNorms[1])).toEqual(Array.from(first.timestepGradNorms[1]));
    expect(model.weights).toEqual(weightsBefore);
    expect(Array.from(input.x)).toEqual(Array.from(xBefore));
    expect(Array.from(seeds.dY!)).toEqual(Array.from(dYBefore));
  });

  test('results have the contract shapes', () => {
    const model = randomModel({ arch: 'lstm', num_layers: 3, bidirectional: true, hidden_size: 4, output_size: 5 }, 1);
    const pass = referenceEngine.forward(model, randomInput(model.spec, { batch: 2, steps: 3 }));
    expect(pass.y).toHaveLength(2 * 3 * 5);
    expect(pass.output).toHaveLength(2 * 3 * 8);
    expect(pass.hN).toHaveLength(6 * 2 * 4);
    expect(pass.cN).toHaveLength(6 * 2 * 4);
    expect(pass.layerStates.map((s) => s.length)).toEqual([48, 48, 48]);
    expect(pass.layerCellStates!.map((s) => s.length)).toEqual([48, 48, 48]);
    expect(Array.from(pass.layerStates[2])).toEqual(Array.from(pass.output));
    const grads = pass.backward({});
    expect(grads.timestepGradNorms.map((n) => n.length)).toEqual([3, 3, 3]);
    expect(grads.dh0).toHaveLength(48);
    expect(grads.dc0).toHaveLength(48);
    expect(grads.dy0).toBeNull();
    expect(grads.dx.every((v) => v === 0)).toBe(true);
  });
});
