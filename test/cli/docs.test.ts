// The CLI and its documents agree: every registered command has --help, appears in the README's command table and
// (but for the sections others are still writing) in docs/cli.md; the README's example session runs as written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src-main/cli/program';
import { requireBuiltCli, ROOT, runInProcess, spawnCli } from './cli-helpers';

requireBuiltCli();

const silentIO = { out: () => {}, err: () => {}, env: {} };
const program = createProgram(silentIO);
const COMMANDS = program.commands.map((c) => c.name()).filter((name) => name !== 'help');
const SUBCOMMANDS = program.commands.flatMap((c) => c.commands.map((sub) => [c.name(), sub.name()])).filter(([, sub]) => sub !== 'help');

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const cliDoc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');

describe('every command', () => {
  it.each(COMMANDS.map((name) => [name]))('rnnlab %s --help prints its usage and exits 0', async (name) => {
    const { code, stdout, stderr } = await runInProcess([name, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage: rnnlab ${name} `));
  });

  it.each(SUBCOMMANDS)('rnnlab %s %s --help prints its usage and exits 0', async (name, sub) => {
    const { code, stdout } = await runInProcess([name, sub, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: rnnlab ${name} ${sub} `));
  });

  it("is in the README's command table, which names no other", () => {
    const table = readme.slice(readme.indexOf('## The command line'), readme.indexOf('## Browser mode'));
    const listed = new Set([...table.matchAll(/^\| `rnnlab (\w+)/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...COMMANDS].sort());
  });

  it('has a section in docs/cli.md, and every section is a command', () => {
    const sections = [...cliDoc.matchAll(/^## `rnnlab (\w+)`/gm)].map((m) => m[1]);
    for (const name of sections) expect(COMMANDS).toContain(name);
    const missing = COMMANDS.filter((name) => !sections.includes(name));
    expect(missing).toEqual([]);
  });
});

describe("the README's example session", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const block = /```console\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## The command line')))![1];
  const commands = block.split('\n').filter((line) => line.startsWith('$ '));

  it('has the commands this test knows how to run', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const line of commands) expect(line).toMatch(/^\$ (npx rnnlab |echo '[^']*' > \S+$)/);
  });

  it('runs as written, each command exiting 0', () => {
    for (const line of commands) {
      const echo = /^\$ echo '([^']*)' > (\S+)$/.exec(line);
      if (echo) {
        writeFileSync(join(dir, echo[2]), echo[1] + '\n');
        continue;
      }
      const args = line.slice('$ npx rnnlab '.length).split(/\s+/);
      const result = spawnCli(args, { cwd: dir });
      expect(result.stderr.replace(/^rnnlab: warning: .*\n/gm, ''), line).toBe('');
      expect(result.code, line).toBe(0);
    }
  });
});
