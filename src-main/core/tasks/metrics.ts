// Metric helpers shared by the tasks: prediction shape checks, masked MSE, accuracy grouped by length or n.
import { TaskError } from './errors';
import type { GroupAccuracy, Predictions, Sequence } from './types';

/** Throws unless there is one (T_i, outputSize) prediction per sequence. */
export function checkPredictions(predictions: Predictions, split: readonly Sequence[], outputSize: number): void {
  if (predictions.length !== split.length) {
    throw new TaskError(`expected predictions for ${split.length} sequences, found ${predictions.length}`);
  }
  split.forEach((s, i) => {
    if (predictions[i].length !== s.length * outputSize) {
      throw new TaskError(
        `sequence ${i}: expected ${s.length} steps x ${outputSize} outputs = ${s.length * outputSize} values, found ${predictions[i].length}`,
      );
    }
  });
}

/** Mean squared error over the masked steps and all output units. */
export function maskedMse(predictions: Predictions, split: readonly Sequence[], outputSize: number): number {
  let sum = 0;
  let count = 0;
  split.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      if (!s.targetMask[t]) continue;
      for (let k = 0; k < outputSize; k++) {
        const d = predictions[i][t * outputSize + k] - s.target[t * outputSize + k];
        sum += d * d;
        count++;
      }
    }
  });
  return count ? sum / count : NaN;
}

/** Tallies right/wrong per group; returns groups in ascending order. */
export class GroupTally {
  private readonly counts = new Map<number, GroupAccuracy>();

  add(group: number, correct: boolean): void {
    const row = this.counts.get(group) ?? { group, correct: 0, total: 0 };
    row.total++;
    if (correct) row.correct++;
    this.counts.set(group, row);
  }

  rows(): GroupAccuracy[] {
    return [...this.counts.values()].sort((a, b) => a.group - b.group);
  }

  accuracy(): number {
    let correct = 0;
    let total = 0;
    for (const row of this.counts.values()) {
      correct += row.correct;
      total += row.total;
    }
    return total ? correct / total : NaN;
  }
}

/**
 * Largest group value g such that every group <= g present in the rows is fully correct (0 when the smallest
 * fails). For a^n b^n: "largest n solved, with all smaller n solved too".
 */
export function largestSolved(rows: readonly GroupAccuracy[]): number {
  let solved = 0;
  for (const row of rows) {
    if (row.correct !== row.total) break;
    solved = row.group;
  }
  return solved;
}

export function argmax(values: Float64Array, start: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (values[start + k] > values[start + best]) best = k;
  return best;
}
