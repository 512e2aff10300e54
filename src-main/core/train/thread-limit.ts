// The run's thread limit (run.threads, `rnnlab train --threads`) applied to one pass: the native engine still picks
// the count per model size (engine/native/threads.ts), but never more than the limit. 0 means automatic (the engine's
// own default limit: every core). Engines without a thread choice (the reference engine) get nothing.
import type { Engine, ForwardOptions } from '../engine/types';
import type { ModelSpec } from '../spec/types';

/** The largest thread limit a run may set (run.threads, --threads). */
export const MAX_THREADS = 64;

/** An engine that can say how many threads a pass of this shape gets under a limit (the native engine). */
interface ThreadChooser {
  threadsFor(spec: ModelSpec, batch: number, steps: number, limit?: number): number;
}

function choosesThreads(engine: Engine): engine is Engine & ThreadChooser {
  return typeof (engine as Partial<ThreadChooser>).threadsFor === 'function';
}

/** The `threads` forward option for a pass of (batch, steps) under `limit` (0/undefined: automatic, left to the engine). */
export function threadsOption(engine: Engine, spec: ModelSpec, batch: number, steps: number, limit: number | undefined): Pick<ForwardOptions, 'threads'> {
  if (!limit || !choosesThreads(engine)) return {};
  return { threads: engine.threadsFor(spec, batch, steps, limit) };
}
