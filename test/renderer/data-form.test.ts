// The Data page's pure logic: the task form generated from ParamField[], values in and params out, local range
// checks, and what the preview draws (sample rows, the series plot option).
import { describe, expect, it } from 'vitest';
import type { ParamField, TaskPreview } from '../../src-main/api/lab-api';
import { sampleRows, seriesPlotOption, seriesSamples } from '../../src-renderer/src/views/data/preview';
import { buildTaskForm, initialValues, localProblem, paramsFromValues, readInput, valuesForCsv } from '../../src-renderer/src/views/data/task-form';

const field = (over: Partial<ParamField>): ParamField => ({ name: 'x', type: 'int', default: null, min: null, max: null, choices: null, list: false, optional: false, help: 'h', ...over });
const FIELDS: ParamField[] = [
  field({ name: 'length', type: 'int', default: 50, min: 2, max: 1000 }),
  field({ name: 'noise', type: 'number', default: 0.1, min: 0, max: 1 }),
  field({ name: 'grammar', type: 'choice', default: 4, choices: [1, 2, 3, 4, 5, 6, 7] }),
  field({ name: 'balanced', type: 'boolean', default: true }),
  field({ name: 'column', type: 'column', default: null, optional: true }),
  field({ name: 'name', type: 'string', default: null, optional: true }),
  field({ name: 'freqs', type: 'number', default: [1, 2.5], min: 0, max: 10, list: true }),
];

describe('task form', () => {
  const controls = buildTaskForm(FIELDS);

  it('gives each field type its control', () => {
    expect(controls.map((c) => [c.name, c.kind, c.integer])).toEqual([
      ['length', 'number', true], ['noise', 'number', false], ['grammar', 'select', false],
      ['balanced', 'checkbox', false], ['column', 'column', false], ['name', 'text', false], ['freqs', 'list', false],
    ]);
    expect(controls[2].options).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("starts from the project's params for this task, else the defaults", () => {
    expect(initialValues(controls)).toEqual({ length: 50, noise: 0.1, grammar: 4, balanced: true, column: '', name: '', freqs: '1, 2.5' });
    expect(initialValues(controls, { length: 12, balanced: false })).toMatchObject({ length: 12, balanced: false, noise: 0.1 });
  });

  it('reads inputs keeping choice types and sends only filled fields', () => {
    expect(readInput(controls[2], '7')).toBe(7);
    expect(readInput(controls[0], ' 20 ')).toBe(20);
    expect(readInput(controls[0], '')).toBe('');
    const values = { ...initialValues(controls), grammar: readInput(controls[2], '2') };
    expect(paramsFromValues(controls, values)).toEqual({ length: 50, noise: 0.1, grammar: 2, balanced: true, freqs: [1, 2.5] });
    expect(readInput(controls[4], '2')).toBe(2);
    expect(readInput(controls[4], 'price')).toBe('price');
    expect(paramsFromValues(controls, { ...values, freqs: ' 3,4 , ', column: 'price' })).toMatchObject({ freqs: [3, 4], column: 'price' });
  });

  it('names a value outside its range before asking the core', () => {
    expect(localProblem(controls[0], 1)).toBe('belowMin');
    expect(localProblem(controls[0], 1001)).toBe('aboveMax');
    expect(localProblem(controls[0], 2.5)).toBe('notWhole');
    expect(localProblem(controls[1], Number.NaN)).toBe('notANumber');
    expect(localProblem(controls[1], 0.5)).toBeNull();
    expect(localProblem(controls[0], '')).toBeNull();
    expect(localProblem(controls[6], '1, 20')).toBe('aboveMax');
    expect(localProblem(controls[6], '1, x')).toBe('notANumber');
    expect(localProblem(controls[6], '1, 2')).toBeNull();
  });
});

describe('after a CSV file is read', () => {
  const controls = buildTaskForm([
    field({ name: 'delimiter', type: 'string', default: ',' }),
    field({ name: 'header', type: 'boolean', default: true }),
    field({ name: 'targets', type: 'column', list: true }),
    field({ name: 'features', type: 'column', list: true, optional: true }),
    field({ name: 'column', type: 'column' }),
  ]);
  it("takes the file's header and delimiter and fills required column fields with the first numeric column", () => {
    const values = valuesForCsv(controls, initialValues(controls), { header: false, delimiter: ';', firstColumn: 1 });
    expect(values).toEqual({ delimiter: ';', header: false, targets: '1', features: '', column: 1 });
    expect(paramsFromValues(controls, values)).toEqual({ delimiter: ';', header: false, targets: [1], column: 1 });
    const kept = valuesForCsv(controls, { ...values, targets: 'price' }, { header: true, delimiter: ',', firstColumn: 'day' });
    expect(kept.targets).toBe('price');
  });
});

describe('preview', () => {
  const preview = (samples: TaskPreview['samples']): TaskPreview => ({
    id: 't', params: {}, seed: 0, inputSize: 2, outputSize: 1, alphabet: null, outputAlphabet: null, loss: 'mse',
    outputActivation: 'none', splits: { train: 10, validation: 2, test: 2 }, samples, specMismatch: null,
  });

  it('shows symbol samples as text with accept/reject for classifiers', () => {
    const rows = sampleRows(preview([
      { split: 'train', length: 4, inputText: 'aabb', targetText: 'accept', label: 1, inputs: null, targets: null },
      { split: 'test', length: 3, inputText: 'aab', targetText: 'reject', label: 0, inputs: null, targets: null },
      { split: 'train', length: 3, inputText: 'abc', targetText: 'bcd', label: null, inputs: null, targets: null },
    ]));
    expect(rows.map((r) => [r.split, r.input, r.verdict, r.target])).toEqual([
      ['train', 'aabb', 'accept', 'accept'], ['test', 'aab', 'reject', 'reject'], ['train', 'abc', null, 'bcd'],
    ]);
  });

  it('plots each input and target column of a series sample against t', () => {
    const p = preview([{ split: 'train', length: 3, inputText: null, targetText: null, label: null, inputs: [[1, 0], [2, 1], [3, 0]], targets: [[0], [0], [5]] }]);
    expect(sampleRows(p)).toEqual([]);
    const [s] = seriesSamples(p);
    const option = seriesPlotOption(s.inputs!, s.targets!, { input: 'in', target: 'out', step: 't' });
    expect(option.series.map((x) => x.name)).toEqual(['in 1', 'in 2', 'out']);
    expect(option.series[1].data).toEqual([[1, 0], [2, 1], [3, 0]]);
    expect(option.series[2].data).toEqual([[1, 0], [2, 0], [3, 5]]);
    expect(option.series[2].showSymbol).toBe(false);
    // A target only at the last step (NaN elsewhere arrives as null) is drawn as a dot.
    const sparse = seriesPlotOption([[1], [2], [3], [4]], [[null as unknown as number], [null as unknown as number], [null as unknown as number], [7]], { input: 'in', target: 'out', step: 't' });
    expect(sparse.series[1].showSymbol).toBe(true);
  });
});
