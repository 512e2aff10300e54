// Finite-difference gradient check of the reference engine over every family and option: a table of cases,
// each checked on every parameter element, dx and the given initial states, worst relative error < 1e-6.
import { describe, expect, test } from 'vitest';
import { gradientCheck } from '../../src-main/core/engine/gradcheck';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { ForwardOptions } from '../../src-main/core/engine/types';
import { parameterCount } from '../../src-main/core/spec/params';
import { randomDropoutMasks, randomInput, randomModel, type InputOptions, type SpecFields } from '../helpers/random-model';

interface Case {
  name: string;
  spec: SpecFields;
  input?: InputOptions;
  /** Training with fixed dropout masks drawn by the helper. */
  dropout?: 'masks' | 'eval';
}

const head = (O: number, g: 'none' | 'sigmoid' | 'softmax') => ({ output_size: O, output_activation: g });

const CASES: Case[] = [
  { name: 'rnn tanh', spec: { arch: 'rnn' } },
  { name: 'rnn relu', spec: { arch: 'rnn', nonlinearity: 'relu' } },
  { name: 'rnn relu 2 layers bidirectional, h0', spec: { arch: 'rnn', nonlinearity: 'relu', num_layers: 2, bidirectional: true }, input: { h0: true } },
  { name: 'rnn no bias, softmax head', spec: { arch: 'rnn', bias: false, ...head(3, 'softmax') } },
  { name: 'lstm', spec: { arch: 'lstm' } },
  { name: 'lstm h0 c0', spec: { arch: 'lstm' }, input: { h0: true, c0: true } },
  { name: 'lstm 2 layers bidirectional, h0 c0, sigmoid head', spec: { arch: 'lstm', num_layers: 2, bidirectional: true, ...head(2, 'sigmoid') }, input: { h0: true, c0: true } },
  { name: 'lstm 3 layers no bias', spec: { arch: 'lstm', num_layers: 3, bias: false } },
  { name: 'lstm 3 layers dropout (training, masks)', spec: { arch: 'lstm', num_layers: 3, dropout: 0.4, ...head(2, 'none') }, dropout: 'masks' },
  { name: 'gru', spec: { arch: 'gru' } },
  { name: 'gru h0, softmax head', spec: { arch: 'gru', ...head(4, 'softmax') }, input: { h0: true } },
  { name: 'gru 3 layers bidirectional no bias', spec: { arch: 'gru', num_layers: 3, bidirectional: true, bias: false } },
  { name: 'gru 2 layers bidirectional dropout (training, masks)', spec: { arch: 'gru', num_layers: 2, bidirectional: true, dropout: 0.5 }, dropout: 'masks' },
  { name: 'rnn 2 layers dropout (eval)', spec: { arch: 'rnn', num_layers: 2, dropout: 0.3, ...head(2, 'sigmoid') }, dropout: 'eval' },
  { name: 'elman tanh, head none', spec: { arch: 'elman', ...head(2, 'none') } },
  { name: 'elman relu shortcut softmax, h0', spec: { arch: 'elman', nonlinearity: 'relu', shortcut: true, ...head(3, 'softmax') }, input: { h0: true } },
  { name: 'elman no bias shortcut sigmoid', spec: { arch: 'elman', bias: false, shortcut: true, ...head(2, 'sigmoid') } },
  { name: 'elman without head', spec: { arch: 'elman' } },
  { name: 'jordan tanh sigmoid', spec: { arch: 'jordan', ...head(2, 'sigmoid') } },
  { name: 'jordan relu softmax y0', spec: { arch: 'jordan', nonlinearity: 'relu', ...head(3, 'softmax') }, input: { y0: true } },
  { name: 'jordan no bias, head none, y0', spec: { arch: 'jordan', bias: false, ...head(2, 'none') }, input: { y0: true } },
  { name: 'gated learn_h0 one-hot', spec: { arch: 'gated', learn_h0: true, ...head(2, 'softmax') }, input: { oneHot: true } },
  { name: 'gated learn_h0 real x', spec: { arch: 'gated', learn_h0: true, ...head(1, 'sigmoid') } },
  { name: 'gated zeros h0, no bias, one-hot', spec: { arch: 'gated', bias: false }, input: { oneHot: true } },
  { name: 'gated given h0 overrides learned h0', spec: { arch: 'gated', learn_h0: true }, input: { h0: true } },
];

describe('reference engine gradient check (every element, 4-point finite differences)', () => {
  test.each(CASES)('$name', ({ spec, input: inputOptions, dropout }) => {
    const model = randomModel(spec, 5);
    const input = randomInput(model.spec, { batch: 2, steps: 4, ...inputOptions });
    const forward: ForwardOptions =
      dropout === 'masks'
        ? { training: true, dropoutMasks: randomDropoutMasks(model.spec, 2, 4) }
        : { training: false };
    const result = gradientCheck(referenceEngine, model, input, { forward });
    const states = (input.h0?.length ?? 0) + (input.c0?.length ?? 0) + (input.y0?.length ?? 0);
    expect(result.checked).toBe(parameterCount(model.spec) + input.x.length + states);
    expect(result.worst).toBeLessThan(1e-6);
  });
});
