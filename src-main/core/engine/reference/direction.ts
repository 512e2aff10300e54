// One direction of one layer scanned over time (PyTorch RNN.cpp's FullLayer), forward and backward.
// The input projection of all steps is one matmul before the loop (and its gradients one matmul after).
// Arrays are time-major: x (T, B, In). States are kept in PROCESSING order: step s runs time t = s, or t = T-1-s
// for the reverse direction, and slot 0 of hs/cs is the initial state, so the cells never know their direction.
import type { Nonlinearity } from '../../spec/types';
import { gruCellBackward, gruCellForward } from './cells/gru';
import { lstmCellBackward, lstmCellForward } from './cells/lstm';
import { rnnCellBackward, rnnCellForward } from './cells/rnn';
import { addColumnSums, addRowVector, gemmAB, gemmABt, gemmAtB, sumOfSquares } from './linalg';

export type CellKind = 'rnn' | 'lstm' | 'gru';

export const GATES: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };

export interface ScanShape {
  cell: CellKind;
  f: Nonlinearity;
  B: number;
  T: number;
  H: number;
  inSize: number;
}

/** One direction's weights: W_ih (G*H, In), W_hh (G*H, H), b_ih and b_hh (G*H) or null without bias. */
export interface DirectionParams {
  wIh: Float64Array;
  wHh: Float64Array;
  bIh: Float64Array | null;
  bHh: Float64Array | null;
}

/** Gradient accumulators with the shapes of DirectionParams. */
export interface DirectionGrads {
  dWih: Float64Array;
  dWhh: Float64Array;
  dbIh: Float64Array | null;
  dbHh: Float64Array | null;
}

/** What the forward scan keeps for backward. Read-only afterwards: backward may run several times. */
export interface DirectionTrace {
  reverse: boolean;
  /** (T+1, B, H) hidden states in processing order, slot 0 the initial state. */
  hs: Float64Array;
  /** (T+1, B, H) LSTM cell states in processing order, else null. */
  cs: Float64Array | null;
  /** (T, B, G*H) activated gates in processing order (LSTM i,f,g,o; GRU r,z,n), else null. */
  gates: Float64Array | null;
  /** (T, B, H) GRU's recurrent candidate term W_hn h + b_hn, else null. */
  ghN: Float64Array | null;
}

export function timeOfStep(s: number, T: number, reverse: boolean): number {
  return reverse ? T - 1 - s : s;
}

/** Runs one direction over x (T, B, In) from h0 (and c0 for LSTM), each (B, H). */
export function directionForward(
  shape: ScanShape,
  p: DirectionParams,
  x: Float64Array,
  h0: Float64Array,
  c0: Float64Array | null,
  reverse: boolean,
): DirectionTrace {
  const { cell, f, B, T, H, inSize } = shape;
  const GH = GATES[cell] * H;
  const BH = B * H;
  // Hoisted input projection for every step at once: gx (T*B, G*H) = x · W_ih^T + b_ih.
  const gx = new Float64Array(T * B * GH);
  gemmABt(gx, x, p.wIh, T * B, GH, inSize);
  if (p.bIh) addRowVector(gx, p.bIh, T * B, GH);

  const hs = new Float64Array((T + 1) * BH);
  hs.set(h0);
  const cs = cell === 'lstm' ? new Float64Array((T + 1) * BH) : null;
  if (cs && c0) cs.set(c0);
  const gates = cell === 'rnn' ? null : new Float64Array(T * B * GH);
  const ghN = cell === 'gru' ? new Float64Array(T * BH) : null;
  const scratch = new Float64Array(B * GH);

  for (let s = 0; s < T; s++) {
    const t = timeOfStep(s, T, reverse);
    const gxT = gx.subarray(t * B * GH, (t + 1) * B * GH);
    const hPrev = hs.subarray(s * BH, (s + 1) * BH);
    const h = hs.subarray((s + 1) * BH, (s + 2) * BH);
    if (cell === 'rnn') {
      rnnCellForward(h, gxT, hPrev, p.wHh, p.bHh, B, H, f);
    } else if (cell === 'lstm') {
      const cPrev = cs!.subarray(s * BH, (s + 1) * BH);
      const c = cs!.subarray((s + 1) * BH, (s + 2) * BH);
      lstmCellForward(h, c, gates!.subarray(s * B * GH, (s + 1) * B * GH), gxT, hPrev, cPrev, p.wHh, p.bHh, B, H);
    } else {
      const gatesS = gates!.subarray(s * B * GH, (s + 1) * B * GH);
      gruCellForward(h, gatesS, ghN!.subarray(s * BH, (s + 1) * BH), gxT, hPrev, p.wHh, p.bHh, B, H, scratch);
    }
  }
  return { reverse, hs, cs, gates, ghN };
}

/** Where the gradient from above lives: columns [col, col+H) of dAbove (T, B, width), time-major. */
export interface GradientFromAbove {
  dAbove: Float64Array;
  col: number;
  width: number;
}

/**
 * Backpropagation through time for one direction. dhLast/dcLast (B, H) enter after the last processed step.
 * Accumulates the weight gradients into g, dx (T, B, In) and normsSq (T) (squared norm of the total dL/dh_t).
 * Returns dL/dh0 and dL/dc0 (B, H).
 */
export function directionBackward(
  shape: ScanShape,
  p: DirectionParams,
  trace: DirectionTrace,
  x: Float64Array,
  above: GradientFromAbove,
  dhLast: Float64Array | null,
  dcLast: Float64Array | null,
  g: DirectionGrads,
  dx: Float64Array,
  normsSq: Float64Array,
): { dh0: Float64Array; dc0: Float64Array | null } {
  const { cell, f, B, T, H, inSize } = shape;
  const GH = GATES[cell] * H;
  const BH = B * H;
  const { hs, cs, gates, ghN, reverse } = trace;
  const dgx = new Float64Array(T * B * GH);
  const dh = new Float64Array(BH);
  const dhCarry = new Float64Array(BH); // dL/dh reaching the current step from the step processed after it
  if (dhLast) dhCarry.set(dhLast);
  const dc = cell === 'lstm' ? new Float64Array(BH) : null;
  const dcCarry = cell === 'lstm' ? new Float64Array(BH) : null;
  if (dcCarry && dcLast) dcCarry.set(dcLast);
  const scratch = new Float64Array(B * GH);

  for (let s = T - 1; s >= 0; s--) {
    const t = timeOfStep(s, T, reverse);
    for (let b = 0; b < B; b++) {
      const from = (t * B + b) * above.width + above.col;
      for (let j = 0; j < H; j++) dh[b * H + j] = dhCarry[b * H + j] + above.dAbove[from + j];
    }
    normsSq[t] += sumOfSquares(dh);
    dhCarry.fill(0);
    const dgxT = dgx.subarray(t * B * GH, (t + 1) * B * GH);
    const hPrev = hs.subarray(s * BH, (s + 1) * BH);
    const h = hs.subarray((s + 1) * BH, (s + 2) * BH);
    if (cell === 'rnn') {
      rnnCellBackward(dgxT, dhCarry, g.dWhh, g.dbHh, dh, h, hPrev, p.wHh, B, H, f, scratch);
    } else if (cell === 'lstm') {
      dc!.set(dcCarry!);
      dcCarry!.fill(0);
      const gatesS = gates!.subarray(s * B * GH, (s + 1) * B * GH);
      const c = cs!.subarray((s + 1) * BH, (s + 2) * BH);
      const cPrev = cs!.subarray(s * BH, (s + 1) * BH);
      lstmCellBackward(dgxT, dhCarry, dcCarry!, g.dWhh, g.dbHh, dh, dc!, gatesS, c, cPrev, hPrev, p.wHh, B, H, scratch);
    } else {
      const gatesS = gates!.subarray(s * B * GH, (s + 1) * B * GH);
      const ghNS = ghN!.subarray(s * BH, (s + 1) * BH);
      gruCellBackward(dgxT, dhCarry, g.dWhh, g.dbHh, dh, gatesS, ghNS, hPrev, p.wHh, B, H, scratch);
    }
  }
  // Hoisted input-projection gradients for every step at once.
  gemmAtB(g.dWih, dgx, x, GH, inSize, T * B);
  if (g.dbIh) addColumnSums(g.dbIh, dgx, T * B, GH);
  gemmAB(dx, dgx, p.wIh, T * B, inSize, GH);
  return { dh0: dhCarry, dc0: dcCarry };
}
