// Training through the contract: one run per project, executed in the compute process. The status machine
// (idle -> running <-> paused -> stopping -> done | failed) is announced as events; metric batches, alerts,
// evaluations and snapshots go through the paced stream (training-stream.ts) and into the run's record
// (run-recorder.ts, the CLI's too); snapshot weights are kept for trajectories during the run (run-snapshots.ts).
// A finished or stopped run leaves its weights in the project (unsaved, undoable) and its record in the run history
// (training-store.ts). The compute process sends a checkpoint every CHECKPOINT_MS; when it dies mid-run the host
// keeps the last one, so the project loses nothing and the next run resumes from it.
import { z } from 'zod';
import type { EditNote, Result, StopReason, RunDetail, RunRecord, RunStatus, RunStatusName, StepPoint, TrainingEvent } from '../../api/lab-api';
import { ComputeLostError, type ComputeRun } from '../compute/client';
import { LabError } from '../errors';
import type { Project } from '../project/types';
import type { Weights } from '../tensor';
import type { RunEvent, RunResult } from '../train/training-run';
import type { LabContext } from './context';
import { parseArgument, RequestError } from './results';
import { readRunOptions } from '../train/run-options';
import { RunRecorder } from './run-recorder';
import { RunSnapshots } from './run-snapshots';
import type { RunLog } from './training-record';
import { readStoredRuns, recordOf, restoreRun, storeRun } from './training-store';
import { TrainingStream } from './training-stream';

/** Longest time between checkpoints the compute process sends back (a SIGKILL loses at most this much work). */
export const CHECKPOINT_MS = 2000;
/** Metric batches leave the compute process at most this often. */
const COMPUTE_FLUSH_MS = 100;
/** stepTraining(N) answers once the N steps are done, or after this long with the status so far. */
const STEP_WAIT_MS = 30_000;
const MAX_STEP_COUNT = 1_000_000;

const startSchema = z.strictObject({
  fresh: z.boolean({ error: 'expected fresh as true or false' }).optional(),
  paused: z.boolean({ error: 'expected paused as true or false' }).optional(),
}, { error: 'expected options like {"fresh": true, "paused": false}' }).optional();
const countSchema = z.number({ error: 'expected a number of steps' }).int({ error: 'expected a whole number of steps' })
  .min(1, { error: `expected from 1 to ${MAX_STEP_COUNT} steps` }).max(MAX_STEP_COUNT, { error: `expected from 1 to ${MAX_STEP_COUNT} steps` }).optional();
const runIdSchema = z.string({ error: "expected a run id as text (or 'current')" }).min(1, { error: "expected a run id (or 'current')" });

interface Active {
  run: ComputeRun;
  /** The run's record (the same path as the CLI's), its log what getRun('current') shows. */
  recorder: RunRecorder;
  checkpoint: Project | null;
  checkpointStep: number | null;
  /** The run's kept snapshots as its events brought them (the project gets them when the run ends). */
  snapshots: RunSnapshots;
  rate: { t: number; step: number }[];
  started: boolean;
  /** Set as soon as the compute process answered the run (before finish/fail run in the request queue). */
  ended: { error: unknown } | null;
}

export class TrainingPart {
  private readonly stream = new TrainingStream(() => this.status());
  private active: Active | null = null;
  /** The last run's log while the project is the same (getRun('current') after it ended). */
  private lastLog: RunLog | null = null;
  private state: Omit<RunStatus, 'stepsPerSecond' | 'etaSeconds'> & { stepsPerSecond: number | null } = idleStatus();
  private waiters = new Set<() => void>();

  constructor(private readonly context: LabContext) {
    context.workspace.onReplace(() => {
      this.lastLog = null;
      this.state = idleStatus();
      this.stream.clear();
    });
    context.compute.onLost((reason, exit) => this.stream.sendNow({ type: 'compute-lost', reason, exit }));
  }

  start(options?: unknown): Promise<Result<RunStatus>> {
    return this.context.serial(async () => {
      const { fresh, paused } = parseArgument(startSchema, options, 'start training') ?? {};
      this.requireIdle('start another run');
      return this.begin(fresh ?? false, paused ?? false);
    });
  }

  pause(): Promise<Result<RunStatus>> {
    return this.context.serial(() => this.command('pause', ['running'], 'paused'));
  }

  resume(): Promise<Result<RunStatus>> {
    return this.context.serial(() => this.command('resume', ['paused'], 'running'));
  }

  stop(): Promise<Result<RunStatus>> {
    return this.context.serial(() => this.command('stop', ['running', 'paused'], 'stopping'));
  }

  step(count?: unknown): Promise<Result<RunStatus>> {
    return this.context.serial(async () => {
      const n = parseArgument(countSchema, count, 'step training') ?? 1;
      if (!this.active) await this.begin(false, true);
      if (this.state.status !== 'paused') {
        throw new RequestError(`cannot single-step while the run is ${this.state.status}: pause it first`);
      }
      const target = this.state.step + n;
      this.active!.run.control({ type: 'step', count: n });
      await this.waitFor(() => this.state.step >= target || this.state.status !== 'paused', STEP_WAIT_MS);
      return this.status();
    });
  }

  statusResult(): Promise<Result<RunStatus>> {
    return this.context.attempt(() => this.status());
  }

  listRuns(): Promise<Result<RunRecord[]>> {
    return this.context.attempt(() => {
      const project = this.context.workspace.require();
      const records = readStoredRuns(project.history).map(recordOf);
      if (this.active) records.push(recordOf(storeRun(this.active.recorder.log.detail())));
      return records;
    });
  }

  getRun(id: unknown): Promise<Result<RunDetail>> {
    return this.context.attempt(() => {
      const wanted = parseArgument(runIdSchema, id, 'get run');
      const project = this.context.workspace.require();
      const log = this.active?.recorder.log ?? this.lastLog;
      const stored = readStoredRuns(project.history);
      if (wanted === 'current' || wanted === log?.id) {
        // 'current': the live run, else the last one of this session, else the project's latest (a reopened file).
        if (log) return log.detail();
        const latest = stored.at(-1);
        if (!latest) throw new RequestError('no run yet: start training first');
        return restoreRun(latest);
      }
      const found = stored.find((s) => s.id === wanted);
      if (!found) {
        const ids = stored.map((s) => s.id);
        throw new RequestError(`no run '${wanted}' in this project: expected ${ids.length ? `one of current, ${ids.join(', ')}` : "'current' (the project has no saved runs)"}`);
      }
      return restoreRun(found);
    });
  }

  /** Step of the last checkpoint the compute process sent for the run in progress (null: none yet, or no run). */
  get checkpointStep(): number | null {
    return this.active?.checkpointStep ?? null;
  }

  /** The weights of the run in progress at a kept snapshot step (trajectories during a run); null when no run is
   * in progress (the project's saved snapshots apply). Throws one line naming the kept steps when `step` is not one. */
  runSnapshotWeights(step: number): Weights | null {
    return this.active ? this.active.snapshots.weights(this.context.workspace.require(), step) : null;
  }

  /** Throws when a run is in progress: `what` cannot happen meanwhile. */
  requireIdle(what: string): void {
    if (this.active) throw new RequestError(`cannot ${what} while a run is ${this.state.status}: stop it first`);
  }

  onEvent(listener: (event: TrainingEvent) => void): () => void {
    return this.stream.on(listener);
  }

  dispose(): void {
    this.stream.clear();
  }

  status(): RunStatus {
    const s = this.state;
    const rate = s.stepsPerSecond;
    const eta = rate && rate > 0 && (s.status === 'running' || s.status === 'paused') ? Math.max(0, (s.totalSteps - s.step) / rate) : null;
    return { ...s, etaSeconds: eta };
  }

  private async begin(fresh: boolean, paused: boolean): Promise<RunStatus> {
    const { workspace, compute, options } = this.context;
    const project = workspace.require();
    const runOptions = readRunOptions(project);
    const recorder = RunRecorder.begin(project);
    const id = recorder.id;
    const request = {
      project,
      engine: options.engine ?? runOptions.engine,
      fresh,
      flushMs: COMPUTE_FLUSH_MS,
      snapshotEvery: runOptions.snapshot_every,
      startPaused: paused,
    };
    this.state = { ...idleStatus(), status: paused ? 'paused' : 'running', runId: id };
    workspace.setLock(`a run is in progress`);
    let run: ComputeRun;
    try {
      run = await compute.train(
        request,
        { onEvent: (e) => this.onRunEvent(e), onPoints: (p) => this.onPoints(p), onCheckpoint: (step, p) => this.keepCheckpoint(step, p) },
        { checkpointMs: CHECKPOINT_MS, allLayers: runOptions.all_layers },
      );
    } catch (error) {
      workspace.setLock(null);
      this.state = idleStatus();
      throw error;
    }
    const active: Active = { run, recorder, checkpoint: null, checkpointStep: null, snapshots: new RunSnapshots(), rate: [], started: false, ended: null };
    this.active = active;
    // The project changes in the request queue, so a save in progress writes and marks the project it read.
    run.result.then(
      (result) => {
        active.ended = { error: null };
        this.wake();
        void this.context.serial(() => this.finish(result));
      },
      (error: unknown) => {
        active.ended = { error };
        this.wake();
        void this.context.serial(() => this.fail(error));
      },
    );
    this.stream.sendStatus();
    // Answer once the run has set up (task data, checkpoint): with its real step and length, or its one-line error.
    await this.waitFor(() => active.started || active.ended !== null, STEP_WAIT_MS);
    if (!active.started && active.ended?.error) throw active.ended.error;
    return this.status();
  }

  private keepCheckpoint(step: number, project: Project): void {
    if (!this.active) return;
    this.active.checkpoint = project;
    this.active.checkpointStep = step;
  }

  private command(kind: 'pause' | 'resume' | 'stop', from: RunStatusName[], to: RunStatusName): RunStatus {
    if (!this.active || !from.includes(this.state.status)) {
      const verb = { pause: 'pause', resume: 'resume', stop: 'stop' }[kind];
      throw new RequestError(`cannot ${verb} training: the run is ${this.active ? this.state.status : 'not started'}${kind === 'resume' ? ' (resume continues a paused run)' : ''}`);
    }
    this.active.run.control({ type: kind });
    this.setStatus(to);
    return this.status();
  }

  private onPoints(points: StepPoint[]): void {
    const active = this.active;
    const last = points.at(-1);
    if (!active || !last) return;
    this.state.step = last.step;
    this.state.epoch = last.epoch;
    this.measureRate(active, last.step);
    active.recorder.addPoints(points);
    this.stream.addPoints(points);
    this.wake();
  }

  private onRunEvent(event: Exclude<RunEvent, { type: 'metrics' }>): void {
    const active = this.active;
    if (!active) return;
    switch (event.type) {
      case 'started':
        active.started = true;
        if (event.resumed) active.snapshots.continueFrom(this.context.workspace.require());
        Object.assign(this.state, { step: event.step, totalSteps: event.totalSteps, engine: event.engine, engineWarning: event.warning });
        break;
      case 'alert':
        this.stream.addAlert(active.recorder.addAlert(event.alert));
        break;
      case 'evaluation':
        this.stream.addEvaluation(active.recorder.addEvaluation(event.evaluation));
        break;
      case 'snapshot':
        active.snapshots.keep(event.step, event.steps, event.weights);
        active.recorder.keepSnapshotSteps(event.steps);
        this.stream.addSnapshot(event.step, event.steps);
        break;
      case 'status':
        this.state.step = event.step;
        // 'done' is announced when the host has the result (the weights are in the project).
        if (event.status !== 'done' && !(this.state.status === 'stopping' && event.status !== 'stopping')) this.setStatus(event.status);
        break;
    }
    this.wake();
  }

  private finish(result: RunResult): void {
    const active = this.active!;
    const { log } = active.recorder;
    active.recorder.finish(result);
    const stopped = result.stopped;
    this.state.step = result.step;
    this.state.epoch = result.epoch;
    const notes: EditNote[] = stopped ? [{ kind: 'run-stopped', params: { stop: stopped.kind, ...stopped.params } }] : [];
    this.settle(active, result.project, `Trained ${log.id} to step ${result.step}${result.stoppedBecause ? ` (it stopped: ${result.stoppedBecause})` : ''}.`, { step: result.step, notes });
    this.state.reason = result.stoppedBecause;
    this.state.stopped = stopped;
    this.setStatus('done');
  }

  private fail(error: unknown): void {
    const active = this.active!;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const lost = error instanceof ComputeLostError;
    // A lost compute process says how it ended (exit code or signal); any other failure travels as its sentence.
    const stopped: StopReason = lost ? { kind: 'compute-lost', params: { reason, ...error.params } } : { kind: 'failed', params: { reason } };
    active.recorder.fail(reason, stopped);
    if (lost && active.checkpoint) {
      const notes: EditNote[] = [{ kind: 'run-stopped', params: { stop: 'compute-lost', ...stopped.params } }];
      this.settle(active, active.checkpoint, `The compute process died; kept the checkpoint of step ${active.checkpointStep}, a new run resumes from it.`, { step: active.checkpointStep ?? 0, notes });
    } else {
      this.active = null;
      this.lastLog = active.recorder.log;
      this.context.workspace.setLock(null);
    }
    this.state.reason = error instanceof LabError || error instanceof ComputeLostError ? reason : `internal error: ${reason}`;
    this.state.stopped = lost ? stopped : { kind: 'failed', params: { reason: this.state.reason } };
    this.setStatus('failed');
  }

  /** Puts the run's project (trained weights, checkpoint) and its record into the workspace as one undoable edit. */
  private settle(active: Active, project: Project, message: string, facts: { step: number; notes: EditNote[] }): void {
    const { workspace } = this.context;
    const recorded = active.recorder.recordInto(project);
    this.active = null;
    this.lastLog = active.recorder.log;
    workspace.setLock(null);
    workspace.edit(
      `Training ${active.recorder.id}`,
      { project: { ...recorded, modified: new Date().toISOString() }, message, notes: facts.notes },
      { kind: 'run', params: { run: active.recorder.id, step: facts.step } },
    );
  }

  private setStatus(status: RunStatusName): void {
    if (this.state.status === status) return;
    this.state.status = status;
    if (status !== 'running') this.state.stepsPerSecond = status === 'paused' ? this.state.stepsPerSecond : null;
    this.stream.sendStatus();
    this.wake();
  }

  private measureRate(active: Active, step: number): void {
    const now = Date.now();
    active.rate.push({ t: now, step });
    while (active.rate.length > 2 && now - active.rate[0].t > 3000) active.rate.shift();
    const first = active.rate[0];
    if (now - first.t >= 200 && step > first.step) this.state.stepsPerSecond = ((step - first.step) * 1000) / (now - first.t);
  }

  private waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve();
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }
}

function idleStatus(): RunStatus {
  return { status: 'idle', runId: null, step: 0, totalSteps: 0, epoch: 0, stepsPerSecond: null, etaSeconds: null, engine: null, engineWarning: null, reason: null, stopped: null };
}
