// Training through the Lab service: the status machine, the stream, the trained weights and the run history in
// the project, pause/step/resume/stop, history after a reload, and one-line refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { error, nextStatus, openTomita, value } from './helpers';

let lab: LabService;
beforeEach(() => {
  lab = new LabService({ engine: 'reference' });
});
afterEach(() => lab.dispose());

describe('a run from start to done', () => {
  it('announces running then done, streams points for every step, leaves trained weights and a run record', async () => {
    openTomita(lab, { steps: 40 });
    const before = lab.context.workspace.require().weights['head.weight'].data.slice();
    const events: TrainingEvent[] = [];
    lab.onTrainingEvent((e) => events.push(e));
    const done = nextStatus(lab, ['done', 'failed']);
    const started = value(await lab.startTraining());
    expect(started).toMatchObject({ status: 'running', runId: 'run-1' });
    const final = await done;
    expect(final).toMatchObject({ status: 'done', step: 40, runId: 'run-1', reason: null });

    const statuses = events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.status.status : ''));
    expect(statuses[0]).toBe('running');
    expect(statuses.at(-1)).toBe('done');
    const points = events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
    // Every step is accounted for: spans add up to the steps taken.
    expect(points.reduce((n, p) => n + p.span, 0)).toBe(40);
    expect(points.at(-1)!.step).toBe(40);
    expect(Object.keys(points[0].paramGradNorms)).toContain('head.weight');
    expect(Object.keys(points[0].paramWeightNorms)).toContain('head.weight');
    expect(points[0].timestepGradNorms.length).toBeGreaterThan(0);

    const summary = value(await lab.describeProject());
    expect(summary).toMatchObject({ unsaved: true, runCount: 1, undoLabel: 'Training run-1' });
    const after = lab.context.workspace.require().weights['head.weight'].data;
    expect(Array.from(after)).not.toEqual(Array.from(before));

    const runs = value(await lab.listRuns());
    expect(runs.map((r) => [r.id, r.steps])).toEqual([['run-1', 40]]);
    expect(runs[0].finalValidation?.primary.name).toBeTruthy();
    const detail = value(await lab.getRun('run-1'));
    expect(detail.points.at(-1)!.step).toBe(40);
    expect(value(await lab.getRun('current')).points.length).toBeGreaterThan(0);

    // Undo puts the untrained weights back; redo the trained ones.
    value(await lab.undo());
    expect(Array.from(lab.context.workspace.require().weights['head.weight'].data)).toEqual(Array.from(before));
    value(await lab.redo());
    expect(value(await lab.describeProject()).runCount).toBe(1);
  });
});

describe('pause, step, resume, stop', () => {
  it('starts paused, takes N single steps, resumes, stops with the weights so far', async () => {
    openTomita(lab, { steps: 100_000 });
    expect(value(await lab.startTraining({ paused: true })).status).toBe('paused');
    const stepped = value(await lab.stepTraining(3));
    expect(stepped).toMatchObject({ status: 'paused', step: 3 });
    expect(value(await lab.stepTraining())).toMatchObject({ step: 4 });
    const moved = new Promise<void>((resolve) => {
      const off = lab.onTrainingEvent((e) => {
        if (e.type === 'metrics' && e.points.at(-1)!.step > 4) {
          off();
          resolve();
        }
      });
    });
    expect(value(await lab.resumeTraining()).status).toBe('running');
    expect(value(await lab.trainingStatus()).status).toBe('running');
    await moved;
    expect(error(await lab.startTraining())).toBe('cannot start another run while a run is running: stop it first');
    expect(error(await lab.updateSpec({ arch: 'rnn', input_size: 2, hidden_size: 3 }))).toMatch(/^cannot change .* while a run is in progress: stop it first$/);
    const done = nextStatus(lab, ['done']);
    expect(value(await lab.stopTraining()).status).toBe('stopping');
    const final = await done;
    expect(final.step).toBeGreaterThan(4);
    expect(value(await lab.listRuns())[0].steps).toBe(final.step);
  });

  it('refuses commands that do not fit the status, and bad arguments, in one line', async () => {
    expect(error(await lab.startTraining())).toBe('no project is open: create a new project or open a file first');
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    expect(error(await lab.startTraining())).toMatch(/has no task/);
    openTomita(lab);
    expect(error(await lab.pauseTraining())).toBe('cannot pause training: the run is not started');
    expect(error(await lab.resumeTraining())).toBe('cannot resume training: the run is not started (resume continues a paused run)');
    expect(error(await lab.stopTraining())).toBe('cannot stop training: the run is not started');
    expect(error(await lab.stepTraining(0))).toBe('step training: expected from 1 to 1000000 steps, found 0');
    expect(error(await lab.stepTraining('2' as never))).toBe('step training: expected a number of steps, found "2"');
    expect(error(await lab.startTraining({ fast: true } as never))).toBe("start training: unknown field 'fast'");
    expect(error(await lab.getRun(3 as never))).toBe("get run: expected a run id as text (or 'current'), found 3");
    expect(error(await lab.getRun('run-9'))).toBe("no run 'run-9' in this project: expected 'current' (the project has no saved runs)");
    expect(error(await lab.getRun('current'))).toBe('no run yet: start training first');
    expect(value(await lab.trainingStatus()).status).toBe('idle');
  });
});

describe('alerts and remedies from a real run', () => {
  it('an exploding run raises alerts whose remedies carry actions; applying one changes the project, undoably', async () => {
    openTomita(lab, { steps: 30 }, { arch: 'rnn', input_size: 2, hidden_size: 4, init: { scheme: 'orthogonal', spectral_radius: 3, seed: 1 } });
    lab.context.workspace.require().training!.monitor = { exploding: { max_norm: 1e-6 } };
    const alerts: TrainingEvent[] = [];
    lab.onTrainingEvent((e) => e.type === 'alert' && alerts.push(e));
    const done = nextStatus(lab, ['done', 'failed']);
    value(await lab.startTraining());
    expect((await done).status).toBe('done');
    const first = alerts[0];
    if (first?.type !== 'alert') throw new Error('expected an alert event');
    expect(first.alert).toMatchObject({ kind: 'exploding', rule: 'max-norm', policy: 'warn' });
    const kinds = first.alert.remedies.map((r) => r.action.kind);
    expect(kinds).toEqual(['enable-clipping', 'lower-lr', 'reinit-recurrent', 'switch-arch', 'switch-arch']);
    const detail = value(await lab.getRun('run-1'));
    expect(detail.alerts[0].remedies.map((r) => r.action.kind)).toEqual(kinds);
    expect(detail.alertCounts.exploding).toBeGreaterThanOrEqual(1);
    const outcome = value(await lab.applyRemedy(first.alert.remedies[2].action));
    expect(outcome.message).toMatch(/^Re-initialised weight_hh_l0 orthogonally; kept .*; the next run starts at step 0\.$/);
    expect(outcome.summary.undoLabel).toBe('Re-initialise the recurrent weights (orthogonal)');
  });

  it('a run that cannot set up answers its one-line error and leaves the project editable', async () => {
    openTomita(lab);
    lab.context.workspace.require().task = { id: 'tomita', params: { grammar: 99 }, seed: 1 };
    const failed = nextStatus(lab, ['failed']);
    const message = error(await lab.startTraining());
    expect(message).toMatch(/grammar/);
    expect(message).not.toContain('\n');
    expect((await failed).reason).toBe(message);
    expect(value(await lab.resetWeights(1)).message).toMatch(/^Re-initialised every weight/);
  });
});
