// Tasks and data through LabService: forms generated for every task, setTask as an undoable edit with user data as
// contents, previews decoded for people, CSV previews and errors that name the line and column.
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { TASK_HELP } from '../../src-main/core/lab/tasks/task-help';
import { getTask, listTasks } from '../../src-main/core/tasks/index';

const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
afterAll(() => lab.dispose());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}
function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  const message = (result as { error: string }).error;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/internal error|TypeError/);
  return message;
}

const CSV = ['day,temp,rain', ...Array.from({ length: 60 }, (_, i) => `${i},${(10 + 5 * Math.sin(i / 5)).toFixed(3)},${i % 3}`)].join('\n');

describe('listTasks', () => {
  it('gives every task a form generated from its schema, with help for every field', async () => {
    const tasks = value(await lab.listTasks());
    expect(tasks.map((t) => t.id)).toEqual(listTasks().map((t) => t.id));
    for (const task of tasks) {
      expect(task.description.length).toBeGreaterThan(80);
      for (const field of task.params) {
        expect(field.help.length, `${task.id}.${field.name}`).toBeGreaterThan(15);
        expect(TASK_HELP[task.id][field.name]).toBe(field.help);
        if (field.type === 'int' || field.type === 'number') expect(field.min).not.toBeNull();
      }
      // The defaults the form shows are what the task fills in itself.
      if (task.needsData === null) {
        const defaults = getTask(task.id).parseParams({});
        for (const field of task.params) expect(field.default, `${task.id}.${field.name}`).toEqual(defaults[field.name]);
      }
    }
    const tomita = tasks.find((t) => t.id === 'tomita')!;
    expect(tomita.kind).toBe('symbols');
    expect(tomita.params.find((f) => f.name === 'grammar')).toMatchObject({ type: 'int', default: 4, min: 1, max: 7, optional: false, list: false });
    const csv = tasks.find((t) => t.id === 'csv')!;
    expect(csv.needsData).toBe('csv');
    expect(csv.params.map((f) => f.name)).not.toContain('file');
    expect(csv.params.find((f) => f.name === 'targets')).toMatchObject({ type: 'column', list: true, optional: false });
    expect(csv.params.find((f) => f.name === 'targetMode')).toMatchObject({ type: 'choice', choices: ['every', 'last'] });
    const adding = tasks.find((t) => t.id === 'adding')!;
    expect(adding.params.find((f) => f.name === 'testLength')).toMatchObject({ type: 'int', optional: true, default: null });
    expect(tasks.find((t) => t.id === 'sine')!.params.find((f) => f.name === 'frequencies')).toMatchObject({ type: 'number', list: true, max: 0.5 });
    expect(tasks.find((t) => t.id === 'text')!.needsData).toBe('text');
  });
});

describe('setTask and previewTask', () => {
  it('sets a task as an undoable edit and previews its examples decoded', async () => {
    value(await lab.newProject({ spec: { arch: 'gated', input_size: 2, hidden_size: 4, output_size: 1, output_activation: 'sigmoid' } }));
    expect(error(await lab.setTask({ id: 'nope' }))).toMatch(/^unknown task 'nope': expected one of tomita, /);
    expect(error(await lab.setTask({ id: 'tomita', params: { grammar: 8 } }))).toBe('tomita parameters: grammar: expected a Tomita grammar from 1 to 7, found 8');
    expect(error(await lab.setTask('tomita'))).toMatch(/^set task: expected an object like/);
    expect(error(await lab.setTask({ id: 'tomita', seed: -1 }))).toMatch(/^set task: seed: expected a seed from 0/);
    const outcome = value(await lab.setTask({ id: 'tomita', params: { grammar: 4, trainSize: 50 }, seed: 3 }));
    expect(outcome.message).toMatch(/^Task set to .*Tomita.* \(50 train, 200 validation, 500 test examples\)$/);
    expect(outcome.summary.task).toMatchObject({ id: 'tomita', seed: 3 });
    expect(outcome.summary.undoLabel).toBe('Set task tomita');
    const preview = value(await lab.previewTask({ count: 3 }));
    expect(preview).toMatchObject({ id: 'tomita', seed: 3, inputSize: 2, outputSize: 1, alphabet: ['0', '1'], loss: 'bce', specMismatch: null });
    expect(preview.splits).toEqual({ train: 50, validation: 200, test: 500 });
    expect(preview.samples).toHaveLength(9);
    for (const s of preview.samples) {
      expect(s.inputText).toMatch(/^[01]+$/);
      expect(s.inputText!.length).toBe(s.length);
      // Tomita 4: accepted exactly when there is no "000".
      expect(s.label).toBe(s.inputText!.includes('000') ? 0 : 1);
      expect(s.targetText).toBe(s.label ? 'accept' : 'reject');
    }
    expect(value(await lab.undo()).summary.task).toBeNull();
  });

  it('says what the model must change to fit, and decodes next-symbol targets', async () => {
    const preview = value(await lab.previewTask({ id: 'anbn', count: 2 }));
    expect(preview.specMismatch).toBe('this task needs input size 3 (the model has 2), output size 3 (the model has 1): change the model to fit');
    expect(preview.outputAlphabet).toEqual(['a', 'b', 'T']);
    const validation = preview.samples.find((s) => s.split === 'validation' && s.inputText === 'Sab');
    // After S an a must come; after an a, a or b; after the last b the end T.
    expect(validation?.targetText).toBe('a {a,b} T');
  });

  it('shows series in their own units, un-normalised', async () => {
    const preview = value(await lab.previewTask({ id: 'sine', params: { frequencies: [0.05], amplitudes: [3], window: 10, stride: 10 }, count: 2 }));
    expect(preview.alphabet).toBeNull();
    const s = preview.samples[0];
    expect(s.inputs).toHaveLength(10);
    const values = s.inputs!.flat();
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1.5); // amplitude 3, not the normalised scale
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(3 + 1e-9);
    // The target one step ahead is the next input.
    expect(s.targets![0][0]).toBeCloseTo(s.inputs![1][0], 9);
  });

  it('takes a CSV series and a text corpus as contents, never a path', async () => {
    value(await lab.newProject({ spec: { arch: 'lstm', input_size: 2, hidden_size: 4, output_size: 1, output_activation: 'none' } }));
    expect(error(await lab.setTask({ id: 'csv', params: { targets: ['temp'] } }))).toMatch(/^data: the csv task needs a CSV file/);
    expect(error(await lab.setTask({ id: 'csv', params: { file: '/etc/passwd', targets: [0] } }))).toMatch(/^params\.file: send the file's contents as data/);
    expect(error(await lab.setTask({ id: 'tomita', data: { fileName: 'a.csv', text: 'x' } }))).toBe('data: task tomita generates its own data and takes no file');
    const bad = CSV.replace('\n7,', '\n7x,');
    expect(error(await lab.setTask({ id: 'csv', params: { targets: ['temp'], window: 5 }, data: { fileName: 'w.csv', text: bad } }))).toBe(
      "line 9, column 'day': expected a number, found '7x'",
    );
    const outcome = value(await lab.setTask({ id: 'csv', params: { targets: ['temp'], window: 5 }, data: { fileName: 'w.csv', text: CSV } }));
    expect(outcome.message).toMatch(/^Task set to CSV time series from w\.csv \(/);
    // The same task with another window keeps the uploaded data.
    value(await lab.setTask({ id: 'csv', params: { targets: ['temp'], window: 8 } }));
    const preview = value(await lab.previewTask({ count: 1 }));
    expect(preview.params).toMatchObject({ window: 8, targets: ['temp'] });
    expect(preview.params).not.toHaveProperty('csv');
    const days = preview.samples[0].inputs!.map((row) => row[0]);
    // Days in their own units (whole numbers 0..59), consecutive within a window.
    expect(days.every((d, i) => Number.isInteger(Math.round(d * 1e9) / 1e9) && (i === 0 || Math.abs(d - days[i - 1] - 1) < 1e-9))).toBe(true);
    const text = value(await lab.previewTask({ id: 'text', data: { fileName: 'a.txt', text: 'abcab'.repeat(100) }, params: { window: 5 }, count: 1 }));
    expect(text.alphabet).toEqual(['a', 'b', 'c']);
    const { inputText, targetText } = text.samples[0];
    expect('abcab'.repeat(3)).toContain(inputText);
    expect(targetText!.slice(0, 4)).toBe(inputText!.slice(1)); // the next character at every step
  });
});

describe('previewCsv', () => {
  const file = (text: string) => ({ file: { fileName: 'f.csv', text } });

  it('detects the header and delimiter and lists numeric columns', async () => {
    const p = value(await lab.previewCsv(file(CSV)));
    expect(p).toMatchObject({ header: true, delimiter: ',', columns: ['day', 'temp', 'rain'], numericColumns: ['day', 'temp', 'rain'], rowCount: 60 });
    expect(p.rows).toHaveLength(20);
    const noHeader = value(await lab.previewCsv(file('1;2\n3;4\n')));
    expect(noHeader).toMatchObject({ header: false, delimiter: ';', columns: ['column 1', 'column 2'], rowCount: 2 });
    const mixed = value(await lab.previewCsv(file('when,v\nmon,1\ntue,2\n')));
    expect(mixed).toMatchObject({ header: true, numericColumns: ['v'] });
    expect(value(await lab.previewCsv({ ...file('a,b\n1,2\n'), header: false })).rowCount).toBe(2);
  });

  it.each([
    ['a,b\n1,2\n3,4,5\n', 'f.csv: line 3: expected 2 fields (as in line 1), found 3'],
    ['a,b\n1,"2\n', 'line 2: expected a closing quote, found the end of the file'],
    ['a,b\n1,"2"x\n', "line 2, column 2: expected ',' after a closing quote, found 'x'"],
    ['', 'f.csv: expected a CSV file with data rows, found an empty file'],
    ['a,b\n', 'f.csv: expected data rows after the header, found none'],
  ])('%j answers one line naming where', async (text, message) => {
    expect(error(await lab.previewCsv({ ...file(text), ...(text === 'a,b\n' ? { header: true } : {}) }))).toBe(message);
  });

  it('refuses requests that are not a file', async () => {
    expect(error(await lab.previewCsv({ file: 'x.csv' }))).toMatch(/^preview CSV: file: expected file as/);
    expect(error(await lab.previewCsv({ ...file('a\n1'), delimiter: ';;' }))).toMatch(/delimiter: expected a one-character delimiter/);
  });
});
