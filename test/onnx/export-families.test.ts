// Export round trips for every family and option: the export's own check (onnxruntime vs the engine, 1e-4) must
// pass, onnx.checker must accept the file, and an independent run on a new shape must match the engine too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectEngine } from '../../src-main/core/engine/select';
import type { Engine } from '../../src-main/core/engine/types';
import { exportProject } from '../../src-main/core/onnx/export/index';
import { expectedOutputs, largestDifference, probeFeeds, probeInput } from '../../src-main/core/onnx/export/verify';
import { OnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { Random } from '../../src-main/core/random';
import { ARCHITECTURES, type Architecture } from '../../src-main/core/spec/types';
import { randomModel, type SpecFields } from '../helpers/random-model';
import { pythonOnnxMissing, runPython } from './python';

const CASES: [string, SpecFields][] = [
  ['rnn tanh', { arch: 'rnn', output_size: 2 }],
  ['rnn relu, 2 layers, bidirectional, no bias, no head', { arch: 'rnn', nonlinearity: 'relu', num_layers: 2, bidirectional: true, bias: false }],
  ['lstm, softmax head', { arch: 'lstm', output_size: 3, output_activation: 'softmax' }],
  ['lstm, 3 layers, bidirectional', { arch: 'lstm', num_layers: 3, bidirectional: true, output_size: 2, output_activation: 'sigmoid' }],
  ['gru', { arch: 'gru', output_size: 2 }],
  ['gru, 2 layers, bidirectional, no bias', { arch: 'gru', num_layers: 2, bidirectional: true, bias: false, output_size: 1 }],
  ['elman with shortcut', { arch: 'elman', output_size: 2, shortcut: true, output_activation: 'sigmoid' }],
  ['elman relu, no head', { arch: 'elman', nonlinearity: 'relu' }],
  ['jordan softmax', { arch: 'jordan', output_size: 3, output_activation: 'softmax' }],
  ['jordan relu, no bias', { arch: 'jordan', nonlinearity: 'relu', output_size: 2, bias: false }],
  ['gated, learned h0', { arch: 'gated', input_size: 4, learn_h0: true, output_size: 2, output_activation: 'softmax' }],
  ['gated, no bias, no head', { arch: 'gated', input_size: 3, bias: false }],
];

/** A seeded random spec of one family: sizes, layers, directions, bias, nonlinearity, head and its options. */
function randomFields(arch: Architecture, rng: Random): SpecFields {
  const torch = arch === 'rnn' || arch === 'lstm' || arch === 'gru';
  const pick = <T,>(options: readonly T[]): T => options[rng.int(0, options.length - 1)];
  const output = arch === 'jordan' ? rng.int(1, 3) : rng.int(0, 3);
  return {
    arch,
    input_size: rng.int(1, 5),
    hidden_size: rng.int(1, 6),
    bias: rng.next() < 0.7,
    output_size: output,
    output_activation: output > 0 ? pick(['none', 'sigmoid', 'softmax'] as const) : 'none',
    ...(torch ? { num_layers: rng.int(1, 3), bidirectional: rng.next() < 0.5 } : {}),
    ...(arch === 'rnn' || arch === 'elman' || arch === 'jordan' ? { nonlinearity: pick(['tanh', 'relu'] as const) } : {}),
    ...(arch === 'elman' && output > 0 ? { shortcut: rng.next() < 0.5 } : {}),
    ...(arch === 'gated' ? { learn_h0: rng.next() < 0.5 } : {}),
  };
}

const RANDOM_CASES: [string, SpecFields][] = ARCHITECTURES.flatMap((arch, a) => {
  const rng = new Random(500 + a);
  return [0, 1, 2].map((i): [string, SpecFields] => {
    const fields = randomFields(arch, rng);
    return [`${arch} #${i} ${JSON.stringify(fields).replace(/"/g, '')}`, fields];
  });
});

const CHECK_MODEL = `
import sys, onnx
for path in sys.argv[1:]:
    onnx.checker.check_model(onnx.load(path), full_check=True)
print('ok', len(sys.argv) - 1)
`;

let engine: Engine;
const runtime = new OnnxRuntime();
let dir = '';
const written: string[] = [];
beforeAll(async () => {
  engine = (await selectEngine()).engine;
  dir = mkdtempSync(join(tmpdir(), 'rnnlab-onnx-'));
});
afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([false, true])('export with initial-state inputs: %s', (initialState) => {
  it.each(CASES)('%s', async (label, fields) => {
    const model = randomModel(fields, 3);
    const project = { name: label, spec: model.spec, weights: model.weights, task: null };
    const bytes = await exportProject({ project, engine, runtime, initialState });
    const file = join(dir, `${written.length}.onnx`);
    writeFileSync(file, bytes);
    written.push(file);
    // An independent probe: another seed and shape than the export's own check.
    const input = probeInput(model.spec, { batch: 3, steps: 7 }, initialState, 99);
    const expected = expectedOutputs(model.spec, engine.forward(model, input, { precision: 'float64' }));
    const loaded = await runtime.load(bytes);
    const got = await runtime.run(loaded, probeFeeds(model.spec, input));
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, values] of Object.entries(expected)) {
      expect(largestDifference(got[name].data, values).value, name).toBeLessThan(1e-4);
    }
  });
});

describe('random specs of all six families', () => {
  it.each(RANDOM_CASES)('%s', async (_, fields) => {
    const model = randomModel(fields, 8);
    const project = { name: 'random', spec: model.spec, weights: model.weights, task: null };
    const bytes = await exportProject({ project, engine, runtime, initialState: true, probes: [{ batch: 3, steps: 6 }] });
    const file = join(dir, `random-${written.length}.onnx`);
    writeFileSync(file, bytes);
    written.push(file);
  });
});

describe.skipIf(pythonOnnxMissing)(`onnx.checker${pythonOnnxMissing ? ` (skipped: ${pythonOnnxMissing})` : ''}`, () => {
  it('accepts every exported file (full check, with shape inference)', () => {
    expect(written.length).toBe(CASES.length * 2 + RANDOM_CASES.length);
    expect(runPython(CHECK_MODEL, written).trim()).toBe(`ok ${written.length}`);
  });
});
