// Shared test helpers: seeded random specs, models, inputs, backward seeds and dropout masks for any family.
// Used by the reference-engine tests, the PyTorch parity tests and the native-kernel tests; everything is
// deterministic for a given seed so a failing case can be replayed.
import { drawBackwardSeeds, seededLoss } from '../../src-main/core/engine/gradcheck';
import type { BackwardSeeds, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { Random } from '../../src-main/core/random';
import { paramLayout, shapeSize } from '../../src-main/core/spec/params';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { numDirections, type Architecture, type ModelSpec } from '../../src-main/core/spec/types';

/** A spec built from a few fields; everything else takes the schema's defaults (validated like user input). */
export type SpecFields = Partial<Omit<ModelSpec, 'init'>> & { arch: Architecture };

export function makeSpec(fields: SpecFields): ModelSpec {
  return parseModelSpec({ input_size: 3, hidden_size: 4, ...fields });
}

/**
 * Weights drawn uniformly from [-scale, scale] (default 0.5): larger than PyTorch's default for small H so the
 * nonlinearities leave their linear regime and a gradient check actually exercises them.
 */
export function randomModel(specOrFields: ModelSpec | SpecFields, seed = 1, scale = 0.5): Model {
  const spec = 'init' in specOrFields ? (specOrFields as ModelSpec) : makeSpec(specOrFields);
  const rng = new Random(seed);
  const weights: Model['weights'] = {};
  for (const p of paramLayout(spec)) {
    weights[p.name] = { shape: [...p.shape], data: rng.uniformArray(shapeSize(p.shape), -scale, scale) };
  }
  return { spec, weights };
}

export interface InputOptions {
  batch?: number;
  steps?: number;
  seed?: number;
  /** Give an initial hidden state (L*D, B, H). */
  h0?: boolean;
  /** Give an initial LSTM cell state (L*D, B, H); ignored for other families. */
  c0?: boolean;
  /** Jordan: give the previous output y0 (B, O). */
  y0?: boolean;
  /** x one-hot over input_size at every step (the usual input of a gated network). */
  oneHot?: boolean;
}

/** State rows of h0/hN: L*D for the torch families, 1 for elman/jordan/gated. */
export function stateRows(spec: ModelSpec): number {
  return spec.num_layers * numDirections(spec);
}

export function randomInput(spec: ModelSpec, options: InputOptions = {}): SequenceBatch {
  const B = options.batch ?? 2;
  const T = options.steps ?? 3;
  const rng = new Random(options.seed ?? 7);
  const I = spec.input_size;
  const H = spec.hidden_size;
  let x: Float64Array;
  if (options.oneHot) {
    x = new Float64Array(B * T * I);
    for (let bt = 0; bt < B * T; bt++) x[bt * I + rng.int(0, I - 1)] = 1;
  } else {
    x = rng.uniformArray(B * T * I, -1, 1);
  }
  const input: SequenceBatch = { batch: B, steps: T, x };
  if (options.h0) input.h0 = rng.uniformArray(stateRows(spec) * B * H, -0.8, 0.8);
  if (options.c0 && spec.arch === 'lstm') input.c0 = rng.uniformArray(stateRows(spec) * B * H, -0.8, 0.8);
  if (options.y0 && spec.arch === 'jordan') input.y0 = rng.uniformArray(B * spec.output_size, -0.8, 0.8);
  return input;
}

/** Sizes of every seedable result for a batch: what a BackwardSeeds entry must hold. */
export function resultSizes(spec: ModelSpec, batch: number, steps: number) {
  const D = numDirections(spec);
  const H = spec.hidden_size;
  return {
    y: spec.output_size > 0 ? batch * steps * spec.output_size : 0,
    output: batch * steps * D * H,
    hN: stateRows(spec) * batch * H,
    cN: spec.arch === 'lstm' ? stateRows(spec) * batch * H : 0,
  };
}

/** Random seeds in [-1, 1) for every result the model has (dY and dYPre only with a head, dcN only for LSTM). */
export function randomSeeds(spec: ModelSpec, batch: number, steps: number, seed = 11): BackwardSeeds {
  return drawBackwardSeeds(spec, batch, steps, new Random(seed));
}

/** L-1 dropout masks (B, T, D*H) of 0 or 1/(1-p), as PyTorch draws them between stacked layers. */
export function randomDropoutMasks(spec: ModelSpec, batch: number, steps: number, seed = 13): Float64Array[] {
  const rng = new Random(seed);
  const p = spec.dropout;
  const n = batch * steps * numDirections(spec) * spec.hidden_size;
  const masks: Float64Array[] = [];
  for (let l = 1; l < spec.num_layers; l++) {
    const mask = new Float64Array(n);
    for (let i = 0; i < n; i++) mask[i] = rng.next() < p ? 0 : 1 / (1 - p);
    masks.push(mask);
  }
  return masks;
}

/** The scalar loss a set of seeds defines: sum(y*dY) + sum(yPre*dYPre) + sum(output*dOutput) + ... */
export { seededLoss };

/** Largest relative difference |a-b| / max(|a|, |b|, floor) over two arrays of equal length. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-8): number {
  if (a.length !== b.length) throw new Error(`length mismatch: expected ${a.length}, found ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor);
    if (err > worst || Number.isNaN(err)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}
