// A "compute process" inside the host process: the same server and protocol without a fork. For tests of the
// protocol and for hosts that cannot spawn processes; it isolates nothing (a native crash takes the host down).
import { ComputeServer } from './server';
import type { ChannelFactory, ChannelHandlers, ComputeChannel, HostMessage } from './protocol';

export const inProcessChannelFactory: ChannelFactory = (handlers: ChannelHandlers): ComputeChannel => {
  let alive = true;
  // Messages cross asynchronously and as copies, like they do between processes.
  const server = new ComputeServer((message) => {
    if (alive) setImmediate(() => alive && handlers.onMessage(structuredClone(message)));
  });
  setImmediate(() => handlers.onMessage({ type: 'ready', pid: process.pid }));
  return {
    pid: null,
    send: (message: HostMessage) => {
      if (alive) setImmediate(() => server.handle(structuredClone(message)));
    },
    kill: () => {
      if (!alive) return;
      alive = false;
      server.dispose();
      setImmediate(() => handlers.onExit(null, 'SIGKILL'));
    },
  };
};
