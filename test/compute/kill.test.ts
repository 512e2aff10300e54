// The compute process dies mid-run (SIGKILL, as a native crash or the OOM killer would): the UI hears why, the
// host answers the next request with a new process, the project keeps the last checkpoint, and a resumed run
// continues from that step.
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { readRunConfig } from '../../src-main/core/train/checkpoint';
import { nextStatus, openTomita, value } from '../lab/helpers';

let lab: LabService;
afterEach(() => lab.dispose());

function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('timed out'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('compute process killed mid-run', () => {
  it('reports compute-lost with the signal, keeps the checkpoint, answers the next request, resumes from the checkpoint', async () => {
    lab = new LabService({ engine: 'reference' });
    openTomita(lab, { steps: 1_000_000 });
    const events: TrainingEvent[] = [];
    lab.onTrainingEvent((e) => events.push(e));
    value(await lab.startTraining());
    const firstPid = lab.context.compute.pid;
    expect(firstPid).toBeGreaterThan(0);
    // Wait past the first checkpoint (every 2 s).
    let lastStep = 0;
    lab.onTrainingEvent((e) => {
      if (e.type === 'metrics') lastStep = e.points.at(-1)!.step;
    });
    await until(() => lastStep > 0, 30_000);
    // Wait for a checkpoint past the start (one every 2 s), then kill.
    await until(() => (lab.training.checkpointStep ?? 0) > 0, 30_000);
    const heldStep = lab.training.checkpointStep!;
    const failed = nextStatus(lab, ['failed']);
    process.kill(firstPid!, 'SIGKILL');
    const status = await failed;
    expect(status.reason).toBe('the compute process was killed by SIGKILL; the next request starts a new one');
    const lost = events.find((e) => e.type === 'compute-lost');
    expect(lost).toEqual({ type: 'compute-lost', reason: 'the compute process was killed by SIGKILL', exit: { exitCode: null, signal: 'SIGKILL' } });
    expect(status.stopped).toEqual({ kind: 'compute-lost', params: { reason: status.reason, signal: 'SIGKILL' } });

    // The project now holds the checkpoint: trained weights and the trainer's step, unsaved, undoable.
    const summary = value(await lab.describeProject());
    expect(summary).toMatchObject({ unsaved: true, runCount: 1 });
    const checkpointStep = readRunConfig(lab.context.workspace.require()).checkpoint!.trainer.step;
    expect(checkpointStep).toBeGreaterThanOrEqual(heldStep);
    expect(value(await lab.listRuns())[0]).toMatchObject({ id: 'run-1', stoppedBecause: status.reason, stopped: { kind: 'compute-lost', params: { signal: 'SIGKILL' } } });

    // The next request starts a new process.
    expect(value(await lab.engineInfo()).name).toBe('reference');
    expect(lab.context.compute.pid).not.toBe(firstPid);

    // A new run resumes from the checkpoint: its first step is the one after it.
    const points: number[] = [];
    lab.onTrainingEvent((e) => {
      if (e.type === 'metrics') points.push(...e.points.map((p) => p.step - p.span + 1));
    });
    value(await lab.startTraining({ paused: true }));
    expect(value(await lab.stepTraining(2)).step).toBe(checkpointStep + 2);
    await until(() => points.length > 0, 10_000);
    expect(points[0]).toBe(checkpointStep + 1);
    const done = nextStatus(lab, ['done']);
    value(await lab.stopTraining());
    await done;
    expect(value(await lab.listRuns()).map((r) => r.id)).toEqual(['run-1', 'run-2']);
  }, 90_000);
});
