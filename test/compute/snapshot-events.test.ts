// Snapshot events carry the run's kept snapshot steps, so the Trajectories slider updates without asking for the run
// again: through the lab (compute process in-process), each event's `steps` are ascending, start at the starting
// weights, end at the event's step, stay bounded when the run keeps more snapshots than fit (thinned evenly), and
// the last one equals what the saved project can replay and what getRun reports.
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { MAX_SNAPSHOTS, snapshotSteps } from '../../src-main/core/inspect/snapshots';
import { LabService } from '../../src-main/core/lab/lab-service';
import { nextStatus, openTomita, value } from '../lab/helpers';

describe('snapshot events', () => {
  const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
  afterAll(() => lab.dispose());

  it('carry every kept snapshot step of the run, bounded, matching the saved snapshots', async () => {
    // 200 steps, a snapshot every 5: 41 snapshots with the starting weights, more than the 32 kept.
    openTomita(lab, { steps: 200, batch_size: 8 });
    value(await lab.updateSettings({ run: { snapshot_every: 5, engine: 'reference' } }));
    const events: Extract<TrainingEvent, { type: 'snapshot' }>[] = [];
    // The stream paces events (one snapshot per flush, the newest replacing a waiting one): the last may follow 'done'.
    let lastArrived: () => void = () => undefined;
    const last200 = new Promise<void>((resolve) => (lastArrived = resolve));
    const stop = lab.onTrainingEvent((e) => {
      if (e.type !== 'snapshot') return;
      events.push(e);
      if (e.step === 200) lastArrived();
    });
    const done = nextStatus(lab, ['done', 'failed'], 90_000);
    value(await lab.startTraining({ fresh: true }));
    expect((await done).status).toBe('done');
    await last200;
    stop();
    expect(events.length).toBeGreaterThan(0);
    const runId = value(await lab.trainingStatus()).runId;
    for (const e of events) {
      expect(e.runId).toBe(runId);
      expect(e.steps[0]).toBe(0);
      expect(e.steps.at(-1)).toBe(e.step);
      expect(e.steps.length).toBeLessThanOrEqual(MAX_SNAPSHOTS);
      expect([...e.steps].sort((a, b) => a - b)).toEqual(e.steps);
      for (const s of e.steps) expect(s % 5).toBe(0);
    }
    const last = events.at(-1)!;
    expect(last.step).toBe(200);
    expect(last.steps).toHaveLength(MAX_SNAPSHOTS);
    expect(snapshotSteps(lab.context.workspace.require())).toEqual(last.steps);
    expect(value(await lab.getRun('current')).snapshotSteps).toEqual(last.steps);
    // Every step the slider is offered can be replayed.
    const frames = await Promise.all(last.steps.slice(0, 3).map(async (step) => value(await lab.trajectories({ snapshotStep: step }))));
    expect(frames.map((f) => f.step)).toEqual(last.steps.slice(0, 3));
  }, 120_000);
});
