// Jobs: what a network learned, in the compute process: trajectories of probes (with an optional fixed PCA basis),
// step-by-step inspection of one input, text sampling, series prediction. The task's data is generated here (the
// host sends only its id, params and seed) and the last one is kept, so a burst of requests generates it once.
import type { InspectView, SeriesPrediction, TrajectoryView } from '../../../api/lab-api';
import type { EngineName, Model } from '../../engine/types';
import { defaultProbes, encodeInput, InspectInputError, MAX_PROBES } from '../../inspect/encode';
import { predictSeries, sampleFromModel, type SampleRequest } from '../../inspect/series';
import { inspectInput } from '../../inspect/step-inspect';
import { computeTrajectories } from '../../inspect/trajectories';
import { getTask } from '../../tasks/index';
import type { TaskData } from '../../tasks/types';
import { computeEngine } from '../engine';

export interface TaskRefArgs {
  id: string;
  params: Record<string, unknown>;
  seed: number;
}

let cached: { key: string; data: TaskData } | null = null;

function taskData(task: TaskRefArgs | null): TaskData | null {
  if (!task) return null;
  const key = JSON.stringify([task.id, task.params, task.seed]);
  if (cached?.key !== key) cached = { key, data: getTask(task.id).generate(task.params, task.seed) };
  return cached.data;
}

function requireData(task: TaskRefArgs | null, what: string): TaskData {
  const data = taskData(task);
  if (!data) throw new InspectInputError(`${what}: this project has no task yet: set one first`, { code: 'inspect-no-task', params: {} });
  return data;
}

export interface TrajectoriesArgs {
  model: Model;
  step: number;
  basis: { model: Model; step: number } | null;
  task: TaskRefArgs | null;
  probes?: unknown[];
  layer?: number;
  engine?: EngineName;
}

export async function trajectoriesJob(args: TrajectoriesArgs): Promise<TrajectoryView> {
  const { engine } = await computeEngine(args.engine);
  const data = taskData(args.task);
  const probes = args.probes
    ? args.probes.map((p, i) => encodeInput(p, args.model.spec, data, `probe ${i + 1}`))
    : data
      ? defaultProbes(data, args.model.spec)
      : null;
  if (!probes) throw new InspectInputError('probes: this project has no task, so there are no default probes: give probes as numbers', { code: 'inspect-no-task', params: {} });
  if (probes.length > MAX_PROBES) throw new InspectInputError(`probes: expected at most ${MAX_PROBES}, found ${probes.length}`, { code: 'inspect-too-many-probes', params: { max: MAX_PROBES, found: probes.length } });
  return computeTrajectories(engine, args.model, probes, { layer: args.layer, step: args.step, basis: args.basis });
}

export async function inspectJob(args: { model: Model; task: TaskRefArgs | null; input: unknown; target?: unknown; engine?: EngineName }): Promise<InspectView> {
  const { engine } = await computeEngine(args.engine);
  return inspectInput(engine, args.model, taskData(args.task), args.input, args.target);
}

export async function sampleTextJob(args: { model: Model; task: TaskRefArgs | null; request: SampleRequest; engine?: EngineName }): Promise<string> {
  const { engine } = await computeEngine(args.engine);
  return sampleFromModel(engine, args.model, requireData(args.task, 'sample text'), args.request);
}

export async function predictSeriesJob(args: { model: Model; task: TaskRefArgs | null; split: 'validation' | 'test'; engine?: EngineName }): Promise<SeriesPrediction> {
  const { engine } = await computeEngine(args.engine);
  return predictSeries(engine, args.model, requireData(args.task, 'predict series'), args.split);
}
