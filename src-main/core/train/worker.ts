// Entry point of the training worker thread: runs one TrainingRun (training-run.ts) with the request it was started
// with, forwards its events to the parent and the parent's control commands to it. Bundled as
// out/cli/train-worker.mjs for the CLI; built on the fly from source by session.ts under vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { LabError } from '../errors';
import { TrainingRun, type Command, type RunRequest } from './training-run';

export type WorkerMessage =
  | { type: 'event'; event: import('./training-run').RunEvent }
  | { type: 'result'; result: import('./training-run').RunResult }
  | { type: 'error'; name: string; message: string; lab: boolean };

const port = parentPort;
if (!port) throw new Error('worker.ts: expected to run in a worker thread, found the main thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const run = new TrainingRun(workerData as RunRequest, (event) => post({ type: 'event', event }));
port.on('message', (command: Command) => run.control(command));
run
  .run()
  .then((result) => post({ type: 'result', result }))
  .catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message, lab: e instanceof LabError });
  })
  .finally(() => port.close());
