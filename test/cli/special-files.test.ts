// Every file a user names is read through a byte cap, and only when it is a regular file: /dev/zero, a FIFO or a
// folder gets one line at once instead of a hang that grows past a gigabyte (stat says 0 bytes for a device).
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, requireBuiltCli, scratchFolder, spawnCli } from './cli-helpers';

requireBuiltCli();
const files = scratchFolder();

/** Runs the CLI, killed after 20 s (these commands used to hang). */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(): string {
  const file = files.file('p.rnnlab');
  const r = spawnCli(['new', '--arch', 'lstm', '--input-size', '2', '--hidden-size', '3', '--output-size', '1', '--force', '-o', file]);
  expect(r.code).toBe(0);
  return file;
}

const ZERO = /is a character device \(such as \/dev\/zero\), not a regular file/;

describe('user-named files that are not regular files', () => {
  it('task set --param file=/dev/zero (text and csv tasks)', () => {
    const p = project();
    for (const task of ['text', 'csv']) {
      const extra = task === 'csv' ? ['--param', 'targets=[0]'] : [];
      const r = cli(['task', 'set', p, '--task', task, '--param', 'file=/dev/zero', ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toMatch(new RegExp(`^rnnlab: .*expected a ${task === 'csv' ? 'CSV' : 'text'} file of at most \\d+ MB, found /dev/zero, which ${ZERO.source}`));
    }
  });

  it.each([
    ['eval --input', (p: string) => ['eval', p, '--input', '/dev/zero'], /^rnnlab: \/dev\/zero: expected a JSON file of at most 256 MiB; this file /],
    ['grad --input', (p: string) => ['grad', p, '--input', '/dev/zero'], /^rnnlab: \/dev\/zero: expected a JSON file of at most 256 MiB; this file /],
    ['run <model>', () => ['run', '/dev/zero', '--input', '/dev/zero'], /^rnnlab: \/dev\/zero: expected an ONNX model file of at most 1024 MiB; this file /],
    ['import <model>', () => ['import', '/dev/zero', '-o', files.file('i.rnnlab')], /^rnnlab: \/dev\/zero: expected an ONNX model file of at most 400 MiB; this file /],
    ['info <project>', () => ['info', '/dev/zero'], /^rnnlab: zero: is not a regular file \(expected a \*\.rnnlab project file\)/],
  ])('%s /dev/zero', (_, args, message) => {
    const r = cli(args(project()));
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(message);
  });

  it('run --input on a named pipe answers at once instead of waiting for a writer', () => {
    const fifo = files.file('pipe.json');
    execFileSync('mkfifo', [fifo]);
    const model = new URL('../fixtures/onnx/types.onnx', import.meta.url).pathname;
    const r = cli(['run', model, '--input', fifo]);
    expect(r.stderr).toBe(`rnnlab: ${fifo}: expected a JSON file of at most 256 MiB; this file is a named pipe (FIFO), not a regular file\n`);
  });

  it('a regular file over the cap is refused (a 21 MB text for the 20 MB text task)', () => {
    const big = files.file('big.txt');
    writeFileSync(big, 'ab'.repeat(10.5 * 2 ** 20));
    const r = cli(['task', 'set', project(), '--task', 'text', '--param', `file=${big}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expected a text file of at most 20 MB, found .*big\.txt, which is larger than 20 MiB, the most this reads\n$/);
  });
});
