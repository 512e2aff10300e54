// `rnnlab run` on models from elsewhere: PyTorch's GRU export against PyTorch's own outputs, one input of each
// element type, --describe, and a table of bad inputs that must each give one line and exit code 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModel } from '../../src-main/core/onnx/codec';
import { OnnxRunError } from '../../src-main/core/onnx/errors';
import { floatValueInfo } from '../../src-main/core/onnx/export/graph-builder';
import { sharedOnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { runOnnxModel } from '../../src-main/core/onnx/runtime/run-model';
import { runInProcess, scratchFolder, writeJson } from '../cli/cli-helpers';

const fixture = (name: string) => new URL(`../fixtures/onnx/${name}`, import.meta.url).pathname;
const GRU = fixture('codec-gru.onnx');
const TYPES = fixture('types.onnx');
const TORCH = JSON.parse(readFileSync(fixture('codec-gru.json'), 'utf8')).torch_run;
const files = scratchFolder();
afterAll(() => sharedOnnxRuntime().close());

function maxRelative(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) return Math.max(0, ...a.map((v, i) => maxRelative(v, b[i])));
  return Math.abs((a as number) - (b as number)) / Math.max(1e-3, Math.abs(b as number));
}

describe('a model exported by torch.onnx', () => {
  it("gives PyTorch's outputs (1e-5 relative)", async () => {
    const r = await runInProcess(['run', GRU, '--input', writeJson(files.file('gru-in.json'), { x: TORCH.x })]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['y', 'h_n']);
    expect(maxRelative(out.y, TORCH.y)).toBeLessThan(1e-5);
    expect(maxRelative(out.h_n, TORCH.h_n)).toBeLessThan(1e-5);
  });
  it('--describe lists element types and symbolic shapes', async () => {
    const r = await runInProcess(['run', GRU, '--describe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ONNX IR 7, opset 14, produced by pytorch/);
    expect(r.stdout).toMatch(/\n {2}x +float32 +\[batch, time, 3\]\n/);
    expect(r.stdout).toMatch(/\n {2}h_n +float32 +\[1, GRUh_n_dim_1, 4\]\n/);
  });
});

describe('element types', () => {
  it('float64, int32, int64 and bool in and out', async () => {
    const input = { f64: [[0.1, -3], [2.5, 1e-9]], i32: [7, -2147483648 / 2], i64: [2 ** 40, 1, -5], flags: [true, false] };
    const out = await runOnnxModel(readFileSync(TYPES), input, 'types.onnx');
    expect(out).toEqual({
      f64_squared: [[0.1 * 0.1, 9], [6.25, 1e-18]],
      i32_doubled: [14, -2147483648],
      i64_sum: 2 ** 40 - 4,
      flags_negated: [false, true],
      i32_as_float: [7, -1073741824],
    });
  });
});

const GOOD = { f64: [[1, 2]], i32: [1], i64: [1, 2, 3], flags: [true] };
const BAD_INPUTS: [string, unknown, RegExp][] = [
  ['not an object', [1, 2], /^input file: expected a JSON object mapping input names \(f64, i32, i64, flags\) to arrays, found an array$/],
  ['missing input', { ...GOOD, flags: undefined }, /^input file: expected input 'flags' bool \[n\], found none$/],
  ['unknown input', { ...GOOD, extra: [1] }, /^input file: unknown input 'extra'; the model takes f64, i32, i64, flags$/],
  ['wrong rank', { ...GOOD, f64: [1, 2] }, /^input f64: expected 2 nested levels \[n\]\[2\], found 1 \[2\]$/],
  ['wrong fixed size', { ...GOOD, i64: [1, 2] }, /^input i64: expected \[3\], found \[2\] \(axis 0 must be 3\)$/],
  ['inconsistent symbolic dim', { ...GOOD, i32: [1, 2] }, /^input i32: expected n = 1 as in input f64, found 2 on axis 0$/],
  ['ragged', { ...GOOD, f64: [[1, 2], [3]], i32: [1, 2], flags: [true, false] }, /^f64\[1\]: expected 2 entries like the rest of input f64, found 1 entries$/],
  ['string for a number', { ...GOOD, f64: [[1, 'a']] }, /^f64\[0\]\[1\]: expected a finite number \(float64\), found "a"$/],
  ['fraction for int32', { ...GOOD, i32: [1.5] }, /^i32\[0\]: expected a whole number \(int32\), found 1.5$/],
  ['int32 overflow', { ...GOOD, i32: [2 ** 31] }, /^i32\[0\]: expected a whole number within int32, found 2147483648$/],
  ['number for bool', { ...GOOD, flags: [1] }, /^flags\[0\]: expected true or false, found 1$/],
  ['null entry', { ...GOOD, i64: [1, null, 3] }, /^i64\[1\]: expected a finite number \(int64\), found null$/],
];

describe('bad inputs: one line, exit code 1', () => {
  it.each(BAD_INPUTS)('%s', async (label, input, message) => {
    const r = await runInProcess(['run', TYPES, '--input', writeJson(files.file(`${label}.json`), input)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('rnnlab: ')).toBe(true);
    expect(r.stderr.slice('rnnlab: '.length)).toMatch(new RegExp(message.source.replace(/\$$/, '\n$')));
  });
  it('the runtime error type is OnnxRunError', async () => {
    await expect(runOnnxModel(readFileSync(TYPES), { x: 1 }, 'types.onnx')).rejects.toBeInstanceOf(OnnxRunError);
  });
  it('no --input and no --describe is a usage error (exit 2)', async () => {
    const r = await runInProcess(['run', TYPES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rnnlab: run: expected --input <file> or --describe, found neither\n');
  });
  it('a missing model file', async () => {
    const r = await runInProcess(['run', files.file('none.onnx'), '--describe']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rnnlab: cannot read .*none\.onnx: no such file or directory\n$/);
  });
});

describe('models onnxruntime cannot load', () => {
  it('an unknown operator: one line naming it, exit 1', async () => {
    const bytes = encodeModel({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'g',
        node: [{ input: ['a'], output: ['b'], name: 'n0', opType: 'NoSuchOp', domain: '', attribute: [] }],
        initializer: [],
        input: [floatValueInfo('a', [2])],
        output: [floatValueInfo('b', [2])],
        valueInfo: [],
      },
    });
    const path = files.file('unknown-op.onnx');
    writeFileSync(path, bytes);
    const r = await runInProcess(['run', path, '--input', writeJson(files.file('a.json'), { a: [1, 2] })]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rnnlab: onnxruntime cannot load .*unknown-op\.onnx: .*NoSuchOp.*\n$/);
  });
});
