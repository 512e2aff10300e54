// Finite-difference gradient check of the native kernel's float64 path over every family and option: every
// parameter element, dx and the given initial states, worst relative error < 1e-6 (gradientCheck's measure), on every
// GEMM variant the CPU runs (generic, avx2, avx512: RNNLAB_GEMM forced through test/kernel/variants.ts).
import { describe, expect, test } from 'vitest';
import { gradientCheck } from '../../src-main/core/engine/gradcheck';
import type { ForwardOptions } from '../../src-main/core/engine/types';
import { parameterCount } from '../../src-main/core/spec/params';
import { cpuVariants, engineWithVariant } from '../kernel/variants';
import { randomDropoutMasks, randomInput, randomModel, type InputOptions, type SpecFields } from '../helpers/random-model';

interface Case {
  name: string;
  spec: SpecFields;
  input?: InputOptions;
  dropout?: boolean;
}

const head = (O: number, g: 'none' | 'sigmoid' | 'softmax') => ({ output_size: O, output_activation: g });

const CASES: Case[] = [
  { name: 'rnn tanh 2 layers bidirectional, h0, softmax head', spec: { arch: 'rnn', num_layers: 2, bidirectional: true, ...head(3, 'softmax') }, input: { h0: true } },
  { name: 'rnn relu no bias', spec: { arch: 'rnn', nonlinearity: 'relu', bias: false } },
  { name: 'lstm 2 layers bidirectional, h0 c0, sigmoid head', spec: { arch: 'lstm', num_layers: 2, bidirectional: true, ...head(2, 'sigmoid') }, input: { h0: true, c0: true } },
  { name: 'lstm 3 layers dropout masks', spec: { arch: 'lstm', num_layers: 3, dropout: 0.4, ...head(2, 'none') }, dropout: true },
  { name: 'gru 2 layers bidirectional no bias, h0', spec: { arch: 'gru', num_layers: 2, bidirectional: true, bias: false }, input: { h0: true } },
  { name: 'gru 2 layers dropout masks, softmax', spec: { arch: 'gru', num_layers: 2, dropout: 0.5, ...head(3, 'softmax') }, dropout: true },
  { name: 'elman relu shortcut softmax, h0', spec: { arch: 'elman', nonlinearity: 'relu', shortcut: true, ...head(3, 'softmax') }, input: { h0: true } },
  { name: 'elman no bias shortcut sigmoid', spec: { arch: 'elman', bias: false, shortcut: true, ...head(2, 'sigmoid') } },
  { name: 'jordan tanh sigmoid, y0', spec: { arch: 'jordan', ...head(2, 'sigmoid') }, input: { y0: true } },
  { name: 'jordan relu softmax no bias', spec: { arch: 'jordan', nonlinearity: 'relu', bias: false, ...head(3, 'softmax') } },
  { name: 'gated learn_h0 one-hot', spec: { arch: 'gated', learn_h0: true, ...head(2, 'softmax') }, input: { oneHot: true } },
  { name: 'gated given h0, real x, no bias', spec: { arch: 'gated', learn_h0: true, bias: false }, input: { h0: true } },
];

describe.each(cpuVariants())('native kernel (gemm %s) gradient check (float64, every element, 4-point finite differences)', (variant) => {
  test.each(CASES)('$name', ({ spec, input: inputOptions, dropout }) => {
    const native = engineWithVariant(variant);
    const model = randomModel(spec, 5);
    const input = randomInput(model.spec, { batch: 2, steps: 4, ...inputOptions });
    const forward: ForwardOptions = dropout
      ? { training: true, dropoutMasks: randomDropoutMasks(model.spec, 2, 4), precision: 'float64' }
      : { precision: 'float64' };
    const result = gradientCheck(native, model, input, { forward });
    const states = (input.h0?.length ?? 0) + (input.c0?.length ?? 0) + (input.y0?.length ?? 0);
    expect(result.checked).toBe(parameterCount(model.spec) + input.x.length + states);
    expect(result.worst).toBeLessThan(1e-6);
  });
});
