// The training loop, one step at a time: a mini-batch from the task (padded + masks), forward in training mode,
// the task's loss, backward (full BPTT, or truncated in loop-truncated.ts), the gradient monitor and its action,
// clipping, and the optimiser step at the schedule's lr. A non-finite step never reaches the weights. No threads
// and no I/O here: session.ts and the worker drive it, checkpoint.ts saves and restores its state.
//
// Repeatability: the epoch's shuffle and each step's dropout draw from generators seeded by (seed, epoch) and
// (seed, step), so a run is a pure function of the seed and a resumed run needs only the counters.
import type { StopReason } from '../../api/types/messages';
import type { Engine, ForwardOptions, Gradients, Model } from '../engine/types';
import { GradientMonitor, type MonitorState, type SpectralEntry } from '../monitor/index';
import type { Alert } from '../monitor/alerts';
import { Random } from '../random';
import { EngineError } from '../errors';
import { makeBatches, padBatch, toSequenceBatch, unbatchOutputs, type PaddedBatch } from '../tasks/batching';
import type { Predictions, Task, TaskData, TaskMetrics } from '../tasks/types';
import { clipGradNorm, clipGradValue } from './clip';
import { taskLoss } from './losses';
import { createOptimizer, type Optimizer, type OptimizerState } from './optim/index';
import { truncatedStep } from './loop-truncated';
import { threadsOption } from './thread-limit';

export { taskLoss } from './losses';
import { lrAt } from './schedules';
import type { TrainingSettings } from './settings';

/** Everything about one step that the metrics stream, the M.jsonl file and the charts carry. */
export interface StepRecord {
  /** 1-based: the number of steps taken when this one ended. */
  step: number;
  /** 0-based epoch the batch came from. */
  epoch: number;
  loss: number;
  grad_norm: number;
  param_grad_norms: Record<string, number>;
  /** Last layer, per time step: ||dL/dh_t||. */
  timestep_grad_norms: number[];
  /** ||W|| of every parameter before this step's update. */
  param_weight_norms: Record<string, number>;
  /** Every layer's ||dL/dh_t|| (first layer first); the last row is `timestep_grad_norms`. */
  layer_timestep_grad_norms: number[][];
  /** Measured every `spectral_every` steps; absent on other steps. */
  spectral?: Record<string, { sigma_max: number; bound: number }>;
  alerts: Alert[];
  lr: number;
  /** What happened to the update: applied, clipped (by the settings or the monitor), skipped, or the run stopped. */
  action: 'applied' | 'clipped' | 'skipped' | 'stopped';
  /** Set on the steps after which the validation split was evaluated. */
  validation?: { loss: number; metrics: Record<string, number> };
}

/** The counters and states a checkpoint needs to continue the run exactly (weights are saved beside it). */
export interface TrainerState {
  step: number;
  epoch: number;
  /** Index of the next batch within the epoch's schedule. */
  batchIndex: number;
  optimizer: OptimizerState;
  monitor: MonitorState;
  /** Set when the run ended itself (non-finite under 'stop', a stop alert): why, in English (the CLI's). */
  stoppedBecause: string | null;
  /** The same reason as a kind and its step (absent in checkpoints written before it existed). */
  stopped?: StopReason | null;
}

export interface TrainerOptions {
  engine: Engine;
  /** The weights are trained in place; pass a copy to keep the caller's. */
  model: Model;
  task: Task;
  data: TaskData;
  settings: TrainingSettings;
  /** Monitor settings (validated by the monitor; defaults when absent). */
  monitor?: unknown;
  /** Native engine precision; float32 by default for speed (the reference engine always computes in float64). */
  precision?: ForwardOptions['precision'];
  /** Most threads the native engine may use per pass (run.threads); 0 or absent: automatic (every core). */
  threads?: number;
  /** Continue from a checkpoint. */
  state?: TrainerState;
}

/** The ways the loop ends a run itself (a failure or a lost compute process is the host's to say). */
type LoopStopKind = 'nonfinite-gradients' | 'monitor' | 'nonfinite-weights';

const STOP_SENTENCES: Record<LoopStopKind, (step: number) => string> = {
  'nonfinite-gradients': (step) => `non-finite gradients at step ${step}`,
  monitor: (step) => `the monitor stopped the run at step ${step}`,
  'nonfinite-weights': (step) => `the update at step ${step} made weights non-finite (learning rate too high?)`,
};

/** A 32-bit mix of two integers (for per-epoch and per-step seeds): distinct inputs give unrelated seeds. */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Trainer {
  readonly monitor: GradientMonitor;
  private readonly optimizer: Optimizer;
  private schedule: number[][] | null = null;
  step = 0;
  epoch = 0;
  batchIndex = 0;
  stoppedBecause: string | null = null;
  /** Why the run stopped itself as a kind and its step, beside the English `stoppedBecause`. */
  stopped: StopReason | null = null;

  constructor(private readonly o: TrainerOptions) {
    this.optimizer = createOptimizer(o.settings.optimizer);
    this.monitor = new GradientMonitor(o.model.spec, o.monitor ?? {}, o.state?.monitor);
    const bptt = o.settings.bptt;
    if (bptt.mode === 'truncated') this.monitor.truncation = { k1: bptt.k1, k2: bptt.k2 };
    if (o.state) {
      this.optimizer.setState(o.state.optimizer);
      ({ step: this.step, epoch: this.epoch, batchIndex: this.batchIndex, stoppedBecause: this.stoppedBecause } = o.state);
      this.stopped = o.state.stopped ?? null;
    }
  }

  get model(): Model {
    return this.o.model;
  }

  /** True when the settings' epochs or steps are done, or the run stopped itself. */
  get finished(): boolean {
    const s = this.o.settings;
    if (this.stoppedBecause !== null) return true;
    return s.steps !== null ? this.step >= s.steps : this.epoch >= (s.epochs ?? 0);
  }

  /** Steps of the whole run (epochs times batches per epoch for epoch runs). */
  get totalSteps(): number {
    const s = this.o.settings;
    return s.steps ?? (s.epochs ?? 0) * this.epochBatches().length;
  }

  saveState(): TrainerState {
    const { step, epoch, batchIndex, stoppedBecause, stopped } = this;
    return { step, epoch, batchIndex, optimizer: this.optimizer.getState(), monitor: this.monitor.saveState(), stoppedBecause, stopped };
  }

  /** One optimiser step on the next mini-batch. */
  trainStep(): StepRecord {
    const { o } = this;
    const batches = this.epochBatches();
    const indices = batches[this.batchIndex];
    const padded = padBatch(indices.map((i) => o.data.train[i]), o.data.inputSize, o.data.outputSize);
    const epoch = this.epoch;
    const stepNumber = this.step + 1;
    // Truncated BPTT runs windows of k2 steps: the thread choice is made for a window, not the whole sequence.
    const bptt = o.settings.bptt;
    const passSteps = bptt.mode === 'truncated' ? Math.min(padded.steps, bptt.k2) : padded.steps;
    const forward: ForwardOptions = {
      training: true,
      random: seededUniform(mixSeed(o.settings.seed, stepNumber)),
      precision: this.precision,
      ...threadsOption(o.engine, o.model.spec, padded.batch, passSteps, o.threads),
    };
    const { loss, grads } = this.lossAndGradients(padded, forward);
    const report = this.monitor.observe(stepNumber, grads, o.model.weights);
    const lr = lrAt(o.settings.lr, o.settings.schedule, o.settings.schedule_unit === 'step' ? this.step : epoch);

    let action: StepRecord['action'] = 'applied';
    const nonfinite = !Number.isFinite(loss) || !report.stats.finite;
    const decision = nonfinite && report.decision.action === 'continue' ? { action: this.nonfinitePolicy() } : report.decision;
    if (decision.action === 'stop') {
      action = 'stopped';
      this.stopWith(nonfinite ? 'nonfinite-gradients' : 'monitor', stepNumber);
    } else if (decision.action === 'skip') {
      action = 'skipped';
    } else {
      if (decision.action === 'clip' && report.decision.clipTo !== undefined) {
        if (clipGradNorm(grads.params, report.decision.clipTo).clipped) action = 'clipped';
      }
      if (this.clipBySettings(grads.params)) action = 'clipped';
      const before = snapshot(o.model);
      this.optimizer.step(o.model.weights, grads.params, lr);
      if (!weightsFinite(o.model)) {
        restore(o.model, before);
        action = 'stopped';
        this.stopWith('nonfinite-weights', stepNumber);
      }
    }
    this.advance(batches.length);
    return {
      step: stepNumber,
      epoch,
      loss,
      grad_norm: report.stats.globalNorm,
      param_grad_norms: report.stats.paramNorms,
      timestep_grad_norms: report.stats.timestepNorms[report.stats.timestepNorms.length - 1] ?? [],
      param_weight_norms: report.stats.weightNorms,
      layer_timestep_grad_norms: report.stats.timestepNorms,
      ...(report.spectral ? { spectral: spectralRecord(report.spectral) } : {}),
      alerts: report.alerts,
      lr,
      action,
    };
  }

  /** Ends the run: why, as a kind and its step, and as the CLI's English sentence. */
  private stopWith(kind: LoopStopKind, step: number): void {
    this.stopped = { kind, params: { step } };
    this.stoppedBecause = STOP_SENTENCES[kind](step);
  }

  /** Full BPTT over the padded batch, or truncated BPTT(k1, k2) when the settings ask for it. */
  private lossAndGradients(padded: PaddedBatch, forward: ForwardOptions): { loss: number; grads: Gradients } {
    const { o } = this;
    const bptt = o.settings.bptt;
    if (bptt.mode === 'truncated') return truncatedStep(o.engine, o.model, o.data, padded, bptt, forward);
    const pass = o.engine.forward(o.model, toSequenceBatch(padded), forward);
    const loss = taskLoss(o.data, pass.y, pass.yPre, padded);
    const grads = pass.backward(loss.seeds, { inputGradient: false }); // the loop never reads dx
    pass.release?.(); // the next step's pass reuses its memory (native engine)
    return { loss: loss.value, grads };
  }

  /** The batches of the current epoch, shuffled by (seed, epoch); bidirectional models batch equal lengths only. */
  epochBatches(): number[][] {
    if (!this.schedule) {
      const random = new Random(mixSeed(this.o.settings.seed, 0x10000 + this.epoch));
      this.schedule = makeBatches(this.o.data.train, this.o.settings.batch_size, {
        random,
        equalLengths: this.o.model.spec.bidirectional,
      });
    }
    return this.schedule;
  }

  get precision(): ForwardOptions['precision'] {
    return this.o.engine.name === 'native' ? (this.o.precision ?? 'float32') : 'float64';
  }

  private advance(batchCount: number): void {
    this.step++;
    this.batchIndex++;
    if (this.batchIndex >= batchCount) {
      this.epoch++;
      this.batchIndex = 0;
      this.schedule = null;
    }
  }

  private nonfinitePolicy(): 'stop' | 'skip' {
    return this.monitor.settings.nonfinite.policy;
  }

  private clipBySettings(grads: Record<string, Float64Array>): boolean {
    const clip = this.o.settings.clip;
    if (clip.mode === 'norm') return clipGradNorm(grads, clip.max_norm).clipped;
    if (clip.mode === 'value') return clipGradValue(grads, clip.clip_value) > 0;
    return false;
  }
}


export function seededUniform(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

function spectralRecord(entries: SpectralEntry[]): Record<string, { sigma_max: number; bound: number }> {
  return Object.fromEntries(entries.map((e) => [e.key, { sigma_max: e.sigmaMax, bound: e.bound }]));
}

function snapshot(model: Model): Float64Array[] {
  return Object.values(model.weights).map((t) => Float64Array.from(t.data));
}

function restore(model: Model, saved: Float64Array[]): void {
  Object.values(model.weights).forEach((t, i) => t.data.set(saved[i]));
}

function weightsFinite(model: Model): boolean {
  for (const t of Object.values(model.weights)) for (const v of t.data) if (!Number.isFinite(v)) return false;
  return true;
}

/** Task metrics and mean loss of the model on one split (no dropout, no gradients). */
export interface SplitEvaluation {
  split: 'validation' | 'test';
  loss: number;
  metrics: TaskMetrics;
}

const EVAL_BATCH = 256;

export function evaluateSplit(
  engine: Engine,
  model: Model,
  task: Task,
  data: TaskData,
  split: 'validation' | 'test',
  precision: ForwardOptions['precision'] = 'float64',
  /** Most threads per pass (the run's limit); 0 or absent: automatic. */
  threadLimit?: number,
): SplitEvaluation {
  const sequences = data[split];
  const predictions: Predictions = new Array(sequences.length);
  let lossSum = 0;
  let lossCount = 0;
  for (const indices of makeBatches(sequences, EVAL_BATCH, { equalLengths: model.spec.bidirectional })) {
    const padded = padBatch(indices.map((i) => sequences[i]), data.inputSize, data.outputSize);
    const threads = threadsOption(engine, model.spec, padded.batch, padded.steps, threadLimit);
    const pass = engine.forward(model, toSequenceBatch(padded), { training: false, precision, ...threads });
    if (!pass.y) throw new EngineError('evaluation: expected a model with an output layer, found none (set output_size)');
    const loss = taskLoss(data, pass.y, pass.yPre, padded);
    lossSum += loss.value * loss.count;
    lossCount += loss.count;
    unbatchOutputs(pass.y, padded.lengths, data.outputSize).forEach((p, k) => (predictions[indices[k]] = p));
  }
  return { split, loss: lossSum / lossCount, metrics: task.evaluate(predictions, sequences) };
}
