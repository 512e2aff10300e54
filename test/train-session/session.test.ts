// The worker-thread session: control (pause, single step, resume, stop) keeps the run's state, events arrive in
// batches carrying every step, and the worker starts both from source (esbuild on the fly) and from the CLI bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveWorkerFile, startTrainingSession, type TrainingSession } from '../../src-main/core/train/session';
import type { RunEvent } from '../../src-main/core/train/training-run';
import type { StepRecord } from '../../src-main/core/train/loop';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import { tomitaProject } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');

function collect(session: TrainingSession) {
  const events: RunEvent[] = [];
  session.on((e) => events.push(e));
  const records = () => events.flatMap((e) => (e.type === 'metrics' ? e.records : []));
  return { events, records };
}

/** Resolves once the session reports it is paused at `step`. */
function pausedAt(session: TrainingSession, step: number): Promise<void> {
  return new Promise((resolve) => {
    const off = session.on((e) => {
      if (e.type === 'status' && e.status === 'paused' && e.step === step) {
        off();
        resolve();
      }
    });
  });
}

const losses = (records: StepRecord[]) => records.map((r) => [r.step, r.loss]);

describe('training session (worker thread)', () => {
  it('runs to the end and streams every step once, in order', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 30 }), engine: 'reference' });
    const { records, events } = collect(session);
    const result = await session.result;
    expect(records().map((r) => r.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(result.step).toBe(30);
    expect(result.finished).toBe(true);
    expect(events.filter((e) => e.type === 'evaluation').length).toBe(5); // every epoch (6 batches)
    expect(result.test.metrics.primary.name).toBe('accuracy');
  });

  it('throttles metric batches: each carries every step since the last one, cut only at evaluations', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 30 }), engine: 'reference', flushMs: 60_000 });
    const { events } = collect(session);
    await session.result;
    const batches = events.flatMap((e) => (e.type === 'metrics' ? [e.records.map((r) => r.step)] : []));
    // Evaluations every epoch (6 steps): the steps before each one are sent before it.
    expect(batches).toEqual([0, 6, 12, 18, 24].map((from) => Array.from({ length: 6 }, (_, i) => from + i + 1)));
  });

  it("never sends an evaluation before the metrics of its step (the progress line's loss is that step's)", async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 30 }), engine: 'reference', flushMs: 60_000 });
    const { events } = collect(session);
    await session.result;
    let lastStep = 0;
    const seen: [number, number][] = [];
    for (const e of events) {
      if (e.type === 'metrics') lastStep = e.records[e.records.length - 1].step;
      if (e.type === 'evaluation') seen.push([e.evaluation.step, lastStep]);
    }
    expect(seen).toEqual([6, 12, 18, 24, 30].map((s) => [s, s]));
  });

  it('sends a snapshot of the starting weights and every N steps, with the weights (no hidden states: those are computed when asked for)', async () => {
    const project = tomitaProject({ steps: 10 });
    const session = await startTrainingSession({ project, engine: 'reference', snapshotEvery: 5 });
    const { events } = collect(session);
    await session.result;
    const snapshotEvents = events.flatMap((e) => (e.type === 'snapshot' ? [e] : []));
    expect(snapshotEvents.map((s) => s.step)).toEqual([0, 5, 10]);
    expect(snapshotEvents[2].steps).toEqual([0, 5, 10]);
    // Each carries its weights as the project keeps them (float32 base64): the first are the project's own.
    const bytes = Buffer.from(snapshotEvents[0].weights['head.weight'], 'base64');
    const start = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(Array.from(start)).toEqual(Array.from(Float32Array.from(project.weights['head.weight'].data)));
    expect(snapshotEvents[2].weights['head.weight']).not.toBe(snapshotEvents[0].weights['head.weight']);
    expect(Object.keys(snapshotEvents[0]).sort()).toEqual(['step', 'steps', 'type', 'weights']);
  });

  it('pauses, single-steps, resumes and stops without changing what is computed', async () => {
    const reference = await startTrainingSession({ project: tomitaProject({ steps: 20 }), engine: 'reference' });
    const uninterrupted = collect(reference);
    await reference.result;

    const session = await startTrainingSession({ project: tomitaProject({ steps: 20 }), engine: 'reference', startPaused: true });
    const controlled = collect(session);
    const first = pausedAt(session, 0);
    await first;
    const afterThree = pausedAt(session, 3);
    session.step(3);
    await afterThree;
    expect(controlled.records().map((r) => r.step)).toEqual([1, 2, 3]);
    const afterFour = pausedAt(session, 4);
    session.step();
    await afterFour;
    session.resume();
    const result = await session.result;
    expect(losses(controlled.records())).toEqual(losses(uninterrupted.records()));
    expect(result.step).toBe(20);
  });

  it('stop ends the run early and returns the weights trained so far', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 100000 }), engine: 'reference', startPaused: true });
    const { records } = collect(session);
    const paused = pausedAt(session, 5);
    session.step(5);
    await paused;
    session.stop();
    const result = await session.result;
    expect(result.step).toBe(5);
    expect(result.finished).toBe(false);
    expect(records().length).toBe(5);
    const checkpoint = (result.project.training as { checkpoint: { trainer: { step: number } } }).checkpoint;
    expect(checkpoint.trainer.step).toBe(5);
  });

  it.runIf(loadNativeEngine().ok)('loads the native kernel inside the worker built from source', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 4 }) });
    const { events } = collect(session);
    await session.result;
    expect(events.find((e) => e.type === 'started')).toMatchObject({ engine: 'native', warning: null });
  });

  it('reports a bad task as a one-line error', async () => {
    const project = tomitaProject();
    project.task = { id: 'tomita', params: { grammar: 9 }, seed: 0 };
    const session = await startTrainingSession({ project, engine: 'reference' });
    await expect(session.result).rejects.toThrow(/grammar/);
  });

  it('finds the worker from source (built on the fly) and next to the CLI bundle', async () => {
    const fromSource = await resolveWorkerFile(pathToFileURL(join(ROOT, 'src-main/core/train/session.ts')).href);
    expect(fromSource).toMatch(/node_modules[/\\]\.cache[/\\]rnnlab[/\\]train-worker-[0-9a-f]{12}\.mjs$/);
    const chunk = pathToFileURL(join(ROOT, 'out/cli/chunks/session-abc.mjs')).href;
    const bundled = await resolveWorkerFile(chunk);
    expect(bundled).toBe(join(ROOT, 'out/cli/train-worker.mjs'));
    expect(existsSync(bundled)).toBe(true);
    const session = await startTrainingSession({ project: tomitaProject({ steps: 4 }), engine: 'reference' }, { workerFile: bundled });
    expect((await session.result).step).toBe(4);
  });
});

describe('session seams', () => {
  it('a listener that throws does not throw in the host, and the other listeners still hear every step', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 20 }), engine: 'reference' });
    session.on(() => {
      throw new Error('window closed');
    });
    const { records } = collect(session);
    const result = await session.result;
    expect(result.step).toBe(20);
    expect(records().map((r) => r.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('terminate() ends the worker at once and rejects the result in one line', async () => {
    const session = await startTrainingSession({ project: tomitaProject({ steps: 1_000_000 }), engine: 'reference' });
    await new Promise<void>((resolve) => {
      const off = session.on((e) => {
        if (e.type === 'metrics') {
          off();
          resolve();
        }
      });
    });
    await session.terminate();
    await expect(session.result).rejects.toThrow(/^training was terminated$/);
    expect(session.status).toBe('done');
    await session.terminate();
  });
});
