// The Train page's run state against a fake LabApi: reload redraws from getRun('current'), live points join without
// duplicates, memory stays bounded over 100,000 steps with spikes kept, past runs, errors; and the redraw throttle.
import { describe, expect, it } from 'vitest';
import type { RunDetail, RunStatus, StepPoint } from '../../src-main/api/lab-api';
import { createRunState } from '../../src-renderer/src/stores/run-state';
import { createThrottle } from '../../src-renderer/src/composables/throttle';
import { fakeLab } from './fake-lab';
import { point, points, settingsView, vanishingAlert } from './train-fixtures';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const status = (runId: string, step: number, state: RunStatus['status'] = 'running'): RunStatus => ({
  status: state, runId, step, totalSteps: 100_000, epoch: 0, stepsPerSecond: 1000, etaSeconds: 10, engine: 'native',
  engineWarning: null, reason: null,
});
const detail = (id: string, pts: StepPoint[]): RunDetail => ({
  id, startedAt: '2026-01-01T00:00:00Z', endedAt: null, settings: {}, changes: [], changed: [], steps: pts.length, stoppedBecause: null, stopped: null,
  finalTrain: null, finalValidation: null, finalTest: null, alertCounts: {}, points: pts, alerts: [vanishingAlert(3)],
  evaluations: [], snapshotSteps: [],
});

function setUp(runs: Record<string, RunDetail> = {}) {
  const fake = fakeLab({
    getSettings: () => ok(settingsView()),
    listRuns: () => ok(Object.values(runs)),
    trainingStatus: () => ok(status('r2', 300)),
    getRun: (id) => (runs[id] ? ok(runs[id]) : Promise.resolve({ ok: false as const, error: `no run ${id}` })),
  });
  const state = createRunState(fake.lab, 64);
  fake.lab.onTrainingEvent((event) => state.receive(event)); // what useTrainingStream does on mount
  return { ...fake, state };
}

describe('run state', () => {
  it('redraws the live run on load, then appends streamed points without repeating steps', async () => {
    const { state, emit } = setUp({ current: detail('r2', points(1, 40)) });
    await state.load();
    expect(state.runId.value).toBe('r2');
    expect(state.points.value.map((p) => p.step)).toEqual(points(1, 40).map((p) => p.step));
    expect(state.alerts.value).toHaveLength(1);
    expect(state.settings.value?.fields.length).toBe(7);
    emit({ type: 'metrics', runId: 'r2', points: points(35, 50), status: status('r2', 50) });
    expect(state.points.value).toHaveLength(40); // nothing drawn before the flush
    expect(state.flush()).toBe(true);
    expect(state.points.value.map((p) => p.step)).toEqual(points(1, 50).map((p) => p.step));
    expect(state.flush()).toBe(false);
  });

  it('keeps memory bounded over 100,000 steps and keeps a one-step spike', () => {
    const { state, emit } = setUp();
    let longest = 0;
    for (let from = 1; from <= 100_000; from += 100) {
      const batch = points(from, from + 99).map((p) => (p.step === 77_777 ? { ...p, loss: 1e6, lossMax: 1e6, gradNorm: 1e8, gradNormMax: 1e8 } : p));
      emit({ type: 'metrics', runId: 'r1', points: batch, status: status('r1', from + 99) });
      if (from % 1000 === 1) state.flush();
      longest = Math.max(longest, state.points.value.length);
    }
    state.flush();
    expect(longest).toBeLessThanOrEqual(64);
    const pts = state.points.value;
    expect(pts[pts.length - 1].step).toBe(100_000);
    expect(pts.reduce((n, p) => n + p.span, 0)).toBe(100_000);
    expect(Math.max(...pts.map((p) => p.gradNormMax))).toBe(1e8);
    expect(Math.max(...pts.map((p) => p.lossMax))).toBe(1e6);
    expect(Math.max(...pts.map((p) => p.loss))).toBeLessThan(1e6); // the mean is diluted; the max is not
    const spans = pts.slice(0, -1).map((p) => p.span); // every bucket but the filling last one spans the same steps
    expect(Math.max(...spans)).toBe(Math.min(...spans));
    expect(pts[0].step).toBe(pts[0].span);
  });

  it('a new run replaces the curves; a past run being viewed ignores live points', async () => {
    const { state, emit } = setUp({ r1: detail('r1', points(1, 10)), current: detail('r2', points(1, 5)) });
    emit({ type: 'metrics', runId: 'r2', points: points(1, 5), status: status('r2', 5) });
    emit({ type: 'alert', runId: 'r2', alert: vanishingAlert(4) });
    state.flush();
    expect(state.alerts.value.map((a) => a.step)).toEqual([4]);
    expect(await state.viewRun('r1')).toBe(true);
    expect(state.viewingPast.value).toBe(true);
    emit({ type: 'metrics', runId: 'r2', points: points(6, 9), status: status('r2', 9) });
    state.flush();
    expect(state.runId.value).toBe('r1');
    expect(state.points.value).toHaveLength(10);
    emit({ type: 'metrics', runId: 'r3', points: [point(1)], status: status('r3', 1) });
    state.flush();
    expect(state.runId.value).toBe('r1'); // still the past run until the user starts training or picks the live one
    await state.viewRun('current');
    expect(state.viewingPast.value).toBe(false);
    emit({ type: 'metrics', runId: 'r3', points: [point(1)], status: status('r3', 1) });
    state.flush();
    expect(state.runId.value).toBe('r3');
    expect(state.points.value.map((p) => p.step)).toEqual([1]);
    expect(state.alerts.value).toEqual([]);
  });

  it("keeps a failed request's answer (sentence, code, params) under the control that caused it", async () => {
    const { state } = setUp();
    const refused = { ok: false as const, error: 'invalid training settings: lr: expected a learning rate above 0, found -1', code: 'field-too-small' as const, params: { field: 'training.lr', min: 0, exclusive: 1, found: '-1' } };
    const fake = fakeLab({
      stepTraining: () => Promise.resolve({ ok: false as const, error: 'cannot step: the run is running' }),
      updateSettings: () => Promise.resolve(refused),
    });
    const other = createRunState(fake.lab);
    expect(await other.step()).toBeNull();
    expect(other.errors.step).toEqual({ ok: false, error: 'cannot step: the run is running' });
    expect(await other.updateSetting({ training: { lr: -1 } }, 'setting:training.lr')).toBe(false);
    expect(other.errors['setting:training.lr']).toEqual(refused);
    expect(state.errors.step).toBeUndefined();
    await state.load(); // no current run: empty charts, no error shown
    expect(state.points.value).toEqual([]);
    expect(state.errors.status).toBeNull();
  });
});

describe('redraw throttle', () => {
  it('flushes at most 10 times a second however often points arrive', () => {
    let now = 0;
    const queue: { at: number; fn: () => void }[] = [];
    const timers = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => queue.push({ at: now + ms, fn }),
      clearTimeout: () => undefined,
    };
    let flushes = 0;
    const throttle = createThrottle(() => flushes++, 100, timers);
    for (now = 0; now < 1000; now += 1) {
      throttle.poke(); // a message every millisecond
      for (const due of queue.filter((q) => q.at <= now)) {
        queue.splice(queue.indexOf(due), 1);
        due.fn();
      }
    }
    expect(flushes).toBeGreaterThanOrEqual(9);
    expect(flushes).toBeLessThanOrEqual(10);
  });
});
