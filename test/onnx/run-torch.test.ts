// `rnnlab run` on every torch.onnx export of test/fixtures/onnx-torch (nn.RNN/LSTM/GRU with layers, directions,
// bias, batch_first, heads, state inputs; opsets 14 and 17): onnxruntime's outputs, in graph order, against
// PyTorch's own float64 outputs (5e-5 relative: onnxruntime computes in float32; values below 1e-3 compared absolutely).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../../src-main/core/onnx/codec';
import { sharedOnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { runOnnxModel } from '../../src-main/core/onnx/runtime/run-model';

const DIR = new URL('../fixtures/onnx-torch/', import.meta.url);
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, DIR), 'utf8'))] as const)
  .filter(([, probe]) => Array.isArray(probe.inputs) && Array.isArray(probe.outputs) && probe.outputs.length > 0);
afterAll(() => sharedOnnxRuntime().close());

/** onnxruntime computes in float32, PyTorch's fixture outputs are float64: 1e-5 is float32's noise after a few layers. */
const TOLERANCE = 5e-5;

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

function maxRelativeError(got: number[], want: number[]): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1e-3, Math.abs(want[i])));
  return worst;
}

describe('PyTorch exports through onnxruntime', () => {
  it('there are fixtures', () => expect(cases.length).toBeGreaterThan(10));
  it.each(cases)('%s', async (name, probe) => {
    const input = Object.fromEntries(probe.inputs.map((i: { name: string; values: unknown }) => [i.name, i.values]));
    const bytes = readFileSync(new URL(`${name}.onnx`, DIR));
    const got = await runOnnxModel(bytes, input, `${name}.onnx`);
    // By graph order, not Object.values: PyTorch names outputs '305', '309', and integer-like keys sort numerically.
    const outputs = decodeModel(bytes).graph!.output.map((v) => got[v.name]);
    expect(outputs.length).toBeGreaterThanOrEqual(probe.outputs.length);
    probe.outputs.forEach((want: { role: string; values: unknown }, k: number) => {
      expect(maxRelativeError(flat(outputs[k]), flat(want.values)), `${want.role}`).toBeLessThan(TOLERANCE);
    });
  });
});
