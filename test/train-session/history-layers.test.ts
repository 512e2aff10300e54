// Every layer's ||dL/dh_t|| in the run history: a run with run.all_layers keeps the lower layers' profiles beside the
// last layer's (same points, same bounds), so a saved and reopened project redraws the heatmap of every layer; a file
// written before they were kept still opens (its runs redraw the last layer only).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunDetail, StepPoint } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { readStoredRuns, restoreRun, STORED_POINTS, STORED_PROFILE_EVERY, storeRun } from '../../src-main/core/lab/training-store';
import { nextStatus, openTomita, value } from '../lab/helpers';

/** A run of `steps` points on a 3-layer model over 4 time steps: layer l's norm at t is (l+1)/1000 * (t+1) * step. */
function threeLayerRun(steps: number, everyLayer: boolean): RunDetail {
  const layers = (step: number) => [0, 1, 2].map((l) => [0, 1, 2, 3].map((t) => ((l + 1) / 1000) * (t + 1) * step));
  const points: StepPoint[] = Array.from({ length: steps }, (_, i) => ({
    step: i + 1, epoch: 0, span: 1, loss: 1, lossMin: 1, lossMax: 1, lr: 0.01, gradNorm: 1, gradNormMax: 1,
    paramGradNorms: { w: 1 }, paramWeightNorms: { w: 1 }, timestepGradNorms: layers(i + 1)[2],
    layerTimestepGradNorms: everyLayer ? layers(i + 1) : null, spectral: null, action: 'applied', validation: null,
  }));
  return {
    id: 'run-1', startedAt: '2026-01-01T00:00:00.000Z', endedAt: null, settings: {}, changes: [], changed: [], steps, stoppedBecause: null, stopped: null,
    finalTrain: null, finalValidation: null, finalTest: null, alertCounts: {}, points, alerts: [], evaluations: [], snapshotSteps: [],
  };
}

const roundTrip = (detail: RunDetail) => restoreRun(readStoredRuns({ runs: [JSON.parse(JSON.stringify(storeRun(detail)))] })[0]);

describe('every-layer gradient profiles in the stored run', () => {
  it('keeps every layer on the profile points, bounded like the last layer', () => {
    const back = roundTrip(threeLayerRun(1000, true));
    expect(back.points.length).toBeLessThanOrEqual(STORED_POINTS);
    const withLayers = back.points.filter((p) => p.layerTimestepGradNorms !== null);
    const withProfile = back.points.filter((p) => p.timestepGradNorms.length > 0);
    expect(withLayers.map((p) => p.step)).toEqual(withProfile.map((p) => p.step));
    expect(withLayers.length).toBeLessThanOrEqual(Math.ceil(STORED_POINTS / STORED_PROFILE_EVERY) + 1);
    expect(withLayers.at(-1)!.step).toBe(1000);
    for (const p of withLayers) {
      const rows = p.layerTimestepGradNorms!;
      expect(rows).toHaveLength(3);
      expect(rows[2]).toEqual(p.timestepGradNorms);
      // A merged point shows the values of the step it stands for (the spike), 5 significant digits.
      rows.forEach((row, l) => row.forEach((v, t) => expect(v).toBeCloseTo(((l + 1) / 1000) * (t + 1) * p.step, 3)));
    }
  });

  it('stores nothing more for runs that recorded the last layer only', () => {
    const stored = storeRun(threeLayerRun(40, false));
    expect(stored.curves.layerProfiles).toEqual({});
    expect(roundTrip(threeLayerRun(40, false)).points.every((p) => p.layerTimestepGradNorms === null)).toBe(true);
  });

  it('opens a run stored before every layer was kept (no layerProfiles)', () => {
    const stored = JSON.parse(JSON.stringify(storeRun(threeLayerRun(40, true))));
    delete stored.curves.layerProfiles;
    const back = restoreRun(readStoredRuns({ runs: [stored] })[0]);
    expect(back.points.every((p) => p.layerTimestepGradNorms === null)).toBe(true);
    expect(back.points[0].timestepGradNorms).toHaveLength(4);
  });
});

describe('a saved two-layer run reopened', () => {
  const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
  const other = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-layers-'));
  afterAll(() => {
    lab.dispose();
    other.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redraws the ||dL/dh_t|| of both layers from the file', async () => {
    openTomita(lab, { steps: 30, batch_size: 8 }, { arch: 'rnn', hidden_size: 4, num_layers: 2 });
    value(await lab.updateSettings({ run: { all_layers: true, engine: 'reference' } }));
    const done = nextStatus(lab, ['done', 'failed'], 90_000);
    value(await lab.startTraining({ fresh: true }));
    expect((await done).status).toBe('done');
    const live = value(await lab.getRun('current'));
    const file = join(dir, 'two-layers.rnnlab');
    value(await lab.saveProject(file));

    value(await other.openProject(file));
    const reopened = value(await other.getRun('current'));
    const drawn = reopened.points.filter((p) => p.layerTimestepGradNorms !== null);
    expect(drawn.length).toBeGreaterThan(1);
    const last = drawn.at(-1)!;
    expect(last.step).toBe(30);
    expect(last.layerTimestepGradNorms).toHaveLength(2);
    const liveLast = live.points.at(-1)!.layerTimestepGradNorms!;
    last.layerTimestepGradNorms!.forEach((row, l) => {
      expect(row).toHaveLength(liveLast[l].length);
      // Stored with 5 significant digits.
      row.forEach((v, t) => expect(Math.abs(v - liveLast[l][t])).toBeLessThanOrEqual(5e-5 * Math.abs(liveLast[l][t])));
    });

    // The same file without the every-layer profiles (as written before they were kept) still opens.
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    for (const run of saved.history.runs) delete run.curves.layerProfiles;
    const old = join(dir, 'old.rnnlab');
    writeFileSync(old, JSON.stringify(saved));
    value(await other.openProject(old));
    expect(value(await other.getRun('current')).points.every((p) => p.layerTimestepGradNorms === null)).toBe(true);
  }, 120_000);
});
