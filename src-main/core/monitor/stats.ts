// Per-step gradient statistics the monitor and the training dashboard read: the global norm, every parameter's
// gradient norm, ||dL/dh_t|| per layer and time step, finiteness, and the first-to-last time-step ratio.
// Pure arithmetic on one step's Gradients; the decisions (alerts, actions) live in monitor.ts.
import type { Gradients } from '../engine/types';
import type { ModelSpec } from '../spec/types';
import type { Weights } from '../tensor';
import { globalGradNorm, l2Norm } from '../norms';

export interface StepStats {
  /** 2-norm of all parameter gradients together (torch's clip_grad_norm_ total); NaN/Infinity when non-finite. */
  globalNorm: number;
  /** 2-norm of each parameter's gradient, by parameter name. */
  paramNorms: Record<string, number>;
  /** 2-norm of each parameter's weights, so a UI can show the relative update size ||dW|| / ||W||. */
  weightNorms: Record<string, number>;
  /** Per layer (L arrays), per time step (T values): ||dL/dh_t|| over batch and directions (engine's numbers). */
  timestepNorms: number[][];
  /** False when any gradient element (or time-step norm) is NaN or infinite. */
  finite: boolean;
  /** Names of the parameters whose gradient holds a NaN or an infinity. */
  nonfiniteParams: string[];
  /**
   * Vanishing measure of the last layer: ||dL/dh_1|| / ||dL/dh_T'||, T' the last step whose norm is not zero
   * (steps after it are padding that no loss reaches). Null when there is no such step or T' = 1.
   */
  firstToLastRatio: number | null;
  /**
   * ||dL/dh_m|| / ||dL/dh_T'|| with m the step halfway between the first and T' (0-based floor(T'/2)): whether the
   * gradient decays through time or only at the very first step. Null when there is no step in between (T' < 2).
   */
  midToLastRatio: number | null;
}

export function stepStats(grads: Gradients, weights: Weights, spec: ModelSpec): StepStats {
  const { totalNorm, paramNorms } = globalGradNorm(grads.params);
  const nonfiniteParams = Object.keys(paramNorms).filter((name) => !Number.isFinite(paramNorms[name]));
  const weightNorms: Record<string, number> = {};
  for (const [name, tensor] of Object.entries(weights)) weightNorms[name] = l2Norm(tensor.data);
  const timestepNorms = grads.timestepGradNorms.map((layer) => Array.from(layer));
  if (timestepNorms.length !== spec.num_layers) {
    throw new RangeError(`expected time-step gradient norms for ${spec.num_layers} layer(s), found ${timestepNorms.length}`);
  }
  const normsFinite = timestepNorms.every((layer) => layer.every(Number.isFinite));
  return {
    globalNorm: totalNorm,
    paramNorms,
    weightNorms,
    timestepNorms,
    finite: nonfiniteParams.length === 0 && Number.isFinite(totalNorm) && normsFinite,
    nonfiniteParams,
    firstToLastRatio: firstToLastRatio(timestepNorms[timestepNorms.length - 1] ?? []),
    midToLastRatio: midToLastRatio(timestepNorms[timestepNorms.length - 1] ?? []),
  };
}

/** ||dL/dh_1|| / ||dL/dh_T'|| with T' the last step whose norm is above zero; null when undefined. */
export function firstToLastRatio(norms: readonly number[]): number | null {
  let last = norms.length - 1;
  while (last > 0 && norms[last] === 0) last--;
  if (last < 1 || !Number.isFinite(norms[last]) || !Number.isFinite(norms[0])) return null;
  return norms[0] / norms[last];
}

/** ||dL/dh_m|| / ||dL/dh_T'||, m = floor(T'/2) (0-based), T' as in firstToLastRatio; null without a middle step. */
export function midToLastRatio(norms: readonly number[]): number | null {
  let last = norms.length - 1;
  while (last > 0 && norms[last] === 0) last--;
  const mid = Math.floor(last / 2);
  if (mid < 1 || !Number.isFinite(norms[last]) || !Number.isFinite(norms[mid]) || norms[last] === 0) return null;
  return norms[mid] / norms[last];
}
