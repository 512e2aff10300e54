// Weight snapshots in the run history: bounded in count and bytes while spread over the whole run, written by a
// real run at the snapshot cadence, and replayed by trajectories at any saved step on a fixed basis.
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOTS, snapshotSteps, snapshotWeights, withWeightSnapshot } from '../../src-main/core/inspect/snapshots';
import { LabService } from '../../src-main/core/lab/lab-service';
import { newProject } from '../../src-main/core/project/index';
import { parseModelSpec } from '../../src-main/core/spec/schema';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}

describe('withWeightSnapshot', () => {
  it('keeps at most MAX_SNAPSHOTS spread over the run, within the byte budget, exact to float32', () => {
    const project = newProject('s', parseModelSpec({ arch: 'lstm', input_size: 3, hidden_size: 16, output_size: 2 }));
    let history: Record<string, unknown> | null = null;
    for (let step = 0; step <= 10_000; step += 50) history = withWeightSnapshot(history, step, project.weights);
    const withHistory = { ...project, history };
    const steps = snapshotSteps(withHistory);
    expect(steps.length).toBeLessThanOrEqual(MAX_SNAPSHOTS);
    expect(steps.length).toBeGreaterThan(MAX_SNAPSHOTS / 4);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(10_000);
    expect(Math.max(...steps.slice(1).map((s, i) => s - steps[i]))).toBeLessThanOrEqual((3 * 10_000) / steps.length);
    expect(JSON.stringify(history).length).toBeLessThan(MAX_SNAPSHOT_BYTES + 4096);
    const w = snapshotWeights(withHistory, 10_000);
    for (const [name, t] of Object.entries(project.weights)) expect(Array.from(w[name].data)).toEqual(Array.from(t.data, Math.fround));
    expect(() => snapshotWeights({ ...withHistory, history: { snapshots: [{ step: 1, weights: {} }] } }, 1)).toThrow(/^snapshot at step 1: weight_ih_l0 does not fit the model/);
    expect(() => snapshotWeights({ ...withHistory, history: { snapshots: 'x' } }, 1)).toThrow(/^history snapshots: /);
  });
});

describe('snapshots of a real run', () => {
  const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
  afterAll(() => lab.dispose());

  it('a run with run.snapshot_every keeps snapshots that trajectories replay on a fixed basis', async () => {
    value(await lab.newProject({ spec: { arch: 'gated', input_size: 2, hidden_size: 6, output_size: 1, output_activation: 'sigmoid' } }));
    value(await lab.setTask({ id: 'tomita', params: { grammar: 4, trainSize: 200 } }));
    value(await lab.updateSettings({ training: { steps: 60, lr: 0.02, batch_size: 16 }, run: { snapshot_every: 20, engine: 'reference' } }));
    value(await lab.startTraining({ fresh: true }));
    const deadline = Date.now() + 60_000;
    while (value(await lab.trainingStatus()).status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(value(await lab.trainingStatus()).status).toBe('done');
    const project = lab.context.workspace.require();
    expect(snapshotSteps(project)).toEqual([0, 20, 40, 60]);
    const frames = await Promise.all([0, 20, 40, 60].map(async (step) => value(await lab.trajectories({ snapshotStep: step, basisStep: 60 }))));
    expect(frames.map((f) => f.step)).toEqual([0, 20, 40, 60]);
    expect(new Set(frames.map((f) => f.basisStep))).toEqual(new Set([60]));
    expect(frames[0].probes.map((p) => p.text)).toEqual(frames[3].probes.map((p) => p.text));
    const current = value(await lab.trajectories({}));
    expect(current.step).toBe(60);
  }, 90_000);
});
