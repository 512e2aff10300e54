// ONNX import of torch.onnx exports: every fixture of test/fixtures/onnx-torch (nn.RNN/LSTM/GRU, layers, directions,
// bias, batch_first, heads, h0/c0 inputs; opsets 14 and 17) is imported, evaluated by the engine in float64 and
// compared with PyTorch's own outputs (1e-5 relative), output by output as the graph names them.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectEngine } from '../../src-main/core/engine/select';
import type { ForwardResult } from '../../src-main/core/engine/types';
import { decodeModel, encodeModel } from '../../src-main/core/onnx/codec';
import { importOnnxModel } from '../../src-main/core/onnx/import/index';
import type { OutputRole } from '../../src-main/core/onnx/import/index';

const DIR = new URL('../fixtures/onnx-torch/', import.meta.url);

interface Probe {
  family: string;
  options: Record<string, unknown>;
  head: { bias: boolean; act: string } | null;
  x_layout: 'BTI' | 'TBI';
  inputs: { name: string; dims: number[]; values: unknown }[];
  outputs: { role: string; dims: number[]; values: unknown }[];
}

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

/** (A, B, F) -> (B, A, F): PyTorch's time-major arrays to the engine's batch-first ones. */
function swapLeadingAxes(data: number[], [a, b, f]: number[]): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let k = 0; k < f; k++) out[(j * a + i) * f + k] = data[(i * b + j) * f + k];
  return out;
}

function maxRelativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1e-3, Math.abs(want[i])));
  return worst;
}

function engineOutput(pass: ForwardResult, role: OutputRole): Float64Array | null {
  return { y: pass.y, output: pass.output, h_n: pass.hN, c_n: pass.cN }[role];
}

const cases = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

describe('importing PyTorch ONNX exports', async () => {
  const { engine } = await selectEngine();
  it('has fixtures for every family at opsets 14 and 17', () => {
    for (const family of ['rnn', 'lstm', 'gru']) {
      for (const opset of [14, 17]) expect(cases.filter((c) => c.startsWith(family) && c.endsWith(`_op${opset}`)).length).toBeGreaterThanOrEqual(3);
    }
  });
  it.each(cases)('%s evaluates as PyTorch', (name) => {
    const probe = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Probe;
    const { model, source } = importOnnxModel(readFileSync(new URL(`${name}.onnx`, DIR)), `${name}.onnx`);
    expect(source).toBe('onnx');
    const o = probe.options;
    expect(model.spec).toMatchObject({
      arch: probe.family,
      num_layers: o.num_layers ?? 1,
      bidirectional: o.bidirectional ?? false,
      bias: o.bias ?? true,
      batch_first: o.batch_first ?? false,
      nonlinearity: o.nonlinearity ?? 'tanh',
      output_size: probe.head ? 2 : 0,
      output_activation: probe.head?.act ?? 'none',
    });
    const [x, h0, c0] = probe.inputs;
    const xData = flat(x.values);
    const timeMajor = probe.x_layout === 'TBI';
    const [batch, steps] = timeMajor ? [x.dims[1], x.dims[0]] : [x.dims[0], x.dims[1]];
    expect(model.inputs).toEqual({ x: 'x', h0: h0 ? 'h0' : null, c0: c0 ? 'c0' : null, y0: null });
    const pass = engine.forward(
      { spec: model.spec, weights: model.weights },
      {
        batch,
        steps,
        x: timeMajor ? swapLeadingAxes(xData, x.dims) : Float64Array.from(xData),
        h0: h0 ? Float64Array.from(flat(h0.values)) : undefined,
        c0: c0 ? Float64Array.from(flat(c0.values)) : undefined,
      },
      { precision: 'float64' },
    );
    expect(model.outputs.length).toBe(probe.outputs.length);
    probe.outputs.forEach((want, i) => {
      const role = model.outputs[i].role;
      expect(role === 'y' || role === 'output' ? 'y' : role).toBe(want.role);
      const wantData = flat(want.values);
      const sequence = want.role === 'y';
      const expected = sequence && timeMajor ? swapLeadingAxes(wantData, want.dims) : wantData;
      const got = engineOutput(pass, role);
      expect(got?.length).toBe(expected.length);
      expect(maxRelativeError(got!, expected)).toBeLessThan(1e-5);
    });
  });
  it('reads initializers that are also listed as graph inputs (keep_initializers_as_inputs)', () => {
    const bytes = readFileSync(new URL('gru_2l_head_op14.onnx', DIR));
    const model = decodeModel(bytes);
    model.graph!.input.push(...model.graph!.initializer.map((t) => ({ name: t.name })));
    const plain = importOnnxModel(bytes).model;
    const listed = importOnnxModel(encodeModel(model)).model;
    expect(listed.inputs).toEqual({ x: 'x', h0: null, c0: null, y0: null });
    expect(listed.spec).toEqual(plain.spec);
    expect(listed.weights).toEqual(plain.weights);
  });
});
