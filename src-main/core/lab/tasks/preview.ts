// previewTask and previewCsv: a task's first examples per split decoded for people (with the split sizes and what
// the model would have to change to fit), and a CSV file's columns and first rows before the user accepts it.
import { z } from 'zod';
import type { CsvPreview, CsvPreviewRequest, PreviewTaskRequest, TaskPreview } from '../../../api/lab-api';
import type { Project } from '../../project/types';
import { TaskDataError } from '../../tasks/errors';
import { getTask } from '../../tasks/index';
import { detectHeader, isNumberField, parseRecords } from '../../tasks/series/csv';
import { parseArgument } from '../results';
import { decodeSample } from '../../tasks/decode';
import { checkDataPaths, MAX_DATA_CHARS, previewTaskSchema, resolveTask, specMismatch } from './set-task';

const DEFAULT_COUNT = 8;
const CSV_PREVIEW_ROWS = 20;

export function previewTask(project: Project | null, request: unknown, allowPaths = true): TaskPreview {
  const parsed = parseArgument(previewTaskSchema, request ?? {}, 'preview task') as PreviewTaskRequest;
  const resolved = resolveTask(parsed, project);
  checkDataPaths(resolved, allowPaths);
  const data = getTask(resolved.id).generate(resolved.params, resolved.seed);
  const count = parsed.count ?? DEFAULT_COUNT;
  const samples = (['train', 'validation', 'test'] as const).flatMap((split) =>
    data[split].slice(0, count).map((s) => decodeSample(s, data, split)),
  );
  // The user's data is theirs already: the preview does not send a whole CSV file or corpus back.
  const params = Object.fromEntries(Object.entries(data.params).filter(([name]) => name !== 'csv' && name !== 'text'));
  return {
    id: data.task,
    params,
    seed: data.seed,
    inputSize: data.inputSize,
    outputSize: data.outputSize,
    alphabet: data.alphabet ?? null,
    outputAlphabet: data.outputAlphabet ?? data.alphabet ?? null,
    loss: data.loss,
    outputActivation: data.outputActivation,
    splits: { train: data.train.length, validation: data.validation.length, test: data.test.length },
    samples,
    specMismatch: specMismatch(project, data),
  };
}

const csvPreviewSchema = z.strictObject({
  file: z.strictObject({
    fileName: z.string({ error: 'expected the file name as text' }),
    text: z.string({ error: 'expected the file contents as text' }).max(MAX_DATA_CHARS, { error: `expected at most ${MAX_DATA_CHARS / 1024 / 1024} MB of text` }),
  }, { error: 'expected file as {"fileName": "...", "text": "..."}' }),
  header: z.boolean({ error: 'expected header as true or false' }).optional(),
  delimiter: z.string({ error: 'expected a one-character delimiter' }).length(1, { error: 'expected a one-character delimiter' }).optional(),
}, { error: 'expected an object like {"file": {"fileName": "...", "text": "..."}}' });

/** The likeliest separator of the first line: the commonest of ',', ';' and tab (',' on a tie or none). */
export function detectDelimiter(text: string): string {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

export function previewCsv(request: unknown): CsvPreview {
  const { file, header: asked, delimiter: given } = parseArgument(csvPreviewSchema, request, 'preview CSV') as CsvPreviewRequest;
  const delimiter = given ?? detectDelimiter(file.text);
  const records = parseRecords(file.text, delimiter);
  if (records.length === 0) throw new TaskDataError(`${file.fileName}: expected a CSV file with data rows, found an empty file`, { code: 'csv-empty', params: {} });
  const header = asked ?? detectHeader(records.map((r) => r.record));
  const first = records[0];
  const width = first.record.length;
  const data = header ? records.slice(1) : records;
  if (data.length === 0) throw new TaskDataError(`${file.fileName}: expected data rows after the header, found none`, { code: 'csv-no-rows', params: {} });
  const bad = data.find((r) => r.record.length !== width);
  if (bad) {
    throw new TaskDataError(`${file.fileName}: line ${bad.info.lines}: expected ${width} fields (as in line ${first.info.lines}), found ${bad.record.length}`, {
      code: 'csv-field-count', params: { line: bad.info.lines, expected: width, found: bad.record.length },
    });
  }
  const columns = header ? first.record.map((name, i) => name || `column ${i + 1}`) : first.record.map((_, i) => `column ${i + 1}`);
  const numericColumns = columns.filter((_, c) => data.every((r) => isNumberField(r.record[c])));
  return { header, delimiter, columns, numericColumns, rows: data.slice(0, CSV_PREVIEW_ROWS).map((r) => r.record), rowCount: data.length };
}
