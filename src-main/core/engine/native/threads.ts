// How many threads the native engine uses for one pass: threads split the batch, and each extra thread pays only
// when its slice has enough work to hide the cost of starting it and of summing the weight gradients. Small models
// (the everyday ones: a few thousand multiply-adds per sample and step) always run on one thread.
import { availableParallelism } from 'node:os';
import { forwardMacsPerStep } from '../../bench/flops';
import type { ModelSpec } from '../../spec/types';

/** Forward multiply-adds a slice must get for one more thread to pay (measured on 2-core Zen 4, see docs/BENCHMARKS.md). */
export const MACS_PER_THREAD = 20e6;
/** Batch rows a slice must get at least: fewer and the recurrent product's register tiles run mostly empty. */
export const ROWS_PER_THREAD = 4;

/** The default limit when the caller names none: the cores this process may use. */
export function defaultThreadLimit(): number {
  return Math.max(1, Math.min(256, availableParallelism()));
}

/** Threads for a pass of `spec` over (batch, steps), at most `limit` (the caller's --threads; default: every core). */
export function chooseThreads(spec: ModelSpec, batch: number, steps: number, limit: number = defaultThreadLimit()): number {
  const cap = Math.max(1, Math.min(256, Math.floor(limit)));
  const work = batch * steps * forwardMacsPerStep(spec);
  const byWork = Math.floor(work / MACS_PER_THREAD);
  const byRows = Math.floor(batch / ROWS_PER_THREAD);
  return Math.max(1, Math.min(cap, byWork, byRows));
}
