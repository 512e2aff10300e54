// Parameter layout: the name and shape of every tensor a spec owns, in PyTorch state_dict order.
// Engines, initialisers, project files and ONNX all agree on this one table.
import { gateCount, numDirections, type ModelSpec } from './types';

export interface ParamInfo {
  name: string;
  shape: number[];
  /** What the tensor is, so initialisers know how to draw it. */
  role: 'input' | 'recurrent' | 'bias' | 'head' | 'head_bias' | 'shortcut' | 'state';
  /** Rows per gate block for recurrent/input matrices (H), so schemes can treat each gate separately. */
  gateRows?: number;
}

/** '' for the forward direction, '_reverse' for the backward one (PyTorch's suffix). */
export function directionSuffix(direction: number): string {
  return direction === 0 ? '' : '_reverse';
}

export function paramLayout(spec: ModelSpec): ParamInfo[] {
  const H = spec.hidden_size;
  const I = spec.input_size;
  const O = spec.output_size;
  const out: ParamInfo[] = [];
  switch (spec.arch) {
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const G = gateCount(spec.arch);
      const D = numDirections(spec);
      for (let l = 0; l < spec.num_layers; l++) {
        for (let d = 0; d < D; d++) {
          const sfx = `_l${l}${directionSuffix(d)}`;
          const inSize = l === 0 ? I : D * H;
          out.push({ name: `weight_ih${sfx}`, shape: [G * H, inSize], role: 'input', gateRows: H });
          out.push({ name: `weight_hh${sfx}`, shape: [G * H, H], role: 'recurrent', gateRows: H });
          if (spec.bias) {
            out.push({ name: `bias_ih${sfx}`, shape: [G * H], role: 'bias' });
            out.push({ name: `bias_hh${sfx}`, shape: [G * H], role: 'bias' });
          }
        }
      }
      break;
    }
    case 'elman':
      out.push({ name: 'weight_ih_l0', shape: [H, I], role: 'input', gateRows: H });
      out.push({ name: 'weight_hh_l0', shape: [H, H], role: 'recurrent', gateRows: H });
      if (spec.bias) {
        out.push({ name: 'bias_ih_l0', shape: [H], role: 'bias' });
        out.push({ name: 'bias_hh_l0', shape: [H], role: 'bias' });
      }
      if (spec.shortcut) out.push({ name: 'shortcut.weight', shape: [O, I], role: 'shortcut' });
      break;
    case 'jordan':
      out.push({ name: 'weight_ih_l0', shape: [H, I], role: 'input', gateRows: H });
      // Output-to-hidden feedback: not square, so not a 'recurrent' matrix for spectral rescaling.
      out.push({ name: 'weight_yh_l0', shape: [H, O], role: 'input', gateRows: H });
      if (spec.bias) out.push({ name: 'bias_l0', shape: [H], role: 'bias' });
      break;
    case 'gated':
      // One H x H matrix (and bias) per input symbol k: W_k = weight_hh[k].
      out.push({ name: 'weight_hh', shape: [I, H, H], role: 'recurrent', gateRows: H });
      if (spec.bias) out.push({ name: 'bias_hh', shape: [I, H], role: 'bias' });
      if (spec.learn_h0) out.push({ name: 'h0', shape: [H], role: 'state' });
      break;
  }
  if (O > 0) {
    const D = numDirections(spec);
    out.push({ name: 'head.weight', shape: [O, D * H], role: 'head' });
    out.push({ name: 'head.bias', shape: [O], role: 'head_bias' });
  }
  return out;
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function parameterCount(spec: ModelSpec): number {
  return paramLayout(spec).reduce((n, p) => n + shapeSize(p.shape), 0);
}
