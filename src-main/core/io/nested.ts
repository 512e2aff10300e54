// Nested JSON arrays <-> flat row-major Float64Array, with shape checks that name the array and say what was
// expected and what was found. Shared by every host that takes arrays from a user (CLI files, IPC, web).
import { InputShapeError } from '../errors';
import type { Tensor } from '../tensor';

/** One axis of an expected shape: a fixed size, or free (any size >= 1) when `size` is undefined. */
export interface Dim {
  label: string;
  size?: number;
}

export type Nested = number | Nested[];

/** `[batch][time][3] (input_size 3)`: free axes by label, fixed ones by size, then what the fixed sizes are. */
export function describeDims(dims: readonly Dim[]): string {
  const axes = dims.map((d) => `[${d.size ?? d.label}]`).join('');
  const fixed = dims.filter((d) => d.size !== undefined).map((d) => `${d.label} ${d.size}`);
  return fixed.length ? `${axes} (${fixed.join(', ')})` : axes;
}

/**
 * The shape of a nested array read along its first elements: [2][5][4] for a batch of 2 sequences of 5 steps of 4.
 * Stops at the first non-array; an empty array contributes a 0 and ends the walk.
 */
export function foundShape(value: unknown): number[] {
  const shape: number[] = [];
  let cur = value;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

function describeFound(value: unknown): string {
  if (!Array.isArray(value)) return describeValue(value);
  return foundShape(value).map((n) => `[${n}]`).join('');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 17)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Reads a nested array of the expected shape into a tensor. Free axes take the size found (at least 1).
 * Throws InputShapeError naming `name` on a wrong shape, a ragged array or a non-finite entry.
 */
export function parseNested(value: unknown, name: string, dims: readonly Dim[]): Tensor {
  const shape = foundShape(value);
  const fits =
    shape.length === dims.length && dims.every((d, i) => (d.size === undefined ? shape[i] >= 1 : shape[i] === d.size));
  if (!fits) {
    throw new InputShapeError(`${name}: expected ${describeDims(dims)}, found ${describeFound(value)}`);
  }
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let offset = 0;
  const walk = (node: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof node !== 'number' || !Number.isFinite(node)) {
        throw new InputShapeError(`${path}: expected a finite number, found ${describeValue(node)}`);
      }
      data[offset++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      const found = Array.isArray(node) ? String(node.length) : describeValue(node);
      throw new InputShapeError(
        `${path}: expected ${shape[axis]} entries (${dims[axis].label}) like the rest of ${name}, found ${found}`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], axis + 1, `${path}[${i}]`);
  };
  walk(value, 0, name);
  return { shape, data };
}

/** The inverse of parseNested: a row-major buffer of the given shape as nested arrays. */
export function toNested(data: ArrayLike<number>, shape: readonly number[]): Nested {
  if (shape.length === 0) return data[0];
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new InputShapeError(`toNested: expected ${size} values for shape [${shape.join(', ')}], found ${data.length}`);
  }
  const build = (axis: number, start: number): Nested[] => {
    const n = shape[axis];
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const out: Nested[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = axis === shape.length - 1 ? data[start + i] : build(axis + 1, start + i * stride);
    }
    return out;
  };
  return build(0, 0);
}
