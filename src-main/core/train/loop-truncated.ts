// One mini-batch's loss and gradients under truncated BPTT(k1, k2) (engine/tbptt.ts), shaped like the full-BPTT
// pass the loop otherwise takes: parameter gradients summed over the windows, with each window's loss weighted by
// its share of the batch's target steps, so the loss is the batch's mean loss and k1 = k2 = T equals full BPTT.
// One optimiser step per mini-batch (not per window), like the full-BPTT loop. Time-step norms are stitched from
// each window's new steps. Padding: windows past a sequence's end carry no loss.
import { truncatedBptt, type TbpttWindow } from '../engine/tbptt';
import type { Engine, ForwardOptions, ForwardResult, Gradients, Model } from '../engine/types';
import type { PaddedBatch } from '../tasks/batching';
import type { TaskData } from '../tasks/types';
import { taskLoss } from './losses';

export interface TruncatedStep {
  loss: number;
  grads: Gradients;
}

export function truncatedStep(
  engine: Engine,
  model: Model,
  data: TaskData,
  padded: PaddedBatch,
  k: { k1: number; k2: number },
  forward: ForwardOptions,
): TruncatedStep {
  const { batch: B, steps: T, outputSize: O } = padded;
  const L = model.spec.num_layers;
  let total = 0;
  for (const m of padded.lossMask) total += m;
  const timestep = Array.from({ length: L }, () => new Float64Array(T));
  let loss = 0;

  const lossOf = (result: ForwardResult, w: TbpttWindow) => {
    const window = windowBatch(padded, w);
    let count = 0;
    for (const m of window.lossMask) count += m;
    if (count === 0) {
      const zeros = new Float64Array(B * w.steps * O);
      return { loss: 0, seeds: data.loss === 'mse' ? { dY: zeros } : { dYPre: zeros } };
    }
    const r = taskLoss(data, result.y, result.yPre, window);
    const share = r.count / total;
    loss += r.value * share;
    const seed = (r.seeds as { dY?: Float64Array; dYPre?: Float64Array }).dY ?? (r.seeds as { dYPre: Float64Array }).dYPre;
    for (let i = 0; i < seed.length; i++) seed[i] *= share;
    return { loss: r.value, seeds: r.seeds };
  };
  const result = truncatedBptt(engine, model, { batch: B, steps: T, x: padded.x }, lossOf, {
    k1: k.k1,
    k2: k.k2,
    forward,
    backward: { inputGradient: false }, // the windows' dx is never read (the result's dx is empty)
    onWindow: (grads, w) => {
      grads.timestepGradNorms.forEach((norms, l) => {
        for (let t = w.lossFrom; t < w.steps; t++) timestep[l][w.start + t] = norms[t];
      });
    },
  });
  const empty = new Float64Array(0);
  return { loss, grads: { params: result.params, dx: empty, dh0: empty, dc0: null, dy0: null, timestepGradNorms: timestep } };
}

/** The window's time steps of a padded batch, with the loss kept only on its new steps (from `lossFrom`). */
function windowBatch(padded: PaddedBatch, w: TbpttWindow): PaddedBatch {
  const { batch: B, steps: T, inputSize: I, outputSize: O } = padded;
  const slice = (a: Float64Array, width: number) => {
    const out = new Float64Array(B * w.steps * width);
    for (let b = 0; b < B; b++) out.set(a.subarray((b * T + w.start) * width, (b * T + w.start + w.steps) * width), b * w.steps * width);
    return out;
  };
  const lossMask = slice(padded.lossMask, 1);
  for (let b = 0; b < B; b++) lossMask.fill(0, b * w.steps, b * w.steps + w.lossFrom);
  const lengths = Int32Array.from(padded.lengths, (n) => Math.max(0, Math.min(w.steps, n - w.start)));
  return { batch: B, steps: w.steps, inputSize: I, outputSize: O, x: slice(padded.x, I), target: slice(padded.target, O), lossMask, validMask: slice(padded.validMask, 1), lengths };
}
