// Slice and Gather folded over constants: torch exports without constant folding slice the gate blocks of
// nn.LSTM/nn.GRU weights and concatenate them in ONNX order inside the graph.
import type { NodeProto } from '../proto-types';
import { elementCount } from '../tensor-data';
import { intAttribute, nodeLabel } from './attributes';
import { OnnxImportError } from './errors';
import type { ConstValue } from './values';

/** Values at the given per-axis index lists (an outer product of index lists), row-major. */
function pick(input: ConstValue, indices: number[][]): ConstValue {
  const dims = indices.map((list) => list.length);
  const strides = input.dims.map((_, i) => elementCount(input.dims.slice(i + 1)));
  const data = new Float64Array(elementCount(dims));
  const at = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < data.length; k++) {
    let from = 0;
    for (let i = 0; i < dims.length; i++) from += indices[i][at[i]] * strides[i];
    data[k] = input.data[from];
    for (let i = dims.length - 1; i >= 0 && ++at[i] === dims[i]; i--) at[i] = 0;
  }
  return { kind: 'const', dims, data };
}

function range(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
  return out;
}

/** ONNX Slice (opset 10+): starts, ends, optional axes and steps as constant inputs; ends clamp to the dims. */
export function sliceConstant(node: NodeProto, [input, starts, ends, axesIn, stepsIn]: (ConstValue | undefined)[]): ConstValue {
  if (!input || !starts || !ends) throw new OnnxImportError(`${nodeLabel(node)}: expected data, starts and ends inputs`);
  const rank = input.dims.length;
  const indices = input.dims.map((d) => range(0, d, 1));
  const axes = axesIn ? Array.from(axesIn.data) : starts.data.map((_, i) => i);
  axes.forEach((rawAxis, k) => {
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    const dim = input.dims[axis];
    const step = stepsIn ? stepsIn.data[k] : 1;
    if (dim === undefined || step === 0) throw new OnnxImportError(`${nodeLabel(node)}: expected axes within rank ${rank} and non-zero steps`);
    const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v < 0 ? v + dim : v, low), high);
    const start = step > 0 ? clamp(starts.data[k], 0, dim) : clamp(starts.data[k], -1, dim - 1);
    const end = step > 0 ? clamp(ends.data[k], 0, dim) : clamp(ends.data[k], -1, dim - 1);
    indices[axis] = range(start, end, step);
  });
  return pick(input, indices);
}

/** ONNX Gather along `axis` with constant indices (scalar indices drop the axis). */
export function gatherConstant(node: NodeProto, input: ConstValue, which: ConstValue): ConstValue {
  const rank = input.dims.length;
  const rawAxis = intAttribute(node, 'axis', 0);
  const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
  const dim = input.dims[axis];
  if (dim === undefined || which.dims.length > 1) throw new OnnxImportError(`${nodeLabel(node)}: expected a scalar or 1-D index on an axis within rank ${rank}`);
  const chosen = Array.from(which.data, (i) => (i < 0 ? i + dim : i));
  if (chosen.some((i) => i < 0 || i >= dim)) throw new OnnxImportError(`${nodeLabel(node)}: expected indices in [-${dim}, ${dim}), found ${Array.from(which.data).join(', ')}`);
  const indices = input.dims.map((d, i) => (i === axis ? chosen : range(0, d, 1)));
  const out = pick(input, indices);
  return which.dims.length === 0 ? { ...out, dims: out.dims.filter((_, i) => i !== axis) } : out;
}
