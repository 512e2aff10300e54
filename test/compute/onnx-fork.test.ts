// ONNX through a compute process forked from the TypeScript sources (as vitest and `npm run dev` start it): the
// process, bundled on the fly, finds onnxruntime's worker entry beside its own sources, so export (verified in
// onnxruntime) and a run of the exported model work there as they do from the built bundles.
import { afterAll, describe, expect, it } from 'vitest';
import { ComputeClient } from '../../src-main/core/compute/client';
import { newProject } from '../../src-main/core/project/create';
import { parseModelSpec } from '../../src-main/core/spec/schema';

const client = new ComputeClient();
afterAll(() => client.dispose());

describe('ONNX in a compute process forked from sources', () => {
  it('exports a project (checked in onnxruntime) and runs the exported model like evaluate', async () => {
    const project = newProject('forked', parseModelSpec({ arch: 'gru', input_size: 2, hidden_size: 3, output_size: 1, output_activation: 'sigmoid' }));
    const x = [[[1, 0], [0, 1], [0, 1]]];
    const exported = await client.call('onnxExport', { project, initialState: false, engine: 'reference' });
    expect(client.pid).not.toBe(process.pid);
    expect(client.pid).not.toBeNull();
    expect(exported.report.worstDifference.length).toBeGreaterThan(0);
    const run = await client.call('onnxRun', { bytes: exported.bytes, fileName: 'forked.onnx', inputs: { x }, timeoutSeconds: 60 });
    const y = run.outputs.find((o) => o.name === 'y')!;
    expect(y.shape).toEqual([1, 3, 1]);
    const expected = await client.call('evaluate', { model: { spec: project.spec, weights: project.weights }, request: { x }, engine: 'reference' });
    (y.data as number[][][])[0].forEach((t, j) => expect(t[0]).toBeCloseTo(expected.y![0][j][0], 5));
  }, 120_000);
});
