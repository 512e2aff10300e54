// Windows over a multivariate series: contiguous train/validation/test row ranges (no window crosses a split),
// normalisation fitted on the training rows only, and the series metrics (MSE, RMSE, baselines).
import { z } from 'zod';
import type { Random } from '../../random';
import { TaskParamsError } from '../errors';
import { checkPredictions, maskedMse } from '../metrics';
import { fraction, intIn } from '../params';
import { contiguousSplits } from '../splits';
import type { Normalization, Predictions, Sequence, TargetMode, TaskMetrics } from '../types';

export const windowFields = {
  window: intIn('a window length', 1, 10_000).default(50),
  horizon: intIn('a horizon (steps ahead)', 1, 10_000).default(1),
  stride: intIn('a stride between windows', 1, 10_000).default(10),
  validationFraction: fraction('a validation fraction').default(0.15),
  testFraction: fraction('a test fraction').default(0.15),
  normalize: z.boolean({ error: 'expected true or false' }).default(true),
};

export interface WindowOptions {
  window: number;
  horizon: number;
  stride: number;
  validationFraction: number;
  testFraction: number;
  normalize: boolean;
  targetMode: TargetMode;
}

/** Column-major series: columns[c][row]. */
export interface ColumnSeries {
  names: string[];
  columns: Float64Array[];
}

export function fitNormalization(series: ColumnSeries, rows: number, normalize: boolean): Normalization {
  const mean: number[] = [];
  const std: number[] = [];
  for (const column of series.columns) {
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < rows; r++) sum += column[r];
    const m = sum / rows;
    for (let r = 0; r < rows; r++) squares += (column[r] - m) ** 2;
    const s = Math.sqrt(squares / rows);
    mean.push(normalize ? m : 0);
    // A constant column keeps scale 1 rather than dividing by zero.
    std.push(normalize && s > 0 ? s : 1);
  }
  return { columns: [...series.names], mean, std };
}

/**
 * Windows of `window` rows of `features`; the target at step i is `targets` at row (start + i + horizon), at every
 * step ('every') or only the last ('last'). Windows start every `stride` rows and stay inside [from, to).
 */
export function windowsIn(
  features: ColumnSeries,
  targets: ColumnSeries,
  [from, to]: readonly [number, number],
  options: WindowOptions,
  norms: { inputs: Normalization; targets: Normalization },
): Sequence[] {
  const { window, horizon, stride, targetMode } = options;
  const I = features.columns.length;
  const O = targets.columns.length;
  const out: Sequence[] = [];
  for (let start = from; start + window - 1 + horizon < to; start += stride) {
    const x = new Float64Array(window * I);
    const target = new Float64Array(window * O);
    const targetMask = new Uint8Array(window);
    for (let i = 0; i < window; i++) {
      features.columns.forEach((c, k) => (x[i * I + k] = (c[start + i] - norms.inputs.mean[k]) / norms.inputs.std[k]));
      if (targetMode === 'last' && i < window - 1) continue;
      targetMask[i] = 1;
      targets.columns.forEach((c, k) => (target[i * O + k] = (c[start + i + horizon] - norms.targets.mean[k]) / norms.targets.std[k]));
    }
    out.push({ length: window, x, target, targetMask, meta: { group: start } });
  }
  return out;
}

/** Cuts the rows into contiguous splits and windows each; the training windows are shuffled with `random`. */
export function seriesSplits(features: ColumnSeries, targets: ColumnSeries, options: WindowOptions, random: Random) {
  const rows = features.columns[0].length;
  const bounds = contiguousSplits(rows, options.validationFraction, options.testFraction);
  const norms = {
    inputs: fitNormalization(features, bounds.train[1], options.normalize),
    targets: fitNormalization(targets, bounds.train[1], options.normalize),
  };
  const make = (range: readonly [number, number], split: string) => {
    const windows = windowsIn(features, targets, range, options, norms);
    if (windows.length === 0) {
      const need = options.window + options.horizon;
      throw new TaskParamsError(
        `${split} split: expected at least ${need} rows for one window of ${options.window} plus horizon ${options.horizon}, found ${range[1] - range[0]} of ${rows} rows`,
      );
    }
    return windows;
  };
  return {
    train: random.shuffle(make(bounds.train, 'train')),
    validation: make(bounds.validation, 'validation'),
    test: make(bounds.test, 'test'),
    normalization: norms,
  };
}

/**
 * MSE over the scored steps (normalised units), its root, and the MSE of always predicting the split's mean target.
 * With `persistence`, also the MSE of predicting "no change" (the last input value), for univariate forecasts.
 */
export function evaluateSeries(predictions: Predictions, split: Sequence[], outputSize: number, persistence = false): TaskMetrics {
  checkPredictions(predictions, split, outputSize);
  const mse = maskedMse(predictions, split, outputSize);
  const means = new Float64Array(outputSize);
  let count = 0;
  for (const s of split) {
    for (let t = 0; t < s.length; t++) {
      if (!s.targetMask[t]) continue;
      count++;
      for (let k = 0; k < outputSize; k++) means[k] += s.target[t * outputSize + k];
    }
  }
  means.forEach((v, k) => (means[k] = v / count));
  const constant = split.map((s) => Float64Array.from({ length: s.length * outputSize }, (_, i) => means[i % outputSize]));
  const scalars: Record<string, number> = { mse, rmse: Math.sqrt(mse), mean_baseline_mse: maskedMse(constant, split, outputSize) };
  if (persistence) scalars.persistence_mse = maskedMse(split.map((s) => s.x), split, outputSize);
  return { primary: { name: 'mse', value: mse, higherIsBetter: false }, scalars };
}
