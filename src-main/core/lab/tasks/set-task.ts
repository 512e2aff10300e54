// Giving a project its task through the contract: the request validated (the task's own schema for params, user
// data only as contents, never a server path), data generated once to prove it works, and the project's task
// section rewritten (the checkpoint dropped: a run cannot continue on other data). Pure: returns the new Project.
import { z } from 'zod';
import type { EditLabel, EditNote, PreviewTaskRequest, SetTaskRequest } from '../../../api/lab-api';
import type { Project } from '../../project/types';
import { getTask } from '../../tasks/index';
import type { TaskData } from '../../tasks/types';
import { MAX_SEED } from '../../tasks/define';
import { RequestError } from '../results';
import { DATA_PARAMS } from './task-help';

/** Largest CSV or text contents accepted (the renderer's file dialog caps files at 16 MB too). */
export const MAX_DATA_CHARS = 16 * 1024 * 1024;

const textFileSchema = z.strictObject({
  fileName: z.string({ error: 'expected the file name as text' }),
  text: z.string({ error: 'expected the file contents as text' }).max(MAX_DATA_CHARS, { error: `expected at most ${MAX_DATA_CHARS / 1024 / 1024} MB of text` }),
}, { error: 'expected data as {"fileName": "...", "text": "..."}' });

const fields = {
  params: z.record(z.string(), z.unknown(), { error: 'expected params as an object of name: value' }).optional(),
  seed: z.number({ error: 'expected a seed as a number' }).int({ error: 'expected a whole-number seed' }).min(0, { error: `expected a seed from 0 to ${MAX_SEED}` }).max(MAX_SEED, { error: `expected a seed from 0 to ${MAX_SEED}` }).optional(),
  data: textFileSchema.optional(),
};
const taskId = z.string({ error: 'expected a task id such as "tomita"' }).min(1, { error: 'expected a task id such as "tomita"' });

export const setTaskSchema = z.strictObject({ id: taskId, ...fields }, { error: 'expected an object like {"id": "tomita", "params": {...}}' });
export const previewTaskSchema = z.strictObject(
  { id: taskId.optional(), ...fields, count: z.number({ error: 'expected a count as a number' }).int({ error: 'expected a whole-number count' }).min(1, { error: 'expected a count from 1 to 50' }).max(50, { error: 'expected a count from 1 to 50' }).optional() },
  { error: 'expected an object like {"id": "tomita", "count": 8}' },
);

export interface ResolvedTask {
  id: string;
  params: Record<string, unknown>;
  seed: number;
}

/** What a project stores about its task, read loosely (the task's own schema checks the params). */
export function projectTask(project: Project): ResolvedTask | null {
  const t = project.task;
  if (!t || typeof t.id !== 'string') return null;
  const params = typeof t.params === 'object' && t.params !== null ? (t.params as Record<string, unknown>) : {};
  return { id: t.id, params, seed: typeof t.seed === 'number' ? t.seed : 0 };
}

/**
 * The task a request names, its params with the user's data written in. Without an id, the project's task (a
 * preview of what it trains on); request params then change single fields of the stored ones.
 */
export function resolveTask(request: Omit<SetTaskRequest, 'id'> & { id?: string }, project: Project | null): ResolvedTask {
  const stored = project ? projectTask(project) : null;
  const id = request.id ?? stored?.id;
  if (id === undefined) throw new RequestError(`no task given${project ? ' and the project has none yet' : ''}: give a task id such as "tomita"`);
  getTask(id); // an unknown id fails here, listing the known ones
  const same = stored !== null && stored.id === id;
  const dataParams = DATA_PARAMS[id] ?? [];
  // The same task again keeps its user data (a form change of window or columns needs no new upload); a preview
  // without an id keeps every stored field.
  const base = !same ? {} : request.id === undefined ? stored.params : Object.fromEntries(dataParams.filter((n) => n in stored.params).map((n) => [n, stored.params[n]]));
  const params: Record<string, unknown> = { ...base, ...(request.params ?? {}) };
  if ('file' in (request.params ?? {})) {
    throw new RequestError(`params.file: send the file's contents as data ({"fileName", "text"}), not a path`);
  }
  for (const name of dataParams) {
    if (name !== 'file' && request.params && name in request.params) throw new RequestError(`params.${name}: send the file's contents as data, not as a parameter`);
  }
  if (request.data) {
    if (dataParams.length === 0) throw new RequestError(`data: task ${id} generates its own data and takes no file`);
    params.file = null;
    params[dataParams[1]] = request.data.text;
  } else if (id === 'csv' && params.csv == null && params.file == null) {
    throw new RequestError('data: the csv task needs a CSV file; send its contents as data ({"fileName", "text"})');
  }
  return { id, params, seed: request.seed ?? (same ? stored.seed : 0) };
}

/**
 * Refuses task params that name a file on the machine serving the lab when the host reads no paths (browser mode:
 * a project uploaded with `params.file` must not make the server read its files). Desktop and CLI projects may.
 */
export function checkDataPaths(task: ResolvedTask | null, allowPaths: boolean): void {
  if (allowPaths || !task || typeof task.params.file !== 'string') return;
  throw new RequestError(`task ${task.id}: its data is a file path, which browser mode does not read: send the file's contents with setTask`);
}

/** One line saying what to change when the model does not fit the task's data; null when it fits. */
export function specMismatch(project: Project | null, data: Pick<TaskData, 'inputSize' | 'outputSize' | 'outputActivation'>): string | null {
  if (!project) return null;
  const spec = project.spec;
  const problems: string[] = [];
  if (spec.input_size !== data.inputSize) problems.push(`input size ${data.inputSize} (the model has ${spec.input_size})`);
  if (spec.output_size !== data.outputSize) problems.push(`output size ${data.outputSize} (the model has ${spec.output_size})`);
  if (spec.output_activation !== data.outputActivation) problems.push(`output activation ${data.outputActivation} (the model has ${spec.output_activation})`);
  return problems.length ? `this task needs ${problems.join(', ')}: change the model to fit` : null;
}

/** The same as specMismatch, as notes the renderer words: what the task needs and what the model has. */
export function mismatchNotes(project: Project, data: Pick<TaskData, 'inputSize' | 'outputSize' | 'outputActivation'>): EditNote[] {
  const spec = project.spec;
  const notes: EditNote[] = [];
  if (spec.input_size !== data.inputSize) notes.push({ kind: 'task-needs-input-size', params: { needed: data.inputSize, model: spec.input_size } });
  if (spec.output_size !== data.outputSize) notes.push({ kind: 'task-needs-output-size', params: { needed: data.outputSize, model: spec.output_size } });
  if (spec.output_activation !== data.outputActivation) notes.push({ kind: 'task-needs-activation', params: { needed: data.outputActivation, model: spec.output_activation } });
  return notes;
}

export interface TaskEdit {
  project: Project;
  /** One sentence for the EditOutcome. */
  message: string;
  data: TaskData;
  /** The edit as a kind and numbers (task id, split sizes, file name), and a model that does not fit as notes. */
  what: EditLabel;
  notes: EditNote[];
}

/** The project with its task set as requested; throws a one-line error when the request or the data is bad. */
export function applyTask(project: Project, raw: SetTaskRequest, allowPaths = true): TaskEdit {
  const file = raw.data?.fileName ?? null;
  const resolved = resolveTask(raw, project);
  checkDataPaths(resolved, allowPaths);
  const data = getTask(resolved.id).generate(resolved.params, resolved.seed);
  const stored = projectTask(project);
  const description = stored?.id === resolved.id && typeof project.task?.description === 'string' ? project.task.description : undefined;
  const task: Record<string, unknown> = {
    id: data.task,
    params: data.params,
    seed: resolved.seed,
    ...(data.alphabet ? { alphabet: data.alphabet } : {}),
    ...(description ? { description } : {}),
  };
  const training = project.training ? { ...project.training, checkpoint: null } : null;
  const sizes = `${data.train.length} train, ${data.validation.length} validation, ${data.test.length} test examples`;
  const mismatch = specMismatch(project, data);
  const from = file ? ` from ${file}` : '';
  const message = `Task set to ${getTask(data.task).title}${from} (${sizes})${mismatch ? `; ${mismatch}` : ''}`;
  const what: EditLabel = {
    kind: 'task',
    params: { task: data.task, train: data.train.length, validation: data.validation.length, test: data.test.length, ...(file ? { file } : {}) },
  };
  return { project: { ...project, task, training }, message, data, what, notes: mismatchNotes(project, data) };
}

export type { PreviewTaskRequest };
