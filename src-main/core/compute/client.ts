// The host's handle on the compute process: starts it on the first request (and again on the first request after
// it died), runs jobs and training runs there, and turns its death into one-line errors for the requests in flight
// plus a `lost` notice (exit code or signal) for the UI. One interface over fork and utilityProcess (ChannelFactory).
import type { MessageParams } from '../../api/types/messages';
import type { ComputeExit, StepPoint } from '../../api/types/training';
import { LabError } from '../errors';
import type { Project } from '../project/types';
import type { RunCommand, RunEvent, RunRequest, RunResult } from '../train/training-run';
import { forkChannelFactory, resolveComputeScript } from './fork-channel';
import type { JobArgs, JobName, JobResult } from './jobs/registry';
import type { ChannelFactory, ComputeChannel, ComputeMessage, HostMessage } from './protocol';

/** The compute process died while a request or a run was using it. */
export class ComputeLostError extends LabError {}

export interface RunCallbacks {
  /** Every run event but metric batches (those arrive through `onPoints`). */
  onEvent(event: Exclude<RunEvent, { type: 'metrics' }>): void;
  onPoints(points: StepPoint[]): void;
  /** The run's project as of `step` (weights, optimiser state, history): kept by the host so a death loses nothing. */
  onCheckpoint(step: number, project: Project): void;
}

export interface ComputeRun {
  control(command: RunCommand): void;
  /** The run's result; rejects with ComputeLostError when the process dies, or the run's own one-line error. */
  readonly result: Promise<RunResult>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  run?: RunCallbacks;
}

const READY_TIMEOUT_MS = 60_000;

export class ComputeClient {
  private channel: ComputeChannel | null = null;
  private starting: Promise<ComputeChannel> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly lostListeners = new Set<(reason: string, exit: ComputeExit) => void>();
  private disposed = false;

  /** `factory`: how to start the process (Electron passes a utilityProcess one); a Node fork of compute.mjs by default. */
  constructor(private readonly factory: ChannelFactory | null = null) {}

  /** Runs a registered job (jobs/registry.ts) in the compute process. */
  async call<N extends JobName>(job: N, args: JobArgs<N>): Promise<JobResult<N>> {
    const channel = await this.live();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      channel.send({ type: 'call', id, job, args });
    });
  }

  /** Starts a training run in the compute process; events and checkpoints arrive through `callbacks`. */
  async train(request: RunRequest, callbacks: RunCallbacks, options: { checkpointMs: number; allLayers: boolean }): Promise<ComputeRun> {
    const channel = await this.live();
    const id = this.nextId++;
    const result = new Promise<RunResult>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, run: callbacks });
    });
    channel.send({ type: 'train', id, request, ...options });
    const send = (message: HostMessage) => {
      if (this.channel === channel && this.pending.has(id)) channel.send(message);
    };
    return { result, control: (command) => send({ type: 'control', id, command }) };
  }

  /** Hears the process's death (a crash, out of memory, a kill): one sentence with the exit code or signal. */
  onLost(listener: (reason: string, exit: ComputeExit) => void): () => void {
    this.lostListeners.add(listener);
    return () => void this.lostListeners.delete(listener);
  }

  /** The running process's id, or null when none runs (not started yet, died, in-process). */
  get pid(): number | null {
    return this.channel?.pid ?? null;
  }

  /** Kills the running process (if any) and starts a new one. */
  async restart(): Promise<void> {
    this.channel?.kill();
    await this.waitForExit();
    await this.ready();
  }

  /** Ends the process for good (host shutdown). */
  dispose(): void {
    this.disposed = true;
    this.channel?.kill();
    this.channel = null;
  }

  private exited: (() => void) | null = null;

  private waitForExit(): Promise<void> {
    if (!this.channel && !this.starting) return Promise.resolve();
    return new Promise((resolve) => (this.exited = resolve));
  }

  /** A running channel; one that died while the caller waited for it is replaced (a message to it would be lost). */
  private async live(): Promise<ComputeChannel> {
    for (;;) {
      const channel = await this.ready();
      if (this.channel === channel) return channel;
    }
  }

  private ready(): Promise<ComputeChannel> {
    if (this.disposed) return Promise.reject(new LabError('the lab is shutting down'));
    if (this.channel) return Promise.resolve(this.channel);
    if (!this.starting) {
      this.starting = this.start().finally(() => (this.starting = null));
    }
    return this.starting;
  }

  private async start(): Promise<ComputeChannel> {
    const factory = this.factory ?? forkChannelFactory(await resolveComputeScript());
    return new Promise<ComputeChannel>((resolve, reject) => {
      let isReady = false;
      const timer = setTimeout(() => {
        channel.kill();
        reject(new LabError(`the compute process did not start within ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
      const channel = factory({
        onMessage: (message) => {
          if (message.type === 'ready') {
            isReady = true;
            clearTimeout(timer);
            this.channel = channel;
            resolve(channel);
          } else this.receive(message);
        },
        onExit: (code, signal) => {
          clearTimeout(timer);
          if (!isReady) reject(new LabError(`the compute process ended before it was ready (${exitWords(code, signal)})`));
          this.lost(channel, code, signal);
        },
      });
    });
  }

  private receive(message: ComputeMessage): void {
    if (message.type === 'ready') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'run-event') pending.run?.onEvent(message.event);
    else if (message.type === 'run-points') pending.run?.onPoints(message.points);
    else if (message.type === 'run-checkpoint') pending.run?.onCheckpoint(message.step, message.project);
    else {
      this.pending.delete(message.id);
      if (message.type === 'error') {
        const coded = message.code ? { code: message.code, params: message.params ?? {} } : null;
        pending.reject(message.lab ? new LabError(message.message, coded) : new Error(message.message));
      } else pending.resolve(message.type === 'value' ? message.value : message.result);
    }
  }

  private lost(channel: ComputeChannel, code: number | null, signal: string | null): void {
    if (this.channel !== channel && this.channel !== null) return;
    this.channel = null;
    const reason = `the compute process ${exitWords(code, signal)}`;
    const exit: ComputeExit = { exitCode: code, signal };
    const error = new ComputeLostError(`${reason}; the next request starts a new one`, { code: 'compute-lost', params: exitParams(exit) });
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
    this.exited?.();
    this.exited = null;
    if (this.disposed) return;
    for (const listener of [...this.lostListeners]) {
      try {
        listener(reason, exit);
      } catch {
        // A broken listener must not stop the others from hearing it.
      }
    }
  }
}

/** How the compute process ended, as numbers the renderer words (api/types/training.ts ComputeExit). */
export function exitParams(exit: ComputeExit): MessageParams {
  return exit.signal ? { signal: exit.signal } : { exitCode: exit.exitCode ?? 0 };
}

function exitWords(code: number | null, signal: string | null): string {
  if (signal) return `was killed by ${signal}`;
  return code === 0 ? 'exited' : `exited with code ${code}`;
}
