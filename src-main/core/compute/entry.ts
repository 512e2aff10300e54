// Entry of the compute process: wires a ComputeServer to its parent, through process.send under
// child_process.fork (Node hosts) or process.parentPort under Electron's utilityProcess. Bundled as
// compute.mjs (the CLI bundle beside train-worker.mjs, the Electron build beside main); bundled on the fly under vitest.
import { runBelowNormalPriority } from './priority';
import { ComputeServer } from './server';
import type { ComputeMessage } from './protocol';

runBelowNormalPriority();

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

if (parentPort) {
  const server = new ComputeServer((message: ComputeMessage) => parentPort.postMessage(message));
  parentPort.on('message', (event) => server.handle(event.data));
  parentPort.postMessage({ type: 'ready', pid: process.pid } satisfies ComputeMessage);
} else if (process.send) {
  const send = process.send.bind(process);
  const server = new ComputeServer((message: ComputeMessage) => void send(message));
  process.on('message', (message) => server.handle(message));
  // The host went away: a compute process never outlives it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', pid: process.pid } satisfies ComputeMessage);
} else {
  process.stderr.write('compute: expected to be started by RNN Lab (child_process.fork or utilityProcess)\n');
  process.exit(2);
}
