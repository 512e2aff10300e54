// Inspect logic without a DOM: reading typed sequences and probes, and shaping a step-by-step view into rows.
import { describe, expect, it } from 'vitest';
import type { InspectView } from '../../src-main/api/lab-api';
import { decodedString, gradientCurve, inspectCsvRows, stepRows, stepVectors } from '../../src-renderer/src/views/inspect/inspectTable';
import { parseNumberRows, parseProbes, parseSequence } from '../../src-renderer/src/views/inspect/parseInput';

describe('typed sequences', () => {
  it('keeps symbol strings as text, trimmed, and character text exactly', () => {
    expect(parseSequence(' 0100110 ', 'symbols', 2)).toEqual({ ok: true, value: '0100110' });
    expect(parseSequence(' the cat', 'text', 27)).toEqual({ ok: true, value: ' the cat' });
    expect(parseSequence('   ', 'symbols', 2)).toMatchObject({ ok: false, error: { key: 'inspect.errors.empty' } });
  });

  it('reads numbers as one step each, or steps separated by semicolons', () => {
    expect(parseNumberRows('3.2, 1.5 -0.7', 1)).toEqual({ ok: true, value: [[3.2], [1.5], [-0.7]] });
    expect(parseNumberRows('0.1, 1; 0.5, 0', 2)).toEqual({ ok: true, value: [[0.1, 1], [0.5, 0]] });
    expect(parseNumberRows('1, 2, 3, 4', 2)).toEqual({ ok: true, value: [[1, 2], [3, 4]] });
  });

  it('says which token or step is wrong', () => {
    expect(parseNumberRows('1, x2', 1)).toEqual({ ok: false, error: { key: 'inspect.errors.notNumber', values: { token: 'x2' } } });
    expect(parseNumberRows('1, 2; 3', 2)).toEqual({ ok: false, error: { key: 'inspect.errors.rowWidth', values: { step: 2, expected: 2, found: 1 } } });
    expect(parseNumberRows('1, 2, 3', 2)).toEqual({ ok: false, error: { key: 'inspect.errors.notMultiple', values: { count: 3, size: 2 } } });
  });

  it('reads probes one per line and names the bad line', () => {
    expect(parseProbes('0110\n\n 1111 \n', 'symbols', 2)).toEqual({ ok: true, value: ['0110', '1111'] });
    expect(parseProbes('1, 2\n3, q', 'series', 1)).toMatchObject({
      ok: false, error: { key: 'trajectories.errors.line', values: { line: 2 }, cause: { key: 'inspect.errors.notNumber' } },
    });
    expect(parseProbes(Array(65).fill('01').join('\n'), 'symbols', 2)).toMatchObject({ ok: false, error: { key: 'trajectories.errors.tooMany' } });
  });
});

function fakeInspect(): InspectView {
  const step = (t: number, symbol: string, p1: number, grad: number | null) => ({
    t, symbol, input: symbol === '1' ? [0, 1] : [1, 0],
    hidden: [[0.1 * t, -0.2]], cell: [[0.5, 0.25]], gates: [{ i: [0.9, 0.1], f: [0.2, 0.3] }],
    output: [p1],
    decoded: p1 >= 0.5 ? [{ symbol: 'accept', p: p1 }, { symbol: 'reject', p: 1 - p1 }] : [{ symbol: 'reject', p: 1 - p1 }, { symbol: 'accept', p: p1 }],
    loss: grad === null ? null : 0.1, gradNorm: grad,
  });
  return { steps: [step(1, '0', 0.3, 0.01), step(2, '1', 0.8, null)], verdict: { accept: true, p: 0.8 }, loss: 0.1 };
}

describe('the step-by-step view', () => {
  it('gives one row per step with the likeliest symbols', () => {
    const rows = stepRows(fakeInspect(), 1);
    expect(rows.map((r) => [r.t, r.symbol, r.top[0].symbol])).toEqual([[1, '0', 'reject'], [2, '1', 'accept']]);
    expect(decodedString({ ...fakeInspect(), steps: fakeInspect().steps.map((s) => ({ ...s, decoded: [{ symbol: s.symbol!, p: 1 }] })) })).toBe('01');
  });

  it('shows numbers as the input when a step has no symbol', () => {
    const view = fakeInspect();
    view.steps[0] = { ...view.steps[0], symbol: null, input: [0.123456, 2] };
    expect(stepRows(view)[0].symbol).toBe('0.1235, 2');
  });

  it("lists h, c and every gate of a step's layer", () => {
    expect(stepVectors(fakeInspect().steps[1]).map((v) => `${v.quantity}:${v.values.join('/')}`)).toEqual(['h:0.2/-0.2', 'c:0.5/0.25', 'i:0.9/0.1', 'f:0.2/0.3']);
  });

  it('keeps only the steps with a gradient or a loss for the curve, and writes the CSV rows', () => {
    expect(gradientCurve(fakeInspect())).toEqual([{ t: 1, gradNorm: 0.01, loss: 0.1 }]);
    expect(inspectCsvRows(fakeInspect())[1]).toEqual([2, '1', '0.8', 'accept', 0.8, null, null]);
  });
});

describe('inspect charts', async () => {
  const { vectorTable, predictionTable, gradientOption } = await import('../../src-renderer/src/views/inspect/inspect-charts');

  it("tabulates a step's vectors by unit, one column per quantity and layer", () => {
    expect(vectorTable(stepVectors(fakeInspect().steps[0]))).toEqual({
      columns: ['unit', 'h_layer1', 'c_layer1', 'i_layer1', 'f_layer1'],
      rows: [[1, 0.1, 0.5, 0.9, 0.2], [2, -0.2, 0.25, 0.1, 0.3]],
    });
  });

  it('pairs truth and prediction per column and leaves non-positive norms off the log axis', () => {
    const table = predictionTable({ split: 'validation', columns: ['x'], truth: [[1], [2]], prediction: [[1.5], [2.5]], mse: 0.25 });
    expect(table).toEqual({ columns: ['t', 'x_truth', 'x_prediction'], rows: [[1, 1, 1.5], [2, 2, 2.5]] });
    const option = gradientOption([{ t: 1, gradNorm: 0 }, { t: 2, gradNorm: 0.5 }, { t: 3, gradNorm: null }], { t: 't', norm: 'n' }, '#000');
    expect((option.series as { data: number[][] }[])[0].data).toEqual([[2, 0.5]]);
  });
});
