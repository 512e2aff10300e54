// A flush scheduler: calls `flush` at most once per `intervalMs` while work arrives, never more often (pure timing
// logic with injectable timers, tested in Node). The Train page uses it to cap chart redraws at 10 a second.
export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createThrottle(flush: () => void, intervalMs = 100, timers: Timers = realTimers) {
  let last = -Infinity;
  let handle: unknown = null;
  const run = () => {
    handle = null;
    last = timers.now();
    flush();
  };
  return {
    /** Something arrived: flush now if the last flush is old enough, else once the interval has passed. */
    poke(): void {
      if (handle !== null) return;
      const wait = last + intervalMs - timers.now();
      handle = timers.setTimeout(run, Math.max(0, wait));
    },
    cancel(): void {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
