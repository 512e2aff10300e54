// Checkpoints: a run stopped, saved to a project file, loaded and resumed continues exactly as the uninterrupted
// run (same losses, same final weights, bit for bit); edited weights and missing tasks are refused in one line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../src-main/core/project/index';
import type { StepRecord } from '../../src-main/core/train/loop';
import { readRunConfig } from '../../src-main/core/train/checkpoint';
import { TrainingRun, type RunRequest } from '../../src-main/core/train/training-run';
import { tomitaProject } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs in-process (the worker's own code) and stops after `stopAfter` steps when given. */
async function run(request: RunRequest, stopAfter?: number) {
  const records: StepRecord[] = [];
  const training = new TrainingRun(request, (e) => {
    if (e.type !== 'metrics') return;
    records.push(...e.records);
    if (stopAfter !== undefined && records.length >= stopAfter) training.control({ type: 'stop' });
  });
  const result = await training.run();
  return { result, records };
}

describe('checkpoints', () => {
  it('resumes from a saved file exactly as an uninterrupted run continues', async () => {
    // SGD with momentum and a step schedule, so optimiser state and the schedule position both matter.
    const settings = { optimizer: { kind: 'sgd', momentum: 0.9 }, lr: 0.1, schedule: { kind: 'step', step_size: 7, gamma: 0.5 }, steps: 24 };
    const whole = await run({ project: tomitaProject(settings), engine: 'reference', flushMs: 0 });

    const first = await run({ project: tomitaProject(settings), engine: 'reference', flushMs: 0 }, 10);
    expect(first.result.finished).toBe(false);
    const file = join(dir, 'resume.rnnlab');
    await saveProject(file, first.result.project);
    const loaded = await loadProject(file);
    const second = await run({ project: loaded, engine: 'reference', flushMs: 0 });

    const stitched = [...first.records, ...second.records].map((r) => [r.step, r.loss]);
    expect(stitched).toEqual(whole.records.map((r) => [r.step, r.loss]));
    for (const [name, tensor] of Object.entries(whole.result.project.weights)) {
      expect(second.result.project.weights[name].data).toEqual(tensor.data);
    }
    expect(second.result.step).toBe(24);
  });

  it('starts a new run (step 0) when the checkpoint is finished or --fresh is asked', async () => {
    const done = await run({ project: tomitaProject({ steps: 6 }), engine: 'reference' });
    const again = await run({ project: done.result.project, engine: 'reference' });
    expect(again.records[0].step).toBe(1);
    const stopped = await run({ project: tomitaProject({ steps: 6 }), engine: 'reference', flushMs: 0 }, 2);
    const fresh = await run({ project: stopped.result.project, engine: 'reference', fresh: true });
    expect(fresh.records[0].step).toBe(1);
  });

  it('refuses to resume onto weights edited since the checkpoint', async () => {
    const stopped = await run({ project: tomitaProject({ steps: 6 }), engine: 'reference', flushMs: 0 }, 2);
    stopped.result.project.weights['head.bias'].data[0] += 1;
    await expect(run({ project: stopped.result.project, engine: 'reference' })).rejects.toThrow(/head\.bias no longer match.*--fresh/);
  });

  it('says how to set a task when a project has none', () => {
    const project = tomitaProject();
    project.task = null;
    expect(() => readRunConfig(project)).toThrow(/has no task; set one with rnnlab task set/);
  });

  it('keeps a bounded history in the project', async () => {
    const { result } = await run({ project: tomitaProject({ steps: 30 }), engine: 'reference' });
    const history = result.project.history as { curves: { series: Record<string, { buckets: unknown[] }> }; evaluations: unknown[] };
    expect(history.curves.series.loss.buckets.length).toBe(30);
    expect(history.evaluations.length).toBe(5);
  });
});
