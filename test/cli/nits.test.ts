// Small things a careful user noticed (issue 12, item 8): deep but valid JSON is not "corrupt", ELOOP is named
// once, `info` escapes control characters of a name, CSV 1e400 is refused like NaN, `run` says Infinity like eval.
import { symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJson, requireBuiltCli, runInProcess, scratchFolder, spawnCli, writeJson } from './cli-helpers';

requireBuiltCli();
const files = scratchFolder();

function project(name: string, extra: string[] = []): string {
  const file = files.file(`${name}.rnnlab`);
  expect(spawnCli(['new', '--arch', 'rnn', '--input-size', '2', '--hidden-size', '3', '--output-size', '1', '--force', '-o', file, ...extra]).code).toBe(0);
  return file;
}

/** `depth` nested arrays: [[[...0...]]]. */
const nested = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);

describe('deeply nested JSON', () => {
  it('a valid project with 900 levels in its history opens', async () => {
    const file = project('deep-ok');
    const text = JSON.stringify({ ...(readJson(file) as object), history: { deep: '@' } }).replace('"@"', nested(900));
    writeFileSync(file, text);
    const r = await runInProcess(['info', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('100,000 levels get their own message, not "truncated or corrupt"', async () => {
    const file = project('deep');
    const text = JSON.stringify({ ...(readJson(file) as object), history: { deep: '@' } }).replace('"@"', nested(100_000));
    writeFileSync(file, text);
    const r = await runInProcess(['info', file]);
    expect(r.stderr).toBe(
      'rnnlab: deep.rnnlab: valid JSON, but nested more than 1000 levels deep (RNN Lab never writes that; expected a project file)\n',
    );
  });
});

it('a symlink loop is named once: no "ELOOP: ELOOP:"', async () => {
  const a = files.file('loop-a.rnnlab');
  const b = files.file('loop-b.rnnlab');
  symlinkSync(b, a);
  symlinkSync(a, b);
  const r = await runInProcess(['info', a]);
  expect(r.stderr).toBe('rnnlab: loop-a.rnnlab: cannot be read: too many levels of symbolic links (a symlink loop)\n');
});

it('rnnlab info shows control characters of a project name as escapes', () => {
  const file = project('control', ['--name', 'red\x1b[31m\x07bell\nnew line\u202Eevil']);
  const r = spawnCli(['info', file]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^name +red\\x1b\[31m\\x07bell\\nnew line\\u202eevil\n/);
  // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
  expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e]/);
});

describe('numbers beyond float64', () => {
  it('a CSV value 1e400 is refused like NaN, naming line and column', () => {
    const csv = files.file('big.csv');
    writeFileSync(csv, 'a,b\n1,2\n3,1e400\n' + '5,6\n'.repeat(40));
    const r = spawnCli(['task', 'set', project('csv'), '--task', 'csv', '--param', `file=${csv}`, '--param', 'targets=["a"]']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3, column 'b': expected a number within the float64 range \(about ±1\.8e308\), found '1e400'\n$/);
    const nan = files.file('nan.csv');
    writeFileSync(nan, 'a,b\n1,2\n3,NaN\n');
    expect(spawnCli(['task', 'set', project('csv2'), '--task', 'csv', '--param', `file=${nan}`, '--param', 'targets=["a"]']).stderr).toMatch(
      /line 3, column 'b': expected a number, found 'NaN'\n$/,
    );
  });

  it('rnnlab run says "found Infinity" for 1e400, as eval does', async () => {
    const input = files.file('inf.json');
    writeFileSync(input, '{"f64": [[1e400, 2]], "i32": [1], "i64": [1, 2, 3], "flags": [true]}');
    const model = new URL('../fixtures/onnx/types.onnx', import.meta.url).pathname;
    const run = await runInProcess(['run', model, '--input', input]);
    expect(run.stderr).toBe('rnnlab: f64[0][0]: expected a finite number (float64), found Infinity\n');
    const x = writeJson(files.file('x.json'), { x: [[[0, 1], [1, 0]]] });
    writeFileSync(x, '{"x": [[[0, 1e400]]]}');
    const evaluated = await runInProcess(['eval', project('ev'), '--input', x]);
    expect(evaluated.stderr).toMatch(/found Infinity\n$/);
  });
});
