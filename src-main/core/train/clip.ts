// Gradient clipping with PyTorch's semantics: by global 2-norm (`clip_grad_norm_`) and by value (`clip_grad_value_`).
// Works in place on named gradients (`Gradients.params` of the engine contract). Deciding what a non-finite step
// does (skip it, stop the run) is the monitor's policy, not this file's.
import { globalGradNorm } from '../norms';
import type { NamedGrads } from './optim/types';

export { globalGradNorm, l2Norm } from '../norms';

export interface NormClipReport {
  /** Global 2-norm over every gradient before clipping (torch's return value); NaN or Infinity when non-finite. */
  totalNorm: number;
  /** The 2-norm of each parameter's gradient before clipping. */
  paramNorms: Record<string, number>;
  /** False when the total norm is NaN or infinite; the gradients are then left untouched. */
  finite: boolean;
  /** True when the gradients were scaled down. */
  clipped: boolean;
  /** The factor applied: max_norm / (total + 1e-6) when that is below 1, otherwise 1. */
  coefficient: number;
}

/**
 * Scales every gradient by max_norm / (total + 1e-6) when that factor is below 1 (torch's `clip_grad_norm_` with
 * norm_type 2). Unlike torch, a non-finite total leaves the gradients as they are (torch would multiply them by
 * NaN) and reports `finite: false`, so the caller can skip the step with its gradients intact for inspection.
 */
export function clipGradNorm(grads: NamedGrads, maxNorm: number): NormClipReport {
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) {
    throw new RangeError(`expected max_norm as a finite number above 0, found ${maxNorm}`);
  }
  const { totalNorm, paramNorms } = globalGradNorm(grads);
  const finite = Number.isFinite(totalNorm);
  const coefficient = finite ? Math.min(maxNorm / (totalNorm + 1e-6), 1) : 1;
  const clipped = coefficient < 1;
  if (clipped) {
    for (const g of Object.values(grads)) {
      for (let i = 0; i < g.length; i++) g[i] *= coefficient;
    }
  }
  return { totalNorm, paramNorms, finite, clipped, coefficient };
}

/**
 * Clamps every gradient element into [-clipValue, clipValue] (torch's `clip_grad_value_`); NaN stays NaN.
 * Returns how many elements were changed.
 */
export function clipGradValue(grads: NamedGrads, clipValue: number): number {
  if (!(clipValue > 0) || !Number.isFinite(clipValue)) {
    throw new RangeError(`expected clip_value as a finite number above 0, found ${clipValue}`);
  }
  let changed = 0;
  for (const g of Object.values(grads)) {
    for (let i = 0; i < g.length; i++) {
      if (g[i] > clipValue) {
        g[i] = clipValue;
        changed++;
      } else if (g[i] < -clipValue) {
        g[i] = -clipValue;
        changed++;
      }
    }
  }
  return changed;
}
