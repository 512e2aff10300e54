// The compute process for Node hosts (`rnnlab serve`, tests): a child_process.fork of the compute entry, speaking
// the protocol over its IPC channel with structured-clone serialisation (typed arrays cross as they are).
import { fork } from 'node:child_process';
import { LabError } from '../errors';
import { resolveWorkerScript } from '../util/worker-script';
import type { ChannelFactory, ChannelHandlers, ComputeChannel, ComputeMessage } from './protocol';

export const COMPUTE_BUNDLE_NAME = 'compute.mjs';

/** The compute entry next to this module (out/cli/compute.mjs, the Electron build), or a fresh bundle of entry.ts. */
export function resolveComputeScript(moduleUrl: string = import.meta.url): Promise<string> {
  return resolveWorkerScript({
    moduleUrl,
    bundleName: COMPUTE_BUNDLE_NAME,
    sourceName: 'entry.ts',
    notFound: (message) => new LabError(`compute process ${message}`),
  });
}

/** A factory of forked compute processes running `script` (resolved once by the caller). */
export function forkChannelFactory(script: string, options: { execArgv?: string[] } = {}): ChannelFactory {
  return (handlers: ChannelHandlers): ComputeChannel => {
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.execArgv ?? [],
    });
    child.on('message', (message) => handlers.onMessage(message as ComputeMessage));
    child.on('exit', (code, signal) => handlers.onExit(code, signal));
    // A failed spawn also ends in 'exit'; an IPC write after death ends up here and must not crash the host.
    child.on('error', () => undefined);
    return {
      pid: child.pid ?? null,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
