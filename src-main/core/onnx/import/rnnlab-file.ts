// Files RNN Lab exported itself carry their spec in the metadata property 'rnnlab.spec' (export/build-model.ts).
// rnn/lstm/gru graphs are traced like PyTorch's and must agree with that spec; elman, jordan and gated run in a Scan,
// so their weights are read back by the initializer names the exporter writes: a parameter under its own name (gated's
// learned state as `learned_h0`), or transposed as `<name>_t` (gated's W as `weight_hh_cat_t`, (H, K*H)).
import { paramLayout, shapeSize, type ParamInfo } from '../../spec/params';
import { parseModelSpec } from '../../spec/schema';
import { TORCH_ARCHITECTURES, type ModelSpec, type TorchArchitecture } from '../../spec/types';
import type { Weights } from '../../tensor';
import { metadataValue } from '../codec';
import type { GraphProto, ModelProto } from '../proto-types';
import { elementCount, tensorValues } from '../tensor-data';
import { assembleModel, type ImportedModel } from './assemble';
import { OnnxImportError } from './errors';
import { traceGraph } from './trace';

export const SPEC_METADATA_KEY = 'rnnlab.spec';

/** The spec an RNN Lab export carries, or null for files from elsewhere. */
export function rnnlabSpec(model: ModelProto): ModelSpec | null {
  const text = metadataValue(model, SPEC_METADATA_KEY);
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OnnxImportError(`metadata '${SPEC_METADATA_KEY}': expected a JSON model spec, found text that does not parse`);
  }
  return parseModelSpec(value);
}

/** (rows, cols) of a parameter seen as a matrix: the last axis is the columns. */
function matrixShape(p: ParamInfo): [number, number] {
  const cols = p.shape.length > 1 ? p.shape[p.shape.length - 1] : 1;
  return [shapeSize(p.shape) / cols, cols];
}

/** Initializer names the exporter uses for a parameter: as is, or transposed as a matrix. */
function storedNames(name: string): { direct: string[]; transposed: string[] } {
  if (name === 'h0') return { direct: ['learned_h0', 'h0'], transposed: [] };
  if (name === 'weight_hh') return { direct: [], transposed: ['weight_hh_cat_t'] };
  return { direct: [name], transposed: [`${name}_t`] };
}

function weightsByName(spec: ModelSpec, graph: GraphProto): Weights {
  const initializers = new Map(graph.initializer.map((t) => [t.name, t]));
  const weights: Weights = {};
  for (const p of paramLayout(spec)) {
    const size = shapeSize(p.shape);
    const names = storedNames(p.name);
    const find = (list: string[]) => list.map((n) => initializers.get(n)).find((t) => t !== undefined && elementCount(t.dims) === size);
    const direct = find(names.direct);
    if (direct) {
      weights[p.name] = { shape: [...p.shape], data: tensorValues(direct) };
      continue;
    }
    const transposed = find(names.transposed);
    if (!transposed) {
      const tried = [...names.direct, ...names.transposed].map((n) => `'${n}'`).join(' or ');
      throw new OnnxImportError(`RNN Lab file: expected an initializer ${tried} with ${size} values for parameter ${p.name}, found none`);
    }
    const [rows, cols] = matrixShape(p);
    const t = tensorValues(transposed); // (cols, rows)
    const data = new Float64Array(size);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = t[c * rows + r];
    weights[p.name] = { shape: [...p.shape], data };
  }
  return weights;
}

function differsFrom(spec: ModelSpec, traced: ModelSpec): string | null {
  const keys = ['arch', 'input_size', 'hidden_size', 'num_layers', 'nonlinearity', 'bias', 'bidirectional', 'output_size', 'output_activation'] as const;
  const key = keys.find((k) => spec[k] !== traced[k]);
  return key ? `${key}: metadata says ${String(spec[key])}, the graph holds ${String(traced[key])}` : null;
}

/** An RNN Lab export: the metadata's spec (exactly, with init and dropout) and the graph's weights. */
export function importRnnlabFile(model: ModelProto, spec: ModelSpec, opset: number): ImportedModel {
  const graph = model.graph as GraphProto;
  if (TORCH_ARCHITECTURES.includes(spec.arch as TorchArchitecture)) {
    const traced = assembleModel(traceGraph(graph, opset), graph.output);
    const problem = differsFrom(spec, traced.spec);
    if (problem) throw new OnnxImportError(`RNN Lab file: the graph does not match its metadata spec (${problem})`);
    return { ...traced, spec };
  }
  const inputNames = new Set(graph.input.map((i) => i.name));
  const has = (name: string) => (inputNames.has(name) ? name : null);
  return {
    spec,
    weights: weightsByName(spec, graph),
    inputs: { x: graph.input[0]?.name ?? 'x', h0: has('h0'), c0: null, y0: has('y0') },
    outputs: graph.output.map((o) => ({ name: o.name, role: o.name === 'y' ? 'y' : o.name === 'h_n' ? 'h_n' : 'output' })),
  };
}
