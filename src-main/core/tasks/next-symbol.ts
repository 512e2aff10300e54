// Scoring next-symbol prediction (a^n b^n, a^n b^n c^n, embedded Reber): targets are multi-hot sets of the
// symbols that may come next. A string is correct when every DETERMINISTIC step (exactly one possible next
// symbol) is predicted right; non-deterministic steps are not scored (the network cannot know the answer).
import { argmax, checkPredictions, GroupTally, largestSolved } from './metrics';
import type { Predictions, Sequence, TaskMetrics, TaskOutputActivation } from './types';

/**
 * Whether step t of sequence s is predicted right. With sigmoid outputs, every unit must be on the correct side
 * of 0.5 (Gers & Schmidhuber 2001's criterion); with softmax, the most probable symbol must be the one possible.
 */
export function stepCorrect(
  prediction: Float64Array,
  s: Sequence,
  t: number,
  outputSize: number,
  activation: TaskOutputActivation,
): boolean {
  const row = t * outputSize;
  if (activation === 'softmax') return s.target[row + argmax(prediction, row, outputSize)] === 1;
  for (let k = 0; k < outputSize; k++) {
    if (prediction[row + k] > 0.5 !== (s.target[row + k] === 1)) return false;
  }
  return true;
}

/** Whether every deterministic step of the sequence is predicted right. */
export function stringCorrect(prediction: Float64Array, s: Sequence, outputSize: number, activation: TaskOutputActivation): boolean {
  const deterministic = s.meta?.deterministic;
  for (let t = 0; t < s.length; t++) {
    if ((deterministic ? deterministic[t] : 1) && !stepCorrect(prediction, s, t, outputSize, activation)) return false;
  }
  return true;
}

export interface NextSymbolOptions {
  outputSize: number;
  activation: TaskOutputActivation;
  /** Group by meta.group under this name ('n' for a^n b^n, 'length' for Reber); none when absent. */
  groupedBy?: 'n' | 'length';
}

export function evaluateNextSymbol(predictions: Predictions, split: Sequence[], options: NextSymbolOptions): TaskMetrics {
  const { outputSize, activation, groupedBy } = options;
  checkPredictions(predictions, split, outputSize);
  const tally = new GroupTally();
  let steps = 0;
  let stepsRight = 0;
  split.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      if (!s.meta?.deterministic?.[t]) continue;
      steps++;
      if (stepCorrect(predictions[i], s, t, outputSize, activation)) stepsRight++;
    }
    tally.add(groupedBy ? (s.meta?.group ?? s.length) : 0, stringCorrect(predictions[i], s, outputSize, activation));
  });
  const stringAccuracy = tally.accuracy();
  const scalars: Record<string, number> = {
    string_accuracy: stringAccuracy,
    deterministic_step_accuracy: steps ? stepsRight / steps : NaN,
  };
  if (!groupedBy) return { primary: { name: 'string_accuracy', value: stringAccuracy, higherIsBetter: true }, scalars };
  const groups = tally.rows();
  if (groupedBy === 'n') {
    scalars.largest_n_solved = largestSolved(groups);
    scalars.smallest_n = groups.length ? groups[0].group : NaN;
  }
  return { primary: { name: 'string_accuracy', value: stringAccuracy, higherIsBetter: true }, scalars, groups, groupedBy };
}
