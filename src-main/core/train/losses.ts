// Losses over the engine's batch-first outputs (B, T, O), with a step mask for padded steps and targets at every
// step or at each sequence's last real step, each returning the gradient seed the engine's backward() takes:
// MSE on y (dY); binary and categorical cross-entropy on the logits yPre (dYPre, so no sigmoid/softmax Jacobian).
// Normalisation is PyTorch's reduction='mean' over what counts: MSE and BCE divide by (target steps * O), CE by
// the number of target steps. Plus accuracy counts, and `taskLoss`: the loss a task's data names, on a padded batch.
import type { BackwardSeeds } from '../engine/types';
import { InputShapeError } from '../errors';
import type { PaddedBatch } from '../tasks/batching';
import type { TaskData } from '../tasks/types';

export interface LossTargets {
  batch: number;
  steps: number;
  outputs: number;
  /** 'each': a target at every real step; 'last': one target per sequence, at its last real step. */
  at: 'each' | 'last';
  /**
   * 'values' (default): (B, T, O) for 'each', (B, O) for 'last'; for CE a distribution over the O classes.
   * 'class' (cross-entropy only): class indices, (B, T) for 'each', (B) for 'last'.
   */
  target: ArrayLike<number>;
  targetKind?: 'values' | 'class';
  /** (B, T): 1 for a real step, 0 for padding. Absent: every step is real. */
  mask?: ArrayLike<number>;
}

export interface MseResult {
  loss: number;
  /** Steps that carry a target (the mean is over count * O elements). */
  count: number;
  /** dL/dy, (B, T, O); zero at steps without a target. */
  dY: Float64Array;
}

export interface LogitLossResult {
  loss: number;
  /** Steps that carry a target (BCE's mean is over count * O elements, CE's over count). */
  count: number;
  /** dL/dyPre, (B, T, O); zero at steps without a target. */
  dYPre: Float64Array;
}

/** The steps that carry a target: `rows[k]` indexes (B*T) rows of the outputs, `targetRows[k]` rows of the targets. */
interface TargetSteps {
  rows: Int32Array;
  targetRows: Int32Array;
}

function targetSteps(outputs: ArrayLike<number> | null, t: LossTargets, what: string): TargetSteps {
  const { batch: B, steps: T, outputs: O } = t;
  if (outputs === null) throw new InputShapeError(`${what}: expected the model's head output, found a model without a head`);
  if (outputs.length !== B * T * O) {
    throw new InputShapeError(`${what}: expected outputs of (B, T, O) = (${B}, ${T}, ${O}), ${B * T * O} values, found ${outputs.length}`);
  }
  const perRow = t.targetKind === 'class' ? 1 : O;
  const targetLength = (t.at === 'each' ? B * T : B) * perRow;
  if (t.target.length !== targetLength) {
    const shape = t.at === 'each' ? (perRow === 1 ? '(B, T)' : '(B, T, O)') : perRow === 1 ? '(B)' : '(B, O)';
    throw new InputShapeError(`${what}: expected ${t.at === 'each' ? 'per-step' : 'last-step'} targets of ${shape}, ${targetLength} values, found ${t.target.length}`);
  }
  const mask = t.mask;
  if (mask !== undefined) {
    if (mask.length !== B * T) throw new InputShapeError(`${what}: expected a step mask of (B, T), ${B * T} values, found ${mask.length}`);
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] !== 0 && mask[i] !== 1) throw new InputShapeError(`${what}: expected a step mask of 0 and 1, found ${mask[i]} at index ${i}`);
    }
  }
  const real = (b: number, s: number) => mask === undefined || mask[b * T + s] === 1;
  const rows: number[] = [];
  const targetRows: number[] = [];
  for (let b = 0; b < B; b++) {
    if (t.at === 'each') {
      for (let s = 0; s < T; s++) {
        if (!real(b, s)) continue;
        rows.push(b * T + s);
        targetRows.push(b * T + s);
      }
    } else {
      let last = T - 1;
      while (last >= 0 && !real(b, last)) last--;
      if (last < 0) throw new InputShapeError(`${what}: expected at least one real step in sequence ${b}, found none in its mask`);
      rows.push(b * T + last);
      targetRows.push(b);
    }
  }
  if (rows.length === 0) throw new InputShapeError(`${what}: expected at least one real step, found a mask of zeros`);
  return { rows: Int32Array.from(rows), targetRows: Int32Array.from(targetRows) };
}

function requireValues(t: LossTargets, what: string): void {
  if (t.targetKind === 'class') throw new InputShapeError(`${what}: expected target values, found class indices (only cross-entropy takes them)`);
}

/** Mean squared error on y: mean of (y - target)^2 over target steps and outputs; dY = 2 (y - target) / N. */
export function mseLoss(y: Float64Array | null, targets: LossTargets): MseResult {
  requireValues(targets, 'MSE loss');
  const { rows, targetRows } = targetSteps(y, targets, 'MSE loss');
  const O = targets.outputs;
  const n = rows.length * O;
  const dY = new Float64Array((y as Float64Array).length);
  let sum = 0;
  for (let k = 0; k < rows.length; k++) {
    for (let o = 0; o < O; o++) {
      const i = rows[k] * O + o;
      const diff = (y as Float64Array)[i] - targets.target[targetRows[k] * O + o];
      sum += diff * diff;
      dY[i] = (2 * diff) / n;
    }
  }
  return { loss: sum / n, count: rows.length, dY };
}

/** sigmoid(z) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Binary cross-entropy from logits (PyTorch's BCEWithLogitsLoss) in the stable form
 * max(z, 0) - z t + log(1 + exp(-|z|)), averaged over target steps and outputs; dYPre = (sigmoid(z) - t) / N.
 */
export function bceWithLogitsLoss(yPre: Float64Array | null, targets: LossTargets): LogitLossResult {
  requireValues(targets, 'binary cross-entropy');
  const { rows, targetRows } = targetSteps(yPre, targets, 'binary cross-entropy');
  const O = targets.outputs;
  const n = rows.length * O;
  const z = yPre as Float64Array;
  const dYPre = new Float64Array(z.length);
  let sum = 0;
  for (let k = 0; k < rows.length; k++) {
    for (let o = 0; o < O; o++) {
      const i = rows[k] * O + o;
      const t = targets.target[targetRows[k] * O + o];
      sum += Math.max(z[i], 0) - z[i] * t + Math.log1p(Math.exp(-Math.abs(z[i])));
      dYPre[i] = (sigmoid(z[i]) - t) / n;
    }
  }
  return { loss: sum / n, count: rows.length, dYPre };
}

/**
 * Categorical cross-entropy from logits (PyTorch's CrossEntropyLoss): -sum_c t_c log_softmax(z)_c per target step,
 * averaged over target steps; dYPre = (softmax(z) * sum_c t_c - t) / N (= softmax - t for a distribution or a class).
 */
export function crossEntropyLoss(yPre: Float64Array | null, targets: LossTargets): LogitLossResult {
  const { rows, targetRows } = targetSteps(yPre, targets, 'cross-entropy');
  const O = targets.outputs;
  const n = rows.length;
  const z = yPre as Float64Array;
  const byClass = targets.targetKind === 'class';
  const dYPre = new Float64Array(z.length);
  const dist = new Float64Array(O);
  let sum = 0;
  for (let k = 0; k < rows.length; k++) {
    dist.fill(0);
    if (byClass) {
      const c = targets.target[targetRows[k]];
      if (!Number.isInteger(c) || c < 0 || c >= O) {
        throw new InputShapeError(`cross-entropy: expected class indices from 0 to ${O - 1}, found ${c} in target row ${targetRows[k]}`);
      }
      dist[c] = 1;
    } else {
      for (let o = 0; o < O; o++) dist[o] = targets.target[targetRows[k] * O + o];
    }
    const base = rows[k] * O;
    let max = -Infinity;
    for (let o = 0; o < O; o++) max = Math.max(max, z[base + o]);
    let expSum = 0;
    for (let o = 0; o < O; o++) expSum += Math.exp(z[base + o] - max);
    const logSumExp = max + Math.log(expSum);
    let mass = 0;
    for (let o = 0; o < O; o++) {
      sum -= dist[o] * (z[base + o] - logSumExp);
      mass += dist[o];
    }
    for (let o = 0; o < O; o++) dYPre[base + o] = (Math.exp(z[base + o] - logSumExp) * mass - dist[o]) / n;
  }
  return { loss: sum / n, count: n, dYPre };
}

export type LossKind = 'mse' | 'bce' | 'ce';

/**
 * The loss `kind` of one forward pass, with its gradient as the seeds for `ForwardPass.backward`:
 * MSE reads y and seeds dY; the cross-entropies read the logits yPre and seed dYPre.
 */
export function computeLoss(
  kind: LossKind,
  forward: { y: Float64Array | null; yPre: Float64Array | null },
  targets: LossTargets,
): { loss: number; count: number; seeds: BackwardSeeds } {
  if (kind === 'mse') {
    const { loss, count, dY } = mseLoss(forward.y, targets);
    return { loss, count, seeds: { dY } };
  }
  const { loss, count, dYPre } = (kind === 'bce' ? bceWithLogitsLoss : crossEntropyLoss)(forward.yPre, targets);
  return { loss, count, seeds: { dYPre } };
}

export interface AccuracyResult {
  /** Correct predictions (elements for binary, steps for categorical) among `total`. */
  correct: number;
  total: number;
  /** Per sequence: 1 when every prediction of it is correct (a sequence without targets counts as correct). */
  perSequence: Uint8Array;
  /** Sequences with at least one target, and how many of those are entirely correct. */
  sequences: number;
  sequencesCorrect: number;
}

function tally(B: number, T: number, rows: Int32Array, rowRight: (k: number) => number, perRow: number): AccuracyResult {
  const perSequence = new Uint8Array(B).fill(1);
  const hasTargets = new Uint8Array(B);
  let correct = 0;
  for (let k = 0; k < rows.length; k++) {
    const b = Math.floor(rows[k] / T);
    const right = rowRight(k);
    correct += right;
    hasTargets[b] = 1;
    if (right < perRow) perSequence[b] = 0;
  }
  let sequences = 0;
  let sequencesCorrect = 0;
  for (let b = 0; b < B; b++) {
    sequences += hasTargets[b];
    sequencesCorrect += hasTargets[b] & perSequence[b];
  }
  return { correct, total: rows.length * perRow, perSequence, sequences, sequencesCorrect };
}

/**
 * Binary accuracy: an output is predicted positive when above `threshold` (0 for logits, 0.5 for probabilities)
 * and is right when that agrees with target > 0.5.
 */
export function binaryAccuracy(outputs: Float64Array | null, targets: LossTargets, threshold = 0): AccuracyResult {
  requireValues(targets, 'binary accuracy');
  const { rows, targetRows } = targetSteps(outputs, targets, 'binary accuracy');
  const O = targets.outputs;
  const out = outputs as Float64Array;
  const rowRight = (k: number) => {
    let right = 0;
    for (let o = 0; o < O; o++) {
      if (out[rows[k] * O + o] > threshold === targets.target[targetRows[k] * O + o] > 0.5) right++;
    }
    return right;
  };
  return tally(targets.batch, targets.steps, rows, rowRight, O);
}

/** Categorical accuracy: the arg-max output (logits or probabilities) equals the class, or the target's arg-max. */
export function categoricalAccuracy(outputs: Float64Array | null, targets: LossTargets): AccuracyResult {
  const { rows, targetRows } = targetSteps(outputs, targets, 'categorical accuracy');
  const O = targets.outputs;
  const out = outputs as Float64Array;
  const argMax = (values: ArrayLike<number>, start: number) => {
    let best = 0;
    for (let o = 1; o < O; o++) if (values[start + o] > values[start + best]) best = o;
    return best;
  };
  const rowRight = (k: number) => {
    const truth = targets.targetKind === 'class' ? targets.target[targetRows[k]] : argMax(targets.target, targetRows[k] * O);
    return argMax(out, rows[k] * O) === truth ? 1 : 0;
  };
  return tally(targets.batch, targets.steps, rows, rowRight, 1);
}

/** The task's loss on a padded batch: its value and the seed for backward(). */
export function taskLoss(data: TaskData, y: Float64Array | null, yPre: Float64Array | null, padded: PaddedBatch) {
  const targets: LossTargets = {
    batch: padded.batch,
    steps: padded.steps,
    outputs: padded.outputSize,
    at: 'each',
    target: padded.target,
    mask: padded.lossMask,
  };
  switch (data.loss) {
    case 'mse': {
      const r = mseLoss(y, targets);
      return { value: r.loss, count: r.count, seeds: { dY: r.dY } };
    }
    case 'bce': {
      const r = bceWithLogitsLoss(yPre, targets);
      return { value: r.loss, count: r.count, seeds: { dYPre: r.dYPre } };
    }
    case 'ce': {
      const r = crossEntropyLoss(yPre, targets);
      return { value: r.loss, count: r.count, seeds: { dYPre: r.dYPre } };
    }
  }
}
