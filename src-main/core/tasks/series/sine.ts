// Sine mixtures: s(t) = sum_k A_k sin(2 pi f_k t + phase_k) + noise, t in steps, f_k in cycles per step
// (below the Nyquist limit 0.5). Phases and noise come from the seed. Forecast s(t + horizon) at every step.
import { z } from 'zod';
import { Random } from '../../random';
import { defineTask } from '../define';
import { firstBrokenRule, intIn, realIn } from '../params';
import { evaluateSeries, seriesSplits, windowFields } from './windows';

const sineParamsSchema = z.strictObject({
  frequencies: z
    .array(realIn('a frequency in cycles per step', 0, 0.5, { minExclusive: true }), { error: 'expected a list of frequencies' })
    .min(1, { error: 'expected 1 to 8 frequencies' })
    .max(8, { error: 'expected 1 to 8 frequencies' })
    .default([0.02, 0.05]),
  amplitudes: z
    .array(realIn('an amplitude', 0, 1000), { error: 'expected a list of amplitudes' })
    .min(1, { error: 'expected 1 to 8 amplitudes' })
    .max(8, { error: 'expected 1 to 8 amplitudes' })
    .default([1, 0.5]),
  /** Standard deviation of Gaussian noise added to every point. */
  noise: realIn('a noise standard deviation', 0, 1000).default(0),
  length: intIn('a series length', 20, 1_000_000).default(2000),
  ...windowFields,
});

export function sineMixture(
  frequencies: readonly number[],
  amplitudes: readonly number[],
  noise: number,
  length: number,
  random: Random,
): Float64Array {
  const phases = frequencies.map(() => random.uniform(0, 2 * Math.PI));
  const out = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    let v = 0;
    frequencies.forEach((f, k) => (v += amplitudes[k] * Math.sin(2 * Math.PI * f * t + phases[k])));
    out[t] = noise > 0 ? v + noise * random.normal() : v;
  }
  return out;
}

export const sineTask = defineTask({
  id: 'sine',
  title: 'Sine mixture',
  description:
    'Forecast a sum of sine waves (optionally noisy) a few steps ahead from a window of its past. Smooth and ' +
    'periodic, it is the gentle start for time series: a Jordan or Elman network learns it in seconds, and the ' +
    'test split is the latest stretch of the series, never seen in training.',
  paramsSchema: sineParamsSchema,
  check: (p) =>
    firstBrokenRule([[p.amplitudes.length === p.frequencies.length, 'amplitudes', `expected one amplitude per frequency (${p.frequencies.length})`, p.amplitudes]]),
  generate(params, seed) {
    const random = new Random(seed);
    const series = { names: ['value'], columns: [sineMixture(params.frequencies, params.amplitudes, params.noise, params.length, random)] };
    const splits = seriesSplits(series, series, { ...params, targetMode: 'every' }, random);
    return { task: 'sine', params, seed, inputSize: 1, outputSize: 1, loss: 'mse', outputActivation: 'none', targetMode: 'every', ...splits };
  },
  evaluate: (predictions, split) => evaluateSeries(predictions, split, 1, true),
});
