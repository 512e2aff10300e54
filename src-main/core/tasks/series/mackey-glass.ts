// Mackey-Glass delay differential equation dx/dt = beta x(t-tau) / (1 + x(t-tau)^n) - gamma x(t), chaotic at the
// standard tau = 17 (beta 0.2, gamma 0.1, n 10). Integrated by 4th-order Runge-Kutta with step dt (0.1), the
// delayed value at half steps interpolated linearly on the stored grid; x(t) = x0 for t <= 0; the first
// `transient` time units are dropped; one sample every `sampleInterval` time units.
import { z } from 'zod';
import { Random } from '../../random';
import { defineTask } from '../define';
import { firstBrokenRule, intIn, realIn } from '../params';
import { evaluateSeries, seriesSplits, windowFields } from './windows';

/** Integration steps kept in memory at most (40 MB of float64). */
export const MAX_INTEGRATION_STEPS = 5_000_000;

export interface MackeyGlassOptions {
  tau: number;
  beta: number;
  gamma: number;
  exponent: number;
  dt: number;
  x0: number;
  /** Time units integrated and dropped before the first sample. */
  transient: number;
  /** Time units between samples (a whole number of steps dt). */
  sampleInterval: number;
  /** Number of samples. */
  length: number;
}

export const MACKEY_GLASS_DEFAULTS: MackeyGlassOptions = {
  tau: 17, beta: 0.2, gamma: 0.1, exponent: 10, dt: 0.1, x0: 1.2, transient: 500, sampleInterval: 1, length: 2000,
};

/** The sampled series: `length` values, x(transient + i * sampleInterval). */
export function mackeyGlass(options: MackeyGlassOptions): Float64Array {
  const { tau, beta, gamma, exponent, dt, x0 } = options;
  const every = Math.round(options.sampleInterval / dt);
  const firstStep = Math.round(options.transient / dt);
  const steps = firstStep + (options.length - 1) * every;
  const grid = new Float64Array(steps + 1); // grid[i] = x(i dt)
  grid[0] = x0;
  const delayed = (time: number) => {
    if (time <= 0) return x0;
    const i = Math.floor(time / dt);
    const frac = time / dt - i;
    return frac === 0 ? grid[i] : grid[i] + frac * (grid[i + 1] - grid[i]);
  };
  const rate = (x: number, xTau: number) => (beta * xTau) / (1 + xTau ** exponent) - gamma * x;
  for (let i = 0; i < steps; i++) {
    const t = i * dt;
    const x = grid[i];
    const dMid = delayed(t + dt / 2 - tau);
    const k1 = rate(x, delayed(t - tau));
    const k2 = rate(x + (dt / 2) * k1, dMid);
    const k3 = rate(x + (dt / 2) * k2, dMid);
    const k4 = rate(x + dt * k3, delayed(t + dt - tau));
    grid[i + 1] = x + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return Float64Array.from({ length: options.length }, (_, k) => grid[firstStep + k * every]);
}

const mackeyGlassParamsSchema = z.strictObject({
  tau: realIn('a delay tau', 0.1, 200).default(17),
  beta: realIn('beta', 0, 10, { minExclusive: true }).default(0.2),
  gamma: realIn('gamma', 0, 10, { minExclusive: true }).default(0.1),
  exponent: realIn('an exponent n', 1, 50).default(10),
  dt: realIn('an integration step dt', 0.001, 1).default(0.1),
  x0: realIn('an initial value x0', 0, 10, { minExclusive: true }).default(1.2),
  transient: realIn('a transient in time units', 0, 100_000).default(500),
  sampleInterval: realIn('a sample interval in time units', 0.001, 100).default(1),
  length: intIn('a series length', 20, 1_000_000).default(2000),
  ...windowFields,
});

export const mackeyGlassTask = defineTask({
  id: 'mackey-glass',
  title: 'Mackey-Glass series',
  description:
    'Forecast the Mackey-Glass chaotic series, a delay differential equation first written to model blood-cell ' +
    'production, and a standard benchmark for recurrent networks and reservoirs. With the delay tau = 17 it never ' +
    'repeats, so the network must learn the dynamics rather than a period; the test split is the latest stretch.',
  paramsSchema: mackeyGlassParamsSchema,
  check: (p) => {
    const ratio = p.sampleInterval / p.dt;
    const steps = Math.round((p.transient + (p.length - 1) * p.sampleInterval) / p.dt);
    const longest = Math.max(0, Math.floor((MAX_INTEGRATION_STEPS * p.dt - p.transient) / p.sampleInterval) + 1);
    return firstBrokenRule([
      [p.tau >= p.dt, 'tau', `expected at least one integration step dt (${p.dt})`, p.tau],
      [Math.abs(ratio - Math.round(ratio)) < 1e-9, 'sampleInterval', `expected a whole number of steps dt (${p.dt})`, p.sampleInterval],
      // The whole integration grid is kept (the delay reads back into it): 8 bytes per step.
      [steps <= MAX_INTEGRATION_STEPS, 'length', `expected at most ${longest} samples at this dt, transient and sampleInterval (${MAX_INTEGRATION_STEPS} integration steps)`, p.length],
    ]);
  },
  generate(params, seed) {
    const series = { names: ['x'], columns: [mackeyGlass(params)] };
    // The series itself is fixed by its parameters; the seed orders the training windows.
    const splits = seriesSplits(series, series, { ...params, targetMode: 'every' }, new Random(seed));
    return { task: 'mackey-glass', params, seed, inputSize: 1, outputSize: 1, loss: 'mse', outputActivation: 'none', targetMode: 'every', ...splits };
  },
  evaluate: (predictions, split) => evaluateSeries(predictions, split, 1, true),
});
