// CSV reading for numeric series, on the csv-parse library (RFC 4180 quoting, CRLF, a byte-order mark, quoted
// fields that span lines). Blank lines are skipped; spaces around a field are trimmed; the first record is the header
// unless `header` is false (columns are then named 0, 1, 2, ... and referred to by index); every record must have as
// many fields as the first. Every error is a TaskDataError naming the file line (1-based) and, where known, the column.
import { CsvError, parse } from 'csv-parse/sync';
import { TaskDataError } from '../errors';

export interface CsvTable {
  columns: string[];
  /** rows[r][c] as text. */
  rows: string[][];
  /** The file line of each row (where the record ends), for error messages. */
  lines: number[];
}

export interface CsvOptions {
  delimiter?: string;
  header?: boolean;
}

type Parsed = { record: string[]; info: { lines: number } };

/** Every record with its line; throws TaskDataError with the line and column of a quoting problem. */
export function parseRecords(text: string, delimiter = ','): Parsed[] {
  try {
    return parse(text, { delimiter, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as Parsed[];
  } catch (error) {
    throw csvError(error, delimiter);
  }
}

/** csv-parse's error in the lab's words: 'line 3, column 2: expected ..., found ...'. */
function csvError(error: unknown, delimiter: string): Error {
  if (!(error instanceof CsvError)) return error as Error;
  const e = error as CsvError & { lines?: number; column?: number; record?: string[] };
  const where = `line ${e.lines ?? '?'}${e.column !== undefined ? `, column ${e.column + 1}` : ''}`;
  const quoted = /got "(.)"/.exec(e.message)?.[1];
  const value = /value is "(.*)"$/.exec(e.message)?.[1];
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new TaskDataError(`line ${e.lines}: expected a closing quote, found the end of the file`, { code: 'csv-quote', params: { line: e.lines ?? 0 } });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new TaskDataError(`${where}: expected '${delimiter}' after a closing quote, found '${quoted ?? '?'}'`, { code: 'csv-quote', params: { line: e.lines ?? 0 } });
    case 'INVALID_OPENING_QUOTE':
      return new TaskDataError(`${where}: expected a quote only around a whole field, found ${value ?? 'a stray quote'}"`, { code: 'csv-quote', params: { line: e.lines ?? 0 } });
    default:
      return new TaskDataError(`${where}: ${e.message.replace(/ (at|on) line \d+.*$/, '')}`, { code: 'csv-quote', params: { line: e.lines ?? 0 } });
  }
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ',';
  const header = options.header ?? true;
  const records = parseRecords(text, delimiter);
  if (records.length === 0) throw new TaskDataError('expected a CSV file with a header and data rows, found an empty file', { code: 'csv-empty', params: {} });
  const first = records[0];
  const columns = header ? first.record : first.record.map((_, i) => String(i));
  if (header) {
    const seen = new Set<string>();
    columns.forEach((name, i) => {
      if (name === '') throw new TaskDataError(`line ${first.info.lines}: expected a name for column ${i + 1} of the header, found an empty field`, { code: 'csv-header-name', params: { line: first.info.lines, column: i + 1 } });
      if (seen.has(name)) throw new TaskDataError(`line ${first.info.lines}: expected distinct column names, found '${name}' twice`, { code: 'csv-duplicate-column', params: { line: first.info.lines, name } });
      seen.add(name);
    });
  }
  const data = header ? records.slice(1) : records;
  if (data.length === 0) throw new TaskDataError(`expected data rows after the header, found none`, { code: 'csv-no-rows', params: {} });
  for (const { record, info } of data) {
    if (record.length !== columns.length) {
      throw new TaskDataError(`line ${info.lines}: expected ${columns.length} fields (as in ${header ? 'the header' : 'line ' + first.info.lines}), found ${record.length}`, {
        code: 'csv-field-count', params: { line: info.lines, expected: columns.length, found: record.length },
      });
    }
  }
  return { columns, rows: data.map((r) => r.record), lines: data.map((r) => r.info.lines) };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const isNumberField = (field: string): boolean => NUMBER.test(field);

/**
 * Whether the first record is a header: yes when some column holds numbers in the records after it but not in the
 * first one; when no column is numeric, yes unless the first record is all numbers.
 */
export function detectHeader(records: readonly string[][]): boolean {
  const [first, ...rest] = records;
  if (!first) return false;
  const sample = rest.slice(0, 50);
  const numericBelow = first.map((_, c) => sample.length > 0 && sample.every((r) => r[c] !== undefined && isNumberField(r[c])));
  if (numericBelow.some((numeric, c) => numeric && !isNumberField(first[c]))) return true;
  if (numericBelow.some(Boolean)) return false;
  return !first.every(isNumberField);
}

/** Index of a column given by name or 0-based index. */
export function columnIndex(table: CsvTable, ref: string | number): number {
  if (typeof ref === 'number') {
    if (ref < table.columns.length) return ref;
    throw new TaskDataError(`expected a column index from 0 to ${table.columns.length - 1}, found ${ref}`, { code: 'csv-no-column', params: { name: ref } });
  }
  const index = table.columns.indexOf(ref);
  if (index < 0) {
    const shown = table.columns.slice(0, 12).map((c) => `'${c}'`).join(', ');
    throw new TaskDataError(`expected a column named '${ref}', found only ${shown}${table.columns.length > 12 ? ', ...' : ''}`, { code: 'csv-no-column', params: { name: ref } });
  }
  return index;
}

/**
 * One column as numbers; an empty or non-numeric field, or one beyond float64 (`1e400` would be Infinity, refused
 * as NaN is), is an error naming its line and column.
 */
export function numericColumn(table: CsvTable, index: number): Float64Array {
  return Float64Array.from(table.rows, (row, r) => {
    const field = row[index];
    const value = isNumberField(field) ? Number(field) : NaN;
    if (!Number.isFinite(value)) {
      const where = `line ${table.lines[r]}, column '${table.columns[index]}'`;
      const shown = `'${field.length > 20 ? field.slice(0, 17) + '...' : field}'`;
      const coded = { code: 'csv-not-number', params: { line: table.lines[r], column: table.columns[index], found: field.length > 20 ? `${field.slice(0, 17)}...` : field } } as const;
      if (isNumberField(field)) throw new TaskDataError(`${where}: expected a number within the float64 range (about ±1.8e308), found ${shown}`, coded);
      throw new TaskDataError(`${where}: expected a number, found ${field === '' ? 'an empty field' : shown}`, coded);
    }
    return value;
  });
}
