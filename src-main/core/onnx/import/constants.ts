// Constants of the graph: Constant nodes and initializers as numbers, and the few ops torch applies to constants
// (Identity, Cast, Unsqueeze, Squeeze, Reshape, Concat, Transpose; Slice and Gather in const-indexing.ts), folded
// here. Everything else is not folded.
import type { NodeProto, TensorProto } from '../proto-types';
import { elementCount, tensorValues } from '../tensor-data';
import { findAttribute, intAttribute, intsAttribute, nodeLabel } from './attributes';
import { gatherConstant, sliceConstant } from './const-indexing';
import { IMPORT_SCOPE, OnnxImportError } from './errors';
import type { ConstValue } from './values';

export function constFromTensor(t: TensorProto): ConstValue {
  // Checked before tensorValues allocates: corrupt dims would otherwise ask for a huge array.
  const n = elementCount(t.dims.map(Number));
  const stored = t.rawData?.length || t.floatData.length + t.int32Data.length + t.int64Data.length + t.doubleData.length;
  if (!Number.isSafeInteger(n) || n < 0 || n > stored) {
    throw new OnnxImportError(`tensor '${t.name}': expected at most ${stored} values for the data it stores, found dims [${t.dims.join(', ')}]`);
  }
  return { kind: 'const', dims: t.dims.map(Number), data: tensorValues(t) };
}

/** The value of a Constant node (value, value_float(s), value_int(s)). */
export function constantNodeValue(node: NodeProto): ConstValue {
  const a = node.attribute[0];
  if (a?.name === 'value' && a.t) return constFromTensor(a.t);
  if (a?.name === 'value_float') return { kind: 'const', dims: [], data: Float64Array.of(a.f ?? 0) };
  if (a?.name === 'value_int') return { kind: 'const', dims: [], data: Float64Array.of(Number(a.i ?? 0)) };
  if (a?.name === 'value_floats' || a?.name === 'value_ints') {
    const values = (a.name === 'value_floats' ? a.floats : a.ints) ?? [];
    return { kind: 'const', dims: [values.length], data: Float64Array.from(values.map(Number)) };
  }
  throw new OnnxImportError(`unsupported: ${nodeLabel(node)} with attribute '${a?.name ?? 'none'}' — expected a numeric tensor value`);
}

function normaliseAxis(axis: number, rank: number, node: NodeProto): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new OnnxImportError(`${nodeLabel(node)}: expected an axis in [-${rank}, ${rank}), found ${axis}`);
  return a;
}

/** Axes from the second input (opset 13+) or the `axes` attribute (older opsets). */
export function axesOf(node: NodeProto, second: ConstValue | undefined): number[] | null {
  if (second) return Array.from(second.data);
  return intsAttribute(node, 'axes');
}

function reshapeDims(input: ConstValue, target: number[], node: NodeProto): number[] {
  const dims = target.map((d, i) => (d === 0 ? input.dims[i] : d));
  const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const out = dims.map((d) => (d === -1 ? elementCount(input.dims) / known : d));
  if (elementCount(out) !== input.data.length) {
    throw new OnnxImportError(`${nodeLabel(node)}: cannot reshape [${input.dims.join(', ')}] to [${target.join(', ')}]`);
  }
  return out;
}

function concat(node: NodeProto, given: (ConstValue | undefined)[], axis: number): ConstValue {
  const parts = given.filter((p): p is ConstValue => p !== undefined);
  const rank = parts[0].dims.length;
  const fits = (p: ConstValue) => p.dims.length === rank && p.dims.every((d, i) => i === axis || d === parts[0].dims[i]);
  if (!parts.every(fits)) throw new OnnxImportError(`${nodeLabel(node)}: expected constants of equal dims except axis ${axis}, found ${parts.map((p) => `[${p.dims.join(', ')}]`).join(', ')}`);
  const outer = elementCount(parts[0].dims.slice(0, axis));
  const dims = [...parts[0].dims];
  dims[axis] = parts.reduce((n, p) => n + p.dims[axis], 0);
  const data = new Float64Array(elementCount(dims));
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const inner = elementCount(p.dims.slice(axis, rank));
      data.set(p.data.subarray(o * inner, (o + 1) * inner), offset);
      offset += inner;
    }
  }
  return { kind: 'const', dims, data };
}

function transpose(input: ConstValue, perm: number[]): ConstValue {
  const dims = perm.map((p) => input.dims[p]);
  const strides = input.dims.map((_, i) => elementCount(input.dims.slice(i + 1)));
  const data = new Float64Array(input.data.length);
  const index = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < data.length; k++) {
    let from = 0;
    for (let i = 0; i < dims.length; i++) from += index[i] * strides[perm[i]];
    data[k] = input.data[from];
    for (let i = dims.length - 1; i >= 0 && ++index[i] === dims[i]; i--) index[i] = 0;
  }
  return { kind: 'const', dims, data };
}

/** Folds `node` over constant inputs; throws the unsupported-node error for ops it does not fold. */
export function foldConstant(node: NodeProto, inputs: (ConstValue | undefined)[]): ConstValue {
  const [x, second] = inputs;
  const needsTwo = node.opType === 'Reshape' || node.opType === 'Gather';
  if (!x || (needsTwo && !second)) throw new OnnxImportError(`${nodeLabel(node)}: expected ${needsTwo ? 'two inputs' : 'an input'}, found ${inputs.filter(Boolean).length}`);
  switch (node.opType) {
    case 'Identity':
    case 'Cast':
      return x;
    case 'Unsqueeze': {
      const dims = [...x.dims];
      const axes = axesOf(node, second) ?? [];
      const rank = dims.length + axes.length;
      for (const a of axes.map((a) => normaliseAxis(a, rank, node)).sort((p, q) => p - q)) dims.splice(a, 0, 1);
      return { kind: 'const', dims, data: x.data };
    }
    case 'Squeeze': {
      const axes = (axesOf(node, second) ?? x.dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => normaliseAxis(a, x.dims.length, node));
      return { kind: 'const', dims: x.dims.filter((_, i) => !axes.includes(i)), data: x.data };
    }
    case 'Reshape':
      return { kind: 'const', dims: reshapeDims(x, Array.from((second as ConstValue).data), node), data: x.data };
    case 'Concat':
      return concat(node, inputs, normaliseAxis(intAttribute(node, 'axis', 0), x.dims.length, node));
    case 'Transpose': {
      const perm = intsAttribute(node, 'perm') ?? x.dims.map((_, i) => x.dims.length - 1 - i);
      if (perm.length !== x.dims.length || !x.dims.every((_, i) => perm.includes(i))) {
        throw new OnnxImportError(`${nodeLabel(node)}: expected a permutation of ${x.dims.length} axes, found [${perm.join(', ')}]`);
      }
      return transpose(x, perm);
    }
    case 'Slice':
      return sliceConstant(node, inputs);
    case 'Gather':
      return gatherConstant(node, x, second as ConstValue);
    default:
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} on constants — ${IMPORT_SCOPE}`);
  }
}

/** True when the node has an attribute of this name (used to refuse options RNN Lab has no equivalent for). */
export function hasAttribute(node: NodeProto, name: string): boolean {
  return findAttribute(node, name) !== undefined;
}
