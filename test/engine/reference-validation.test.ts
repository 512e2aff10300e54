// Bad inputs to the reference engine: each is an InputShapeError whose one line names the array, the expected
// shape and what was found.
import { describe, expect, test } from 'vitest';
import { InputShapeError } from '../../src-main/core/errors';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { BackwardSeeds, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { cloneWeights } from '../../src-main/core/tensor';
import { randomInput, randomModel } from '../helpers/random-model';

const lstm = randomModel({ arch: 'lstm', input_size: 3, hidden_size: 4, num_layers: 2, output_size: 2 }, 1);
const gru = randomModel({ arch: 'gru', input_size: 3, hidden_size: 4 }, 1);
const jordan = randomModel({ arch: 'jordan', input_size: 3, hidden_size: 4, output_size: 2 }, 1);
const ok = (model: Model) => randomInput(model.spec, { batch: 2, steps: 5 });

const BAD_INPUTS: [string, Model, SequenceBatch, string][] = [
  ['x of the wrong length', lstm, { ...ok(lstm), x: new Float64Array(28) }, 'x: expected shape [2, 5, 3] (batch, time, input_size), found 28 values'],
  ['x as a plain array', lstm, { ...ok(lstm), x: [1, 2] as unknown as Float64Array }, 'x: expected shape [2, 5, 3] (batch, time, input_size) as a Float64Array, found Array'],
  ['batch 0', lstm, { ...ok(lstm), batch: 0 }, 'batch: expected a whole number >= 1, found 0'],
  ['steps 2.5', lstm, { ...ok(lstm), steps: 2.5 }, 'steps: expected a whole number >= 1, found 2.5'],
  ['h0 of one layer for two', lstm, { ...ok(lstm), h0: new Float64Array(8) }, 'h0: expected shape [2, 2, 4] (layers*directions, batch, hidden_size), found 8 values'],
  ['c0 too long', lstm, { ...ok(lstm), c0: new Float64Array(17) }, 'c0: expected shape [2, 2, 4] (layers*directions, batch, hidden_size), found 17 values'],
  ['c0 given to a gru', gru, { ...ok(gru), c0: new Float64Array(8) }, "c0: only lstm models have a cell state, found c0 for arch 'gru'"],
  ['y0 given to a gru', gru, { ...ok(gru), y0: new Float64Array(8) }, "y0: only jordan networks feed back their previous output, found y0 for arch 'gru'"],
  ['y0 of the wrong size', jordan, { ...ok(jordan), y0: new Float64Array(3) }, 'y0: expected shape [2, 2] (batch, output_size), found 3 values'],
  ['h0 given to a jordan network', jordan, { ...ok(jordan), h0: new Float64Array(8) }, 'h0: a jordan network feeds back its previous output, not its hidden state (give y0), found h0'],
];

describe('bad inputs', () => {
  test.each(BAD_INPUTS)('%s', (_what, model, input, message) => {
    expect(() => referenceEngine.forward(model, input)).toThrow(InputShapeError);
    expect(() => referenceEngine.forward(model, input)).toThrow(message);
  });
});

describe('bad weights', () => {
  test('a missing parameter', () => {
    const weights = cloneWeights(gru.weights);
    delete weights['bias_hh_l0'];
    expect(() => referenceEngine.forward({ spec: gru.spec, weights }, ok(gru))).toThrow(
      "weights: expected parameter 'bias_hh_l0' [12] for arch 'gru', found none",
    );
  });
  test('a parameter of the wrong shape', () => {
    const weights = cloneWeights(gru.weights);
    weights['weight_hh_l0'] = { shape: [12, 3], data: new Float64Array(36) };
    expect(() => referenceEngine.forward({ spec: gru.spec, weights }, ok(gru))).toThrow(
      "weights: expected 'weight_hh_l0' of shape [12, 4], found [12, 3]",
    );
  });
  test('data that does not fill the declared shape', () => {
    const weights = cloneWeights(gru.weights);
    weights['weight_hh_l0'] = { shape: [12, 4], data: new Float64Array(47) };
    expect(() => referenceEngine.forward({ spec: gru.spec, weights }, ok(gru))).toThrow(InputShapeError);
  });
  test('a parameter the spec does not have', () => {
    const weights = cloneWeights(gru.weights);
    weights['weight_hh_l1'] = { shape: [12, 4], data: new Float64Array(48) };
    expect(() => referenceEngine.forward({ spec: gru.spec, weights }, ok(gru))).toThrow("unexpected parameter 'weight_hh_l1'");
  });
});

describe('bad backward seeds', () => {
  const BAD_SEEDS: [string, Model, BackwardSeeds, string][] = [
    ['dY of the wrong size', lstm, { dY: new Float64Array(19) }, 'dY: expected shape [2, 5, 2] (batch, time, output_size), found 19 values'],
    ['dY without a head', gru, { dY: new Float64Array(20) }, 'dY: the model has no output head (output_size 0), found a dY seed'],
    ['dOutput of the wrong size', gru, { dOutput: new Float64Array(5) }, 'dOutput: expected shape [2, 5, 4] (batch, time, directions*hidden_size), found 5 values'],
    ['dhN of the wrong size', lstm, { dhN: new Float64Array(8) }, 'dhN: expected shape [2, 2, 4] (layers*directions, batch, hidden_size), found 8 values'],
    ['dcN for a gru', gru, { dcN: new Float64Array(8) }, "dcN: only lstm models have a cell state, found dcN for arch 'gru'"],
  ];
  test.each(BAD_SEEDS)('%s', (_what, model, seeds, message) => {
    const pass = referenceEngine.forward(model, ok(model));
    expect(() => pass.backward(seeds)).toThrow(InputShapeError);
    expect(() => pass.backward(seeds)).toThrow(message);
  });
});
