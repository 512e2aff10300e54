// The run history in the project file: a run's record round-trips through the compact stored form, the list keeps
// the newest MAX_STORED_RUNS runs, and a hand-edited history answers one line.
import { describe, expect, it } from 'vitest';
import type { RunDetail, StepPoint } from '../../src-main/api/lab-api';
import { MAX_STORED_RUNS, readStoredRuns, restoreRun, STORED_POINTS, storeRun, withStoredRun } from '../../src-main/core/lab/training-store';

function detail(id: string, steps: number): RunDetail {
  const points: StepPoint[] = Array.from({ length: steps }, (_, i) => ({
    step: i + 1, epoch: 0, span: 1, loss: i === 7 ? Number.NaN : 1 / (i + 1), lossMin: 1 / (i + 1), lossMax: 1 / (i + 1), lr: 0.01,
    gradNorm: i === 300 ? 1e5 : 0.123456789, gradNormMax: i === 300 ? 1e5 : 0.123456789,
    paramGradNorms: { w: 1 }, paramWeightNorms: { w: 2 }, timestepGradNorms: [0.1, 0.2], layerTimestepGradNorms: null,
    spectral: i === 10 ? { w: { sigmaMax: 1.5, bound: 1.5 } } : null, action: 'applied', validation: null,
  }));
  return {
    id, startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, settings: { training: { lr: 0.01 } }, changes: [], changed: [], steps,
    stoppedBecause: null, stopped: null, finalTrain: { loss: 0.5 }, finalValidation: null, finalTest: null, alertCounts: {},
    points, alerts: [], evaluations: [], snapshotSteps: [5],
  };
}

describe('stored runs', () => {
  it('round-trip a run: bounded points, every step counted, the spike, NaN and spectral points kept', () => {
    const stored = JSON.parse(JSON.stringify(storeRun(detail('run-1', 1000))));
    const back = restoreRun(readStoredRuns({ runs: [stored] })[0]);
    expect(back.points.length).toBeLessThanOrEqual(STORED_POINTS);
    expect(back.points.reduce((n, p) => n + p.span, 0)).toBe(1000);
    expect(Math.max(...back.points.map((p) => p.gradNormMax))).toBe(1e5);
    expect(back.points[0].gradNorm).toBe(0.12346);
    expect(back.points.some((p) => p.spectral?.w.sigmaMax === 1.5)).toBe(true);
    expect(back).toMatchObject({ id: 'run-1', steps: 1000, snapshotSteps: [5], finalTrain: { loss: 0.5 } });
  });

  it(`keep the newest ${MAX_STORED_RUNS} runs`, () => {
    let history: Record<string, unknown> | null = { curves: {} };
    for (let i = 1; i <= MAX_STORED_RUNS + 4; i++) history = withStoredRun(history, readStoredRuns(history), storeRun(detail(`run-${i}`, 20)));
    const ids = readStoredRuns(history).map((r) => r.id);
    expect(ids).toHaveLength(MAX_STORED_RUNS);
    expect(ids.at(-1)).toBe(`run-${MAX_STORED_RUNS + 4}`);
    expect(history).toHaveProperty('curves');
  });

  it('refuse a hand-edited history in one line', () => {
    const stored = storeRun(detail('run-1', 5));
    expect(() => readStoredRuns({ runs: [{ ...stored, steps: 'many' }] })).toThrow(/^history runs: 0\.steps: /);
    expect(() => readStoredRuns({ runs: 'x' })).toThrow(/^history runs: /);
    expect(readStoredRuns(null)).toEqual([]);
  });
});
