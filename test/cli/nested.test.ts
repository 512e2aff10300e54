// Nested JSON arrays <-> flat buffers (src-main/core/io): shapes, ragged arrays, bad entries, and the
// input-file rules of eval/grad (unknown fields, missing x, arrays that do not fit the model).
import { describe, expect, it } from 'vitest';
import { InputShapeError } from '../../src-main/core/errors';
import { parseNested, toNested } from '../../src-main/core/io/nested';
import { parseSequenceInput } from '../../src-main/core/io/sequenceInput';
import { makeSpec } from '../helpers/random-model';

const xDims = [{ label: 'batch' }, { label: 'time' }, { label: 'input_size', size: 3 }];

describe('parseNested / toNested', () => {
  it('flattens row-major and round-trips', () => {
    const value = [
      [[1, 2, 3], [4, 5, 6]],
      [[7, 8, 9], [10, 11, 12.5]],
    ];
    const t = parseNested(value, 'x', xDims);
    expect(t.shape).toEqual([2, 2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.5]);
    expect(toNested(t.data, t.shape)).toEqual(value);
  });

  const bad: [string, unknown, string][] = [
    ['wrong last axis', [[[1, 2, 3, 4]], [[1, 2, 3, 4]]], 'x: expected [batch][time][3] (input_size 3), found [2][1][4]'],
    ['too few axes', [[1, 2, 3]], 'x: expected [batch][time][3] (input_size 3), found [1][3]'],
    ['empty batch', [], 'x: expected [batch][time][3] (input_size 3), found [0]'],
    ['not an array', 'abc', 'x: expected [batch][time][3] (input_size 3), found "abc"'],
    ['ragged time', [[[1, 2, 3], [1, 2, 3]], [[1, 2, 3]]], 'x[1]: expected 2 entries (time) like the rest of x, found 1'],
    ['ragged features', [[[1, 2, 3]], [[1, 2]]], 'x[1][0]: expected 3 entries (input_size) like the rest of x, found 2'],
    ['a string entry', [[[1, '2', 3]]], 'x[0][0][1]: expected a finite number, found "2"'],
    ['a null entry', [[[1, 2, null]]], 'x[0][0][2]: expected a finite number, found null'],
    ['a nested entry', [[[1, 2, 3]], [[1, 2, [3]]]], 'x[1][0][2]: expected a finite number, found an array of 1'],
  ];
  it.each(bad)('%s is refused with one line', (_case, value, message) => {
    expect(() => parseNested(value, 'x', xDims)).toThrow(new InputShapeError(message));
  });

  it('refuses NaN and infinities', () => {
    expect(() => parseNested([[[1, NaN, 3]]], 'x', xDims)).toThrow('x[0][0][1]: expected a finite number, found NaN');
    expect(() => parseNested([[[1, 2, Infinity]]], 'x', xDims)).toThrow('found Infinity');
  });
});

describe('parseSequenceInput', () => {
  const lstm = makeSpec({ arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 2, bidirectional: true, output_size: 1 });
  const x = [[[1, 2], [3, 4], [5, 6]]]; // batch 1, time 3
  const zeros = (...shape: number[]) => toNested(new Float64Array(shape.reduce((a, b) => a * b)), shape);

  it('takes batch and time from x and checks the states against them', () => {
    const { batch, seeds } = parseSequenceInput({ x, h0: zeros(4, 1, 3), c0: zeros(4, 1, 3) }, lstm, false);
    expect([batch.batch, batch.steps, batch.x.length, batch.h0?.length, batch.c0?.length]).toEqual([1, 3, 6, 12, 12]);
    expect(seeds).toBeNull();
  });

  it('names the state array, what the model needs and what was found', () => {
    expect(() => parseSequenceInput({ x, h0: zeros(2, 1, 3) }, lstm, false)).toThrow(
      'h0: expected [4][1][3] (layers*directions 4, batch 1, hidden_size 3), found [2][1][3]',
    );
  });

  it('reads gradient seeds only for grad, and needs at least one', () => {
    const seeded = parseSequenceInput({ x, dY: zeros(1, 3, 1), dOutput: zeros(1, 3, 6) }, lstm, true);
    expect(seeded.seeds?.dY?.length).toBe(3);
    expect(seeded.seeds?.dOutput?.length).toBe(18);
    expect(() => parseSequenceInput({ x, dY: zeros(1, 3, 1) }, lstm, false)).toThrow(
      "input: unknown field 'dY': expected x, h0, c0, y0",
    );
    expect(() => parseSequenceInput({ x }, lstm, true)).toThrow(
      'input: expected at least one gradient seed (dOutput, dY, dhN, dcN), found none',
    );
    expect(() => parseSequenceInput({ x, dOutput: zeros(1, 3, 3) }, lstm, true)).toThrow(
      'dOutput: expected [1][3][6] (batch 1, time 3, directions*hidden_size 6), found [1][3][3]',
    );
  });

  it('refuses what the family does not have', () => {
    const gru = makeSpec({ arch: 'gru' });
    const elman = makeSpec({ arch: 'elman' });
    const x3 = [[[1, 2, 3]]];
    expect(() => parseSequenceInput({ x: x3, c0: [[[0, 0, 0, 0]]] }, gru, false)).toThrow(
      "c0: only lstm models have a cell state, found c0 for arch 'gru'",
    );
    expect(() => parseSequenceInput({ x: x3, y0: [[0]] }, elman, false)).toThrow(
      "y0: only jordan networks feed back their previous output, found y0 for arch 'elman'",
    );
    expect(() => parseSequenceInput({ x: x3, h0: [[[0, 0, 0, 0]]] }, makeSpec({ arch: 'jordan', output_size: 1 }), false)).toThrow(
      'h0: a jordan network feeds back its previous output, not its hidden state (give y0), found h0',
    );
    expect(() => parseSequenceInput({ x: x3, dY: [[[0]]] }, elman, true)).toThrow(
      'dY: the model has no output layer (output_size 0)',
    );
  });

  it('needs an object with x', () => {
    expect(() => parseSequenceInput([1, 2], lstm, false)).toThrow(
      'input: expected a JSON object like {"x": [batch][time][input_size]}, found an array',
    );
    expect(() => parseSequenceInput({ h0: [] }, lstm, false)).toThrow('x: missing; expected [batch][time][2] (input_size 2)');
    expect(() => parseSequenceInput({ x, X: 1 }, lstm, false)).toThrow("input: unknown field 'X': expected x, h0, c0, y0");
  });
});
