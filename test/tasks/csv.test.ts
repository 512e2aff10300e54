// The CSV reader (csv-parse) and the CSV task: a golden table of bad files with their one-line messages (line
// numbers included), quoting rules, column choice by name or index, and the bundled example file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskDataError } from '../../src-main/core/tasks/errors';
import { parseCsv } from '../../src-main/core/tasks/series/csv';
import { csvTask } from '../../src-main/core/tasks/series/csv-task';
import { bundledDataPath } from '../../src-main/core/tasks/text/bundled';

/** A small valid file: 40 rows of a, b = 2a, c = a^2. */
const GOOD = ['a,b,c', ...Array.from({ length: 40 }, (_, i) => `${i},${2 * i},${i * i}`)].join('\n');

const BAD: { name: string; csv: string; params?: Record<string, unknown>; message: string }[] = [
  { name: 'empty file', csv: '', message: 'expected a CSV file with a header and data rows, found an empty file' },
  { name: 'header only', csv: 'a,b\n', message: 'expected data rows after the header, found none' },
  { name: 'too many fields', csv: 'a,b\n1,2\n3,4,5\n', message: 'line 3: expected 2 fields (as in the header), found 3' },
  { name: 'too few fields after a blank line', csv: 'a,b\n1,2\n\n3\n', message: 'line 4: expected 2 fields (as in the header), found 1' },
  { name: 'not a number', csv: 'a,b\n1,2\n3,x7\n', message: "line 3, column 'b': expected a number, found 'x7'" },
  { name: 'empty field', csv: 'a,b\n1,2\n3,\n', message: "line 3, column 'b': expected a number, found an empty field" },
  { name: 'unterminated quote', csv: 'a,b\n1,"2\n', message: 'line 2: expected a closing quote, found the end of the file' },
  { name: 'text after a closing quote', csv: 'a,b\n1,"2"x\n', message: "line 2, column 2: expected ',' after a closing quote, found 'x'" },
  { name: 'stray quote', csv: 'a,b\n1,2"\n', message: 'line 2, column 2: expected a quote only around a whole field, found 2"' },
  { name: 'duplicate header', csv: 'a,a\n1,2\n', message: "line 1: expected distinct column names, found 'a' twice" },
  { name: 'missing column', csv: GOOD, params: { targets: ['d'] }, message: "expected a column named 'd', found only 'a', 'b', 'c'" },
  { name: 'index out of range', csv: GOOD, params: { targets: [3] }, message: 'expected a column index from 0 to 2, found 3' },
  {
    name: 'too few rows for a window',
    csv: GOOD,
    params: { targets: ['c'], window: 30 },
    message: 'train split: expected at least 31 rows for one window of 30 plus horizon 1, found 28 of 40 rows',
  },
];

describe('CSV errors', () => {
  it.each(BAD)('$name', ({ csv, params, message }) => {
    const run = () => csvTask.generate({ csv, targets: ['b'], window: 3, ...params }, 1);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).toBe(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('a missing file and a bad parameter combination say so in one line', () => {
    expect(() => csvTask.generate({ file: '/nonexistent/x.csv', targets: [0] }, 1)).toThrow(TaskDataError);
    expect(() => csvTask.generate({ file: '/nonexistent/x.csv', targets: [0] }, 1)).toThrow('cannot read CSV file /nonexistent/x.csv: ENOENT');
    expect(() => csvTask.generate({ targets: [0] }, 1)).toThrow('csv parameters: file: expected either a file path or csv text, not both or neither, found null');
  });
});

describe('CSV reading', () => {
  it('follows the quoting rules, CRLF, a byte-order mark, spaces and blank lines', () => {
    const table = parseCsv('\uFEFF"x, y",z\r\n " 1.5 " , "-2e3"\r\n\r\n"a ""q""",3\r\n');
    expect(table.columns).toEqual(['x, y', 'z']);
    expect(table.rows).toEqual([[' 1.5 ', '-2e3'], ['a "q"', '3']]);
    expect(table.lines).toEqual([2, 4]);
    expect(parseCsv('1;2\n3;4', { delimiter: ';', header: false })).toEqual({ columns: ['0', '1'], rows: [['1', '2'], ['3', '4']], lines: [1, 2] });
  });

  it('windows chosen columns; features default to the non-target columns; normalised by training rows', () => {
    const data = csvTask.generate({ csv: GOOD, targets: ['c'], window: 4, horizon: 1, normalize: false }, 1);
    expect(data.inputSize).toBe(2);
    expect(data.outputSize).toBe(1);
    for (const s of [...data.train, ...data.validation, ...data.test]) {
      const start = s.meta?.group as number;
      for (let t = 0; t < 4; t++) {
        expect([s.x[t * 2], s.x[t * 2 + 1]]).toEqual([start + t, 2 * (start + t)]);
        expect(s.target[t]).toBe((start + t + 1) ** 2);
      }
    }
    const byIndex = csvTask.generate({ csv: GOOD, targets: [2], features: [0], window: 4, targetMode: 'last' }, 1);
    expect(byIndex.inputSize).toBe(1);
    expect([...byIndex.train[0].targetMask]).toEqual([0, 0, 0, 1]);
    const trainRows = 28; // 40 rows minus 6 validation and 6 test
    const mean = (trainRows - 1) / 2;
    expect(byIndex.normalization?.inputs.mean[0]).toBeCloseTo(mean, 12);
  });

  it('reads the bundled example file from disk', () => {
    const file = bundledDataPath('daily-weather.csv');
    const data = csvTask.generate({ file, targets: ['temperature'], features: ['temperature', 'humidity', 'pressure'] }, 3);
    expect(data.inputSize).toBe(3);
    expect(data.test.length).toBeGreaterThan(50);
    const dir = mkdtempSync(join(tmpdir(), 'rnnlab-csv-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n3,oops\n');
    expect(() => csvTask.generate({ file: join(dir, 'bad.csv'), targets: ['a'] }, 1)).toThrow("line 3, column 'b': expected a number, found 'oops'");
  });
});
