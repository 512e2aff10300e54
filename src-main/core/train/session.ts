// The control API of a training run on the main thread: the run itself executes in a worker_threads Worker
// (worker.ts), so hosts stay responsive; the session starts it, pauses, resumes, single-steps and stops it, and
// hands its events (metric batches, alerts, evaluations, snapshots, status) to subscribers.
//
// Finding the worker: next to the running module (out/cli/train-worker.mjs beside the CLI bundle, or one folder up
// from a chunk); when running from TypeScript source (vitest), worker.ts is bundled with esbuild into
// node_modules/.cache/rnnlab/ (once per process, named by content hash), since Node 20 cannot run .ts in a Worker.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LabError } from '../errors';
import type { WorkerMessage } from './worker';
import type { Command, RunEvent, RunRequest, RunResult, RunStatus } from './worker-run';

/** An error the worker reported that is the user's to fix (bad task, bad settings), kept one line. */
export class TrainingError extends LabError {}

export const WORKER_BUNDLE_NAME = 'train-worker.mjs';

export class TrainingSession {
  readonly result: Promise<RunResult>;
  status: RunStatus = 'running';
  private readonly listeners = new Set<(event: RunEvent) => void>();

  constructor(private readonly worker: Worker) {
    this.result = new Promise<RunResult>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'event') {
          if (message.event.type === 'status') this.status = message.event.status;
          for (const listener of this.listeners) listener(message.event);
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
        if (!settled) reject(new Error(`training worker exited with code ${code} before it reported a result`));
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

let sourceBuild: Promise<string> | null = null;

/** The worker bundle next to this module, or (running from source) a fresh esbuild bundle of worker.ts. */
export async function resolveWorkerFile(moduleUrl: string = import.meta.url): Promise<string> {
  const here = path.dirname(fileURLToPath(moduleUrl));
  for (const candidate of [path.join(here, WORKER_BUNDLE_NAME), path.join(here, '..', WORKER_BUNDLE_NAME)]) {
    if (existsSync(candidate)) return candidate;
  }
  const source = path.join(here, 'worker.ts');
  if (!existsSync(source)) {
    throw new TrainingError(`training worker not found: expected ${WORKER_BUNDLE_NAME} next to ${here}; rebuild with npm run build:cli`);
  }
  sourceBuild ??= buildFromSource(source);
  return sourceBuild;
}

/**
 * Bundles worker.ts in memory and writes it under a name made of its content's hash (written once, by rename, so
 * concurrent test processes share one file and old versions do not pile up per process).
 */
async function buildFromSource(source: string): Promise<string> {
  let root = path.dirname(source);
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  const outdir = path.join(root, 'node_modules', '.cache', 'rnnlab');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source],
    outfile: path.join(outdir, 'train-worker.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    write: false,
  });
  const code = result.outputFiles[0].contents;
  const outfile = path.join(outdir, `train-worker-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.mjs`);
  if (!existsSync(outfile)) {
    mkdirSync(outdir, { recursive: true });
    const temporary = `${outfile}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, outfile);
  }
  return outfile;
}
