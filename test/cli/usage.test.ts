// The CLI's surface: --help of every command, exit code 2 for usage errors with one `rnnlab:` line,
// and the launcher's message when the bundle has not been built.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
