// Truncated backpropagation through time, TBPTT(k1, k2), over any Engine: a long sequence is processed in windows;
// every k1 steps the newest k2 steps are run forward from the carried (detached) state and backpropagated, with the
// loss taken on the k1 newest steps only. No gradient crosses a window's start, so memory is bounded by k2 steps
// whatever the sequence length. k1 = k2 gives disjoint chunks; k2 >= T gives full BPTT.
import { EngineError } from '../errors';
import { numDirections } from '../spec/types';
import type { BackwardOptions, BackwardSeeds, Engine, ForwardOptions, ForwardResult, Gradients, Model, SequenceBatch } from './types';

export interface TbpttWindow {
  /** Absolute time of the window's first step. */
  start: number;
  /** Steps in the window (<= k2). */
  steps: number;
  /** Index within the window of the first step whose loss counts (the k1 new steps are lossFrom..steps-1). */
  lossFrom: number;
}

/** Loss of one window: its value and the backward seeds, sized for the window (B, window.steps, ...). */
export type WindowLoss = (result: ForwardResult, window: TbpttWindow) => { loss: number; seeds: BackwardSeeds };

export interface TbpttOptions {
  /** Steps between updates: each window adds k1 new steps. */
  k1: number;
  /** Steps backpropagated: each window spans up to k2 steps (k2 >= k1). */
  k2: number;
  forward?: ForwardOptions;
  /** Options of every window's backward ({ inputGradient: false } when no caller reads the windows' dx). */
  backward?: BackwardOptions;
  /** Called after each window's backward with that window's gradients (e.g. to take an SGD step online). */
  onWindow?: (grads: Gradients, window: TbpttWindow, index: number) => void;
}

export interface TbpttResult {
  /** Parameter gradients summed over all windows. */
  params: Record<string, Float64Array>;
  /** Loss of every window, in order. */
  losses: number[];
  /** State after the last step, to carry into a following sequence: hN (L, B, H), cN for LSTM, y for Jordan. */
  hN: Float64Array;
  cN: Float64Array | null;
  yN: Float64Array | null;
}

/** Rows [from, from+steps) of every batch row of a (B, T, W) array. */
function timeSlice(a: Float64Array, B: number, T: number, W: number, from: number, steps: number): Float64Array {
  const out = new Float64Array(B * steps * W);
  for (let b = 0; b < B; b++) out.set(a.subarray((b * T + from) * W, (b * T + from + steps) * W), b * steps * W);
  return out;
}

/** Per layer, the (B, W) rows at window index t of each (B, T, W) layer array, stacked as (L, B, W). */
function statesAt(layers: Float64Array[], B: number, T: number, W: number, t: number): Float64Array {
  const out = new Float64Array(layers.length * B * W);
  layers.forEach((layer, l) => {
    for (let b = 0; b < B; b++) out.set(layer.subarray((b * T + t) * W, (b * T + t + 1) * W), (l * B + b) * W);
  });
  return out;
}

function checkOptions(model: Model, input: SequenceBatch, k1: number, k2: number): void {
  if (!Number.isInteger(k1) || k1 < 1) throw new EngineError(`tbptt: expected k1 as a whole number >= 1, found ${k1}`);
  if (!Number.isInteger(k2) || k2 < k1) throw new EngineError(`tbptt: expected k2 as a whole number >= k1 = ${k1}, found ${k2}`);
  if (numDirections(model.spec) !== 1) {
    throw new EngineError('tbptt: a bidirectional model reads the future of every step, found bidirectional = true');
  }
  if (!Number.isInteger(input.steps) || input.steps < 1) throw new EngineError(`tbptt: expected steps >= 1, found ${input.steps}`);
}

export function truncatedBptt(
  engine: Engine,
  model: Model,
  input: SequenceBatch,
  lossOf: WindowLoss,
  options: TbpttOptions,
): TbpttResult {
  const { k1, k2 } = options;
  checkOptions(model, input, k1, k2);
  const { spec } = model;
  const B = input.batch;
  const T = input.steps;
  const I = spec.input_size;
  const H = spec.hidden_size;
  const O = spec.output_size;
  const lstm = spec.arch === 'lstm';
  const jordan = spec.arch === 'jordan';

  const params: Record<string, Float64Array> = {};
  for (const [name, t] of Object.entries(model.weights)) params[name] = new Float64Array(t.data.length);
  const losses: number[] = [];
  // The state at the start of the next window, detached: [time it holds for, h0, c0, y0].
  let carried = { time: 0, h0: input.h0, c0: input.c0, y0: input.y0 };
  let last: ForwardResult | null = null;
  let lastWindow: TbpttWindow | null = null;

  for (let end = Math.min(k1, T), index = 0; ; end = Math.min(end + k1, T), index++) {
    const newFrom = index === 0 ? 0 : lastWindow!.start + lastWindow!.steps;
    const start = Math.max(0, end - k2);
    const steps = end - start;
    const window: TbpttWindow = { start, steps, lossFrom: newFrom - start };
    if (carried.time !== start) throw new Error(`tbptt: internal state at ${carried.time}, window starts at ${start}`);
    const chunk: SequenceBatch = { batch: B, steps, x: timeSlice(input.x, B, T, I, start, steps) };
    if (carried.h0 && !jordan) chunk.h0 = carried.h0; // a jordan network's state is its previous output
    if (lstm && carried.c0) chunk.c0 = carried.c0;
    if (jordan && carried.y0) chunk.y0 = carried.y0;
    const pass = engine.forward(model, chunk, options.forward);
    const { loss, seeds } = lossOf(pass, window);
    const grads = pass.backward(seeds, options.backward);
    for (const [name, g] of Object.entries(grads.params)) {
      const sum = params[name];
      for (let i = 0; i < g.length; i++) sum[i] += g[i];
    }
    losses.push(loss);
    options.onWindow?.(grads, window, index);
    if (end === T) {
      last = pass;
      lastWindow = window;
      break;
    }
    // The next window starts at max(0, end + k1 - k2): take the state after step (nextStart - 1) of this window.
    const nextStart = Math.max(0, Math.min(end + k1, T) - k2);
    if (nextStart > start) {
      const t = nextStart - start - 1;
      carried = {
        time: nextStart,
        h0: jordan ? undefined : statesAt(pass.layerStates, B, steps, H, t),
        c0: lstm ? statesAt(pass.layerCellStates!, B, steps, H, t) : undefined,
        y0: jordan ? timeSlice(pass.y!, B, steps, O, t, 1) : undefined,
      };
    }
    lastWindow = window;
    pass.release?.(); // the carried state and the gradients are copies; the next window may reuse its memory
  }
  return {
    params,
    losses,
    hN: last.hN,
    cN: last.cN,
    yN: jordan ? timeSlice(last.y!, B, lastWindow.steps, O, lastWindow.steps - 1, 1) : null,
  };
}
