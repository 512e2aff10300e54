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

describe.skipIf(pythonOnnxMissing)(`onnx.checker${pythonOnnxMissing ? ` (skipped: ${pythonOnnxMissing})` : ''}`, () => {
  it('accepts every exported file (full check, with shape inference)', () => {
    expect(written.length).toBe(CASES.length * 2);
    expect(runPython(CHECK_MODEL, written).trim()).toBe(`ok ${written.length}`);
  });
});
