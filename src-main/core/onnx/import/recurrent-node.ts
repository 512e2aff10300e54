// One ONNX RNN/LSTM/GRU node -> one PyTorch layer: checks the attributes PyTorch can express, splits
// W (D, G*H, in), R (D, G*H, H) and B (D, 2*G*H) = [Wb, Rb] per direction, and undoes the gate orders
// (ONNX LSTM i,o,f,c -> PyTorch i,f,g,o; GRU z,r,h -> r,z,n).
import { directionSuffix } from '../../spec/params';
import { gateCount, type Nonlinearity, type TorchArchitecture } from '../../spec/types';
import type { Tensor } from '../../tensor';
import { gruGatesOnnxToTorch, lstmGatesOnnxToTorch } from '../export/gate-order';
import type { NodeProto } from '../proto-types';
import { findAttribute, intAttribute, nodeLabel, stringAttribute, stringsAttribute } from './attributes';
import { OnnxImportError } from './errors';
import { describeValue, isAllZero, type ConstValue, type TracedValue } from './values';

export const RECURRENT_OPS: ReadonlyMap<string, TorchArchitecture> = new Map([['RNN', 'rnn'], ['LSTM', 'lstm'], ['GRU', 'gru']]);

/** Where a layer's initial state comes from: zeros, or rows of a graph input. */
export type InitialState = { kind: 'zeros' } | { kind: 'input'; input: string; rows: [number, number] | null };

export interface LayerRecord {
  node: NodeProto;
  arch: TorchArchitecture;
  directions: 1 | 2;
  hidden: number;
  inputSize: number;
  nonlinearity: Nonlinearity;
  bias: boolean;
  /** PyTorch-named tensors of this layer (weight_ih_l{l}, weight_hh_l{l}, bias_*, with _reverse). */
  weights: Record<string, Tensor>;
  initialH: InitialState;
  initialC: InitialState;
}

function fail(node: NodeProto, expected: string, found: string): never {
  throw new OnnxImportError(`unsupported: ${nodeLabel(node)}: expected ${expected}, found ${found}`);
}

function weightInput(node: NodeProto, value: TracedValue | undefined, what: string, dims: (number | null)[]): ConstValue {
  if (value?.kind !== 'const') fail(node, `${what} as a constant`, describeValue(value));
  const ok = value.dims.length === dims.length && dims.every((d, i) => d === null || d === value.dims[i]);
  if (!ok) fail(node, `${what} of shape [${dims.map((d) => d ?? '?').join(', ')}]`, `[${value.dims.join(', ')}]`);
  return value;
}

function initialState(node: NodeProto, value: TracedValue | undefined, present: boolean, what: string): InitialState {
  if (!present || isAllZero(value)) return { kind: 'zeros' };
  if (value?.kind === 'state-input') return { kind: 'input', input: value.input, rows: value.rows };
  if (value?.kind === 'graph-input') return { kind: 'input', input: value.name, rows: null };
  return fail(node, `${what} as zeros or a graph input`, describeValue(value));
}

function activations(node: NodeProto, arch: TorchArchitecture, D: number): Nonlinearity {
  const given = stringsAttribute(node, 'activations');
  const defaults = { rnn: ['Tanh'], lstm: ['Sigmoid', 'Tanh', 'Tanh'], gru: ['Sigmoid', 'Tanh'] }[arch];
  if (!given) return 'tanh';
  const per = given.length / D;
  const first = given.slice(0, per).map((s) => s.toLowerCase());
  const same = given.every((s, i) => s.toLowerCase() === first[i % per]);
  if (arch === 'rnn' && same && per === 1 && (first[0] === 'tanh' || first[0] === 'relu')) return first[0];
  if (arch !== 'rnn' && same && first.join() === defaults.map((s) => s.toLowerCase()).join()) return 'tanh';
  return fail(node, `activations ${defaults.join(', ')}${arch === 'rnn' ? ' or Relu' : ''} (as PyTorch)`, given.join(', '));
}

function toTorchGates(arch: TorchArchitecture, data: Float64Array, H: number, cols: number): Float64Array {
  if (arch === 'lstm') return lstmGatesOnnxToTorch(data, H, cols);
  if (arch === 'gru') return gruGatesOnnxToTorch(data, H, cols);
  return Float64Array.from(data);
}

/** Reads the node of recurrent layer `layer`; `inputs` are the traced values of its inputs ('' -> undefined). */
export function readRecurrentNode(node: NodeProto, layer: number, inputs: (TracedValue | undefined)[]): LayerRecord {
  const arch = RECURRENT_OPS.get(node.opType) as TorchArchitecture;
  const direction = stringAttribute(node, 'direction', 'forward');
  if (direction !== 'forward' && direction !== 'bidirectional') fail(node, "direction 'forward' or 'bidirectional'", `'${direction}'`);
  for (const name of ['clip', 'activation_alpha', 'activation_beta']) {
    if (findAttribute(node, name)) fail(node, `no '${name}' attribute (PyTorch has none)`, `'${name}'`);
  }
  if (intAttribute(node, 'layout', 0) !== 0) fail(node, 'layout 0 (time-major)', `layout ${intAttribute(node, 'layout', 0)}`);
  if (arch === 'lstm' && intAttribute(node, 'input_forget', 0) !== 0) fail(node, 'input_forget 0', 'input_forget 1');
  if (arch === 'gru' && intAttribute(node, 'linear_before_reset', 0) !== 1) {
    fail(node, "linear_before_reset=1 (PyTorch's GRU applies the reset gate after the recurrent product)", `linear_before_reset=${intAttribute(node, 'linear_before_reset', 0)}`);
  }
  const D = direction === 'bidirectional' ? 2 : 1;
  const G = gateCount(arch);
  const H = intAttribute(node, 'hidden_size', 0);
  const present = (i: number) => (node.input[i] ?? '') !== '';
  const W = weightInput(node, inputs[1], 'W', [D, G * H, null]);
  const R = weightInput(node, inputs[2], 'R', [D, G * H, H]);
  const B = present(3) ? weightInput(node, inputs[3], 'B', [D, 2 * G * H]) : null;
  if (present(4)) fail(node, 'no sequence_lens input (PyTorch runs whole sequences)', `'${node.input[4]}'`);
  if (arch === 'lstm' && present(7) && !isAllZero(inputs[7])) fail(node, 'no peephole input P (PyTorch has none)', describeValue(inputs[7]));
  const I = W.dims[2];
  const weights: Record<string, Tensor> = {};
  const rows = G * H;
  for (let d = 0; d < D; d++) {
    const sfx = `_l${layer}${directionSuffix(d)}`;
    // Block k of `size` values: W and R hold one block per direction, B two ([Wb, Rb]).
    const block = (t: ConstValue, size: number, k: number) => t.data.subarray(k * size, (k + 1) * size);
    weights[`weight_ih${sfx}`] = { shape: [rows, I], data: toTorchGates(arch, block(W, rows * I, d), H, I) };
    weights[`weight_hh${sfx}`] = { shape: [rows, H], data: toTorchGates(arch, block(R, rows * H, d), H, H) };
    if (B) {
      weights[`bias_ih${sfx}`] = { shape: [rows], data: toTorchGates(arch, block(B, rows, 2 * d), H, 1) };
      weights[`bias_hh${sfx}`] = { shape: [rows], data: toTorchGates(arch, block(B, rows, 2 * d + 1), H, 1) };
    }
  }
  return {
    node,
    arch,
    directions: D,
    hidden: H,
    inputSize: I,
    nonlinearity: activations(node, arch, D),
    bias: B !== null,
    weights,
    initialH: initialState(node, inputs[5], present(5), 'initial_h'),
    initialC: arch === 'lstm' ? initialState(node, inputs[6], present(6), 'initial_c') : { kind: 'zeros' },
  };
}
