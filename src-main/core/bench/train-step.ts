// The benchmarked training step, written once so that the timing, the tests and `rnnlab bench` run the same code:
// forward (training mode) through the stack and head -> MSE loss against targets at every step ->
// dY = 2(y - t)/N -> BPTT backward -> plain SGD in place on the Float64Array weights. Each pass is released when
// done with (ForwardPass.release), as a training loop would, so the native engine reuses one cache buffer.
import type { Engine, ForwardOptions, Model, SequenceBatch } from '../engine/types';
import { Random } from '../random';
import { initWeights } from '../spec/init';
import type { ModelSpec } from '../spec/types';

export interface BenchProblem {
  model: Model;
  input: SequenceBatch;
  /** Regression targets (B, T, O), uniform in [-1, 1). */
  targets: Float64Array;
  /** Reused buffer for the loss gradient dY (B, T, O). */
  dY: Float64Array;
}

/** A model with initialised weights, random inputs x (B, T, I) and targets, all from `seed`. */
export function makeBenchProblem(spec: ModelSpec, batch: number, steps: number, seed: number): BenchProblem {
  const rng = new Random(seed + 1); // the weights use `seed` itself (spec.init.seed)
  const x = rng.uniformArray(batch * steps * spec.input_size, -1, 1);
  const targets = rng.uniformArray(batch * steps * spec.output_size, -1, 1);
  return { model: { spec, weights: initWeights(spec) }, input: { batch, steps, x }, targets, dY: new Float64Array(targets.length) };
}

export interface MseResult {
  loss: number;
  /** dLoss/dy, (B, T, O): 2(y - t)/N with N = B*T*O. */
  dY: Float64Array;
}

/** `dY` may be passed in to be overwritten, so a timed loop allocates nothing of its own. */
export function mseLoss(y: Float64Array, targets: Float64Array, dY: Float64Array = new Float64Array(y.length)): MseResult {
  if (y.length !== targets.length || dY.length !== y.length) {
    throw new RangeError(`mseLoss: expected targets and dY of length ${y.length} like y, found ${targets.length} and ${dY.length}`);
  }
  const n = y.length;
  // Four running sums: one sum's add-after-add chain, not the arithmetic, bounded this loop (3200 values in 5 us).
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d0 = y[i] - targets[i], d1 = y[i + 1] - targets[i + 1], d2 = y[i + 2] - targets[i + 2], d3 = y[i + 3] - targets[i + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
    dY[i] = (2 * d0) / n;
    dY[i + 1] = (2 * d1) / n;
    dY[i + 2] = (2 * d2) / n;
    dY[i + 3] = (2 * d3) / n;
  }
  for (; i < n; i++) {
    const diff = y[i] - targets[i];
    s0 += diff * diff;
    dY[i] = (2 * diff) / n;
  }
  return { loss: (s0 + s1 + (s2 + s3)) / n, dY };
}

/** One full training step; updates `problem.model.weights` in place and returns the loss before the update. */
export function trainStep(engine: Engine, problem: BenchProblem, lr: number, options: ForwardOptions): number {
  const pass = engine.forward(problem.model, problem.input, { ...options, training: true });
  if (pass.y === null) throw new RangeError('trainStep: expected a model with a head (output_size >= 1), found none');
  const { loss, dY } = mseLoss(pass.y, problem.targets, problem.dY);
  const grads = pass.backward({ dY }, { inputGradient: false }); // dx is never read here (nor computed by PyTorch)
  pass.release?.(); // y and grads are copies: the next step's pass may reuse this one's memory
  for (const [name, tensor] of Object.entries(problem.model.weights)) {
    const w = tensor.data;
    const g = grads.params[name];
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  }
  return loss;
}

/** Inference only: forward in evaluation mode, result discarded. */
export function forwardStep(engine: Engine, problem: BenchProblem, options: ForwardOptions): void {
  engine.forward(problem.model, problem.input, { ...options, training: false }).release?.();
}
