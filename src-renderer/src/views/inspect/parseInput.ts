// Reads what a user types as a sequence: text for symbol and character tasks, numbers for series ('3.2, 1.5, 0.7'
// with one number per step, or steps separated by ';' with input_size numbers each). Errors are i18n keys + values.
import type { ProbeInput } from '../../api';

export type TaskKind = 'symbols' | 'series' | 'text';
export interface ParseError { key: string; values: Record<string, string | number>; cause?: ParseError }
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParseError };

const fail = (key: string, values: Record<string, string | number> = {}): { ok: false; error: ParseError } => ({ ok: false, error: { key, values } });

/** Numbers of one sequence as rows of `inputSize` (one row per step). */
export function parseNumberRows(text: string, inputSize: number): Parsed<number[][]> {
  const trimmed = text.trim();
  if (!trimmed) return fail('inspect.errors.empty');
  const groups = trimmed.includes(';') ? trimmed.split(';').map((g) => g.trim()).filter(Boolean) : [trimmed];
  const numbers: number[][] = [];
  for (const group of groups) {
    const row: number[] = [];
    for (const token of group.split(/[\s,]+/).filter(Boolean)) {
      const v = Number(token);
      if (!Number.isFinite(v)) return fail('inspect.errors.notNumber', { token });
      row.push(v);
    }
    numbers.push(row);
  }
  if (groups.length > 1) {
    const bad = numbers.findIndex((r) => r.length !== inputSize);
    if (bad >= 0) return fail('inspect.errors.rowWidth', { step: bad + 1, expected: inputSize, found: numbers[bad].length });
    return { ok: true, value: numbers };
  }
  const flat = numbers[0];
  if (flat.length % inputSize !== 0) return fail('inspect.errors.notMultiple', { count: flat.length, size: inputSize });
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += inputSize) rows.push(flat.slice(i, i + inputSize));
  return { ok: true, value: rows };
}

/** One sequence as the contract takes it: text stays text (symbols, characters), numbers become rows. */
export function parseSequence(text: string, kind: TaskKind, inputSize: number): Parsed<string | number[][]> {
  if (kind === 'series') return parseNumberRows(text, inputSize);
  // Symbol strings ignore surrounding spaces; character models read the text exactly as typed.
  const value = kind === 'symbols' ? text.trim() : text;
  if (!value) return fail('inspect.errors.empty');
  return { ok: true, value };
}

/** User probes, one per line (blank lines skipped), at most 64 as the contract allows. */
export function parseProbes(text: string, kind: TaskKind, inputSize: number): Parsed<ProbeInput[]> {
  const lines = text.split('\n').map((l) => (kind === 'text' ? l : l.trim())).filter((l) => l.trim() !== '');
  if (lines.length > 64) return fail('trajectories.errors.tooMany', { count: lines.length, max: 64 });
  const probes: ProbeInput[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = parseSequence(line, kind, inputSize);
    if (!parsed.ok) return { ok: false, error: { key: 'trajectories.errors.line', values: { line: i + 1 }, cause: parsed.error } };
    probes.push(parsed.value);
  }
  return { ok: true, value: probes };
}
