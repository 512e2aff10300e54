// A small strict CSV reader for numeric series (no CSV package is installed). Rules:
// - one record per line (LF or CRLF); blank lines are skipped; a leading byte-order mark is ignored;
// - fields are separated by the delimiter (default ','); spaces around a field are trimmed;
// - a field may be wrapped in double quotes, inside which the delimiter is literal and "" is one quote;
//   a quoted field cannot span lines, and nothing but spaces may follow its closing quote;
// - the first line is the header (unless header is false: columns are then named 0, 1, 2, ...);
// - every record has as many fields as the header. Numbers are checked only in the columns a task uses.
// Every error is a TaskDataError naming the line (1-based, counting the header and blank lines).
import { TaskDataError } from '../errors';

export interface CsvTable {
  columns: string[];
  /** rows[r][c] as text. */
  rows: string[][];
  /** The file line of each row, for error messages. */
  lines: number[];
}

export interface CsvOptions {
  delimiter?: string;
  header?: boolean;
}

function splitRecord(text: string, line: number, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new TaskDataError(`line ${line}: expected a closing quote, found the end of the line`);
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== delimiter) {
        throw new TaskDataError(`line ${line}: expected '${delimiter}' after a closing quote, found '${text[i]}'`);
      }
    } else {
      const end = text.indexOf(delimiter, i);
      field = text.slice(i, end < 0 ? text.length : end).trim();
      if (field.includes('"')) throw new TaskDataError(`line ${line}: expected a quote only around a whole field, found ${field}`);
      i = end < 0 ? text.length : end;
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++; // the delimiter
  }
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ',';
  const header = options.header ?? true;
  const records: { fields: string[]; line: number }[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() !== '') records.push({ fields: splitRecord(raw, index + 1, delimiter), line: index + 1 });
  });
  if (records.length === 0) throw new TaskDataError('expected a CSV file with a header and data rows, found an empty file');
  const first = records[0];
  const columns = header ? first.fields : first.fields.map((_, i) => String(i));
  if (header) {
    const seen = new Set<string>();
    columns.forEach((name, i) => {
      if (name === '') throw new TaskDataError(`line ${first.line}: expected a name for column ${i + 1} of the header, found an empty field`);
      if (seen.has(name)) throw new TaskDataError(`line ${first.line}: expected distinct column names, found '${name}' twice`);
      seen.add(name);
    });
  }
  const data = header ? records.slice(1) : records;
  if (data.length === 0) throw new TaskDataError(`expected data rows after the header, found none`);
  for (const { fields, line } of data) {
    if (fields.length !== columns.length) {
      throw new TaskDataError(`line ${line}: expected ${columns.length} fields (as in ${header ? 'the header' : 'line ' + first.line}), found ${fields.length}`);
    }
  }
  return { columns, rows: data.map((r) => r.fields), lines: data.map((r) => r.line) };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Index of a column given by name or 0-based index. */
export function columnIndex(table: CsvTable, ref: string | number): number {
  if (typeof ref === 'number') {
    if (ref < table.columns.length) return ref;
    throw new TaskDataError(`expected a column index from 0 to ${table.columns.length - 1}, found ${ref}`);
  }
  const index = table.columns.indexOf(ref);
  if (index < 0) {
    const shown = table.columns.slice(0, 12).map((c) => `'${c}'`).join(', ');
    throw new TaskDataError(`expected a column named '${ref}', found only ${shown}${table.columns.length > 12 ? ', ...' : ''}`);
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
    const value = NUMBER.test(field) ? Number(field) : NaN;
    if (!Number.isFinite(value)) {
      const where = `line ${table.lines[r]}, column '${table.columns[index]}'`;
      const shown = `'${field.length > 20 ? field.slice(0, 17) + '...' : field}'`;
      if (NUMBER.test(field)) throw new TaskDataError(`${where}: expected a number within the float64 range (about ±1.8e308), found ${shown}`);
      throw new TaskDataError(`${where}: expected a number, found ${field === '' ? 'an empty field' : shown}`);
    }
    return value;
  });
}
