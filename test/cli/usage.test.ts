// The CLI's surface: --help of every command, exit code 2 for usage errors with one `rnnlab:` line,
// and the launcher's message when the bundle has not been built.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src-main/cli/run';
import { BIN, lines, requireBuiltCli, runInProcess, scratchFolder, spawnCli, writeJson } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

const COMMANDS: [string, string[]][] = [
  ['new', ['--arch', '--input-size', '--hidden-size', '--num-layers', '--bidirectional', '--no-bias', '--init', '--seed', '--force']],
  ['info', ['<project>', '--json']],
  ['eval', ['<project>', '--input', '--output', '--engine', '"x": [batch][time][input_size]']],
  ['grad', ['<project>', '--input', '--output', '--engine', 'dOutput', 'dY']],
  ['gradcheck', ['<project>', '--seed', '--batch', '--steps', '--tolerance']],
];

describe('help', () => {
  it('rnnlab --help lists every command and exits 0 (spawned)', () => {
    const { code, stdout, stderr } = spawnCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: rnnlab/);
    for (const [name] of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each(COMMANDS)('rnnlab %s --help shows its options', async (name, expected) => {
    const { code, stdout, stderr } = await runInProcess([name, '--help']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`Usage: rnnlab ${name}`);
    for (const text of expected) expect(stdout).toContain(text);
  });

  it('rnnlab help <command> is the same as <command> --help', async () => {
    expect((await runInProcess(['help', 'info'])).stdout).toBe((await runInProcess(['info', '--help'])).stdout);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runInProcess(['--version']);
    expect([code, stdout.trim()]).toEqual([0, '0.1.0']);
  });
});

describe('usage errors exit 2 with one line', () => {
  const cases: [string, string[], string][] = [
    ['an unknown command', ['frobnicate'], "rnnlab: unknown command 'frobnicate'"],
    ['an unknown option', ['info', 'p.rnnlab', '--jsn'], "rnnlab: unknown option '--jsn' (Did you mean --json?)"],
    ['a missing required option', ['eval', 'p.rnnlab'], "rnnlab: required option '--input <file>' not specified"],
    ['a missing argument', ['info'], "rnnlab: missing required argument 'project'"],
    ['a value outside the choices', ['new', '--arch', 'transformer', '--input-size', '1', '--hidden-size', '1', '-o', 'x'],
      "rnnlab: option '--arch <family>' argument 'transformer' is invalid. Allowed choices are elman, jordan, gated, rnn, lstm, gru."],
    ['a number that is not one', ['new', '--arch', 'rnn', '--input-size', 'three', '--hidden-size', '1', '-o', 'x'],
      "rnnlab: option '--input-size <n>' argument 'three' is invalid. expected a number, found 'three'"],
  ];
  it.each(cases)('%s', async (_case, args, message) => {
    const { code, stdout, stderr } = await runInProcess(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual([message]);
  });

  it('the spawned process exits 2 too, and no command at all shows the help on stderr', () => {
    const unknown = spawnCli(['gradcheck', 'p.rnnlab', '--tolerence', '1e-3']);
    expect(unknown.code).toBe(2);
    expect(lines(unknown.stderr)).toEqual(["rnnlab: unknown option '--tolerence' (Did you mean --tolerance?)"]);
    const bare = spawnCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: rnnlab/);
  });
});

describe('launcher', () => {
  it('says how to build the CLI when the bundle is missing', () => {
    // A copy of the package without out/: the launcher and a package.json that makes it an ES module.
    const bin = scratch.file('bin');
    mkdirSync(bin);
    copyFileSync(BIN, join(bin, 'rnnlab.js'));
    writeJson(scratch.file('package.json'), { type: 'module' });
    const { code, stderr } = spawnCli(['--help'], { cwd: bin, script: join(bin, 'rnnlab.js') });
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      'rnnlab: the CLI is not built (out/cli/rnnlab.mjs is missing); run `npm install` or `npm run build:cli`',
    ]);
  });
});

describe('unexpected failures', () => {
  it('are one `internal error` line, exit 1, with the stack only when RNNLAB_DEBUG=1', () => {
    const capture = (env: Record<string, string>) => {
      let stderr = '';
      const code = reportError(new TypeError('cannot read x of undefined'), { out: () => {}, err: (t) => void (stderr += t), env });
      return { code, stderr };
    };
    const quiet = capture({});
    expect(quiet.code).toBe(1);
    expect(lines(quiet.stderr)).toEqual(['rnnlab: internal error: cannot read x of undefined']);
    const debug = capture({ RNNLAB_DEBUG: '1' });
    expect(lines(debug.stderr)[0]).toBe('rnnlab: internal error: cannot read x of undefined');
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  it('--engine native: agrees with the reference engine when the kernel is built, else one error line', async () => {
    const { selectEngine } = await import('../../src-main/core/engine/select');
    const nativeBuilt = (await selectEngine()).engine.name === 'native';
    const path = scratch.file('e.rnnlab');
    expect((await runInProcess(['new', '--arch', 'gru', '--input-size', '2', '--hidden-size', '3', '--output-size', '2', '-o', path])).code).toBe(0);
    const input = writeJson(scratch.file('e.json'), { x: [[[0.5, -1], [1, 0.25], [0, 1]]] });
    const native = await runInProcess(['eval', path, '--input', input, '--engine', 'native']);
    if (nativeBuilt) {
      const reference = await runInProcess(['eval', path, '--input', input, '--engine', 'reference']);
      expect([native.code, native.stderr]).toEqual([0, '']);
      const a = JSON.parse(native.stdout).y.flat(2) as number[];
      const b = JSON.parse(reference.stdout).y.flat(2) as number[];
      expect(a).toHaveLength(6);
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(b[i]))));
    } else {
      expect(native.code).toBe(1);
      expect(lines(native.stderr)).toHaveLength(1);
      expect(native.stderr).toMatch(/^rnnlab: native kernel unavailable \(.*\); build it with npm run build:kernel or use --engine reference$/m);
    }
  });
});
