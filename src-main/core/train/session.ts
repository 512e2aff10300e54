// The control API of a training run on the main thread: the run itself executes in a worker_threads Worker
// (worker.ts), so hosts stay responsive; the session starts it, pauses, resumes, single-steps and stops it, and
// hands its events (metric batches, alerts, evaluations, snapshots, status) to subscribers.
//
// Finding the worker: see util/worker-script.ts (the CLI bundle's train-worker.mjs, or worker.ts bundled on the fly).
import { Worker } from 'node:worker_threads';
import { LabError } from '../errors';
import { resolveWorkerScript } from '../util/worker-script';
import type { WorkerMessage } from './worker';
import type { Command, RunEvent, RunRequest, RunResult, RunStatus } from './training-run';

/** An error the worker reported that is the user's to fix (bad task, bad settings), kept one line. */
export class TrainingError extends LabError {}

export const WORKER_BUNDLE_NAME = 'train-worker.mjs';

export class TrainingSession {
  readonly result: Promise<RunResult>;
  status: RunStatus = 'running';
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private terminated = false;

  constructor(private readonly worker: Worker) {
    this.result = new Promise<RunResult>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'event') {
          if (message.event.type === 'status') this.status = message.event.status;
          for (const listener of [...this.listeners]) {
            try {
              listener(message.event);
            } catch {
              // A listener's bug (a closed window, a broken pipe) must not throw in the host or stop the others.
            }
          }
        } else if (message.type === 'result') {
          settled = true;
          this.status = 'done';
          resolve(message.result);
        } else {
          settled = true;
          reject(message.lab ? new TrainingError(message.message) : new Error(`training worker: ${message.name}: ${message.message}`));
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (settled) return;
        settled = true;
        reject(this.terminated ? new TrainingError('training was terminated') : new Error(`training worker exited with code ${code} before it reported a result`));
      });
    });
  }

  /** Subscribes to the run's events; returns the unsubscribe function. */
  on(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  /** While paused: take `count` steps, then stay paused. */
  step(count = 1): void {
    this.send({ type: 'step', count });
  }

  /** Ends the run after the current step; `result` then resolves with everything trained so far. */
  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Ends the worker now (host shutdown, a hung run): `result` rejects with "training was terminated". */
  async terminate(): Promise<void> {
    if (this.status === 'done') return;
    this.terminated = true;
    this.status = 'done';
    this.result.catch(() => undefined);
    await this.worker.terminate();
  }

  private send(command: Command): void {
    if (this.status !== 'done') this.worker.postMessage(command);
  }
}

export interface SessionOptions {
  /** The worker script to run (tests); found next to this module by default. */
  workerFile?: string;
}

export async function startTrainingSession(request: RunRequest, options: SessionOptions = {}): Promise<TrainingSession> {
  const file = options.workerFile ?? (await resolveWorkerFile());
  return new TrainingSession(new Worker(file, { workerData: request }));
}

/** The worker bundle next to this module, or (running from source) a fresh esbuild bundle of worker.ts. */
export function resolveWorkerFile(moduleUrl: string = import.meta.url): Promise<string> {
  return resolveWorkerScript({
    moduleUrl,
    bundleName: WORKER_BUNDLE_NAME,
    sourceName: 'worker.ts',
    notFound: (message) => new TrainingError(`training ${message}`),
  });
}
