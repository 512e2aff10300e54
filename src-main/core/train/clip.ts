// Gradient clipping with PyTorch's semantics: by global 2-norm (`clip_grad_norm_`) and by value (`clip_grad_value_`).
// Works in place on named gradients (`Gradients.params` of the engine contract). Deciding what a non-finite step
// does (skip it, stop the run) is the monitor's policy, not this file's.
import type { NamedGrads } from './optim/types';

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

/** 2-norm of one array, a plain sum of squares (the arrays are float64; no overflow guard below 1e154). */
export function l2Norm(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/**
 * Global norm as torch computes it: the 2-norm of the per-parameter 2-norms (equal to the norm of all gradients
 * concatenated, up to rounding).
 */
export function globalGradNorm(grads: NamedGrads): { totalNorm: number; paramNorms: Record<string, number> } {
  const paramNorms: Record<string, number> = {};
  let sum = 0;
  for (const [name, g] of Object.entries(grads)) {
    const norm = l2Norm(g);
    paramNorms[name] = norm;
    sum += norm * norm;
  }
  return { totalNorm: Math.sqrt(sum), paramNorms };
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
