// From a traced graph to a model: checks that the recurrent layers form one PyTorch stack (same family, sizes,
// directions, bias), that the graph outputs are y / the last layer's output / h_n / c_n, that the initial states are
// zeros or the rows of h0/c0 inputs, and builds the ModelSpec and PyTorch-named weights.
import { paramLayout } from '../../spec/params';
import { parseModelSpec } from '../../spec/schema';
import type { ModelSpec } from '../../spec/types';
import type { Weights } from '../../tensor';
import type { ValueInfoProto } from '../proto-types';
import { IMPORT_SCOPE, OnnxImportError } from './errors';
import type { InitialState, LayerRecord } from './recurrent-node';
import type { TraceResult } from './trace';
import { describeValue, type HeadValue, type SequenceValue } from './values';

export type OutputRole = 'y' | 'output' | 'h_n' | 'c_n';

export interface ImportedModel {
  spec: ModelSpec;
  weights: Weights;
  /** Graph input names by role; h0/c0 (y0: jordan's first fed-back output) null when the graph starts from zeros. */
  inputs: { x: string; h0: string | null; c0: string | null; y0: string | null };
  /** Every graph output with what it holds (y: head output, output: last layer's features). */
  outputs: { name: string; role: OutputRole }[];
}

function unsupported(what: string): never {
  throw new OnnxImportError(`unsupported: ${what} — ${IMPORT_SCOPE}`);
}

function checkStack(layers: LayerRecord[]): void {
  const first = layers[0];
  layers.forEach((layer, l) => {
    const differs = (['arch', 'directions', 'hidden', 'bias', 'nonlinearity'] as const).find((k) => layer[k] !== first[k]);
    if (differs) unsupported(`layer ${l} (node '${layer.node.name}') has ${differs} ${String(layer[differs])} but layer 0 has ${String(first[differs])}; a PyTorch stack repeats one layer`);
    const expected = l === 0 ? layer.inputSize : first.directions * first.hidden;
    if (layer.inputSize !== expected) unsupported(`layer ${l} takes ${layer.inputSize} features, expected ${expected}`);
  });
}

/** The graph input holding every layer's initial state, or null for zeros. */
function stateInput(layers: LayerRecord[], which: 'initialH' | 'initialC', label: string): string | null {
  const states: InitialState[] = layers.map((layer) => layer[which]);
  if (states.every((s) => s.kind === 'zeros')) return null;
  const D = layers[0].directions;
  const name = states[0].kind === 'input' ? states[0].input : '';
  states.forEach((s, l) => {
    // An open end (INT64_MAX) slices to the last row, L*D.
    const rows = s.kind === 'input' ? [s.rows?.[0] ?? 0, Math.min(s.rows?.[1] ?? Infinity, layers.length * D)] : null;
    if (s.kind !== 'input' || s.input !== name || rows?.[0] !== l * D || rows?.[1] !== (l + 1) * D) {
      unsupported(`${label} of layer ${l} is not rows [${l * D}, ${(l + 1) * D}) of one initial-state input like the other layers`);
    }
  });
  return name;
}

function sameHead(a: HeadValue | null, b: HeadValue | null): boolean {
  if (!a || !b) return a === b;
  return a.activation === b.activation && a.weight.every((v, i) => v === b.weight[i]) && (a.bias ?? []).toString() === (b.bias ?? []).toString();
}

export function assembleModel(trace: TraceResult, graphOutputs: ValueInfoProto[]): ImportedModel {
  const { layers } = trace;
  if (layers.length === 0 || trace.sequenceInput === null) unsupported('the graph has no RNN, LSTM or GRU node reading the input sequence');
  checkStack(layers);
  const L = layers.length;
  const batchFirst = trace.timeAxis === 'x1';
  const outputs: ImportedModel['outputs'] = [];
  let head: HeadValue | null = null;
  for (const out of graphOutputs) {
    const v = trace.values.get(out.name);
    if (v?.kind === 'final-state' && v.layers.join() === layers.map((_, l) => l).join()) {
      outputs.push({ name: out.name, role: v.which === 'h' ? 'h_n' : 'c_n' });
      continue;
    }
    const seq = v?.kind === 'sequence' ? (v as SequenceValue) : null;
    const feature = seq?.axes[2];
    if (!seq || seq.layer !== L - 1 || seq.axes.length !== 3 || (feature !== 'feat' && feature !== 'out')) {
      unsupported(`graph output '${out.name}' is ${describeValue(v)}; expected the head output, the last layer's (batch, time, features) output, h_n or c_n`);
    }
    if ((seq.axes[0] === trace.timeAxis) === batchFirst) {
      unsupported(`graph output '${out.name}' is ${batchFirst ? 'time' : 'batch'}-major while the input is ${batchFirst ? 'batch' : 'time'}-major; RNN Lab keeps one batch_first for both`);
    }
    if (seq.head && head && !sameHead(seq.head, head)) unsupported(`graph outputs hold two different heads`);
    head = seq.head ?? head;
    outputs.push({ name: out.name, role: seq.head ? 'y' : 'output' });
  }
  const first = layers[0];
  const spec = parseModelSpec({
    arch: first.arch,
    input_size: first.inputSize,
    hidden_size: first.hidden,
    num_layers: L,
    nonlinearity: first.nonlinearity,
    bias: first.bias,
    batch_first: batchFirst,
    bidirectional: first.directions === 2,
    output_size: head?.outputSize ?? 0,
    output_activation: head?.activation ?? 'none',
  });
  const weights: Weights = {};
  for (const layer of layers) Object.assign(weights, layer.weights);
  if (head) {
    weights['head.weight'] = { shape: [head.outputSize, first.directions * first.hidden], data: head.weight };
    weights['head.bias'] = { shape: [head.outputSize], data: head.bias ?? new Float64Array(head.outputSize) };
  }
  for (const p of paramLayout(spec)) {
    if (weights[p.name]?.shape.join() !== p.shape.join()) throw new OnnxImportError(`internal: parameter ${p.name} of shape [${p.shape.join(', ')}] was not rebuilt`);
  }
  const h0 = stateInput(layers, 'initialH', 'initial_h');
  const c0 = first.arch === 'lstm' ? stateInput(layers, 'initialC', 'initial_c') : null;
  return { spec, weights, inputs: { x: trace.sequenceInput, h0, c0, y0: null }, outputs };
}
