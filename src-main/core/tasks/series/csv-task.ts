// A user's CSV file as a forecasting task: chosen feature columns in, chosen target columns `horizon` rows
// ahead out, windows over contiguous train/validation/test row ranges (rows in file order = time order).
import { z } from 'zod';
import { Random } from '../../random';
import { FileReadRefusal, readFileCapped } from '../../util/read-capped';
import { defineTask } from '../define';
import { TaskDataError } from '../errors';
import { columnRef, firstBrokenRule, intIn } from '../params';
import { columnIndex, numericColumn, parseCsv, type CsvTable } from './csv';
import { evaluateSeries, seriesSplits, windowFields, type ColumnSeries } from './windows';

export const MAX_CSV_BYTES = 50 * 1024 * 1024;

const csvParamsSchema = z.strictObject({
  /** Path of the CSV file; or `csv`, its text (hosts that already hold the content). */
  file: z.string({ error: 'expected a file path' }).min(1, { error: 'expected a file path' }).nullable().default(null),
  csv: z.string({ error: 'expected CSV text' }).nullable().default(null),
  delimiter: z.string().length(1, { error: 'expected a one-character delimiter' }).default(','),
  header: z.boolean({ error: 'expected true or false' }).default(true),
  targets: z.array(columnRef, { error: 'expected a list of target columns' }).min(1, { error: 'expected at least one target column' }),
  /** Input columns; null means every column that is not a target (or the targets, for a single column). */
  features: z
    .array(columnRef, { error: 'expected a list of feature columns' })
    .min(1, { error: 'expected at least one feature column' })
    .nullable()
    .default(null),
  targetMode: z.enum(['every', 'last'], { error: "expected 'every' or 'last'" }).default('every'),
  ...windowFields,
  window: intIn('a window length', 1, 10_000).default(20),
  stride: intIn('a stride between windows', 1, 10_000).default(1),
});

export function readCsvText(path: string): string {
  // Read through the cap, not after a stat: stat says 0 bytes for /dev/zero, which would never end.
  try {
    return readFileCapped(path, MAX_CSV_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileReadRefusal) {
      throw new TaskDataError(`expected a CSV file of at most ${MAX_CSV_BYTES / 1024 / 1024} MB, found ${path}, which ${error.message}`);
    }
    throw new TaskDataError(`cannot read CSV file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function selectColumns(table: CsvTable, refs: readonly (string | number)[]): ColumnSeries {
  const indices = refs.map((ref) => columnIndex(table, ref));
  return { names: indices.map((i) => table.columns[i]), columns: indices.map((i) => numericColumn(table, i)) };
}

export const csvTask = defineTask({
  id: 'csv',
  title: 'CSV time series',
  description:
    'Forecast columns of your own CSV file (one row per time step, oldest first) from windows of chosen input ' +
    'columns. The last rows are the test split, so the score says how well the network predicts a future it has ' +
    'not seen. Values are standardised with the training rows\' mean and deviation.',
  paramsSchema: csvParamsSchema,
  check: (p) =>
    firstBrokenRule([[(p.file === null) !== (p.csv === null), 'file', 'expected either a file path or csv text, not both or neither', p.file]]),
  generate(params, seed) {
    const text = params.csv ?? readCsvText(params.file as string);
    const table = parseCsv(text, { delimiter: params.delimiter, header: params.header });
    const targetIndices = params.targets.map((ref) => columnIndex(table, ref));
    let featureRefs: (string | number)[] = params.features ?? table.columns.map((_, i) => i).filter((i) => !targetIndices.includes(i));
    if (featureRefs.length === 0) featureRefs = targetIndices;
    const features = selectColumns(table, featureRefs);
    const targets = selectColumns(table, params.targets);
    const splits = seriesSplits(features, targets, params, new Random(seed));
    return {
      task: 'csv',
      params,
      seed,
      inputSize: features.columns.length,
      outputSize: targets.columns.length,
      loss: 'mse',
      outputActivation: 'none',
      targetMode: params.targetMode,
      ...splits,
    };
  },
  evaluate: (predictions, split) => evaluateSeries(predictions, split, split[0]?.target.length / split[0]?.length || 1),
});
