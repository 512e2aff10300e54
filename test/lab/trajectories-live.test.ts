// Trajectories at a snapshot step while the run is still going (Inspect and Trajectories ask as soon as a snapshot
// event names the step): answered from the run's own kept snapshots, identical to what the saved project replays once
// the run ends, and a step the run did not keep is one line naming the kept steps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrainingEvent, TrajectoryView } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { error, nextStatus, openTomita, value } from './helpers';

let lab: LabService;
beforeEach(() => {
  lab = new LabService({ engine: 'reference', compute: inProcessChannelFactory });
});
afterEach(() => lab.dispose());

const statesOf = (view: TrajectoryView) => JSON.stringify(view.states);

describe('trajectories during a run', () => {
  it('replays a snapshot step the run just announced, and the same states after it ends', async () => {
    openTomita(lab, { steps: 100_000 });
    value(await lab.updateSettings({ run: { snapshot_every: 5 } }));
    const announced: number[] = [];
    lab.onTrainingEvent((e: TrainingEvent) => void (e.type === 'snapshot' && announced.push(...e.steps)));
    expect(value(await lab.startTraining({ paused: true })).status).toBe('paused');
    expect(value(await lab.stepTraining(10))).toMatchObject({ status: 'paused', step: 10 });

    const live = value(await lab.trajectories({ snapshotStep: 10, basisStep: 0 }));
    expect(live.step).toBe(10);
    const start = value(await lab.trajectories({ snapshotStep: 0, basisStep: 0 }));
    expect(statesOf(start)).not.toBe(statesOf(live));
    expect(error(await lab.trajectories({ snapshotStep: 7 }))).toBe('no snapshot at step 7 in the run in progress: kept steps are 0, 5, 10');

    const done = nextStatus(lab, ['done', 'failed']);
    value(await lab.stopTraining());
    expect((await done).status).toBe('done');
    const saved = value(await lab.trajectories({ snapshotStep: 10, basisStep: 0 }));
    expect(statesOf(saved)).toBe(statesOf(live));
    expect(new Set(announced)).toEqual(new Set([0, 5, 10]));
  }, 60_000);

  it('a resumed run replays the snapshots its checkpoint kept as well as its new ones', async () => {
    openTomita(lab, { steps: 100_000 });
    value(await lab.updateSettings({ run: { snapshot_every: 5 } }));
    value(await lab.startTraining({ paused: true }));
    value(await lab.stepTraining(5));
    const first = nextStatus(lab, ['done']);
    value(await lab.stopTraining());
    await first;
    const before = value(await lab.trajectories({ snapshotStep: 5 }));

    value(await lab.startTraining({ paused: true }));
    expect(value(await lab.stepTraining(5))).toMatchObject({ status: 'paused', step: 10 });
    expect(statesOf(value(await lab.trajectories({ snapshotStep: 5 })))).toBe(statesOf(before));
    expect(value(await lab.trajectories({ snapshotStep: 10 })).step).toBe(10);
    const second = nextStatus(lab, ['done']);
    value(await lab.stopTraining());
    await second;
  }, 60_000);
});
