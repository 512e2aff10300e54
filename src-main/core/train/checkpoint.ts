// What a project file holds about training, and checkpoints: the `task` section ({ id, params, seed,
// description }), the `training` section ({ settings, monitor, eval_every, checkpoint }) and the run's `history`.
// A checkpoint is the trainer's counters, optimiser and monitor state plus the exact float64 weights (the project's
// own weights are float32), so a resumed run continues bit for bit. Saving goes through saveProject (atomic, .bak).
import { z } from 'zod';
import { describeZodError, LabError } from '../errors';
import { MAX_SEED } from '../tasks/define';
import type { Project } from '../project/types';
import type { Weights } from '../tensor';
import type { TrainerState } from './loop';
import { decodeFloat64, encodeFloat64 } from './optim/index';
import { parseCheckpoint } from './saved-state';
import { parseTrainingSettings, type TrainingSettings } from './settings';

/** A project that cannot be trained as it is (no task, a bad section, a checkpoint that does not fit). */
export class TrainingSetupError extends LabError {}

export interface TaskRef {
  id: string;
  params: Record<string, unknown>;
  seed: number;
  /** One paragraph for users: what this project's run shows. */
  description?: string;
  alphabet?: string[];
}

export interface Checkpoint {
  trainer: TrainerState;
  /** base64 little-endian float64 of every weight, by name: the exact values the run continues from. */
  weights_f64: Record<string, string>;
}

export interface RunConfig {
  task: TaskRef;
  settings: TrainingSettings;
  monitor: Record<string, unknown>;
  /** Evaluate on the validation split every this many steps (null: at the end of every epoch). */
  evalEvery: number | null;
  checkpoint: Checkpoint | null;
}

const taskRefSchema = z.strictObject({
  id: z.string({ error: 'expected a task id such as "tomita"' }).min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  seed: z.number().int().min(0).max(MAX_SEED).default(0),
  description: z.string().optional(),
  /** One-hot order of the input symbols, for `rnnlab info --json` and ONNX metadata (written by `task set`). */
  alphabet: z.array(z.string()).optional(),
});

const trainingSectionSchema = z.strictObject({
  settings: z.unknown().optional(),
  /** Run options (engine, precision, snapshot cadence...): lab/settings/run-options.ts reads them. */
  run: z.unknown().optional(),
  monitor: z.record(z.string(), z.unknown()).default({}),
  eval_every: z.number().int().min(1).nullable().default(null),
  checkpoint: z.unknown().nullable().default(null),
});

/** Reads the task and training sections; `overrides` (CLI flags) replace settings fields. */
export function readRunConfig(project: Project, overrides: Record<string, unknown> = {}): RunConfig {
  if (project.task === null) {
    throw new TrainingSetupError(
      `${project.name}: has no task; set one with rnnlab task set <project> --task <id> [--param key=value ...]`,
    );
  }
  const task = taskRefSchema.safeParse(project.task);
  if (!task.success) throw new TrainingSetupError(`task section: ${describeZodError(task.error, project.task)}`);
  const training = trainingSectionSchema.safeParse(project.training ?? {});
  if (!training.success) throw new TrainingSetupError(`training section: ${describeZodError(training.error, project.training)}`);
  const raw = { ...((training.data.settings as Record<string, unknown> | undefined) ?? {}), ...overrides };
  if ('steps' in overrides && overrides.steps !== null) raw.epochs = null;
  if ('epochs' in overrides && overrides.epochs !== null) raw.steps = null;
  return {
    task: task.data,
    settings: parseTrainingSettings(raw),
    monitor: training.data.monitor,
    evalEvery: training.data.eval_every,
    checkpoint: parseCheckpoint(training.data.checkpoint, (line) => new TrainingSetupError(`training section: ${line}`)),
  };
}

/** The checkpoint's exact weights when they still match the project's float32 weights; else the project's own. */
export function checkpointWeights(project: Project, checkpoint: Checkpoint): Weights {
  const weights: Weights = {};
  for (const [name, tensor] of Object.entries(project.weights)) {
    const text = checkpoint.weights_f64?.[name];
    const exact = typeof text === 'string' ? decodeFloat64(text) : 'missing';
    const matches =
      exact instanceof Float64Array && exact.length === tensor.data.length && exact.every((v, i) => Math.fround(v) === Math.fround(tensor.data[i]));
    if (!matches) {
      throw new TrainingSetupError(
        `checkpoint: the weights of ${name} no longer match the saved run (edited?); train with --fresh to start a new run`,
      );
    }
    weights[name] = { shape: [...tensor.shape], data: exact as Float64Array };
  }
  return weights;
}

/** A copy of the project with the trained weights, the checkpoint and the history written in. */
export function withCheckpoint(
  project: Project,
  weights: Weights,
  trainer: TrainerState,
  config: Pick<RunConfig, 'task' | 'settings' | 'monitor' | 'evalEvery'>,
  history: Record<string, unknown> | null,
): Project {
  const weights_f64 = Object.fromEntries(Object.entries(weights).map(([name, t]) => [name, encodeFloat64(t.data)]));
  const checkpoint: Checkpoint = { trainer, weights_f64 };
  return {
    ...project,
    weights: Object.fromEntries(Object.entries(weights).map(([n, t]) => [n, { shape: [...t.shape], data: Float64Array.from(t.data) }])),
    task: { ...config.task },
    // Other fields of the section (the run options) stay as they were.
    training: { ...(project.training ?? {}), settings: config.settings, monitor: config.monitor, eval_every: config.evalEvery, checkpoint },
    history,
  };
}
