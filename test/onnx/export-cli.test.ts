// `rnnlab export` as a command: a checked file with the metadata, --initial-state inputs, refusing to overwrite,
// and an export whose onnxruntime result differs from the engine (float32 overflow) refused with no file written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, metadataValue } from '../../src-main/core/onnx/codec';
import { describeModel } from '../../src-main/core/onnx/runtime/describe';
import { newProject, saveProject } from '../../src-main/core/project/index';
import { runInProcess, scratchFolder } from '../cli/cli-helpers';
import { makeSpec, randomModel } from '../helpers/random-model';

const files = scratchFolder();

async function projectFile(name: string, scale = 0.5): Promise<string> {
  const model = randomModel({ arch: 'rnn', nonlinearity: 'relu', num_layers: 2, output_size: 2 }, 4, scale);
  const project = { ...newProject(name, makeSpec({ arch: 'rnn', nonlinearity: 'relu', num_layers: 2, output_size: 2 })), weights: model.weights };
  const path = files.file(`${name}.rnnlab`);
  await saveProject(path, project);
  return path;
}

describe('rnnlab export', () => {
  it('writes a checked model with metadata and, with --initial-state, h0 input', async () => {
    const path = await projectFile('small');
    const out = files.file('small.onnx');
    const r = await runInProcess(['export', path, '-o', out, '--initial-state', '--engine', 'reference']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${out}: rnn model, ${readFileSync(out).length} bytes, checked in onnxruntime against the reference engine\n`);
    const model = decodeModel(readFileSync(out));
    expect(model.irVersion).toBe(8);
    expect(model.opsetImport).toEqual([{ domain: '', version: 17 }]);
    expect(metadataValue(model, 'project')).toBe('small');
    expect(metadataValue(model, 'architecture')).toBe('rnn');
    expect(metadataValue(model, 'producer')).toBe('RNN Lab');
    const d = describeModel(model);
    expect(d.inputs.map((v) => [v.name, v.type, v.shape])).toEqual([
      ['x', 'float32', ['batch', 'time', 3]],
      ['h0', 'float32', [2, 'batch', 4]],
    ]);
    expect(d.outputs.map((v) => [v.name, v.shape])).toEqual([['y', ['batch', 'time', 2]], ['h_n', [2, 'batch', 4]]]);
  });

  it('refuses to overwrite without --force', async () => {
    const out = files.file('exists.onnx');
    writeFileSync(out, 'keep');
    const r = await runInProcess(['export', await projectFile('again'), '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rnnlab: ${out} already exists; pass --force to overwrite it\n`);
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });

  it('refuses an export onnxruntime cannot reproduce, naming the output, and writes nothing', async () => {
    // Weights of 1e25: the float64 engine stays finite, onnxruntime's float32 overflows to infinity.
    const path = await projectFile('huge', 1e25);
    const out = files.file('huge.onnx');
    const r = await runInProcess(['export', path, '-o', out, '--engine', 'reference']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rnnlab: export check failed: output (y|h_n) differs from the reference engine by .*; no file written\n$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a project whose task cannot be regenerated', () => {
  it('is exported without the alphabet, with one warning line', async () => {
    const path = await projectFile('lost-task');
    const project = JSON.parse(readFileSync(path, 'utf8'));
    project.task = { id: 'no-such-task', params: {}, seed: 1 };
    writeFileSync(path, JSON.stringify(project));
    const out = files.file('lost-task.onnx');
    const r = await runInProcess(['export', path, '-o', out, '--engine', 'reference']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rnnlab: warning: alphabet left out of the metadata: unknown task 'no-such-task'.*\n$/);
    expect(metadataValue(decodeModel(readFileSync(out)), 'alphabet')).toBeUndefined();
  });
});
