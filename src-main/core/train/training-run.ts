// One training run, wherever it executes (the CLI's worker thread, the lab's compute process): set up from a
// project (task data, settings, checkpoint), then step under control commands (pause, resume, single step, stop),
// streaming metric batches at most every `flushMs`, alerts as they happen, evaluations and probe snapshots every N
// steps. worker.ts wires it to a MessagePort, compute/server.ts to the compute process; tests drive it in-process.
import type { StopReason } from '../../api/types/messages';
import { selectEngine } from '../engine/select';
import type { Engine, EngineName, Model } from '../engine/types';
import type { Alert } from '../monitor/alerts';
import type { Project } from '../project/types';
import { Random } from '../random';
import { getTask } from '../tasks/index';
import { engineStepper, sampleText } from '../tasks/text/sample';
import type { TaskData, TaskMetrics } from '../tasks/types';
import { cloneWeights, type Weights } from '../tensor';
import { checkpointWeights, readRunConfig, withCheckpoint, type RunConfig } from './checkpoint';
import { evaluateSplit, Trainer, type SplitEvaluation, type StepRecord, type TrainerState } from './loop';
import { RunHistory } from './run-history';
import { readRunOptions } from './run-options';

export interface RunRequest {
  project: Project;
  engine?: EngineName;
  /** Training settings fields that replace the project's (CLI flags: steps, epochs, seed). */
  overrides?: Record<string, unknown>;
  /** Ignore a checkpoint and start a new run from the project's weights. */
  fresh?: boolean;
  /** Longest wait between metric batches, ms (default 80: at most ~12 batches a second). */
  flushMs?: number;
  /** Probe snapshot every this many steps (0: none). */
  snapshotEvery?: number;
  startPaused?: boolean;
  /** Temperature of the text sample a language-model run ends with (default 0.5; 0 takes the likeliest symbol). */
  sampleTemperature?: number;
  /** Most threads the native engine may use per pass, replacing the project's run.threads (CLI --threads; 0: automatic). */
  threads?: number;
}

export type Command = { type: 'pause' } | { type: 'resume' } | { type: 'step'; count?: number } | { type: 'stop' };
export type RunCommand = Command;

export interface EvaluationEvent {
  step: number;
  epoch: number;
  validation: { loss: number; metrics: TaskMetrics };
}

export type RunStatus = 'running' | 'paused' | 'stopping' | 'done';

export type RunEvent =
  /** `threadLimit`: the most threads the native engine may use per pass (0: automatic; the reference engine uses one). */
  | { type: 'started'; step: number; totalSteps: number; resumed: boolean; engine: EngineName; warning: string | null; threadLimit: number }
  | { type: 'metrics'; records: StepRecord[] }
  | { type: 'alert'; alert: Alert }
  | { type: 'evaluation'; evaluation: EvaluationEvent }
  /**
   * A trajectory snapshot was kept at `step` (the starting weights' first, then every `snapshotEvery` steps). `steps`:
   * the run's kept snapshot steps, ascending (bounded: inspect/snapshots.ts thins them); `weights`: this step's weights
   * as the project keeps them (float32 base64 per parameter), so a host can replay this step before the run ends.
   * Hidden states and their projections are computed from these weights when asked for (inspect), not during the run.
   */
  | { type: 'snapshot'; step: number; steps: number[]; weights: Record<string, string> }
  | { type: 'status'; status: RunStatus; step: number };

export interface RunResult {
  /** The project with trained weights, checkpoint and history written in (not yet saved). */
  project: Project;
  step: number;
  epoch: number;
  finished: boolean;
  /** Why the run stopped itself, in English (the CLI prints it); `stopped` is the same as a kind and numbers. */
  stoppedBecause: string | null;
  stopped: StopReason | null;
  validation: SplitEvaluation;
  test: SplitEvaluation;
  /** Language-model tasks: text sampled from the trained model at temperature 0.5, after a seed from the test split. */
  sample: { seed: string; text: string; temperature: number } | null;
}

/** Periodic checkpoints: the project as of the current step, so a process killed mid-run loses at most `checkpointMs`. */
export interface CheckpointHooks {
  /** Longest wait between checkpoints, ms; one is also taken whenever the run pauses. */
  checkpointMs: number;
  onCheckpoint: (step: number, project: Project) => void;
}

export class TrainingRun {
  private paused: boolean;
  private stopRequested = false;
  private pendingSteps = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly request: RunRequest,
    private readonly emit: (event: RunEvent) => void,
    private readonly hooks: CheckpointHooks | null = null,
  ) {
    this.paused = request.startPaused ?? false;
  }

  control(command: Command): void {
    if (command.type === 'pause') this.paused = true;
    else if (command.type === 'resume') this.paused = false;
    // A single step means something only while paused; a running run ignores it.
    else if (command.type === 'step') this.pendingSteps += this.paused ? (command.count ?? 1) : 0;
    else this.stopRequested = true;
    this.wake?.();
  }

  async run(): Promise<RunResult> {
    const { request } = this;
    const config = readRunConfig(request.project, request.overrides);
    const { engine, warning } = await selectEngine(request.engine);
    const task = getTask(config.task.id);
    const data = task.generate(config.task.params, config.task.seed);
    const resume = !request.fresh && config.checkpoint !== null && !checkpointDone(config);
    const weights: Weights = resume ? checkpointWeights(request.project, config.checkpoint!) : cloneWeights(request.project.weights);
    const model: Model = { spec: request.project.spec, weights };
    const state: TrainerState | undefined = resume ? config.checkpoint!.trainer : undefined;
    // The run options' precision (the native kernel's float32 or float64; the reference engine is always float64) and
    // thread limit (the request's, from the CLI, before the project's).
    const runOptions = readRunOptions(request.project);
    const { precision } = runOptions;
    const threads = request.threads ?? runOptions.threads;
    const trainer = new Trainer({ engine, model, task, data, settings: config.settings, monitor: config.monitor, state, precision, threads });
    const history = new RunHistory(resume ? request.project.history : null);
    // Default: every epoch, but at most about 100 evaluations per run (whole epochs apart).
    const epochLength = trainer.epochBatches().length;
    const evalEvery = config.evalEvery ?? epochLength * Math.max(1, Math.ceil(trainer.totalSteps / 100 / epochLength));
    const snapshotEvery = request.snapshotEvery ?? 0;
    this.emit({ type: 'started', step: trainer.step, totalSteps: trainer.totalSteps, resumed: resume, engine: engine.name, warning, threadLimit: threads });
    // The starting weights are the first frame of a trajectory replay.
    const keepSnapshot = () => {
      const kept = history.addSnapshot(trainer.step, weights);
      this.emit({ type: 'snapshot', step: trainer.step, steps: history.snapshotSteps(), weights: kept });
    };
    if (snapshotEvery > 0) keepSnapshot();

    let buffer: StepRecord[] = [];
    let lastFlush = Date.now();
    let lastCheckpoint = Date.now();
    let checkpointStep = trainer.step;
    const checkpoint = () => {
      if (!this.hooks || checkpointStep === trainer.step) return;
      checkpointStep = trainer.step;
      lastCheckpoint = Date.now();
      this.hooks.onCheckpoint(trainer.step, withCheckpoint(request.project, weights, trainer.saveState(), config, history.toJSON()));
    };
    const flush = () => {
      if (buffer.length) this.emit({ type: 'metrics', records: buffer });
      buffer = [];
      lastFlush = Date.now();
    };
    while (!trainer.finished && !this.stopRequested) {
      if (this.paused && this.pendingSteps === 0) {
        flush();
        checkpoint();
        this.emit({ type: 'status', status: 'paused', step: trainer.step });
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        if (!this.paused) this.emit({ type: 'status', status: 'running', step: trainer.step });
        continue;
      }
      if (this.paused) this.pendingSteps--;
      const record = trainer.trainStep();
      history.add(record);
      buffer.push(record);
      for (const alert of record.alerts) this.emit({ type: 'alert', alert });
      if (trainer.step % evalEvery === 0 || trainer.finished) {
        const v = evaluateSplit(engine, model, task, data, 'validation', trainer.precision, threads);
        const evaluation = { step: trainer.step, epoch: trainer.epoch, validation: { loss: v.loss, metrics: v.metrics } };
        history.addEvaluation(evaluation);
        record.validation = { loss: v.loss, metrics: v.metrics.scalars };
        // The steps up to this one go out first, so a listener never sees an evaluation ahead of its step's loss.
        flush();
        this.emit({ type: 'evaluation', evaluation });
      }
      if (snapshotEvery > 0 && trainer.step % snapshotEvery === 0) keepSnapshot();
      if (Date.now() - lastFlush >= (request.flushMs ?? 80) || this.paused) flush();
      if (this.hooks && Date.now() - lastCheckpoint >= this.hooks.checkpointMs) checkpoint();
      // Let control messages in between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    flush();
    this.emit({ type: 'status', status: 'stopping', step: trainer.step });
    const validation = evaluateSplit(engine, model, task, data, 'validation', trainer.precision, threads);
    const test = evaluateSplit(engine, model, task, data, 'test', trainer.precision, threads);
    history.setFinal(trainer.step, validation, test);
    const project = withCheckpoint(request.project, weights, trainer.saveState(), config, history.toJSON());
    this.emit({ type: 'status', status: 'done', step: trainer.step });
    const sample = sampleFrom(engine, model, data, config.settings.seed, request.sampleTemperature ?? SAMPLE_TEMPERATURE);
    return { project, step: trainer.step, epoch: trainer.epoch, finished: trainer.finished, stoppedBecause: trainer.stoppedBecause, stopped: trainer.stopped, validation, test, sample };
  }
}

/** A checkpoint of a run that reached its steps or epochs (or stopped itself): a new run starts instead. */
function checkpointDone(config: RunConfig): boolean {
  const t = config.checkpoint!.trainer;
  if (t.stoppedBecause !== null) return true;
  return config.settings.steps !== null ? t.step >= config.settings.steps : t.epoch >= (config.settings.epochs ?? 0);
}

const SAMPLE_SEED_LENGTH = 20;
const SAMPLE_LENGTH = 160;
const SAMPLE_TEMPERATURE = 0.5;

/** A sample of text at `temperature` for character-level language models (task 'text'); null for every other task. */
function sampleFrom(engine: Engine, model: Model, data: TaskData, seed: number, temperature: number): RunResult['sample'] {
  const source = data.test[0]?.meta?.text ?? data.validation[0]?.meta?.text;
  if (data.task !== 'text' || !data.alphabet || !source || model.spec.bidirectional) return null;
  const seedText = source.slice(0, SAMPLE_SEED_LENGTH);
  const nextDistribution = engineStepper(engine, model);
  const text = sampleText({ alphabet: data.alphabet, nextDistribution, seedText, length: SAMPLE_LENGTH, temperature, random: new Random(seed) });
  return { seed: seedText, text, temperature };
}
