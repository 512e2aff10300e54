// The compute process under Electron: an adapter from a utilityProcess (started by the Electron host with
// `utilityProcess.fork(computeEntry, [], { serviceName: 'RNN Lab compute' })`) to the ComputeChannel the lab uses.
// Written against the few members it needs, so the core never imports electron.

/** The part of Electron's UtilityProcess the adapter uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

import type { ChannelFactory, ChannelHandlers, ComputeChannel, ComputeMessage } from './protocol';

/** `start` forks a new utility process each time the lab needs one (first request, after a death). */
export function utilityChannelFactory(start: () => UtilityProcessLike): ChannelFactory {
  return (handlers: ChannelHandlers): ComputeChannel => {
    const child = start();
    let killed = false;
    child.on('message', (message) => handlers.onMessage(message as ComputeMessage));
    // utilityProcess reports only an exit code; a kill we asked for is named as SIGKILL.
    child.on('exit', (code) => handlers.onExit(killed ? null : code, killed ? 'SIGKILL' : null));
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => child.postMessage(message),
      kill: () => {
        killed = true;
        child.kill();
      },
    };
  };
}
