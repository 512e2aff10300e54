// The ONNX workbench's input editor, pure: the symbolic dimensions a model leaves open, a random input of a shape
// with them filled in, and the JSON a user edits checked against each input's rank and fixed sizes.
import { z } from 'zod';
import type { OnnxValueInfo } from '../../api';

/** A dimension the user must choose: a symbolic name ('batch', 'seq') or an unnamed axis ('input:axis'). */
export function openDims(inputs: OnnxValueInfo[]): string[] {
  const names = new Set<string>();
  for (const input of inputs) (input.shape ?? []).forEach((d, axis) => {
    if (typeof d === 'string') names.add(d);
    else if (d === null || d <= 0) names.add(`${input.name}:${axis}`);
  });
  return [...names];
}

/** A sensible first value for an open dimension: batch 1, anything time-like 5, else 1. */
export function defaultDim(name: string): number {
  return /seq|time|len|step|^t$/i.test(name) ? 5 : 1;
}

/** The concrete shape of an input once its open dimensions are filled; an unknown rank becomes a scalar list [1]. */
export function concreteShape(input: OnnxValueInfo, dims: Record<string, number>): number[] {
  if (!input.shape) return [1];
  return input.shape.map((d, axis) => {
    if (typeof d === 'number' && d > 0) return d;
    const key = typeof d === 'string' ? d : `${input.name}:${axis}`;
    return dims[key] ?? defaultDim(key);
  });
}

/** Deterministic uniform numbers in [-1, 1) (mulberry32), so "random input" is repeatable with a seed. */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Nested arrays of `shape` filled by `next`; integer types get 0/1 values, booleans false/true. */
export function randomTensor(shape: number[], type: string, next: () => number): unknown {
  const leaf = (): unknown => {
    const v = next();
    if (/bool/i.test(type)) return v >= 0;
    if (/int/i.test(type)) return v >= 0 ? 1 : 0;
    return Number(v.toFixed(4));
  };
  const build = (axis: number): unknown => (axis === shape.length ? leaf() : Array.from({ length: shape[axis] }, () => build(axis + 1)));
  return build(0);
}

export function randomInputs(inputs: OnnxValueInfo[], dims: Record<string, number>, seed = 0): Record<string, unknown> {
  const next = uniform(seed);
  return Object.fromEntries(inputs.map((input) => [input.name, randomTensor(concreteShape(input, dims), input.type, next)]));
}

/** The shape of nested arrays, or a message when they are ragged or hold something other than numbers/booleans. */
export interface KeyedError { key: string; values: Record<string, string | number> }

export function shapeOf(value: unknown, path = ''): { shape: number[] } | { error: KeyedError } {
  if (typeof value === 'number' || typeof value === 'boolean') return { shape: [] };
  if (!Array.isArray(value)) return { error: { key: 'onnx.errors.notNested', values: { path: path || 'value' } } };
  if (value.length === 0) return { shape: [0] };
  const first = shapeOf(value[0], `${path}[0]`);
  if ('error' in first) return first;
  for (let i = 1; i < value.length; i++) {
    const other = shapeOf(value[i], `${path}[${i}]`);
    if ('error' in other) return other;
    if (other.shape.join(',') !== first.shape.join(',')) return { error: { key: 'onnx.errors.ragged', values: { path: `${path}[${i}]`, expected: `[${first.shape.join(', ')}]`, found: `[${other.shape.join(', ')}]` } } };
  }
  return { shape: [value.length, ...first.shape] };
}

const inputsSchema = z.record(z.string(), z.unknown());

/** Where the JSON went wrong, in the UI's words: the parser's own message is English whatever the language. */
function notJson(text: string, message: string): { ok: false; error: KeyedError } {
  if (text.trim() === '' || /end of (JSON )?input|Unterminated/i.test(message)) return { ok: false, error: { key: 'onnx.errors.notJsonEnd', values: {} } };
  const at = /position (\d+)/.exec(message);
  if (at && Number(at[1]) >= text.trimEnd().length) return { ok: false, error: { key: 'onnx.errors.notJsonEnd', values: {} } };
  if (!at) return { ok: false, error: { key: 'onnx.errors.notJson', values: {} } };
  const before = text.slice(0, Number(at[1])).split('\n');
  return { ok: false, error: { key: 'onnx.errors.notJsonAt', values: { line: before.length, column: before[before.length - 1].length + 1 } } };
}

/** Parses the editor's JSON and checks every input is present, no unknown ones, with the right rank and fixed sizes. */
export function checkInputsJson(text: string, inputs: OnnxValueInfo[]): { ok: true; value: Record<string, unknown> } | { ok: false; error: KeyedError } {
  const fail = (key: string, values: Record<string, string | number> = {}) => ({ ok: false as const, error: { key, values } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return notJson(text, (e as Error).message);
  }
  const parsed = inputsSchema.safeParse(raw);
  if (!parsed.success || Array.isArray(raw)) return fail('onnx.errors.notObject');
  const value = parsed.data;
  for (const name of Object.keys(value)) {
    if (!inputs.some((i) => i.name === name)) return fail('onnx.errors.unknownInput', { name, names: inputs.map((i) => i.name).join(', ') });
  }
  for (const input of inputs) {
    if (!(input.name in value)) return fail('onnx.errors.missingInput', { name: input.name });
    const got = shapeOf(value[input.name], input.name);
    if ('error' in got) return { ok: false, error: got.error };
    if (!input.shape) continue;
    if (got.shape.length !== input.shape.length) return fail('onnx.errors.rank', { name: input.name, expected: input.shape.length, found: got.shape.length });
    const axis = input.shape.findIndex((d, i) => typeof d === 'number' && d > 0 && got.shape[i] !== d);
    if (axis >= 0) return fail('onnx.errors.size', { name: input.name, axis, expected: String(input.shape[axis]), found: got.shape[axis] });
  }
  return { ok: true, value };
}

/** A shape as people write it: [batch, 5, 2] (unknown axes as ?). */
export function formatShape(shape: (number | string | null)[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : '?';
}
