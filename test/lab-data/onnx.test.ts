// The ONNX workbench through LabService: export (verified, with the numbers) -> open (graph, nodes, importability)
// -> run (outputs equal evaluate) -> import (a project that evaluates the same), with bytes, paths, a time limit,
// cancel, and one-line errors for bad requests and files that are not models.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';

const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
afterAll(() => lab.dispose());
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-onnx-part-'));

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}
function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  const message = (result as { error: string }).error;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/internal error/);
  return message;
}

const X = [[[1, 0], [0, 1], [0, 1], [1, 0]], [[0, 1], [1, 0], [1, 0], [1, 0]]];

describe('ONNX round trip', () => {
  it('exports with a report, opens, runs like evaluate, and imports an equal project', async () => {
    value(await lab.newProject({ name: 'roundtrip', spec: { arch: 'lstm', input_size: 2, hidden_size: 5, num_layers: 2, bidirectional: true, output_size: 1, output_activation: 'sigmoid' } }));
    value(await lab.setTask({ id: 'tomita', params: { trainSize: 10 } }));
    const path = join(dir, 'model.onnx');
    const report = value(await lab.exportOnnx({ path }));
    expect(report.path).toBe(path);
    expect(report.bytes).toBe(readFileSync(path).length);
    expect(report.opset).toBeGreaterThanOrEqual(14);
    expect(report.nodes).toBeGreaterThan(3);
    expect(report.worstDifference.map((d) => d.output).sort()).toEqual(['c_n', 'h_n', 'y']);
    for (const d of report.worstDifference) {
      expect(d.absolute).toBeLessThan(1e-4);
      expect(d.relative).toBeLessThan(1e-3);
    }

    const opened = value(await lab.openOnnx(path));
    expect(opened).toMatchObject({ fileName: 'model.onnx', bytes: report.bytes, opset: report.opset, importable: { ok: true, reason: null } });
    expect(opened.metadata.alphabet).toBe('["0","1"]');
    expect(opened.nodes).toHaveLength(report.nodes);
    expect(opened.nodes.map((n) => n.opType)).toContain('LSTM');
    const x = opened.inputs[0];
    expect(x.type).toBe('float32');
    expect(x.shape!.some((d) => typeof d === 'string')).toBe(true); // symbolic batch/time axes

    const run = value(await lab.runOnnx({ modelId: opened.modelId, inputs: { [x.name]: X } }));
    expect(run.milliseconds).toBeGreaterThan(0);
    const y = run.outputs.find((o) => o.name === 'y')!;
    expect(y.shape).toEqual([2, 4, 1]);
    const expected = value(await lab.evaluate({ x: X })).y!;
    (y.data as number[][][]).forEach((b, i) => b.forEach((t, j) => expect(t[0]).toBeCloseTo(expected[i][j][0], 5)));

    const bytes = value(await lab.onnxBytes(report.modelId));
    expect(Buffer.from(bytes.base64, 'base64').equals(readFileSync(path))).toBe(true);
    const uploaded = value(await lab.openOnnxBytes(bytes));
    expect(uploaded.nodes).toEqual(opened.nodes);

    const summary = value(await lab.importOnnx(uploaded.modelId));
    expect(summary).toMatchObject({ name: 'model', unsaved: true, spec: { arch: 'lstm', num_layers: 2, bidirectional: true, hidden_size: 5 } });
    const again = value(await lab.evaluate({ x: X })).y!;
    again.forEach((b, i) => b.forEach((t, j) => expect(t[0]).toBeCloseTo(expected[i][j][0], 5)));
  }, 60_000);

  it('keeps an export without a path for download', async () => {
    value(await lab.newProject({ name: 'dl', spec: { arch: 'gru', input_size: 3, hidden_size: 4, output_size: 2, output_activation: 'softmax' } }));
    const report = value(await lab.exportOnnx({ initialState: true }));
    expect(report.path).toBeNull();
    const file = value(await lab.onnxBytes(report.modelId));
    expect(file.fileName).toBe('dl.onnx');
    expect(Buffer.from(file.base64, 'base64').length).toBe(report.bytes);
    const opened = value(await lab.openOnnxBytes(file));
    expect(opened.inputs.map((i) => i.name)).toContain('h0');
  }, 60_000);
});

describe('ONNX errors', () => {
  it('answers one line for bad requests and non-models', async () => {
    expect(error(await lab.openOnnx(join(dir, 'missing.onnx')))).toBe('cannot open missing.onnx: no such file');
    writeFileSync(join(dir, 'notes.onnx'), 'hello, not a model');
    expect(error(await lab.openOnnx(join(dir, 'notes.onnx')))).toMatch(/^notes\.onnx: /);
    expect(error(await lab.openOnnxBytes({ fileName: 'a.onnx', base64: '!!' }))).toMatch(/^open ONNX: base64: expected base64 text/);
    expect(error(await lab.onnxBytes('nope'))).toMatch(/^ONNX bytes: no opened model 'nope'/);
    expect(error(await lab.runOnnx({ modelId: 'nope', inputs: {} }))).toMatch(/^run ONNX: no opened model 'nope'/);
    expect(error(await lab.runOnnx({ inputs: {} }))).toMatch(/^run ONNX: modelId: /);
    expect(error(await lab.exportOnnx({ initialState: 'yes' }))).toMatch(/^export ONNX: initialState: expected initialState as true or false/);
    expect(error(await lab.cancelOnnxRun())).toBe('no ONNX run is in progress');
    value(await lab.newProject({ name: 'e', spec: { arch: 'rnn', input_size: 2, hidden_size: 3, output_size: 1 } }));
    const report = value(await lab.exportOnnx({}));
    expect(error(await lab.runOnnx({ modelId: report.modelId, inputs: { x: [[[1]]] } }))).toMatch(/x/);
    expect(error(await lab.runOnnx({ modelId: report.modelId, inputs: { x: X }, timeoutSeconds: 0 }))).toMatch(/timeoutSeconds from 0\.1 to 600/);
  }, 60_000);

  it('cancels a run in progress and stops one past its time limit', async () => {
    value(await lab.newProject({ name: 'slow', spec: { arch: 'lstm', input_size: 8, hidden_size: 256, num_layers: 3, output_size: 1 } }));
    const report = value(await lab.exportOnnx({}));
    const big = Array.from({ length: 16 }, () => Array.from({ length: 1000 }, () => Array.from({ length: 8 }, () => 0.5)));
    const running = lab.runOnnx({ modelId: report.modelId, inputs: { x: big } });
    await new Promise((r) => setTimeout(r, 300));
    value(await lab.cancelOnnxRun());
    expect(error(await running)).toBe('cancelled: the ONNX run was stopped');
    expect(error(await lab.runOnnx({ modelId: report.modelId, inputs: { x: big }, timeoutSeconds: 0.2 }))).toBe('the ONNX run took longer than 0.2 s and was stopped');
    // The workbench still runs after both.
    const ok = value(await lab.runOnnx({ modelId: report.modelId, inputs: { x: [[[0, 0, 0, 0, 0, 0, 0, 1]]] } }));
    expect(ok.outputs.find((o) => o.name === 'y')!.shape).toEqual([1, 1, 1]);
  }, 60_000);
});
