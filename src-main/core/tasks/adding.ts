// The adding problem (Hochreiter & Schmidhuber 1997; Le et al. 2015): input (T, 2) = (value uniform in [0,1),
// marker); exactly two markers are 1, one in each half of the sequence; the target at the last step is the sum
// of the two marked values (mse, no output activation). Always predicting 1 scores MSE 1/6: the baseline.
import { z } from 'zod';
import { Random } from '../random';
import { defineTask } from './define';
import { lastStepSequence } from './encoding';
import { checkPredictions } from './metrics';
import { intIn } from './params';
import { splitSizeFields } from './splits';
import type { Predictions, Sequence, TaskMetrics } from './types';

/** Hochreiter & Schmidhuber's criterion: a sequence is solved when the absolute error is below this. */
export const ADDING_TOLERANCE = 0.04;

const addingParamsSchema = z.strictObject({
  length: intIn('a sequence length T', 2, 2000).default(100),
  /** Test sequences may be longer than training ones; null means the same T. */
  testLength: intIn('a test sequence length', 2, 2000).nullable().default(null),
  ...splitSizeFields(1000, 200, 500),
});

export function addingSequence(T: number, random: Random): Sequence {
  const x = new Float64Array(T * 2);
  for (let t = 0; t < T; t++) x[t * 2] = random.next();
  const half = Math.floor(T / 2);
  const first = random.int(0, half - 1);
  const second = random.int(half, T - 1);
  x[first * 2 + 1] = 1;
  x[second * 2 + 1] = 1;
  return lastStepSequence(x, T, [x[first * 2] + x[second * 2]]);
}

export function evaluateAdding(predictions: Predictions, split: Sequence[]): TaskMetrics {
  checkPredictions(predictions, split, 1);
  let squared = 0;
  let solved = 0;
  let targetSum = 0;
  let targetSquares = 0;
  split.forEach((s, i) => {
    const target = s.target[s.length - 1];
    const error = predictions[i][s.length - 1] - target;
    squared += error * error;
    if (Math.abs(error) < ADDING_TOLERANCE) solved++;
    targetSum += target;
    targetSquares += target * target;
  });
  const n = split.length;
  const mse = squared / n;
  const mean = targetSum / n;
  return {
    primary: { name: 'mse', value: mse, higherIsBetter: false },
    // baseline_mse: predicting the split's mean target every time (about 1/6).
    scalars: { mse, solved_fraction: solved / n, baseline_mse: targetSquares / n - mean * mean },
  };
}

export const addingTask = defineTask({
  id: 'adding',
  title: 'Adding problem',
  description:
    'Each step shows a random number and a marker; two steps are marked, one in each half. At the end the ' +
    'network must output the sum of the two marked numbers, so it has to hold a value across up to T steps of ' +
    'distraction. A network that learned nothing scores the baseline MSE of about 0.167; with long T, a plain ' +
    'tanh network\'s gradients vanish and it stays there, while an IRNN or LSTM goes below it.',
  paramsSchema: addingParamsSchema,
  generate(params, seed) {
    const random = new Random(seed);
    const make = (size: number, T: number) => Array.from({ length: size }, () => addingSequence(T, random));
    return {
      task: 'adding',
      params,
      seed,
      inputSize: 2,
      outputSize: 1,
      loss: 'mse',
      outputActivation: 'none',
      targetMode: 'last',
      train: make(params.trainSize, params.length),
      validation: make(params.validationSize, params.length),
      test: make(params.testSize, params.testLength ?? params.length),
    };
  },
  evaluate: evaluateAdding,
});
