// What the network learned, for LabApi: trajectories (task or user probes, saved snapshots, a fixed PCA basis),
// step-by-step inspection, text sampling and series prediction. Requests are validated here; the engine work runs
// in the compute process (compute/jobs/inspect.ts over core/inspect/).
import { z } from 'zod';
import type { InspectView, Result, SeriesPrediction, TrajectoryView } from '../../api/lab-api';
import type { TaskRefArgs } from '../compute/jobs/inspect';
import type { Model } from '../engine/types';
import { MAX_PROBE_STEPS, MAX_PROBES } from '../inspect/encode';
import { snapshotWeights } from '../inspect/snapshots';
import type { Project } from '../project/types';
import type { Weights } from '../tensor';
import { numDirections } from '../spec/types';
import { parseCheckpoint } from '../train/saved-state';
import type { LabContext } from './context';
import { parseArgument, RequestError } from './results';
import { checkDataPaths, projectTask } from './tasks/set-task';

/** Largest trajectory answer, in numbers (states, cells and gates of every layer): about 16 MB of JSON. */
export const MAX_TRAJECTORY_NUMBERS = 2_000_000;

const row = z.array(z.number({ error: 'expected numbers' }), { error: 'expected a row of numbers' });
const probeSchema = z.union([z.string().min(1, { error: 'expected a non-empty probe' }).max(MAX_PROBE_STEPS), z.array(row).min(1).max(MAX_PROBE_STEPS)], {
  error: `expected a probe as text ('0110') or rows of numbers, at most ${MAX_PROBE_STEPS} steps`,
});
const step = (what: string) => z.number({ error: `expected ${what} as a number` }).int({ error: `expected ${what} as a whole number` }).min(0, { error: `expected ${what} >= 0` });
const trajectorySchema = z.strictObject({
  probes: z.array(probeSchema, { error: 'expected a list of probes' }).min(1, { error: 'expected at least one probe' }).max(MAX_PROBES, { error: `expected at most ${MAX_PROBES} probes` }).optional(),
  layer: step('a layer').optional(),
  snapshotStep: step('a snapshot step').optional(),
  basisStep: step('a basis step').nullable().optional(),
}, { error: 'expected an object like {"probes": ["0110"], "basisStep": 100}' });
const sequence = z.union([z.string().min(1, { error: 'expected non-empty text' }), z.array(z.number()).min(1), z.array(row).min(1)], {
  error: "expected text ('0110') or numbers (a list, or one row per step)",
});
const inspectSchema = z.strictObject({ input: sequence, target: sequence.optional() }, { error: 'expected an object like {"input": "0110"}' });
const sampleSchema = z.strictObject({
  seedText: z.string({ error: 'expected seedText as text' }).min(1, { error: 'expected at least one seed character' }).max(1000, { error: 'expected at most 1000 seed characters' }),
  length: z.number({ error: 'expected a length as a number' }).int({ error: 'expected a whole-number length' }).min(1, { error: 'expected a length from 1 to 10000' }).max(10_000, { error: 'expected a length from 1 to 10000' }),
  temperature: z.number({ error: 'expected a temperature as a number' }).min(0, { error: 'expected a temperature from 0 to 10' }).max(10, { error: 'expected a temperature from 0 to 10' }),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
}, { error: 'expected an object like {"seedText": "The ", "length": 200, "temperature": 0.5}' });
const splitSchema = z.enum(['validation', 'test'], { error: "expected 'validation' or 'test'" });

/** The training step the project's weights belong to: the checkpoint's, 0 when untrained. */
export function trainedStep(project: Project): number {
  const checkpoint = parseCheckpoint(project.training?.checkpoint ?? null, (line) => new RequestError(`training section: ${line}`));
  return checkpoint?.trainer.step ?? 0;
}

/** The weights of the run in progress at a snapshot step; null when no run is in progress (training.ts). */
export type RunSnapshotWeights = (step: number) => Weights | null;

export class InspectPart {
  constructor(
    private readonly context: LabContext,
    private readonly runSnapshotWeights: RunSnapshotWeights = () => null,
  ) {}

  trajectories(request: unknown): Promise<Result<TrajectoryView>> {
    return this.context.attempt(async () => {
      const r = parseArgument(trajectorySchema, request ?? {}, 'trajectories');
      const project = this.context.workspace.require();
      const model = r.snapshotStep === undefined ? this.model(project) : { spec: project.spec, weights: this.snapshot(project, r.snapshotStep) };
      const step = r.snapshotStep ?? trainedStep(project);
      const basis = r.basisStep === undefined || r.basisStep === null ? null : { model: { spec: project.spec, weights: this.snapshot(project, r.basisStep) }, step: r.basisStep };
      this.checkBudget(project, r.probes);
      return this.context.compute.call('trajectories', { model, step, basis, task: this.task(project), probes: r.probes, layer: r.layer, engine: this.context.options.engine });
    });
  }

  inspect(request: unknown): Promise<Result<InspectView>> {
    return this.context.attempt(async () => {
      const r = parseArgument(inspectSchema, request, 'inspect');
      const project = this.context.workspace.require();
      const length = typeof r.input === 'string' ? [...r.input].length : r.input.length;
      if (length > MAX_PROBE_STEPS) throw new RequestError(`inspect: input: expected at most ${MAX_PROBE_STEPS} steps, found ${length}`);
      return this.context.compute.call('inspect', { model: this.model(project), task: this.task(project), input: r.input, target: r.target, engine: this.context.options.engine });
    });
  }

  sampleText(request: unknown): Promise<Result<string>> {
    return this.context.attempt(async () => {
      const r = parseArgument(sampleSchema, request, 'sample text');
      const project = this.context.workspace.require();
      return this.context.compute.call('sampleText', { model: this.model(project), task: this.task(project), request: r, engine: this.context.options.engine });
    });
  }

  predictSeries(split: unknown): Promise<Result<SeriesPrediction>> {
    return this.context.attempt(async () => {
      const s = parseArgument(splitSchema, split, 'predict series');
      const project = this.context.workspace.require();
      return this.context.compute.call('predictSeries', { model: this.model(project), task: this.task(project), split: s, engine: this.context.options.engine });
    });
  }

  /** A snapshot's weights: the run in progress keeps its own until it ends; else the project's saved ones. */
  private snapshot(project: Project, step: number): Weights {
    return this.runSnapshotWeights(step) ?? snapshotWeights(project, step);
  }

  private model(project: Project): Model {
    return { spec: project.spec, weights: project.weights };
  }

  private task(project: Project): TaskRefArgs | null {
    const task = projectTask(project);
    checkDataPaths(task, this.context.options.root === undefined);
    return task;
  }

  /** Refuses an answer too large to send before any work is done. */
  private checkBudget(project: Project, probes: (string | number[][])[] | undefined): void {
    if (!probes) return;
    const spec = project.spec;
    const width = numDirections(spec) * spec.hidden_size;
    const perStep = spec.num_layers * width * (1 + (spec.arch === 'lstm' ? 5 : spec.arch === 'gru' ? 3 : 0));
    const steps = probes.reduce((n, p) => n + (typeof p === 'string' ? [...p].length : p.length), 0);
    if (steps * perStep > MAX_TRAJECTORY_NUMBERS) {
      throw new RequestError(`trajectories: the answer would hold ${steps * perStep} numbers, more than ${MAX_TRAJECTORY_NUMBERS}: use fewer or shorter probes`);
    }
  }
}
