// The plumbing torch emits around recurrent nodes that carries no weights: shape arithmetic (Shape, Gather,
// Unsqueeze, Concat ...), zero initial states (ConstantOfShape, Expand, Slice of zeros), and rows of an
// initial-state input (Slice on axis 0 of h0/c0, one layer's L*D rows). Each handler returns null when the node
// is not plumbing, so the caller can try the sequence handlers.
import type { NodeProto } from '../proto-types';
import { nodeLabel } from './attributes';
import { constFromTensor } from './constants';
import { IMPORT_SCOPE, OnnxImportError } from './errors';
import { isAllZero, type TracedValue } from './values';

const SHAPE_ARITHMETIC = new Set(['Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Slice', 'Cast', 'Add', 'Sub', 'Mul', 'Div', 'Reshape', 'Identity', 'Range', 'Min', 'Max', 'Equal', 'Where']);
const ZERO_PRESERVING = new Set(['Slice', 'Unsqueeze', 'Squeeze', 'Reshape', 'Transpose', 'Identity', 'Cast', 'Expand', 'Tile']);

function isSequenceInput(v: TracedValue | undefined): boolean {
  return v?.kind === 'sequence' || v?.kind === 'graph-input';
}

function sliceRows(node: NodeProto, inputs: (TracedValue | undefined)[]): [number, number] {
  const [, starts, ends, axes, steps] = inputs;
  const one = (v: TracedValue | undefined) => (v?.kind === 'const' && v.data.length === 1 ? v.data[0] : null);
  const start = one(starts);
  const end = one(ends);
  const axis = axes === undefined ? 0 : one(axes);
  const step = steps === undefined ? 1 : one(steps);
  if (start === null || end === null || axis !== 0 || step !== 1 || start < 0) {
    throw new OnnxImportError(`unsupported: ${nodeLabel(node)} — expected a slice of rows [start, end) on axis 0 of an initial state`);
  }
  return [start, end];
}

export function plumbingOp(node: NodeProto, inputs: (TracedValue | undefined)[]): TracedValue | null {
  const [first] = inputs;
  const op = node.opType;
  if (op === 'Shape' && isSequenceInput(first)) return { kind: 'shape' };
  if (SHAPE_ARITHMETIC.has(op) && inputs.some((v) => v?.kind === 'shape') && inputs.every((v) => !v || v.kind === 'shape' || v.kind === 'const')) {
    return { kind: 'shape' };
  }
  if (op === 'ConstantOfShape') {
    const value = node.attribute.find((a) => a.name === 'value')?.t;
    if (!value || isAllZero(constFromTensor(value))) return { kind: 'zeros' };
    throw new OnnxImportError(`unsupported: ${nodeLabel(node)} fills a non-zero tensor — ${IMPORT_SCOPE}`);
  }
  if (ZERO_PRESERVING.has(op) && first && isAllZero(first) && first.kind !== 'const') return { kind: 'zeros' };
  if (op === 'Expand' && isAllZero(first)) return { kind: 'zeros' };
  if (op === 'Concat' && inputs.every((v) => isAllZero(v)) && inputs.some((v) => v?.kind === 'zeros')) return { kind: 'zeros' };
  if (op === 'Identity' && first && (first.kind === 'state-input' || first.kind === 'final-state' || first.kind === 'zeros')) return first;
  if (op === 'Slice' && first?.kind === 'graph-input') return { kind: 'state-input', input: first.name, rows: sliceRows(node, inputs) };
  if (op === 'Slice' && first?.kind === 'state-input' && first.rows === null) {
    return { kind: 'state-input', input: first.input, rows: sliceRows(node, inputs) };
  }
  return null;
}
