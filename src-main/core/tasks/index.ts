// The task registry: every task the lab can generate, by id. Hosts list them (`listTasks`), look one up
// (`getTask`, a clear error for an unknown id) and generate data with `generateTask(id, params, seed)`.
import { anbncnTask, anbnTask } from './counting';
import { addingTask } from './adding';
import { clozeTask } from './cloze';
import { TaskError } from './errors';
import { reberTask } from './reber';
import { csvTask } from './series/csv-task';
import { mackeyGlassTask } from './series/mackey-glass';
import { sineTask } from './series/sine';
import { temporalXorTask } from './temporal-xor';
import { charLmTask } from './text/char-lm';
import { tomitaTask } from './tomita/task';
import type { Task, TaskData } from './types';

const TASKS: readonly Task[] = [
  tomitaTask,
  anbnTask,
  anbncnTask,
  reberTask,
  addingTask,
  temporalXorTask,
  sineTask,
  mackeyGlassTask,
  csvTask,
  charLmTask,
  clozeTask,
];

export interface TaskSummary {
  id: string;
  title: string;
  description: string;
}

export function listTasks(): TaskSummary[] {
  return TASKS.map(({ id, title, description }) => ({ id, title, description }));
}

export function getTask(id: string): Task {
  const task = TASKS.find((t) => t.id === id);
  if (!task) throw new TaskError(`unknown task '${id}': expected one of ${TASKS.map((t) => t.id).join(', ')}`);
  return task;
}

export function generateTask(id: string, params: unknown, seed: number): TaskData {
  return getTask(id).generate(params, seed);
}

/** What a project stores about its task: enough to regenerate identical data (`generateTask(id, params, seed)`). */
export interface TaskSettings {
  id: string;
  params: Record<string, unknown>;
  seed: number;
}

export function taskSettings(data: TaskData): TaskSettings {
  return { id: data.task, params: data.params, seed: data.seed };
}

export type { Predictions, Sequence, Task, TaskData, TaskMetrics } from './types';
export { TaskDataError, TaskError, TaskParamsError } from './errors';
export { makeBatches, padBatch, toSequenceBatch, unbatchOutputs, type PaddedBatch } from './batching';
export { engineStepper, sampleText } from './text/sample';
