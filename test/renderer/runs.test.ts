// Run comparison logic without a DOM: what differs among runs (the legend), curves aligned by step, the CSV.
import { describe, expect, it } from 'vitest';
import type { RunDetail, StepPoint } from '../../src-main/api/lab-api';
import {
  alertParts, curveValue, differingPaths, flattenSettings, legendFor, overlayCsv, overlayLines, toggleSelection,
} from '../../src-renderer/src/views/runs/runCompare';

function point(step: number, loss: number, spectral: StepPoint['spectral'] = null): StepPoint {
  return {
    step, epoch: 0, span: 1, loss, lossMin: loss, lossMax: loss, lr: 0.01, gradNorm: loss * 10, gradNormMax: loss * 10,
    paramGradNorms: {}, paramWeightNorms: {}, timestepGradNorms: [], layerTimestepGradNorms: null, spectral, action: 'applied', validation: null,
  };
}

function run(id: string, lr: number, clip: string, points: StepPoint[]): RunDetail {
  return {
    id, startedAt: '2026-12-02T10:00:00Z', endedAt: null, changes: [], changed: [], steps: points.length, stoppedBecause: null, stopped: null,
    settings: { training: { lr, clip: { mode: clip }, batch_size: 16 }, spec: { arch: 'gated' } },
    finalTrain: null, finalValidation: null, finalTest: null, alertCounts: {}, points, alerts: [], evaluations: [], snapshotSteps: [],
  };
}

describe('what differs among runs', () => {
  const a = run('a', 0.02, 'none', [point(1, 1), point(2, 0.5, { weight_hh: { sigmaMax: 1.2, bound: 1.2 }, w2: { sigmaMax: 0.5, bound: 1.5 } })]);
  const b = run('b', 0.01, 'norm', [point(2, 0.8), point(3, 0.4)]);

  it('flattens settings into dotted paths', () => {
    expect(flattenSettings({ training: { lr: 0.02, clip: { mode: 'none' } }, x: [1, 2] })).toEqual({ 'training.lr': '0.02', 'training.clip.mode': 'none', x: '[1,2]' });
  });

  it('names only the settings that differ, in the legend', () => {
    expect(differingPaths([a, b])).toEqual(['training.clip.mode', 'training.lr']);
    expect(legendFor(b, differingPaths([a, b]))).toBe('clip.mode=norm, training.lr=0.01');
    expect(legendFor(b, ['a', 'b', 'c', 'd', 'e'], 2)).toBe('a=—, b=—, …');
    expect(legendFor(b, ['training.lr'], 4, (path) => path.toUpperCase())).toBe('TRAINING.LR=0.01');
    expect(differingPaths([a, a])).toEqual([]);
  });

  it('aligns curves by training step, and the spectral curve takes the largest bound where measured', () => {
    expect(curveValue(a.points[1], 'spectral')).toBe(1.5);
    expect(curveValue(a.points[0], 'spectral')).toBeNull();
    const lines = overlayLines([a, b], 'loss', ['A', 'B']);
    expect(lines.map((l) => l.data)).toEqual([[[1, 1], [2, 0.5]], [[2, 0.8], [3, 0.4]]]);
    expect(overlayLines([a], 'spectral', ['A'])[0].data).toEqual([[2, 1.5]]);
    expect(overlayCsv(lines)).toEqual({ header: ['step', 'A', 'B'], rows: [[1, 1, null], [2, 0.5, 0.8], [3, null, 0.4]] });
  });

  it('orders alert kinds and drops zeros', () => {
    expect(alertParts({ exploding: 1, vanishing: 3, nonfinite: 0, other: 2 })).toEqual([['vanishing', 3], ['exploding', 1], ['other', 2]]);
  });

  it('keeps at most four ticked runs', () => {
    expect(toggleSelection(['1', '2', '3', '4'], '5')).toEqual(['2', '3', '4', '5']);
    expect(toggleSelection(['1', '2'], '1')).toEqual(['2']);
  });
});
