// The settings side panel's logic, generated from getSettings().fields: grouping, current values, which fields
// apply (`when`), reading what the user typed, and the deep patch for updateSettings. Pure: tested in Node.
import type { SettingField, SettingsPatch, SettingsView } from '../../../../src-main/api/lab-api';

export interface FieldGroup {
  group: string;
  fields: SettingField[];
}

/** Groups in the order their first field appears; fields keep their order. */
export function groupFields(fields: readonly SettingField[]): FieldGroup[] {
  const groups = new Map<string, SettingField[]>();
  for (const field of fields) {
    if (!groups.has(field.group)) groups.set(field.group, []);
    groups.get(field.group)!.push(field);
  }
  return [...groups].map(([group, list]) => ({ group, fields: list }));
}

/** The value at a dotted path ('training.clip.max_norm'); undefined when absent. */
export function valueAt(view: SettingsView, path: string): unknown {
  let node: unknown = view;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The value the field shows: the current one, else its default. */
export function shownValue(view: SettingsView, field: SettingField): unknown {
  const value = valueAt(view, field.path);
  return value === undefined ? field.default : value;
}

/** Whether a field applies now (a `when` field only while the other field has the named value). */
export function applies(view: SettingsView, field: SettingField, fields: readonly SettingField[]): boolean {
  if (!field.when) return true;
  const other = fields.find((f) => f.path === field.when!.path);
  const current = other ? shownValue(view, other) : valueAt(view, field.when.path);
  return matches(field.when.equals, current);
}

/** `when.equals` is one value, or a list meaning any of them. */
function matches(equals: unknown, value: unknown): boolean {
  return Array.isArray(equals) ? equals.includes(value) : equals === value;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: 'number' | 'integer' | 'required' };

/** What the user typed, as the field's type: numbers parsed, '' as null for optional fields. Ranges are the core's. */
export function parseInput(field: SettingField, raw: string | boolean): Parsed {
  if (field.list && typeof raw === 'string') {
    // A list is typed as "a, b, c"; each item is read as the field's type.
    const items = raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
    const values: unknown[] = [];
    for (const item of items) {
      const one = parseInput({ ...field, list: false, optional: false }, item);
      if (!one.ok) return one;
      values.push(one.value);
    }
    return { ok: true, value: values };
  }
  if (field.type === 'boolean') return { ok: true, value: Boolean(raw) };
  const text = String(raw).trim();
  if (text === '') return field.optional ? { ok: true, value: null } : { ok: false, problem: 'required' };
  if (field.type === 'choice') {
    const match = field.choices?.find((c) => String(c) === text);
    return { ok: true, value: match ?? text };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, problem: 'number' };
  if (field.type === 'int' && !Number.isInteger(value)) return { ok: false, problem: 'integer' };
  return { ok: true, value };
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * The deep patch that sets `path` to `value`. Fields that start to apply because of this change (clip.max_norm when
 * clip.mode becomes 'norm') come along with their shown value, so the core receives a complete choice.
 */
export function patchFor(view: SettingsView, fields: readonly SettingField[], path: string, value: unknown): SettingsPatch {
  const patch: Record<string, unknown> = {};
  setPath(patch, path.split('.'), value);
  for (const dependent of fields) {
    if (dependent.when?.path === path && matches(dependent.when.equals, value)) {
      const shown = shownValue(view, dependent);
      if (shown !== undefined && shown !== null) setPath(patch, dependent.path.split('.'), shown);
    }
  }
  return patch as SettingsPatch;
}

/** 'max_norm' -> 'Max norm': the label of a field no translation names yet. */
export function humanise(path: string): string {
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
