// docs/cli.md's console sessions are real: every `$ rnnlab ...` line is run in order in one scratch folder (files
// made by `$ cat` blocks and `$ head -c`), and what it prints, and `$ echo $?`, must be what the page shows.
// Timestamps are masked; `rnnlab serve` (runs until Ctrl-C), commands on files made outside the page and the
// sections of bench, task and train are skipped.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runInProcess, scratchFolder } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
/** Sections whose sessions hold timings or long runs (bench, train) are left to their own tests. */
const SESSIONS_NOT_CHECKED = /^## `rnnlab (bench|task|train)\b/;
const sections = doc.split(/^(?=## )/m).filter((section) => !SESSIONS_NOT_CHECKED.test(section));
const blocks = sections.flatMap((section) => [...section.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]));
/** Files the page uses but does not make: copied from the fixtures it names, or (lstm.onnx, a torch script) absent. */
const FIXTURES: Record<string, string> = {
  'gru.onnx': 'test/fixtures/onnx-torch/gru_bidir_state_inputs_op17.onnx',
  'unsupported_conv.onnx': 'test/fixtures/onnx-torch/unsupported_conv.onnx',
};
const EXPECTED_SKIPS = ['rnnlab import lstm.onnx -o lstm.rnnlab', 'rnnlab serve'];

interface Step {
  command: string;
  shown: string;
}

/** Each `$` line of a block with the lines shown after it (up to the next `$` line, blank lines trimmed). */
function steps(block: string): Step[] {
  const result: Step[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) result.push({ command: line.slice(2), shown: '' });
    else if (result.length > 0) result[result.length - 1].shown += `${line}\n`;
  }
  return result.map((s) => ({ ...s, shown: s.shown.replace(/\n+$/, '\n').replace(/^\n$/, '') }));
}

const maskTimes = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>');

describe('docs/cli.md sessions', () => {
  it('print what the page shows, with the exit codes it shows', async () => {
    const dir = scratch.file('.');
    for (const [name, source] of Object.entries(FIXTURES)) copyFileSync(join(ROOT, source), join(dir, name));
    const inDir = (arg: string) => (/^[\w.-]+\.(rnnlab|json|onnx)$/.test(arg) ? join(dir, arg) : arg);
    const skipped: string[] = [];
    let lastCode = 0;
    let ran = 0;
    for (const step of blocks.flatMap(steps)) {
      const { command, shown } = step;
      if (command.startsWith('cat ')) {
        writeFileSync(inDir(command.slice(4)), shown);
        continue;
      }
      if (command === 'echo $?') {
        expect(String(lastCode), `exit code before: ${shown}`).toBe(shown.trim());
        continue;
      }
      const head = /^head -c (\d+) (\S+) > (\S+)$/.exec(command);
      if (head) {
        writeFileSync(inDir(head[3]), readFileSync(inDir(head[2])).subarray(0, Number(head[1])));
        continue;
      }
      if (!command.startsWith('rnnlab ')) continue; // npm install, npx rnnlab --help: the setup, not a session
      const args = command.slice('rnnlab '.length).split(/\s+/);
      const missing = args.some((a, i) => a.endsWith('.onnx') && args[i - 1] !== '-o' && !existsSync(inDir(a)));
      if (command === 'rnnlab serve' || missing) {
        skipped.push(command);
        continue;
      }
      const result = await runInProcess(args.map(inDir));
      lastCode = result.code;
      ran++;
      const nativeMissing = /^rnnlab: warning: native kernel unavailable.*\n/m.test(result.stderr);
      let printed = result.stdout + result.stderr.replace(/^rnnlab: warning: native kernel unavailable.*\n/gm, '');
      printed = printed.split(`${dir}/`).join('');
      if (nativeMissing) printed = printed.replace(/against the reference engine/g, 'against the native engine');
      expect(maskTimes(printed), command).toBe(maskTimes(shown));
    }
    expect(skipped).toEqual(EXPECTED_SKIPS);
    expect(ran).toBeGreaterThan(20);
  });
});
