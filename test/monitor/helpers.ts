// Test helpers for the monitor: hand-built Gradients (chosen norms) and real models run through the reference engine.
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Gradients } from '../../src-main/core/engine/types';
import { Random } from '../../src-main/core/random';
import { initWeights } from '../../src-main/core/spec/init';
import { paramLayout, shapeSize } from '../../src-main/core/spec/params';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import type { ModelSpec } from '../../src-main/core/spec/types';
import type { Weights } from '../../src-main/core/tensor';

/** A one-layer tanh rnn with H = 3, I = 2, O = 1. */
export function smallSpec(fields: Record<string, unknown> = {}): ModelSpec {
  return parseModelSpec({ arch: 'rnn', input_size: 2, hidden_size: 3, output_size: 1, ...fields });
}

/**
 * Gradients whose global norm is exactly `norm`: every parameter gets the same per-element value. Time-step norms
 * are `timestep` (default: all 1, no vanishing).
 */
export function gradsWithNorm(spec: ModelSpec, norm: number, timestep?: number[]): Gradients {
  const layout = paramLayout(spec);
  const total = layout.reduce((n, p) => n + shapeSize(p.shape), 0);
  const params: Record<string, Float64Array> = {};
  for (const p of layout) params[p.name] = new Float64Array(shapeSize(p.shape)).fill(norm / Math.sqrt(total));
  const norms = Float64Array.from(timestep ?? [1, 1, 1, 1]);
  return { params, dx: new Float64Array(0), dh0: new Float64Array(0), dc0: null, dy0: null, timestepGradNorms: [norms] };
}

/** Runs a model on B sequences of length T (inputs uniform in [-scale, scale]) with a loss on the last step only. */
export function lastStepGradients(spec: ModelSpec, weights: Weights, T: number, scale: number, B = 4, seed = 3): Gradients {
  const rng = new Random(seed);
  const x = rng.uniformArray(B * T * spec.input_size, -scale, scale);
  const pass = referenceEngine.forward({ spec, weights }, { batch: B, steps: T, x });
  const O = spec.output_size;
  const dY = new Float64Array(B * T * O);
  for (let b = 0; b < B; b++) for (let o = 0; o < O; o++) dY[(b * T + T - 1) * O + o] = 1;
  return pass.backward({ dY });
}

export function modelFrom(fields: Record<string, unknown>): { spec: ModelSpec; weights: Weights } {
  const spec = parseModelSpec(fields);
  return { spec, weights: initWeights(spec) };
}
