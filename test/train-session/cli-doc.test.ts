// docs/cli.md's `rnnlab task` and `rnnlab train` sections are real: their console sessions run in order in one
// scratch folder (`$ cat F` blocks make files, `| grep -E '...'` keeps matching lines) and print what the page shows,
// timings masked; the M.jsonl excerpt is the start of the file the session wrote; the synopsis names every option.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, scratchFolder, spawnCli } from '../cli/cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
const section = (name: string) => doc.split(/^(?=## )/m).find((s) => s.startsWith(`## \`rnnlab ${name}\``)) ?? '';
const blocks = (text: string, kind: string) => [...text.matchAll(new RegExp('```' + kind + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

/** Each `$` line of a block with the lines shown after it, blank lines trimmed at the end. */
function steps(block: string): { command: string; shown: string }[] {
  const result: { command: string; shown: string }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) result.push({ command: line.slice(2), shown: '' });
    else if (result.length > 0) result[result.length - 1].shown += `${line}\n`;
  }
  return result.map((s) => ({ ...s, shown: s.shown.replace(/\n+$/, '\n').replace(/^\n$/, '') }));
}

/** Shell words: spaces separate, single quotes keep everything inside as is. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const maskTime = (text: string) => text.replace(/ in \d+(\.\d+)? s \(/g, ' in <t> s (');

describe('docs/cli.md: task and train sections', () => {
  it('run as shown, with the exit codes shown', () => {
    const dir = scratch.file('.');
    const session = [...blocks(section('task'), 'console'), ...blocks(section('train'), 'console')].flatMap(steps);
    expect(session.length).toBeGreaterThan(10);
    let lastCode = 0;
    for (const { command, shown } of session) {
      if (command.startsWith('cat ')) {
        writeFileSync(join(dir, command.slice(4)), shown);
        continue;
      }
      if (command === 'echo $?') {
        expect(String(lastCode), 'exit code').toBe(shown.trim());
        continue;
      }
      const [cli, filter] = command.split(/ \| grep -E /);
      expect(cli, command).toMatch(/^rnnlab /);
      const result = spawnCli(words(cli).slice(1), { cwd: dir });
      lastCode = result.code;
      let printed = result.stdout + result.stderr;
      if (filter) {
        const pattern = new RegExp(words(filter)[0]);
        printed = printed.split('\n').filter((line) => pattern.test(line)).map((line) => `${line}\n`).join('');
      }
      expect(maskTime(printed), command).toBe(maskTime(shown));
    }
    const excerpt = /cut at (\d+) characters:\n\n```text\n(.*)\n```/.exec(section('train'));
    expect(excerpt).not.toBeNull();
    const firstLine = readFileSync(join(dir, 't4.jsonl'), 'utf8').split('\n')[0];
    expect(firstLine.slice(0, Number(excerpt![1]))).toBe(excerpt![2]);
  });

  it("name every option of the commands' --help in their synopsis", () => {
    for (const [name, args] of [['train', ['train', '--help']], ['task', ['task', 'set', '--help']]] as const) {
      const help = spawnCli([...args]).stdout;
      // [short, long]: the synopsis may name an option by either (`-o OUT`).
      const options = [...help.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].map((m) => [m[1], m[2]]).filter(([, long]) => long !== '--help');
      expect(options.length).toBeGreaterThan(3);
      for (const [short, long] of options) {
        const names = (flag: string) => new RegExp(`${flag}(?![\\w-])`).test(section(name));
        const named = names(long) || (short !== undefined && names(short));
        expect(named, `${name} ${long}`).toBe(true);
      }
    }
  });
});
