// What the importer knows about each value of the graph while it walks the nodes (an abstract interpretation):
// constants with their numbers, shape arithmetic and zero states (the plumbing torch emits for a default h0),
// and the sequences and final states of the recurrent stack, with every axis labelled by what it holds.
//
// Axis labels of a sequence: the graph input x starts as ['x0', 'x1', 'x2']; the first recurrent node decides which
// of x0/x1 is time and which is batch (the Transpose torch puts in front for batch_first). A recurrent node's Y is
// [t, 'dir', b, 'unit'] (ONNX (T, D, B, H)); 'feat' is a layer's whole D*H output (after Squeeze or Reshape);
// 'out' the head's output features.
import type { OutputActivation } from '../../spec/types';

export interface ConstValue {
  kind: 'const';
  dims: number[];
  data: Float64Array;
}

/** Integers computed from the runtime shape of an input (Shape -> Gather -> Concat ...): values unknown. */
export interface ShapeValue {
  kind: 'shape';
}

/** A tensor of zeros of some runtime shape (ConstantOfShape / Expand of zeros): an initial state of zeros. */
export interface ZerosValue {
  kind: 'zeros';
}

export interface HeadValue {
  /** (O, F) as nn.Linear's weight. */
  weight: Float64Array;
  outputSize: number;
  /** (O), or null until an Add supplies it. */
  bias: Float64Array | null;
  activation: OutputActivation;
}

export interface SequenceValue {
  kind: 'sequence';
  axes: string[];
  /** -1 for the graph input x, l for the output of recurrent layer l. */
  layer: number;
  head: HeadValue | null;
}

/** Final states of recurrent layers, (layers*D, B, H), stacked by Concat along axis 0. */
export interface FinalStateValue {
  kind: 'final-state';
  which: 'h' | 'c';
  layers: number[];
}

/** A graph input that holds initial states (L*D, B, H), or the rows [start, end) of one (Slice on axis 0). */
export interface StateInputValue {
  kind: 'state-input';
  input: string;
  rows: [number, number] | null;
}

/** A graph input not used yet: the first use decides whether it is the sequence x or an initial state. */
export interface GraphInputValue {
  kind: 'graph-input';
  name: string;
}

export type TracedValue = GraphInputValue | ConstValue | ShapeValue | ZerosValue | SequenceValue | FinalStateValue | StateInputValue;

/** Words for a value in error messages. */
export function describeValue(v: TracedValue | undefined): string {
  if (!v) return 'an unknown value';
  switch (v.kind) {
    case 'graph-input':
      return `the graph input '${v.name}'`;
    case 'const':
      return `a constant [${v.dims.join(', ')}]`;
    case 'shape':
      return 'shape arithmetic';
    case 'zeros':
      return 'zeros';
    case 'sequence':
      return v.layer < 0 ? 'the input sequence' : v.head ? 'the head output' : `the output of recurrent layer ${v.layer}`;
    case 'final-state':
      return `final ${v.which} states`;
    case 'state-input':
      return `the initial-state input '${v.input}'`;
  }
}

export function isAllZero(v: TracedValue | undefined): boolean {
  return v?.kind === 'zeros' || (v?.kind === 'const' && v.data.every((x) => x === 0));
}
