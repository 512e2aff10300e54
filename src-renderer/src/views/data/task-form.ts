// The Data page's task form, generated from a task's ParamField[]: one control per field (number, checkbox, select,
// text, CSV column), its starting value and the params object to send. Pure: tested in Node (test/renderer/data-form.test.ts).
import type { ParamField } from '../../api';

/** 'list': comma-separated values in a text box (frequencies, target columns). */
export type ControlKind = 'number' | 'checkbox' | 'select' | 'text' | 'column' | 'list';

export interface FormControl {
  name: string;
  kind: ControlKind;
  /** Whole numbers only (step 1); for a list, of each item. */
  integer: boolean;
  /** List items are numbers (else strings, e.g. column names). */
  numericItems: boolean;
  /** Names CSV columns (a single column, or a list of them). */
  columns: boolean;
  min: number | null;
  max: number | null;
  options: (string | number)[];
  optional: boolean;
  help: string;
  default: unknown;
}

/** A form value as the inputs hold it: numbers and strings, booleans for checkboxes, '' for an empty optional field. */
export type FormValue = string | number | boolean;

export function buildTaskForm(fields: readonly ParamField[]): FormControl[] {
  return fields.map((f) => ({
    name: f.name,
    kind: f.list ? 'list' : f.type === 'int' || f.type === 'number' ? 'number' : f.type === 'boolean' ? 'checkbox' : f.type === 'choice' ? 'select' : f.type === 'column' ? 'column' : 'text',
    integer: f.type === 'int',
    numericItems: f.type === 'int' || f.type === 'number',
    columns: f.type === 'column',
    min: f.min,
    max: f.max,
    options: f.choices ?? [],
    optional: f.optional,
    help: f.help,
    default: f.default,
  }));
}

/** Starting values: the project's params for this task when given, else each field's default ('' when none). */
export function initialValues(controls: readonly FormControl[], current: Record<string, unknown> = {}): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const c of controls) {
    const v = c.name in current ? current[c.name] : c.default;
    if (c.kind === 'checkbox') values[c.name] = Boolean(v);
    else if (Array.isArray(v)) values[c.name] = v.join(', ');
    else if (typeof v === 'number' || typeof v === 'string') values[c.name] = v;
    else values[c.name] = '';
  }
  return values;
}

/** Reads an input's text for a control: numbers parsed ('' stays '' so an optional field is left out). */
export function readInput(control: FormControl, raw: string | boolean): FormValue {
  if (control.kind === 'checkbox') return Boolean(raw);
  if (control.kind === 'number') {
    const text = String(raw).trim();
    return text === '' ? '' : Number(text);
  }
  if (control.kind === 'column') return /^\d+$/.test(String(raw)) ? Number(raw) : String(raw);
  if (control.kind === 'select') {
    // Choices may be numbers (e.g. a Tomita grammar index): keep the option's own type.
    const option = control.options.find((o) => String(o) === String(raw));
    return option ?? String(raw);
  }
  return String(raw);
}

/** The params to send: empty fields are left out (the core fills in defaults), so it names anything still wrong. */
export function paramsFromValues(controls: readonly FormControl[], values: Record<string, FormValue>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const c of controls) {
    const v = values[c.name];
    if (v === '' || v === undefined) continue;
    params[c.name] = c.kind === 'list' ? listItems(c, String(v)) : v;
  }
  return params;
}

/** Values after a CSV file was read: its detected header and delimiter, and the first numeric column for every
 * required column field still empty, so a preview can be drawn straight away. */
export function valuesForCsv(
  controls: readonly FormControl[],
  values: Record<string, FormValue>,
  csv: { header: boolean; delimiter: string; firstColumn: string | number | null },
): Record<string, FormValue> {
  const next = { ...values };
  for (const c of controls) {
    if (c.name === 'header' && c.kind === 'checkbox') next[c.name] = csv.header;
    else if (c.name === 'delimiter' && c.kind === 'text') next[c.name] = csv.delimiter;
    else if (c.columns && !c.optional && next[c.name] === '' && csv.firstColumn !== null) next[c.name] = c.kind === 'list' ? String(csv.firstColumn) : csv.firstColumn;
  }
  return next;
}

/** "1, 2.5, 3" -> [1, 2.5, 3] for number lists; names stay strings (a 0-based column index becomes a number). */
export function listItems(control: FormControl, text: string): (string | number)[] {
  const items = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  return items.map((x) => (control.numericItems || /^\d+$/.test(x) ? Number(x) : x));
}

/** A one-line local check before asking the core: a number field that is not a number or out of its range. */
export function localProblem(control: FormControl, value: FormValue): 'notANumber' | 'notWhole' | 'belowMin' | 'aboveMax' | null {
  if (control.kind === 'list' && control.numericItems && value !== '') {
    const problems = listItems(control, String(value)).map((item) => localProblem({ ...control, kind: 'number' }, item));
    return problems.find((p) => p !== null) ?? null;
  }
  if (control.kind !== 'number' || value === '') return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'notANumber';
  if (control.integer && !Number.isInteger(value)) return 'notWhole';
  if (control.min !== null && value < control.min) return 'belowMin';
  if (control.max !== null && value > control.max) return 'aboveMax';
  return null;
}
