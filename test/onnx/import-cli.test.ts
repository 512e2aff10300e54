// `rnnlab import`: PyTorch exports become project files that `rnnlab eval` runs to PyTorch's outputs (1e-5 relative);
// unsupported graphs, corrupt files, missing files and existing outputs give one stderr line and exit code 1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedOnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { loadProject } from '../../src-main/core/project/index';
import { paramLayout } from '../../src-main/core/spec/params';
import { requireBuiltCli, runInProcess, scratchFolder, spawnCli, writeJson } from '../cli/cli-helpers';

const fixture = (name: string) => new URL(`../fixtures/onnx-torch/${name}`, import.meta.url).pathname;
const probe = (name: string) => JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8'));
const files = scratchFolder();
requireBuiltCli();
afterAll(() => sharedOnnxRuntime().close());

function maxRelative(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return Infinity;
    return Math.max(0, ...a.map((v, i) => maxRelative(v, b[i])));
  }
  return Math.abs((a as number) - (b as number)) / Math.max(1e-3, Math.abs(b as number));
}

describe('rnnlab import', () => {
  it.each(['gru_bidir_2l_softmax_op14', 'lstm_2l_state_inputs_op17'])('%s: the project evaluates as PyTorch', async (name) => {
    const out = files.file(`${name}.rnnlab`);
    const r = await runInProcess(['import', fixture(`${name}.onnx`), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^created .*${name}\\.rnnlab from an ONNX graph \\(opset 1[47]\\): `));
    const project = await loadProject(out);
    expect(project.name).toBe(name);
    expect(Object.keys(project.weights)).toEqual(paramLayout(project.spec).map((p) => p.name));
    const p = probe(name);
    const input = Object.fromEntries(p.inputs.map((i: { name: string; values: unknown }) => [i.name, i.values]));
    const evaluated = await runInProcess(['eval', out, '--input', writeJson(files.file(`${name}-in.json`), input), '--engine', 'reference']);
    expect(evaluated.stderr).toBe('');
    const result = JSON.parse(evaluated.stdout);
    for (const want of p.outputs) expect(maxRelative(result[want.role], want.values), want.role).toBeLessThan(1e-5);
  });

  const refusals: { what: string; args: () => string[]; message: RegExp }[] = [
    { what: 'a Conv model', args: () => [fixture('unsupported_conv.onnx'), '-o', files.file('conv.rnnlab')], message: /^rnnlab: unsupported_conv\.onnx: unsupported: node '.*' \(op Conv\)/ },
    { what: 'a corrupt file', args: () => [writeBytes('corrupt.onnx', readFileSync(fixture('lstm_head_op14.onnx')).subarray(0, 300)), '-o', files.file('corrupt.rnnlab')], message: /^rnnlab: corrupt\.onnx: expected an ONNX model/ },
    { what: 'an empty file', args: () => [writeBytes('empty.onnx', new Uint8Array()), '-o', files.file('empty.rnnlab')], message: /^rnnlab: empty\.onnx: expected an ONNX model, found an empty file$/ },
    { what: 'a missing file', args: () => [files.file('nowhere.onnx'), '-o', files.file('nowhere.rnnlab')], message: /^rnnlab: cannot read .*nowhere\.onnx: no such file or directory$/ },
  ];
  it.each(refusals)('refuses $what with one line and writes nothing', async ({ args, message }) => {
    const argv = args();
    const r = await runInProcess(['import', ...argv]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd()).not.toContain('\n');
    expect(existsSync(argv[2])).toBe(false);
  });

  it('imports what rnnlab export wrote: same spec, same float32 weights', async () => {
    const source = files.file('source.rnnlab');
    const made = await runInProcess(['new', '--arch', 'gated', '--input-size', '3', '--hidden-size', '4', '--learn-h0', '--output-size', '2', '--output-activation', 'softmax', '--seed', '7', '-o', source]);
    expect(made.stderr).toBe('');
    const exported = await runInProcess(['export', source, '-o', files.file('source.onnx'), '--engine', 'reference']);
    expect(exported.stderr).toBe('');
    const imported = await runInProcess(['import', files.file('source.onnx'), '-o', files.file('back.rnnlab')]);
    expect(imported.stdout).toMatch(/from an RNN Lab export: gated, input 3, hidden 4, output 2 \(softmax\)/);
    const [before, after] = [await loadProject(source), await loadProject(files.file('back.rnnlab'))];
    expect(after.spec).toEqual(before.spec);
    for (const [name, t] of Object.entries(before.weights)) expect(Array.from(after.weights[name].data), name).toEqual(Array.from(t.data, Math.fround));
  });

  it('keeps an existing project unless --force, and runs as the built binary', async () => {
    const out = files.file('kept.rnnlab');
    writeFileSync(out, 'precious');
    const refused = await runInProcess(['import', fixture('rnn_tanh_head_op14.onnx'), '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const spawned = spawnCli(['import', fixture('rnn_tanh_head_op14.onnx'), '-o', out, '--force', '--name', 'imported']);
    expect(spawned.stderr).toBe('');
    expect(spawned.stdout).toMatch(/rnn, input 2, hidden 3, output 2, \d+ parameters\n {2}inputs: x; outputs: y, h_n\n$/);
    expect((await loadProject(out)).name).toBe('imported');
  });
});

function writeBytes(name: string, bytes: Uint8Array): string {
  const path = files.file(name);
  writeFileSync(path, bytes);
  return path;
}
