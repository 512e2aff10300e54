// ONNX workbench logic without a DOM: open dimensions, random inputs of a shape, JSON checks, output tables and lines.
import { describe, expect, it } from 'vitest';
import type { OnnxValueInfo } from '../../src-main/api/lab-api';
import { checkInputsJson, concreteShape, formatShape, openDims, randomInputs, shapeOf } from '../../src-renderer/src/views/onnx/onnxInputs';
import { flattenTensor, maxAbsDifference, tensorLines } from '../../src-renderer/src/views/onnx/onnxOutputs';

const inputs: OnnxValueInfo[] = [
  { name: 'x', type: 'tensor(float)', shape: ['batch', 'seq', 2] },
  { name: 'h0', type: 'tensor(float)', shape: [1, 'batch', 8] },
  { name: 'mask', type: 'tensor(int64)', shape: [null, 3] },
];

describe('ONNX inputs', () => {
  it('names the dimensions the user must choose, symbolic first-seen and unnamed by input:axis', () => {
    expect(openDims(inputs)).toEqual(['batch', 'seq', 'mask:0']);
    expect(concreteShape(inputs[0], { batch: 2 })).toEqual([2, 5, 2]);
    expect(concreteShape(inputs[2], {})).toEqual([1, 3]);
    expect(formatShape(inputs[2].shape)).toBe('[?, 3]');
  });

  it('builds a repeatable random input of every shape, integers for integer inputs', () => {
    const a = randomInputs(inputs, { batch: 2, seq: 4 }, 7);
    expect(a).toEqual(randomInputs(inputs, { batch: 2, seq: 4 }, 7));
    expect(shapeOf(a.x)).toEqual({ shape: [2, 4, 2] });
    expect(shapeOf(a.h0)).toEqual({ shape: [1, 2, 8] });
    const flat = (a.x as number[][][]).flat(2);
    expect(flat.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(new Set(flat).size).toBeGreaterThan(10);
    expect((a.mask as number[][]).flat().every((v) => v === 0 || v === 1)).toBe(true);
    // The random input passes the editor's own check.
    expect(checkInputsJson(JSON.stringify(a), inputs).ok).toBe(true);
  });

  it('refuses JSON that does not fit the model, saying why', () => {
    const err = (text: string) => { const r = checkInputsJson(text, inputs); return r.ok ? null : r.error; };
    // The parser's English message is not shown: the editor says where, in the UI's language.
    expect(err('{')?.key).toBe('onnx.errors.notJsonEnd');
    expect(err('{"x": "abc')?.key).toBe('onnx.errors.notJsonEnd');
    expect(err('{"x":\n [1 2]}')).toEqual({ key: 'onnx.errors.notJsonAt', values: { line: 2, column: 5 } });
    expect(err('{"x": [1,,2]}')?.key).toMatch(/^onnx\.errors\.notJson(At)?$/);
    expect(err('[1]')?.key).toBe('onnx.errors.notObject');
    expect(err('{"y": 1}')).toEqual({ key: 'onnx.errors.unknownInput', values: { name: 'y', names: 'x, h0, mask' } });
    expect(err('{"x": [[[1,2]]], "h0": [[[0,0,0,0,0,0,0,0]]]}')).toEqual({ key: 'onnx.errors.missingInput', values: { name: 'mask' } });
    expect(err('{"x": [[1,2]], "h0": [], "mask": []}')).toMatchObject({ key: 'onnx.errors.rank', values: { name: 'x', expected: 3, found: 2 } });
    expect(err('{"x": [[[1,2,3]]], "h0": [[[0]]], "mask": [[1,1,1]]}')).toMatchObject({ key: 'onnx.errors.size', values: { name: 'x', axis: 2, found: 3 } });
    expect(err('{"x": [[[1,2]],[[1]]], "h0": [[[0]]], "mask": [[1,1,1]]}')?.key).toBe('onnx.errors.ragged');
    expect(err('{"x": [[["a",2]]], "h0": [[[0]]], "mask": [[1,1,1]]}')?.key).toBe('onnx.errors.notNested');
  });
});

describe('ONNX outputs', () => {
  const y = { name: 'y', type: 'tensor(float)', shape: [1, 3, 2], data: [[[0, 1], [2, 3], [4, 5]]] };

  it('flattens a tensor into index/value rows', () => {
    expect(flattenTensor(y).slice(0, 3)).toEqual([['[0, 0, 0]', 0], ['[0, 0, 1]', 1], ['[0, 1, 0]', 2]]);
    expect(flattenTensor({ ...y, shape: [], data: 4 })).toEqual([['[]', 4]]);
  });

  it('draws [batch, time, features] as one line per feature against time', () => {
    expect(tensorLines(y)).toEqual([
      { name: 'y[0,·,0]', data: [[0, 0], [1, 2], [2, 4]] },
      { name: 'y[0,·,1]', data: [[0, 1], [1, 3], [2, 5]] },
    ]);
    expect(tensorLines({ ...y, shape: [3], data: [7, 8, 9] })).toEqual([{ name: 'y[·]', data: [[0, 7], [1, 8], [2, 9]] }]);
    expect(tensorLines(y, 1)).toHaveLength(1);
  });

  it('measures the worst difference between two runs', () => {
    expect(maxAbsDifference([[1, 2]], [[1.5, 2]])).toBe(0.5);
    expect(maxAbsDifference([1], [1, 2])).toBe(Infinity);
  });
});

describe('ONNX output lines along the longest axis', () => {
  it('draws a final state [1, 1, 8] as one line over its units, not eight single points', () => {
    const h = { name: 'h_n', type: 'float32', shape: [1, 1, 8], data: [[[0, 1, 2, 3, 4, 5, 6, 7]]] };
    expect(tensorLines(h)).toEqual([{ name: 'h_n[0,0,·]', data: [0, 1, 2, 3, 4, 5, 6, 7].map((v) => [v, v]) }]);
  });
});
