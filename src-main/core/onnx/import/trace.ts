// Walks the nodes of a graph in order (ONNX stores them topologically sorted) and gives every value a meaning
// (values.ts): constants are folded, plumbing is recognised, sequences carry axis labels, and each RNN/LSTM/GRU node
// becomes one PyTorch layer. Any node outside these patterns stops the walk with a one-line OnnxImportError.
import type { GraphProto, NodeProto } from '../proto-types';
import { nodeLabel } from './attributes';
import { constantNodeValue, constFromTensor, foldConstant } from './constants';
import { IMPORT_SCOPE, OnnxImportError } from './errors';
import { plumbingOp } from './plumbing-ops';
import { readRecurrentNode, RECURRENT_OPS, type LayerRecord } from './recurrent-node';
import { sequenceOp, type LayerShapes } from './sequence-ops';
import { describeValue, type ConstValue, type SequenceValue, type TracedValue } from './values';

/** Ops that make zero states even from constant inputs (a static-shape export), so they are not folded. */
const PLUMBING_FIRST = new Set(['ConstantOfShape', 'Expand']);

export interface TraceResult {
  layers: LayerRecord[];
  values: Map<string, TracedValue>;
  /** The graph input that is the sequence x, and which of its axes ('x0' or 'x1') is time. */
  sequenceInput: string | null;
  timeAxis: string | null;
}

class Tracer implements LayerShapes {
  readonly values = new Map<string, TracedValue>();
  readonly layers: LayerRecord[] = [];
  sequenceInput: string | null = null;
  timeAxis: string | null = null;
  batchAxis: string | null = null;

  constructor(readonly opset: number) {}

  features(layer: number): number {
    return this.layers[layer].directions * this.layers[layer].hidden;
  }

  directions(layer: number): number {
    return this.layers[layer].directions;
  }

  /** A graph input used as a sequence becomes x: [x0, x1, x2], time and batch decided by the first recurrent node. */
  asSequence(node: NodeProto, v: TracedValue | undefined): TracedValue | undefined {
    if (v?.kind !== 'graph-input') return v;
    if (this.sequenceInput !== null && this.sequenceInput !== v.name) {
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} reads a second sequence input '${v.name}' besides '${this.sequenceInput}' — ${IMPORT_SCOPE}`);
    }
    this.sequenceInput = v.name;
    return { kind: 'sequence', axes: ['x0', 'x1', 'x2'], layer: -1, head: null };
  }

  recurrent(node: NodeProto, inputs: (TracedValue | undefined)[]): TracedValue[] {
    const l = this.layers.length;
    const x = this.asSequence(node, inputs[0]);
    const expectedFeature = l === 0 ? 'x2' : 'feat';
    if (x?.kind !== 'sequence' || x.head || x.layer !== l - 1 || x.axes.length !== 3 || x.axes[2] !== expectedFeature) {
      const wanted = l === 0 ? 'the input sequence' : `the output of recurrent layer ${l - 1}`;
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} reads ${describeValue(x)} as X; expected ${wanted} as (time, batch, features) — ${IMPORT_SCOPE}`);
    }
    const [t, b] = x.axes;
    if (l === 0) {
      this.timeAxis = t;
      this.batchAxis = b;
    } else if (t !== this.timeAxis || b !== this.batchAxis) {
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} reads layer ${l - 1}'s output with time and batch swapped — ${IMPORT_SCOPE}`);
    }
    this.layers.push(readRecurrentNode(node, l, inputs));
    const y: SequenceValue = { kind: 'sequence', axes: [t, 'dir', b, 'unit'], layer: l, head: null };
    return [y, { kind: 'final-state', which: 'h', layers: [l] }, { kind: 'final-state', which: 'c', layers: [l] }];
  }

  concatStates(node: NodeProto, inputs: (TracedValue | undefined)[]): TracedValue | null {
    if (node.opType !== 'Concat' || !inputs.every((v) => v?.kind === 'final-state')) return null;
    const states = inputs.map((v) => v as Extract<TracedValue, { kind: 'final-state' }>);
    const axis = node.attribute.find((a) => a.name === 'axis')?.i ?? 0;
    if (Number(axis) !== 0 || states.some((s) => s.which !== states[0].which)) {
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} joins final states other than stacking one kind along axis 0 — ${IMPORT_SCOPE}`);
    }
    return { kind: 'final-state', which: states[0].which, layers: states.flatMap((s) => s.layers) };
  }

  visit(node: NodeProto): void {
    const inputs = node.input.map((name) => {
      if (name === '') return undefined;
      const v = this.values.get(name);
      if (!v) throw new OnnxImportError(`${nodeLabel(node)}: expected input '${name}' to be a graph input, an initializer or an earlier node's output, found none`);
      return v;
    });
    let outputs: TracedValue[];
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      throw new OnnxImportError(`unsupported: ${nodeLabel(node)} from operator domain '${node.domain}' — ${IMPORT_SCOPE}`);
    } else if (node.opType === 'Constant') {
      outputs = [constantNodeValue(node)];
    } else if (RECURRENT_OPS.has(node.opType)) {
      outputs = this.recurrent(node, inputs);
    } else if (inputs.length > 0 && !PLUMBING_FIRST.has(node.opType) && inputs.every((v) => v === undefined || v.kind === 'const')) {
      outputs = [foldConstant(node, inputs as (ConstValue | undefined)[])];
    } else {
      const plumbing = plumbingOp(node, inputs) ?? this.concatStates(node, inputs);
      const result = plumbing ?? sequenceOp(node, inputs.map((v) => this.asSequence(node, v)), this);
      if (!result) throw new OnnxImportError(`unsupported: ${nodeLabel(node)} on ${inputs.map(describeValue).join(', ')} — ${IMPORT_SCOPE}`);
      outputs = [result];
    }
    node.output.forEach((name, i) => {
      if (name !== '' && outputs[i]) this.values.set(name, outputs[i]);
    });
  }
}

export function traceGraph(graph: GraphProto, opset: number): TraceResult {
  const tracer = new Tracer(opset);
  for (const t of graph.initializer) tracer.values.set(t.name, constFromTensor(t));
  for (const input of graph.input) {
    if (!tracer.values.has(input.name)) tracer.values.set(input.name, { kind: 'graph-input', name: input.name });
  }
  for (const node of graph.node) tracer.visit(node);
  return { layers: tracer.layers, values: tracer.values, sequenceInput: tracer.sequenceInput, timeAxis: tracer.timeAxis };
}
