// The data types every task produces and every training loop consumes: one example (`Sequence`), a generated
// dataset with its three splits (`TaskData`), a task definition, and the task metrics the UI shows.
import type { z } from 'zod';

/** How the loss is computed; the training loop maps each to its formula (masked by `targetMask`). */
export type TaskLoss = 'mse' | 'bce' | 'ce';
/** The head's output activation the task expects; matches `ModelSpec.output_activation`. */
export type TaskOutputActivation = 'none' | 'sigmoid' | 'softmax';
/** 'last': one target at the sequence's last step (step length-1, not the padded end); 'every': targets at many steps. */
export type TargetMode = 'last' | 'every';

export interface SequenceMeta {
  /** The symbols as text ("0110", "SaabbT", a text window), for tables, probes and error messages. */
  text?: string;
  /** Group for by-group metrics: string length (Tomita) or n (a^n b^n). */
  group?: number;
  /** Accept (1) or reject (0) for classification tasks. */
  label?: number;
  /** Next-symbol tasks: 1 at steps where exactly one next symbol is possible, (T). */
  deterministic?: Uint8Array;
}

/** One example. Row-major, time-major inside the example: row t is step t. */
export interface Sequence {
  /** T, the number of steps (>= 1). */
  length: number;
  /** (T, inputSize) inputs. */
  x: Float64Array;
  /** (T, outputSize) targets; rows whose mask is 0 hold zeros. */
  target: Float64Array;
  /** (T) 1 where the step carries a loss, else 0. */
  targetMask: Uint8Array;
  meta?: SequenceMeta;
}

/** Per-column affine normalisation applied to series values: stored = (raw - mean) / std. */
export interface Normalization {
  columns: string[];
  mean: number[];
  std: number[];
}

export interface TaskData {
  /** Task id, e.g. 'tomita'. */
  task: string;
  /** The parameters after validation, defaults filled in (what a project file stores). */
  params: Record<string, unknown>;
  seed: number;
  inputSize: number;
  outputSize: number;
  /** One-hot order of the input symbols (one-hot tasks only). */
  alphabet?: string[];
  /** One-hot order of the output symbols when it differs from the input's. */
  outputAlphabet?: string[];
  loss: TaskLoss;
  outputActivation: TaskOutputActivation;
  targetMode: TargetMode;
  train: Sequence[];
  validation: Sequence[];
  /** The generalisation split: longer strings, larger n, later time, unseen text. */
  test: Sequence[];
  /** Series tasks: how inputs (and targets) were normalised, to map predictions back. */
  normalization?: { inputs: Normalization; targets: Normalization };
}

/** Accuracy within one group (a length, an n). */
export interface GroupAccuracy {
  group: number;
  correct: number;
  total: number;
}

export interface TaskMetrics {
  /** The number the UI shows first. */
  primary: { name: string; value: number; higherIsBetter: boolean };
  /** Every scalar metric by name (includes the primary one). */
  scalars: Record<string, number>;
  /** Accuracy per group, ascending; `groupedBy` names the group ('length' or 'n'). */
  groups?: GroupAccuracy[];
  groupedBy?: 'length' | 'n';
}

/**
 * The model's outputs for a split, one array per sequence: (T_i, outputSize) after the output activation,
 * every step (rows the task does not score are ignored). `unbatchOutputs` in batching.ts builds it.
 */
export type Predictions = Float64Array[];

/** A task as the registry holds it: parameters arrive as `unknown` and are validated by `paramsSchema`. */
export interface Task {
  id: string;
  title: string;
  /** One paragraph for users: what the task is, what it shows, where it comes from. */
  description: string;
  /** zod schema with defaults and ranges; `parseParams` wraps it with one-line errors. */
  paramsSchema: z.ZodType;
  /** Validates parameters and fills in defaults; throws TaskParamsError. */
  parseParams(raw: unknown): Record<string, unknown>;
  /** Validates parameters, then generates all three splits from `seed` (identical on every machine). */
  generate(raw: unknown, seed: number): TaskData;
  /** Task metrics of predictions on one split of data this task generated. */
  evaluate(predictions: Predictions, split: Sequence[]): TaskMetrics;
}
