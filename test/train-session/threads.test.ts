// The run's thread limit (run.threads, `rnnlab train --threads`) reaches the engine: every training and evaluation
// pass asks the engine for its count under the limit and runs with that count; 0 leaves the choice to the engine.
// Checked with a spying engine (the reference engine's arithmetic plus a recorded threadsFor), never with timings.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine, ForwardOptions, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { ModelSpec } from '../../src-main/core/spec/types';
import { getTask } from '../../src-main/core/tasks/index';
import { evaluateSplit, Trainer } from '../../src-main/core/train/loop';
import { TrainingRun, type RunEvent } from '../../src-main/core/train/training-run';
import { ComputeClient } from '../../src-main/core/compute/client';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import { saveProject } from '../../src-main/core/project/index';
import { runInProcess } from '../cli/cli-helpers';
import { runSteps, TOMITA_SMALL, tomitaProject, tomitaTrainer } from './helpers';

/** What the spying engine was asked: each threadsFor call's (batch, steps, limit) and each forward's threads option. */
interface Calls {
  chooser: { batch: number; steps: number; limit: number | undefined }[];
  forward: { training: boolean; threads: number | undefined }[];
}

/** The reference engine posing as a thread-choosing engine: it grants min(limit, 3) threads and records every call. */
function spyingEngine(calls: Calls): Engine & { threadsFor(spec: ModelSpec, batch: number, steps: number, limit?: number): number } {
  return {
    name: 'native',
    threadsFor(_spec, batch, steps, limit) {
      calls.chooser.push({ batch, steps, limit });
      return Math.min(limit ?? 64, 3);
    },
    forward(model: Model, input: SequenceBatch, options?: ForwardOptions) {
      calls.forward.push({ training: options?.training === true, threads: options?.threads });
      return referenceEngine.forward(model, input, { ...options, precision: 'float64' });
    },
  };
}

const fresh = (): Calls => ({ chooser: [], forward: [] });

/** helpers.ts's Tomita trainer on `engine` with a thread limit. */
const trainerWith = (engine: Engine, threads: number | undefined, settings: Record<string, unknown> = {}): Trainer =>
  tomitaTrainer(settings, engine, {}, threads);

// TrainingRun picks its engine through selectEngine: here it gets the spying engine.
const spy = vi.hoisted(() => ({ calls: null as Calls | null }));
vi.mock('../../src-main/core/engine/select', async (original) => {
  const actual = await original<typeof import('../../src-main/core/engine/select')>();
  return {
    ...actual,
    selectEngine: async (requested?: 'native' | 'reference') =>
      spy.calls && requested !== 'reference' ? { engine: spyingEngine(spy.calls), warning: null } : actual.selectEngine(requested),
  };
});

beforeEach(() => {
  spy.calls = null;
});

describe('thread limit in the training loop', () => {
  it('asks the engine for its count under the limit on every step and passes that count to forward', () => {
    const calls = fresh();
    const trainer = trainerWith(spyingEngine(calls), 2);
    runSteps(trainer, 3);
    expect(calls.chooser).toHaveLength(3);
    for (const c of calls.chooser) {
      expect(c.limit).toBe(2);
      expect(c.batch).toBe(8);
    }
    expect(calls.forward.map((f) => f.threads)).toEqual([2, 2, 2]);
  });

  it('leaves the count to the engine (no threads option) when the limit is 0 or absent', () => {
    for (const limit of [0, undefined]) {
      const calls = fresh();
      const trainer = trainerWith(spyingEngine(calls), limit);
      runSteps(trainer, 2);
      expect(calls.chooser).toEqual([]);
      expect(calls.forward.map((f) => f.threads)).toEqual([undefined, undefined]);
    }
  });

  it('chooses for a window of k2 steps under truncated BPTT', () => {
    const calls = fresh();
    const trainer = trainerWith(spyingEngine(calls), 5, { bptt: { mode: 'truncated', k1: 2, k2: 3 } });
    runSteps(trainer, 1);
    expect(calls.chooser).toHaveLength(1);
    expect(calls.chooser[0]).toMatchObject({ steps: 3, limit: 5 });
    expect(calls.forward.length).toBeGreaterThan(1);
    expect(new Set(calls.forward.map((f) => f.threads))).toEqual(new Set([3]));
  });

  it('evaluation passes get the limit too', () => {
    const calls = fresh();
    const project = tomitaProject();
    const task = getTask('tomita');
    const data = task.generate(TOMITA_SMALL, 3);
    evaluateSplit(spyingEngine(calls), { spec: project.spec, weights: project.weights }, task, data, 'validation', 'float64', 4);
    expect(calls.chooser.map((c) => c.limit)).toEqual([4]);
    expect(calls.chooser[0].batch).toBe(TOMITA_SMALL.validationSize);
    expect(calls.forward).toEqual([{ training: false, threads: 3 }]);
  });
});

describe('thread limit of a run', () => {
  async function run(project = tomitaProject({ steps: 4 }), threads?: number) {
    spy.calls = fresh();
    const events: RunEvent[] = [];
    await new TrainingRun({ project, threads }, (e) => events.push(e)).run();
    return { calls: spy.calls, started: events.find((e) => e.type === 'started') };
  }

  it("applies the project's run.threads to every training and evaluation pass", async () => {
    const project = tomitaProject({ steps: 4 });
    project.training = { ...project.training, run: { threads: 2 } };
    const { calls, started } = await run(project);
    expect(started).toMatchObject({ engine: 'native', threadLimit: 2 });
    expect(calls.forward.filter((f) => f.training)).toHaveLength(4);
    // Training steps, the last step's validation and the final validation and test evaluations.
    expect(calls.chooser.length).toBeGreaterThanOrEqual(4 + 2);
    expect(new Set(calls.chooser.map((c) => c.limit))).toEqual(new Set([2]));
  });

  it("a request's threads (the CLI's --threads) replaces the project's, and 0 is automatic", async () => {
    const project = tomitaProject({ steps: 2 });
    project.training = { ...project.training, run: { threads: 2 } };
    const overridden = await run(project, 6);
    expect(overridden.started).toMatchObject({ threadLimit: 6 });
    expect(new Set(overridden.calls.chooser.map((c) => c.limit))).toEqual(new Set([6]));
    const automatic = await run(project, 0);
    expect(automatic.started).toMatchObject({ threadLimit: 0 });
    expect(automatic.calls.chooser).toEqual([]);
  });

  it('reaches a run in the compute process (over its protocol) from the project', async () => {
    spy.calls = fresh();
    const client = new ComputeClient(inProcessChannelFactory);
    try {
      const project = tomitaProject({ steps: 3 });
      project.training = { ...project.training, run: { threads: 3 } };
      const events: RunEvent[] = [];
      const computeRun = await client.train({ project }, { onEvent: (e) => events.push(e), onPoints: () => undefined, onCheckpoint: () => undefined }, { checkpointMs: 60_000, allLayers: false });
      await computeRun.result;
      expect(events.find((e) => e.type === 'started')).toMatchObject({ threadLimit: 3 });
      expect(new Set(spy.calls.chooser.map((c) => c.limit))).toEqual(new Set([3]));
    } finally {
      client.dispose();
    }
  });
});

describe('thread limit in a forked compute process', () => {
  it("crosses the process boundary with the project: the run there starts under the project's limit", async () => {
    const client = new ComputeClient();
    try {
      const project = tomitaProject({ steps: 2 });
      project.training = { ...project.training, run: { threads: 2 } };
      const events: RunEvent[] = [];
      const computeRun = await client.train({ project }, { onEvent: (e) => events.push(e), onPoints: () => undefined, onCheckpoint: () => undefined }, { checkpointMs: 60_000, allLayers: false });
      await computeRun.result;
      expect(client.pid).not.toBe(process.pid);
      expect(events.find((e) => e.type === 'started')).toMatchObject({ threadLimit: 2 });
    } finally {
      client.dispose();
    }
  }, 120_000);
});

describe('rnnlab train --threads', () => {
  it.runIf(loadNativeEngine().ok)('trains on the native engine under the limit and says so on its first line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnlab-threads-'));
    try {
      const file = join(dir, 't.rnnlab');
      await saveProject(file, tomitaProject({ steps: 3 }));
      const r = await runInProcess(['train', file, '--threads', '2']);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')[0]).toBe('training on native engine (at most 2 threads) from step 0 of 3');
      const auto = await runInProcess(['train', file, '--fresh', '--threads', 'auto']);
      expect(auto.stdout.split('\n')[0]).toBe('training on native engine from step 0 of 3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a limit that is not auto or 1..64, in one line', async () => {
    for (const bad of ['0', '65', '1.5', 'many']) {
      const r = await runInProcess(['train', 'nowhere.rnnlab', '--threads', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`rnnlab: option '--threads <n>' argument '${bad}' is invalid. expected 'auto' or a whole number of threads from 1 to 64, found '${bad}'`);
    }
  });
});
