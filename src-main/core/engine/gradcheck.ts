// Finite-difference gradient check of any engine in float64: analytic BPTT gradients against numerical
// derivatives of a random scalar loss L = sum(y*dY) + sum(yPre*dYPre) + sum(output*dOutput) + sum(hN*dhN)
// + sum(cN*dcN), with seeds drawn from a seeded generator. Used by tests and by `rnnlab gradcheck`.
//
// Numerical derivative: the fourth-order central stencil
//   n = (8 (L(w+e) - L(w-e)) - (L(w+2e) - L(w-2e))) / (12 e),  e = 1e-3 by default.
// Its truncation error (~e^4/30 times the 5th derivative, ~1e-13 here) is negligible at e = 1e-3, so what is
// left is the loss's rounding noise (~1e-16 |L| / e), 1000x smaller than with the usual 2-point e = 1e-6.
// A relu kink within 2e of a pre-activation spoils that measure (common at e = 1e-3 in a real model), so an element
// whose error is above `refineAbove` is measured again at e/10 and e/100 and keeps its smallest error: a correct
// gradient looks right at one of the steps, a wrong one at none of them.
// Error measure per element: |a - n| / max(|a|, |n|, floor), floor = 1e-7 by default: gradients smaller than the
// floor are judged by absolute error, because the rounding noise of L(w±e) swamps their relative error.
import { Random } from '../random';
import { numDirections, type ModelSpec } from '../spec/types';
import { cloneWeights } from '../tensor';
import { drawDropoutMasks, dropoutActive } from './reference/dropout';
import type { BackwardSeeds, Engine, ForwardOptions, ForwardResult, Model, SequenceBatch } from './types';

export interface GradientCheckOptions {
  /** Seed of the loss seeds (and of subsampling and dropout masks). Default 1. */
  seed?: number;
  /** Finite-difference step. Default 1e-3 (a smaller step only adds rounding noise; see the header). */
  epsilon?: number;
  /** Magnitude below which errors are absolute rather than relative. Default 1e-7. */
  floor?: number;
  /** Elements whose error is above this are measured again with steps e/10 and e/100 (see the header). */
  refineAbove?: number;
  /** Check at most this many elements per tensor, chosen at random; default every element. */
  maxElementsPerTensor?: number;
  /** Forward options (training mode, dropout masks). In training without masks, masks are drawn once. */
  forward?: ForwardOptions;
}

export interface GradientCheckResult {
  /** Worst error per parameter name. */
  params: Record<string, number>;
  /** Worst error of dL/dx. */
  dx: number;
  /** Worst error of dL/dh0, dL/dc0, dL/dy0 for the initial states the input gives. */
  initialStates: Record<string, number>;
  /** Worst error overall. */
  worst: number;
  /** Number of elements compared. */
  checked: number;
}

/** Random seeds in [-1, 1) for every result the model has. */
export function drawBackwardSeeds(spec: ModelSpec, B: number, T: number, rng: Random): BackwardSeeds {
  const H = spec.hidden_size;
  const O = spec.output_size;
  const stateSize = spec.num_layers * numDirections(spec) * B * H;
  const seeds: BackwardSeeds = {
    dOutput: rng.uniformArray(B * T * numDirections(spec) * H, -1, 1),
    dhN: rng.uniformArray(stateSize, -1, 1),
  };
  if (O > 0) {
    seeds.dY = rng.uniformArray(B * T * O, -1, 1);
    seeds.dYPre = rng.uniformArray(B * T * O, -1, 1);
  }
  if (spec.arch === 'lstm') seeds.dcN = rng.uniformArray(stateSize, -1, 1);
  return seeds;
}

/** The scalar loss the seeds define. */
export function seededLoss(result: ForwardResult, seeds: BackwardSeeds): number {
  const dot = (a: Float64Array | null, b: Float64Array | undefined) => {
    let s = 0;
    if (a && b) for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  return (
    dot(result.y, seeds.dY) + dot(result.yPre, seeds.dYPre) + dot(result.output, seeds.dOutput) +
    dot(result.hN, seeds.dhN) + dot(result.cN, seeds.dcN)
  );
}

export function gradientCheck(
  engine: Engine,
  model: Model,
  input: SequenceBatch,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const rng = new Random(options.seed ?? 1);
  const eps = options.epsilon ?? 1e-3;
  const floor = options.floor ?? 1e-7;
  const limit = options.maxElementsPerTensor ?? Infinity;
  const refineAbove = options.refineAbove ?? 1e-7;
  const forwardOptions = fixDropoutMasks(model.spec, input, options.forward ?? {}, rng);
  const seeds = drawBackwardSeeds(model.spec, input.batch, input.steps, rng);
  const grads = engine.forward(model, input, forwardOptions).backward(seeds);

  // Work on private copies, perturbing one element at a time and restoring it.
  const probe: Model = { spec: model.spec, weights: cloneWeights(model.weights) };
  const probeInput: SequenceBatch = {
    ...input,
    x: input.x.slice(),
    h0: input.h0?.slice(),
    c0: input.c0?.slice(),
    y0: input.y0?.slice(),
  };
  const loss = () => seededLoss(engine.forward(probe, probeInput, forwardOptions), seeds);
  let checked = 0;
  /** Error of one element measured with step e. */
  const errorAt = (values: Float64Array, i: number, analytic: number, e: number): number => {
    const original = values[i];
    const at = (k: number) => {
      values[i] = original + k * e;
      return loss();
    };
    const numeric = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * e); // differences first: exact 0 for a constant
    values[i] = original;
    const err = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
    return Number.isNaN(err) ? Infinity : err;
  };
  const worstOf = (values: Float64Array, analytic: Float64Array): number => {
    let worst = 0;
    for (const i of chooseIndices(values.length, limit, rng)) {
      let err = errorAt(values, i, analytic[i], eps);
      for (const e of [eps / 10, eps / 100]) if (err > refineAbove) err = Math.min(err, errorAt(values, i, analytic[i], e));
      worst = Math.max(worst, err);
      checked++;
    }
    return worst;
  };

  const params: Record<string, number> = {};
  for (const [name, t] of Object.entries(probe.weights)) params[name] = worstOf(t.data, grads.params[name]);
  const dx = worstOf(probeInput.x, grads.dx);
  const initialStates: Record<string, number> = {};
  if (probeInput.h0) initialStates.h0 = worstOf(probeInput.h0, grads.dh0);
  if (probeInput.c0 && grads.dc0) initialStates.c0 = worstOf(probeInput.c0, grads.dc0);
  if (probeInput.y0 && grads.dy0) initialStates.y0 = worstOf(probeInput.y0, grads.dy0);
  const worst = Math.max(dx, ...Object.values(params), ...Object.values(initialStates));
  return { params, dx, initialStates, worst, checked };
}

/** Every index when n <= limit, else `limit` distinct indices drawn at random. */
function chooseIndices(n: number, limit: number, rng: Random): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  return n <= limit ? all : rng.shuffle(all).slice(0, limit);
}

/** Dropout must be the same in every evaluation: draw the masks once when training asks for random ones. */
function fixDropoutMasks(spec: ModelSpec, input: SequenceBatch, options: ForwardOptions, rng: Random): ForwardOptions {
  if (!dropoutActive(spec, options) || options.dropoutMasks) return options;
  const size = input.batch * input.steps * numDirections(spec) * spec.hidden_size;
  const draw = options.random ?? (() => rng.next());
  return { ...options, dropoutMasks: drawDropoutMasks(spec.dropout, spec.num_layers - 1, size, draw) };
}
