// The largest singular value of a dense matrix by power iteration on W^T W, warm-startable from the previous
// call's vector so that re-measuring a matrix that changed a little costs a few iterations.
//
// One iteration: u = W v, sigma = ||u||, w = W^T u, v = w / ||w||. With v a unit vector, sigma = ||W v|| is the
// square root of the Rayleigh quotient of W^T W, so it rises monotonically to sigma_max; its error shrinks like
// (sigma_2 / sigma_1)^(4k). It stops when sigma changes by at most `tolerance * sigma` between two iterations.
import { Random } from '../random';

export interface PowerIterationOptions {
  /** Relative change of sigma between iterations that counts as converged (default 1e-12). */
  tolerance?: number;
  /** Iterations before giving up and reporting `converged: false` (default 1000). */
  maxIterations?: number;
  /** Start vector (length cols), e.g. the previous result's `vector`; a seeded Gaussian vector when absent. */
  start?: Float64Array;
  /** Seed of the Gaussian start vector (default 0). */
  seed?: number;
}

export interface PowerIterationResult {
  sigmaMax: number;
  /** The right singular vector estimate (unit length, length cols): pass it back as `start` next time. */
  vector: Float64Array;
  iterations: number;
  converged: boolean;
}

export const POWER_ITERATION_DEFAULTS = { tolerance: 1e-12, maxIterations: 1000, seed: 0 } as const;

/** sigma_max of W (rows x cols, row-major). A zero matrix gives 0; a non-finite one gives NaN. */
export function largestSingularValue(
  w: Float64Array,
  rows: number,
  cols: number,
  options: PowerIterationOptions = {},
): PowerIterationResult {
  if (w.length !== rows * cols) throw new RangeError(`expected a ${rows} x ${cols} matrix (${rows * cols} values), found ${w.length}`);
  const tolerance = options.tolerance ?? POWER_ITERATION_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? POWER_ITERATION_DEFAULTS.maxIterations;
  let v = startVector(cols, options);
  if (!w.every(Number.isFinite)) return { sigmaMax: NaN, vector: v, iterations: 0, converged: false };
  const u = new Float64Array(rows);
  let sigma = 0;
  for (let k = 1; k <= maxIterations; k++) {
    multiply(u, w, v, rows, cols);
    const next = norm(u);
    const wtu = multiplyTransposed(w, u, rows, cols);
    const length = norm(wtu);
    if (length === 0) return { sigmaMax: next, vector: v, iterations: k, converged: true }; // W v = 0 or W = 0
    v = wtu.map((x) => x / length);
    if (Math.abs(next - sigma) <= tolerance * next) return { sigmaMax: next, vector: v, iterations: k, converged: true };
    sigma = next;
  }
  return { sigmaMax: sigma, vector: v, iterations: maxIterations, converged: false };
}

function startVector(cols: number, options: PowerIterationOptions): Float64Array {
  const given = options.start;
  if (given && given.length === cols && given.every(Number.isFinite) && norm(given) > 0) {
    const length = norm(given);
    return given.map((x) => x / length);
  }
  const rng = new Random(options.seed ?? POWER_ITERATION_DEFAULTS.seed);
  const v = new Float64Array(cols);
  for (let i = 0; i < cols; i++) v[i] = rng.normal();
  const length = norm(v);
  return v.map((x) => x / length);
}

/** u (rows) = W v. */
function multiply(u: Float64Array, w: Float64Array, v: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += w[r * cols + c] * v[c];
    u[r] = s;
  }
}

/** W^T u (cols). */
function multiplyTransposed(w: Float64Array, u: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const ur = u[r];
    for (let c = 0; c < cols; c++) out[c] += w[r * cols + c] * ur;
  }
  return out;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
