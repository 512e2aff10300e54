// The nodes torch emits on sequences between and after recurrent layers, tracked by axis labels (values.ts):
// Transpose (batch_first, (T, D, B, H) -> (T, B, D, H)), Squeeze of a single direction, Reshape merging
// directions and units into D*H features, the Linear head (MatMul by W^T, Add of the bias), Sigmoid and Softmax.
// Returns null for nodes that are not of this kind; throws for a known op used in a way RNN Lab cannot rebuild.
import type { NodeProto } from '../proto-types';
import { intAttribute, intsAttribute, nodeLabel } from './attributes';
import { axesOf } from './constants';
import { IMPORT_SCOPE, OnnxImportError } from './errors';
import { describeValue, type ConstValue, type SequenceValue, type TracedValue } from './values';

/** What the handlers need to know about the layers traced so far. */
export interface LayerShapes {
  /** D*H of recurrent layer l. */
  features(layer: number): number;
  directions(layer: number): number;
  /** The default-domain opset (Softmax changed meaning at 13). */
  readonly opset: number;
}

function refuse(node: NodeProto, what: string): never {
  throw new OnnxImportError(`unsupported: ${nodeLabel(node)} ${what} — ${IMPORT_SCOPE}`);
}

function normalise(axis: number, rank: number, node: NodeProto): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) refuse(node, `uses axis ${axis} of a rank-${rank} sequence`);
  return a;
}

function transpose(node: NodeProto, seq: SequenceValue): SequenceValue {
  const perm = intsAttribute(node, 'perm') ?? seq.axes.map((_, i) => seq.axes.length - 1 - i);
  if (perm.length !== seq.axes.length) refuse(node, `permutes ${perm.length} axes of a rank-${seq.axes.length} sequence`);
  return { ...seq, axes: perm.map((p) => seq.axes[p]) };
}

function squeeze(node: NodeProto, seq: SequenceValue, axesValue: ConstValue | undefined, layers: LayerShapes): SequenceValue {
  const axes = (axesOf(node, axesValue) ?? []).map((a) => normalise(a, seq.axes.length, node));
  const single = seq.layer >= 0 && layers.directions(seq.layer) === 1;
  if (axes.length !== 1 || seq.axes[axes[0]] !== 'dir' || !single) refuse(node, `squeezes ${describeValue(seq)} other than its single direction axis`);
  return { ...seq, axes: seq.axes.filter((_, i) => i !== axes[0]).map((a) => (a === 'unit' ? 'feat' : a)) };
}

function reshape(node: NodeProto, seq: SequenceValue, target: TracedValue | undefined, layers: LayerShapes): SequenceValue {
  const n = seq.axes.length;
  const shape = target?.kind === 'const' ? Array.from(target.data) : null;
  const merges = n >= 3 && seq.axes[n - 2] === 'dir' && seq.axes[n - 1] === 'unit' && seq.layer >= 0;
  const last = shape?.[shape.length - 1];
  const ok =
    merges && shape !== null && shape.length === n - 1 && shape.slice(0, n - 2).every((d) => d === 0) &&
    (last === -1 || last === layers.features(seq.layer)) && intAttribute(node, 'allowzero', 0) === 0;
  if (!ok) refuse(node, `reshapes ${describeValue(seq)} other than merging its directions and units into D*H features`);
  return { ...seq, axes: [...seq.axes.slice(0, n - 2), 'feat'] };
}

function matmul(node: NodeProto, seq: SequenceValue, weight: TracedValue | undefined, layers: LayerShapes): SequenceValue {
  const F = seq.layer >= 0 ? layers.features(seq.layer) : -1;
  if (seq.head || seq.axes[seq.axes.length - 1] !== 'feat' || weight?.kind !== 'const' || weight.dims.length !== 2 || weight.dims[0] !== F) {
    refuse(node, `multiplies ${describeValue(seq)} by ${describeValue(weight)}; a Linear head expects the last layer's features by a [${F}, O] constant`);
  }
  const O = weight.dims[1];
  const w = new Float64Array(O * F); // (O, F) from W^T (F, O)
  for (let f = 0; f < F; f++) for (let o = 0; o < O; o++) w[o * F + f] = weight.data[f * O + o];
  return { ...seq, axes: [...seq.axes.slice(0, -1), 'out'], head: { weight: w, outputSize: O, bias: null, activation: 'none' } };
}

function addBias(node: NodeProto, seq: SequenceValue, bias: TracedValue | undefined): SequenceValue {
  const head = seq.head;
  const O = head?.outputSize ?? 0;
  const fits = bias?.kind === 'const' && bias.data.length === O && bias.dims[bias.dims.length - 1] === O;
  if (!head || head.bias || head.activation !== 'none' || !fits || seq.axes[seq.axes.length - 1] !== 'out') {
    refuse(node, `adds ${describeValue(bias)} to ${describeValue(seq)}; a Linear head adds a [${O}] bias once, before its activation`);
  }
  return { ...seq, head: { ...head, bias: Float64Array.from(bias.data) } };
}

function activate(node: NodeProto, seq: SequenceValue, layers: LayerShapes): SequenceValue {
  const head = seq.head;
  if (!head || head.activation !== 'none') refuse(node, `applies ${node.opType} to ${describeValue(seq)}; only the head output takes one sigmoid or softmax`);
  if (node.opType === 'Softmax') {
    // Before opset 13 Softmax flattens the axes from `axis` (default 1) on: the same only when axis is the last one.
    const rank = seq.axes.length;
    const axis = normalise(intAttribute(node, 'axis', layers.opset >= 13 ? -1 : 1), rank, node);
    if (seq.axes[axis] !== 'out' || (layers.opset < 13 && axis !== rank - 1)) refuse(node, `takes the softmax over axis ${axis}, not over the output features alone`);
  }
  return { ...seq, head: { ...head, bias: head.bias ?? new Float64Array(head.outputSize), activation: node.opType === 'Softmax' ? 'softmax' : 'sigmoid' } };
}

export function sequenceOp(node: NodeProto, inputs: (TracedValue | undefined)[], layers: LayerShapes): SequenceValue | null {
  const seqIndex = inputs.findIndex((v) => v?.kind === 'sequence');
  if (seqIndex < 0) return null;
  const seq = inputs[seqIndex] as SequenceValue;
  const other = inputs[seqIndex === 0 ? 1 : 0];
  switch (node.opType) {
    case 'Identity':
      return seq;
    case 'Transpose':
      return transpose(node, seq);
    case 'Squeeze':
      return squeeze(node, seq, inputs[1]?.kind === 'const' ? inputs[1] : undefined, layers);
    case 'Reshape':
      return reshape(node, seq, inputs[1], layers);
    case 'MatMul':
      if (seqIndex !== 0) refuse(node, 'multiplies a constant by a sequence (a Linear head is sequence x W^T)');
      return matmul(node, seq, inputs[1], layers);
    case 'Add':
      return addBias(node, seq, other);
    case 'Sigmoid':
    case 'Softmax':
      return activate(node, seq, layers);
    default:
      return refuse(node, `on ${describeValue(seq)}`);
  }
}
