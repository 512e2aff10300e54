// A stack of L layers (PyTorch RNN.cpp's apply_layer_stack): layer l > 0 reads layer l-1's output (T, B, D*H),
// multiplied elementwise by a dropout mask in training. Time-major throughout; h0/hN are (L*D, B, H) with
// index layer*D + direction, as PyTorch's h_n.
import type { Weights } from '../../tensor';
import { directionSuffix } from '../../spec/params';
import type { DirectionGrads, DirectionParams, ScanShape } from './direction';
import { finalStates, layerBackward, layerForward, type LayerResult } from './layer';

export interface StackShape extends Omit<ScanShape, 'inSize'> {
  I: number;
  L: number;
  D: number;
}

export interface StackTrace {
  /** Input of every layer (T, B, In_l), after dropout for l > 0. */
  inputs: Float64Array[];
  layers: LayerResult[];
  /** Time-major masks applied to the inputs of layers 1..L-1, or null without dropout. */
  masks: Float64Array[] | null;
}

function layerShape(shape: StackShape, l: number): ScanShape {
  return { ...shape, inSize: l === 0 ? shape.I : shape.D * shape.H };
}

function names(l: number, d: number) {
  const sfx = `_l${l}${directionSuffix(d)}`;
  return { wIh: `weight_ih${sfx}`, wHh: `weight_hh${sfx}`, bIh: `bias_ih${sfx}`, bHh: `bias_hh${sfx}` };
}

function directionParams(weights: Weights, l: number, D: number): DirectionParams[] {
  return Array.from({ length: D }, (_, d) => {
    const n = names(l, d);
    return {
      wIh: weights[n.wIh].data,
      wHh: weights[n.wHh].data,
      bIh: weights[n.bIh]?.data ?? null,
      bHh: weights[n.bHh]?.data ?? null,
    };
  });
}

function directionGrads(grads: Record<string, Float64Array>, l: number, D: number): DirectionGrads[] {
  return Array.from({ length: D }, (_, d) => {
    const n = names(l, d);
    return { dWih: grads[n.wIh], dWhh: grads[n.wHh], dbIh: grads[n.bIh] ?? null, dbHh: grads[n.bHh] ?? null };
  });
}

/** x (T, B, I); h0, c0 (L*D, B, H) (c0 null unless LSTM); masks time-major (T, B, D*H) or null. */
export function stackForward(
  shape: StackShape,
  weights: Weights,
  x: Float64Array,
  h0: Float64Array,
  c0: Float64Array | null,
  masks: Float64Array[] | null,
): StackTrace {
  const { L, D, B, H } = shape;
  const rows = D * B * H;
  const inputs: Float64Array[] = [];
  const layers: LayerResult[] = [];
  let input = x;
  for (let l = 0; l < L; l++) {
    if (l > 0) {
      input = layers[l - 1].out;
      if (masks) input = input.map((v, i) => v * masks[l - 1][i]);
    }
    inputs.push(input);
    const h0l = h0.subarray(l * rows, (l + 1) * rows);
    const c0l = c0 ? c0.subarray(l * rows, (l + 1) * rows) : null;
    layers.push(layerForward(layerShape(shape, l), directionParams(weights, l, D), input, h0l, c0l));
  }
  return { inputs, layers, masks };
}

/** (L*D, B, H) final hidden (or LSTM cell) states of every layer and direction. */
export function stackFinalStates(shape: StackShape, trace: StackTrace, which: 'hs' | 'cs'): Float64Array {
  const { L, D, B, T, H } = shape;
  const out = new Float64Array(L * D * B * H);
  trace.layers.forEach((layer, l) => out.set(finalStates(layer.traces, which, B, T, H), l * D * B * H));
  return out;
}

export interface StackGradients {
  dx: Float64Array;
  dh0: Float64Array;
  dc0: Float64Array | null;
  /** Per layer, per step: the squared norm of the total dL/dh_t. */
  normsSq: Float64Array[];
}

/** Backward from dOut (T, B, D*H) on the top layer and dhN/dcN (L*D, B, H); accumulates into grads by name. */
export function stackBackward(
  shape: StackShape,
  weights: Weights,
  trace: StackTrace,
  dOut: Float64Array,
  dhN: Float64Array | null,
  dcN: Float64Array | null,
  grads: Record<string, Float64Array>,
): StackGradients {
  const { L, D, B, T, H } = shape;
  const rows = D * B * H;
  const dh0 = new Float64Array(L * rows);
  const dc0 = shape.cell === 'lstm' ? new Float64Array(L * rows) : null;
  const normsSq = Array.from({ length: L }, () => new Float64Array(T));
  let dAbove = dOut;
  let dx = new Float64Array(0);
  for (let l = L - 1; l >= 0; l--) {
    const ls = layerShape(shape, l);
    dx = new Float64Array(T * B * ls.inSize);
    const dhNl = dhN ? dhN.subarray(l * rows, (l + 1) * rows) : null;
    const dcNl = dcN ? dcN.subarray(l * rows, (l + 1) * rows) : null;
    const params = directionParams(weights, l, D);
    const r = layerBackward(ls, params, trace.layers[l], trace.inputs[l], dAbove, dhNl, dcNl, directionGrads(grads, l, D), dx, normsSq[l]);
    dh0.set(r.dh0, l * rows);
    if (dc0 && r.dc0) dc0.set(r.dc0, l * rows);
    const mask = l > 0 && trace.masks ? trace.masks[l - 1] : null;
    dAbove = mask ? dx.map((v, i) => v * mask[i]) : dx;
  }
  return { dx, dh0, dc0, normsSq };
}
