// ONNX import of RNN Lab's own exports: random specs of all six families (and with initial-state inputs) go through
// buildOnnxModel -> bytes -> importOnnxModel and come back with the same spec and the same weights (float32, as
// the file stores them). For rnn/lstm/gru the graph itself is traced, so gate orders and bias splits are checked too.
import { describe, expect, it } from 'vitest';
import { newProject } from '../../src-main/core/project/create';
import { Random } from '../../src-main/core/random';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { ARCHITECTURES, type Architecture, type ModelSpec } from '../../src-main/core/spec/types';
import { encodeModel } from '../../src-main/core/onnx/codec';
import { buildOnnxModel } from '../../src-main/core/onnx/export/build-model';
import { importOnnxModel } from '../../src-main/core/onnx/import/index';

function randomSpec(arch: Architecture, rng: Random, seed: number): ModelSpec {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(rng.uniform(0, 1) * options.length)];
  const torch = arch === 'rnn' || arch === 'lstm' || arch === 'gru';
  const output_size = arch === 'jordan' ? pick([1, 2]) : pick([0, 2]);
  return parseModelSpec({
    arch,
    input_size: pick([1, 3]),
    hidden_size: pick([2, 4]),
    num_layers: torch ? pick([1, 2]) : 1,
    bidirectional: torch ? pick([false, true]) : false,
    bias: pick([false, true]),
    batch_first: pick([false, true]),
    nonlinearity: arch === 'rnn' || arch === 'elman' || arch === 'jordan' ? pick(['tanh', 'relu']) : 'tanh',
    output_size,
    output_activation: output_size > 0 ? pick(['none', 'sigmoid', 'softmax']) : 'none',
    shortcut: arch === 'elman' && output_size > 0 ? pick([false, true]) : false,
    learn_h0: arch === 'gated' ? pick([false, true]) : false,
    init: { scheme: 'pytorch', gain: 1, spectral_radius: null, seed },
  });
}

const cases = ARCHITECTURES.flatMap((arch, a) => [0, 1, 2].map((k) => ({ arch, seed: 100 * a + k, initialState: k === 2 })));

describe('importing RNN Lab exports', () => {
  it.each(cases)('$arch (seed $seed, initial state $initialState) comes back with its spec and weights', ({ arch, seed, initialState }) => {
    const spec = randomSpec(arch, new Random(seed), seed);
    const project = newProject('round trip', spec);
    const bytes = encodeModel(buildOnnxModel(project, { initialState }));
    const { model, source } = importOnnxModel(bytes);
    expect(source).toBe('rnnlab');
    expect(model.spec).toEqual(spec);
    expect(Object.keys(model.weights).sort()).toEqual(Object.keys(project.weights).sort());
    for (const [name, tensor] of Object.entries(project.weights)) {
      expect(model.weights[name].shape, name).toEqual(tensor.shape);
      expect(Array.from(model.weights[name].data), name).toEqual(Array.from(tensor.data, Math.fround));
    }
    const state = initialState ? (arch === 'jordan' ? 'y0' : 'h0') : null;
    expect(arch === 'jordan' ? model.inputs.y0 : model.inputs.h0).toBe(state);
    expect(model.inputs.c0).toBe(arch === 'lstm' && initialState ? 'c0' : null);
  });
});
