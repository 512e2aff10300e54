// Vector norms of weights and gradients, shared by the monitor (what it measures) and training (clipping), so
// neither imports the other for them.

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
export function globalGradNorm(grads: Record<string, Float64Array>): { totalNorm: number; paramNorms: Record<string, number> } {
  const paramNorms: Record<string, number> = {};
  let sum = 0;
  for (const [name, g] of Object.entries(grads)) {
    const norm = l2Norm(g);
    paramNorms[name] = norm;
    sum += norm * norm;
  }
  return { totalNorm: Math.sqrt(sum), paramNorms };
}
