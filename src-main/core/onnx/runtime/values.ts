// Input values from JSON for any model, and output tensors back to JSON. IN maps each input name to nested arrays
// of the model's element type (float32, float64, int32, int64, bool); ranks, fixed sizes and symbolic dims shared
// between inputs are checked here, each failure one line naming the input.
import type { CodedError } from '../../errors';
import { OnnxRunError } from '../errors';
import type { ValueDescription } from './describe';
import { ELEMENT_TYPES, type ElementType, type TensorData, type WireTensor } from './protocol';

type Json = unknown;

function foundShape(value: Json): number[] {
  const shape: number[] = [];
  for (let cur = value; Array.isArray(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  return shape;
}

const showShape = (dims: readonly (number | string | null)[]) => dims.map((d) => `[${d ?? '?'}]`).join('') || 'a scalar';
/** A wrong shape as a code: the shapes as brackets ("[1][5][2]"), a scalar as "[]" (the renderer words no English). */
const shapeCode = (input: string, declared: readonly (number | string | null)[], found: readonly number[]): CodedError => ({
  code: 'onnx-input-shape',
  params: { input, expected: declared.map((d) => `[${d ?? '?'}]`).join('') || '[]', found: found.map((d) => `[${d}]`).join('') || '[]' },
});

function checkShape(name: string, value: Json, declared: ValueDescription['shape'], symbols: Map<string, [number, string]>): number[] {
  const shape = foundShape(value);
  if (declared === null) return shape;
  if (shape.length !== declared.length) {
    throw new OnnxRunError(`input ${name}: expected ${declared.length} nested levels ${showShape(declared)}, found ${shape.length} ${showShape(shape)}`, shapeCode(name, declared, shape));
  }
  declared.forEach((d, axis) => {
    if (typeof d === 'number' && shape[axis] !== d) {
      throw new OnnxRunError(`input ${name}: expected ${showShape(declared)}, found ${showShape(shape)} (axis ${axis} must be ${d})`, shapeCode(name, declared, shape));
    }
    if (typeof d === 'string') {
      const seen = symbols.get(d);
      if (seen && seen[0] !== shape[axis]) {
        throw new OnnxRunError(`input ${name}: expected ${d} = ${seen[0]} as in input ${seen[1]}, found ${shape[axis]} on axis ${axis}`, { code: 'onnx-input-dim', params: { input: name, dim: d, expected: seen[0], other: seen[1], found: shape[axis], axis } });
      }
      symbols.set(d, [shape[axis], name]);
    }
  });
  return shape;
}

function elementOf(type: ElementType, value: Json, path: string): number | bigint {
  // JSON.stringify(Infinity) is "null": a number (1e400 in the file) is shown as the number it became.
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  const bad = (expected: string) => new OnnxRunError(`${path}: expected ${expected}, found ${shown}`.slice(0, 200), { code: 'onnx-input-value', params: { path, type, found: shown.slice(0, 40) } });
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw bad('true or false');
    return value ? 1 : 0;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`a finite number (${type})`);
  if (type === 'float32' || type === 'float64') return value;
  if (!Number.isInteger(value)) throw bad(`a whole number (${type})`);
  if (type === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) throw bad('a whole number within int32');
  if (type === 'int64' && !Number.isSafeInteger(value)) throw bad('a whole number within +-2^53');
  return type === 'int64' ? BigInt(value) : value;
}

function allocate(type: ElementType, n: number): TensorData {
  if (type === 'float32') return new Float32Array(n);
  if (type === 'float64') return new Float64Array(n);
  if (type === 'int32') return new Int32Array(n);
  if (type === 'int64') return new BigInt64Array(n);
  return new Uint8Array(n);
}

function toTensor(name: string, type: ElementType, value: Json, shape: number[]): WireTensor {
  const data = allocate(type, shape.reduce((a, b) => a * b, 1));
  let offset = 0;
  const walk = (node: Json, axis: number, path: string): void => {
    if (axis === shape.length) {
      (data as unknown as (number | bigint)[])[offset++] = elementOf(type, node, path);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      const found = Array.isArray(node) ? `${node.length} entries` : JSON.stringify(node);
      throw new OnnxRunError(`${path}: expected ${shape[axis]} entries like the rest of input ${name}, found ${found}`, { code: 'onnx-input-ragged', params: { path, input: name, expected: shape[axis] } });
    }
    node.forEach((child, i) => walk(child, axis + 1, `${path}[${i}]`));
  };
  walk(value, 0, name);
  return { type, dims: shape, data };
}

/** The feeds of a run: every input present, nothing unknown, each of the right type and shape. */
export function parseFeeds(json: Json, inputs: readonly ValueDescription[]): Record<string, WireTensor> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new OnnxRunError(`input file: expected a JSON object mapping input names (${inputs.map((i) => i.name).join(', ')}) to arrays, found ${Array.isArray(json) ? 'an array' : String(json)}`, { code: 'onnx-input-not-object', params: { names: inputs.map((i) => i.name).join(', ') } });
  }
  const given = json as Record<string, Json>;
  const known = new Set(inputs.map((i) => i.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length) throw new OnnxRunError(`input file: unknown input ${unknown.map((k) => `'${k}'`).join(', ')}; the model takes ${[...known].join(', ')}`, { code: 'onnx-input-unknown', params: { input: unknown.join(', '), names: [...known].join(', ') } });
  const symbols = new Map<string, [number, string]>();
  const feeds: Record<string, WireTensor> = {};
  for (const input of inputs) {
    if (!(input.name in given)) throw new OnnxRunError(`input file: expected input '${input.name}' ${input.type} ${showShape(input.shape ?? [])}, found none`, { code: 'onnx-input-missing', params: { input: input.name, type: input.type, shape: showShape(input.shape ?? []) } });
    if (!(ELEMENT_TYPES as readonly string[]).includes(input.type)) {
      throw new OnnxRunError(`input ${input.name}: element type ${input.type} is not supported (${ELEMENT_TYPES.join(', ')})`, { code: 'onnx-input-type', params: { input: input.name, type: input.type, types: ELEMENT_TYPES.join(', ') } });
    }
    const shape = checkShape(input.name, given[input.name], input.shape, symbols);
    feeds[input.name] = toTensor(input.name, input.type as ElementType, given[input.name], shape);
  }
  return feeds;
}

/** The shortest decimal that reads back as the same float32 (0.1, not 0.10000000149011612); whole numbers as they are. */
export function shortestFloat32(v: number): number {
  if (Number.isInteger(v) || !Number.isFinite(v)) return v;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(v.toPrecision(digits));
    if (Math.fround(candidate) === v) return candidate;
  }
  return Number(v.toPrecision(9));
}

function jsonElement(type: ElementType, v: number | bigint): number | boolean {
  if (type === 'bool') return v !== 0;
  if (type === 'float32') return shortestFloat32(v as number);
  return Number(v);
}

export function tensorToJson(t: WireTensor): Json {
  const values = t.data as unknown as ArrayLike<number | bigint>;
  const build = (axis: number, start: number): Json => {
    if (axis === t.dims.length) return jsonElement(t.type, values[start]);
    const stride = t.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.dims[axis] }, (_, i) => build(axis + 1, start + i * stride));
  };
  return build(0, 0);
}
