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
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const diff = y[i] - targets[i];
    sum += diff * diff;
    dY[i] = (2 * diff) / n;
  }
  return { loss: sum / n, dY };
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
