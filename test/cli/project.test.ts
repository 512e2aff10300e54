// `rnnlab new` and `rnnlab info`: a round trip for every family, spec errors in the schema's words,
// overwrite refusal, and corrupt project files reported in one line without a stack trace.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src-main/core/project/index';
import { paramLayout, parameterCount } from '../../src-main/core/spec/params';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { lines, requireBuiltCli, runInProcess, scratchFolder, spawnCli } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

/** Golden cases: the flags of `rnnlab new` and the spec fields they must produce. */
const FAMILIES: { flags: string[]; spec: Record<string, unknown> }[] = [
  {
    flags: ['--arch', 'elman', '--input-size', '3', '--hidden-size', '5', '--output-size', '2', '--shortcut', '--nonlinearity', 'relu'],
    spec: { arch: 'elman', input_size: 3, hidden_size: 5, output_size: 2, shortcut: true, nonlinearity: 'relu' },
  },
  {
    flags: ['--arch', 'jordan', '--input-size', '2', '--hidden-size', '4', '--output-size', '3', '--output-activation', 'softmax'],
    spec: { arch: 'jordan', input_size: 2, hidden_size: 4, output_size: 3, output_activation: 'softmax' },
  },
  {
    flags: ['--arch', 'gated', '--input-size', '2', '--hidden-size', '4', '--learn-h0', '--output-size', '1', '--output-activation', 'sigmoid'],
    spec: { arch: 'gated', input_size: 2, hidden_size: 4, learn_h0: true, output_size: 1, output_activation: 'sigmoid' },
  },
  {
    flags: ['--arch', 'rnn', '--input-size', '3', '--hidden-size', '6', '--num-layers', '2', '--bidirectional', '--no-bias', '--dropout', '0.25', '--no-batch-first'],
    spec: { arch: 'rnn', input_size: 3, hidden_size: 6, num_layers: 2, bidirectional: true, bias: false, dropout: 0.25, batch_first: false },
  },
  {
    flags: ['--arch', 'lstm', '--input-size', '4', '--hidden-size', '3', '--num-layers', '3', '--init', 'orthogonal', '--gain', '1.5', '--seed', '42'],
    spec: { arch: 'lstm', input_size: 4, hidden_size: 3, num_layers: 3, init: { scheme: 'orthogonal', gain: 1.5, seed: 42 } },
  },
  {
    flags: ['--arch', 'gru', '--input-size', '1', '--hidden-size', '7', '--bidirectional', '--output-size', '2', '--spectral-radius', '0.9'],
    spec: { arch: 'gru', input_size: 1, hidden_size: 7, bidirectional: true, output_size: 2, init: { spectral_radius: 0.9 } },
  },
];

describe('new -> info --json round trip', () => {
  it.each(FAMILIES)('$spec.arch', async ({ flags, spec }) => {
    const path = scratch.file(`${spec.arch}.rnnlab`);
    const created = await runInProcess(['new', ...flags, '-o', path]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const expected = parseModelSpec(spec);
    expect(lines(created.stdout)).toHaveLength(1);
    expect(created.stdout).toMatch(new RegExp(`^created ${path}: ${spec.arch}, input ${spec.input_size}, hidden ${spec.hidden_size}`));
    expect(created.stdout).toContain(`, ${parameterCount(expected)} parameters`);

    const info = await runInProcess(['info', path, '--json']);
    expect(info.code).toBe(0);
    const json = JSON.parse(info.stdout);
    for (const [key, value] of Object.entries(expected)) expect(json[key], key).toEqual(value);
    expect(json.name).toBe(spec.arch);
    expect(json.parameters).toBe(parameterCount(expected));
    expect(json.tensors.map((t: { name: string; shape: number[] }) => [t.name, t.shape])).toEqual(
      paramLayout(expected).map((p) => [p.name, p.shape]),
    );
    // The file itself holds the spec and weights of every parameter.
    const project = await loadProject(path);
    expect(project.spec).toEqual(expected);
    expect(Object.keys(project.weights)).toEqual(paramLayout(expected).map((p) => p.name));
  });

  it('works the same through the launcher, and info without --json is a readable summary', () => {
    const path = scratch.file('spawned.rnnlab');
    const created = spawnCli(['new', '--arch', 'lstm', '--input-size', '3', '--hidden-size', '8', '--output-size', '2', '--name', 'demo', '-o', path]);
    expect([created.code, created.stderr]).toEqual([0, '']);
    expect(created.stdout).toBe(`created ${path}: lstm, input 3, hidden 8, output 2, 434 parameters\n`);
    const info = spawnCli(['info', path]);
    expect([info.code, info.stderr]).toEqual([0, '']);
    expect(info.stdout).toMatch(/^name +demo$/m);
    expect(info.stdout).toMatch(/^arch +lstm \(1 layer\)$/m);
    expect(info.stdout).toMatch(/^ +weight_hh_l0 +\[32, 8\] 256$/m);
    expect(info.stdout).toMatch(/^ +head\.weight +\[2, 8\] 16$/m);
  });
});

describe('new refuses bad specs and existing files', () => {
  it('passes the schema message through verbatim, exit 1', async () => {
    const bad = { arch: 'rnn', input_size: 3, hidden_size: 0 };
    let message = '';
    try {
      parseModelSpec(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^invalid model spec: hidden_size/);
    const result = await runInProcess(['new', '--arch', 'rnn', '--input-size', '3', '--hidden-size', '0', '-o', scratch.file('bad.rnnlab')]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([`rnnlab: ${message}`]);
  });

  it('gives the cross-field rule in one line', async () => {
    const args = ['new', '--arch', 'gru', '--input-size', '3', '--hidden-size', '4', '--nonlinearity', 'relu', '-o', scratch.file('x.rnnlab')];
    const result = await runInProcess(args);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(["rnnlab: invalid model spec: nonlinearity: gru has fixed tanh/sigmoid gates, found 'relu'"]);
  });

  it('does not overwrite a file without --force', async () => {
    const path = scratch.file('keep.rnnlab');
    const base = ['new', '--arch', 'rnn', '--input-size', '2', '--hidden-size', '2', '-o', path];
    expect((await runInProcess([...base, '--seed', '1'])).code).toBe(0);
    const before = readFileSync(path, 'utf8');
    const refused = await runInProcess([...base, '--seed', '2']);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([`rnnlab: ${path} already exists; pass --force to overwrite it`]);
    expect(readFileSync(path, 'utf8')).toBe(before);
    const forced = await runInProcess([...base, '--seed', '2', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).not.toBe(before);
    expect((await loadProject(path)).spec.init.seed).toBe(2);
  });
});

describe('corrupt project files', () => {
  it('a file that is not a project: one line, exit 1, no stack trace (spawned)', () => {
    const path = scratch.file('garbage.rnnlab');
    writeFileSync(path, 'this is not json {');
    const result = spawnCli(['info', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^rnnlab: garbage\.rnnlab: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('a truncated project and a missing one: one line each, the file untouched', async () => {
    const good = scratch.file('whole.rnnlab');
    expect((await runInProcess(['new', '--arch', 'gru', '--input-size', '2', '--hidden-size', '3', '-o', good])).code).toBe(0);
    const text = readFileSync(good, 'utf8');
    const cut = scratch.file('cut.rnnlab');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const mtime = statSync(cut).mtimeMs;
    const truncated = await runInProcess(['info', cut]);
    expect(truncated.code).toBe(1);
    expect(lines(truncated.stderr)).toHaveLength(1);
    expect(truncated.stderr).toMatch(/^rnnlab: cut\.rnnlab: /);
    expect(statSync(cut).mtimeMs).toBe(mtime);
    const missing = await runInProcess(['info', scratch.file('nowhere.rnnlab')]);
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toHaveLength(1);
    expect(missing.stderr).toMatch(/^rnnlab: nowhere\.rnnlab: /);
  });
});
