// One layer of D directions (PyTorch RNN.cpp's FullBidirectionalLayer): each direction scans the same input
// with its own weights, and the layer output concatenates them per step, forward in columns [0, H), reverse in
// [H, 2H). Time-major throughout: x (T, B, In), out (T, B, D*H).
import {
  directionBackward,
  directionForward,
  timeOfStep,
  type DirectionGrads,
  type DirectionParams,
  type DirectionTrace,
  type ScanShape,
} from './direction';

export interface LayerResult {
  traces: DirectionTrace[];
  /** (T, B, D*H) hidden states at every step. */
  out: Float64Array;
  /** (T, B, D*H) LSTM cell states at every step, else null. */
  cellOut: Float64Array | null;
}

/** h0, c0: (D, B, H) initial states of this layer's directions (c0 null unless LSTM). */
export function layerForward(
  shape: ScanShape,
  params: DirectionParams[],
  x: Float64Array,
  h0: Float64Array,
  c0: Float64Array | null,
): LayerResult {
  const { B, T, H } = shape;
  const D = params.length;
  const BH = B * H;
  const out = new Float64Array(T * B * D * H);
  const cellOut = shape.cell === 'lstm' ? new Float64Array(T * B * D * H) : null;
  const traces = params.map((p, d) => {
    const h0d = h0.subarray(d * BH, (d + 1) * BH);
    const c0d = c0 ? c0.subarray(d * BH, (d + 1) * BH) : null;
    const trace = directionForward(shape, p, x, h0d, c0d, d === 1);
    scatterStates(out, trace.hs, d, D, shape, trace.reverse);
    if (cellOut) scatterStates(cellOut, trace.cs!, d, D, shape, trace.reverse);
    return trace;
  });
  return { traces, out, cellOut };
}

/** Copies states in processing order (T+1, B, H) into columns [d*H, (d+1)*H) of a time-ordered (T, B, D*H). */
function scatterStates(dest: Float64Array, states: Float64Array, d: number, D: number, shape: ScanShape, reverse: boolean): void {
  const { B, T, H } = shape;
  for (let s = 0; s < T; s++) {
    const t = timeOfStep(s, T, reverse);
    for (let b = 0; b < B; b++) {
      const from = ((s + 1) * B + b) * H;
      dest.set(states.subarray(from, from + H), (t * B + b) * D * H + d * H);
    }
  }
}

/** The states after the last processed step of every direction: (D, B, H) for h_n (or c_n from `cs`). */
export function finalStates(traces: DirectionTrace[], which: 'hs' | 'cs', B: number, T: number, H: number): Float64Array {
  const BH = B * H;
  const out = new Float64Array(traces.length * BH);
  traces.forEach((trace, d) => out.set(trace[which]!.subarray(T * BH, (T + 1) * BH), d * BH));
  return out;
}

/**
 * Backward through one layer given dOut (T, B, D*H) from above and dhN/dcN (D, B, H) at the last steps.
 * Accumulates weight gradients, dx (T, B, In) and normsSq (T); returns dh0 and dc0 (D, B, H).
 */
export function layerBackward(
  shape: ScanShape,
  params: DirectionParams[],
  layer: LayerResult,
  x: Float64Array,
  dOut: Float64Array,
  dhN: Float64Array | null,
  dcN: Float64Array | null,
  grads: DirectionGrads[],
  dx: Float64Array,
  normsSq: Float64Array,
): { dh0: Float64Array; dc0: Float64Array | null } {
  const { B, H } = shape;
  const D = params.length;
  const BH = B * H;
  const dh0 = new Float64Array(D * BH);
  const dc0 = shape.cell === 'lstm' ? new Float64Array(D * BH) : null;
  for (let d = 0; d < D; d++) {
    const above = { dAbove: dOut, col: d * H, width: D * H };
    const dhLast = dhN ? dhN.subarray(d * BH, (d + 1) * BH) : null;
    const dcLast = dcN ? dcN.subarray(d * BH, (d + 1) * BH) : null;
    const r = directionBackward(shape, params[d], layer.traces[d], x, above, dhLast, dcLast, grads[d], dx, normsSq);
    dh0.set(r.dh0, d * BH);
    if (dc0 && r.dc0) dc0.set(r.dc0, d * BH);
  }
  return { dh0, dc0 };
}
