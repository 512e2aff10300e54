// Trajectory view logic without a DOM: path framing, colouring, the time cut, heatmaps per direction, the CSV.
import { describe, expect, it } from 'vitest';
import type { TrajectoryView } from '../../src-main/api/lab-api';
import { heatmapRange, probeHeatmaps, splitHeatmaps } from '../../src-renderer/src/views/trajectories/heatmaps';
import { finalPointRows, trajectoryCsv } from '../../src-renderer/src/views/trajectories/trajectoryCsv';
import {
  buildPaths, colourCategories, explainedPercents, frameExtents, longestProbe, visualMapFor,
} from '../../src-renderer/src/views/trajectories/trajectorySeries';

/** Two probes ('01' accepted, '000' rejected), one layer, bidirectional with 2 units per direction. */
function fakeView(): TrajectoryView {
  const states = [[
    [[0.1, 0.2, -0.3, 0.4], [0.5, 0.6, -0.7, 0.8]],
    [[-0.1, -0.2, 0.3, 0.4], [-0.5, -0.6, 0.7, 0.8], [-0.9, -0.95, 0.9, 0.1]],
  ]];
  return {
    step: 120, layer: 0, layers: 1, directions: 2, hiddenSize: 2,
    probes: [
      { text: '01', length: 2, symbols: ['0', '1'], label: 1, outputs: null },
      { text: '000', length: 3, symbols: ['0', '0', '0'], label: 0, outputs: null },
    ],
    projection2d: [[[0, 0], [1, 2]], [[0, 0], [-1, -1], [-3, -4]]],
    projection3d: [[[0, 0, 0], [1, 2, 3]], [[0, 0, 0], [-1, -1, -1], [-3, -4, -5]]],
    explainedVarianceRatio: [0.6234, 0.25, 0.1],
    basisStep: 120,
    states,
    cellStates: null,
    gates: [{ i: [[[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8]], [[0, 0, 0, 0], [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]]] }],
  };
}

describe('trajectory paths', () => {
  it('frames every probe with 5 % padding so the axes hold still while the path grows', () => {
    const [x, y] = frameExtents(fakeView().projection2d, 2);
    expect(x).toEqual({ min: -3.2, max: 1.2 });
    expect(y).toEqual({ min: -4.3, max: 2.3 });
    expect(frameExtents([[[2, 2]]], 2)[0]).toEqual({ min: 1, max: 3 });
    expect(frameExtents([], 3)).toHaveLength(3);
  });

  it('puts the explained variance of each shown component on the axes', () => {
    expect(explainedPercents(fakeView().explainedVarianceRatio, 2)).toEqual(['62.3', '25.0']);
    expect(explainedPercents([0.9], 3)).toEqual(['90.0', '0.0', '0.0']);
  });

  it('draws each path up to the time slider, with a head point per probe', () => {
    const view = fakeView();
    const paths = buildPaths(view, { dims: 2, colourBy: 'time', upTo: 1, probeName: (i) => `p${i}` });
    expect(paths.lines.map((l) => l.data.length)).toEqual([2, 2]);
    expect(paths.points).toHaveLength(4);
    // [x, y, colour (t + 1), probe, t]
    expect(paths.heads).toEqual([[1, 2, 2, 0, 1], [-1, -1, 2, 1, 1]]);
    expect(paths.maxLength).toBe(3);
    const all = buildPaths(view, { dims: 3, colourBy: 'time', upTo: 99, probeName: String });
    expect(all.heads).toEqual([[1, 2, 3, 2, 0, 1], [-3, -4, -5, 3, 1, 2]]);
  });

  it('colours by input symbol or by class through categories', () => {
    const view = fakeView();
    expect(colourCategories(view, 'symbol')).toEqual(['0', '1']);
    expect(colourCategories(view, 'label')).toEqual(['0', '1']);
    const bySymbol = buildPaths(view, { dims: 2, colourBy: 'symbol', upTo: 5, probeName: String });
    expect(bySymbol.points.filter((p) => p[3] === 0).map((p) => p[2])).toEqual([0, 1]);
    const byLabel = buildPaths(view, { dims: 2, colourBy: 'label', upTo: 5, shown: [1], probeName: String });
    expect(byLabel.points.map((p) => p[2])).toEqual([0, 0, 0]);
    const map = visualMapFor(view, 'label', 2, 3, (c) => (c === '1' ? 'accepted' : 'rejected'));
    expect(map.dimension).toBe(2);
    expect((map.pieces as { label: string }[]).map((p) => p.label)).toEqual(['rejected', 'accepted']);
    expect(visualMapFor(view, 'time', 3, 3)).toMatchObject({ type: 'continuous', dimension: 3, min: 1, max: 3 });
  });

  it('gives the time slider the longest probe', () => {
    expect(longestProbe(fakeView())).toBe(2 + 1);
  });
});

describe('trajectory heatmaps', () => {
  it('splits a bidirectional layer into forward and reverse units', () => {
    const [fwd, rev] = splitHeatmaps('h', fakeView().states[0][0], 2, 2);
    expect(fwd.cells).toEqual([[0, 0, 0.1], [0, 1, 0.2], [1, 0, 0.5], [1, 1, 0.6]]);
    expect(rev.cells).toEqual([[0, 0, -0.3], [0, 1, 0.4], [1, 0, -0.7], [1, 1, 0.8]]);
    expect(heatmapRange(rev)).toEqual([-0.8, 0.8]);
  });

  it('adds gate heatmaps after the hidden states, with a [0, 1] range for gates', () => {
    const maps = probeHeatmaps(fakeView(), 0, 1);
    expect(maps.map((m) => `${m.quantity}${m.direction}`)).toEqual(['h0', 'h1', 'i0', 'i1']);
    expect(heatmapRange(maps[2])).toEqual([0, 1]);
    expect(maps[0].steps).toBe(3);
  });
});

describe('trajectory CSV', () => {
  it('lists where each probe ends with its label', () => {
    expect(finalPointRows(fakeView())).toEqual([
      [1, '01', 2, 1, 120, 1, 2, 3],
      [2, '000', 3, 0, 120, -3, -4, -5],
    ]);
    expect(trajectoryCsv(fakeView()).split('\n')[0]).toBe('probe,text,length,label,step,pc1,pc2,pc3');
  });
});

describe('the 3-D plot without WebGL', async () => {
  const { normalise, rotate, turn, trajectory3dOption, DEFAULT_CAMERA } = await import('../../src-renderer/src/views/trajectories/trajectory3d');

  it('normalises into the unit cube and rotates without changing lengths', () => {
    expect(normalise([0, 5, 1], [{ min: -1, max: 1 }, { min: 5, max: 5 }, { min: 0, max: 2 }])).toEqual([0, 0, 0]);
    const p = [0.3, -0.4, 0.5];
    const r = rotate(p, { yaw: 0.7, pitch: -0.3 });
    expect(Math.hypot(...r)).toBeCloseTo(Math.hypot(...p), 12);
    expect(rotate([1, 0, 0], { yaw: Math.PI / 2, pitch: 0 }).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, -1]);
    expect(turn({ yaw: 0, pitch: 1.3 }, 0.1, 0.5)).toEqual({ yaw: 0.1, pitch: (80 * Math.PI) / 180 });
  });

  it('draws nearer points last, keeps the colour value where the visual map reads it, and labels three axes', () => {
    const { option, points, paths } = trajectory3dOption({
      view: fakeView(), dims: 3, colourBy: 'label', upTo: 99, axisNames: ['PC1', 'PC2', 'PC3'], probeName: String, categoryName: String, textColour: '#000',
    }, DEFAULT_CAMERA);
    expect(points).toHaveLength(5);
    expect(points.map((p) => p[5])).toEqual([...points.map((p) => p[5])].sort((a, b) => a - b));
    expect(points.filter((p) => p[3] === 1).map((p) => p[2])).toEqual([0, 0, 0]);
    expect(paths.heads).toHaveLength(2);
    const series = option.series as { endLabel?: { formatter: string } }[];
    expect(series.filter((s) => s.endLabel).map((s) => s.endLabel!.formatter)).toEqual(['PC1', 'PC2', 'PC3']);
  });
});

describe('the 3-D plot with echarts-gl', async () => {
  const { niceExtent, trajectoryGlOption, turnView, INITIAL_VIEW, KEY_STEP } = await import('../../src-renderer/src/views/trajectories/trajectory-gl');
  const input = (upTo: number) => ({
    view: fakeView(), dims: 3 as const, colourBy: 'label' as const, upTo, axisNames: ['PC1 (62.3%)', 'PC2 (25.0%)', 'PC3 (10.0%)'],
    probeName: (i: number) => `p${i}`, categoryName: String, textColour: '#123456',
  });

  it('puts points and heads in scatter3D series (colour value in dimension 3), one line3D per probe, axes named and framed', () => {
    const { option } = trajectoryGlOption(input(1));
    const series = option.series as { id: string; type: string; data: number[][] }[];
    expect(series.map((s) => `${s.type}:${s.id}`)).toEqual(['scatter3D:points', 'scatter3D:heads', 'line3D:path-0', 'line3D:path-1']);
    expect(series[0].data).toEqual([[0, 0, 0, 1, 0, 0], [1, 2, 3, 1, 0, 1], [0, 0, 0, 0, 1, 0], [-1, -1, -1, 0, 1, 1]]);
    expect(series[1].data.map((p) => p.slice(4))).toEqual([[0, 1], [1, 1]]);
    expect(series[3].data).toEqual([[0, 0, 0], [-1, -1, -1]]);
    expect((option.visualMap as { dimension: number }).dimension).toBe(3);
    const axes = ['xAxis3D', 'yAxis3D', 'zAxis3D'].map((k) => option[k] as { name: string; min: number; max: number });
    expect(axes.map((a) => a.name)).toEqual(['PC1 (62.3%)', 'PC2 (25.0%)', 'PC3 (10.0%)']);
    // Framed over every step of every probe (not only the drawn ones), so playing never rescales; round ends.
    expect(axes[2]).toMatchObject({ min: -6, max: 4 });
  });

  it('rounds the frame out to round numbers', () => {
    expect(niceExtent({ min: -0.3407, max: 1.063 })).toEqual({ min: -0.5, max: 1.5 });
    expect(niceExtent({ min: -0.08204, max: 2.601 })).toEqual({ min: -1, max: 3 });
    expect(niceExtent({ min: 2, max: 2 })).toEqual({ min: 2, max: 2 });
  });

  it('tooltips name the probe and the 1-based time step', () => {
    const { option } = trajectoryGlOption(input(1));
    const formatter = (option.tooltip as { formatter: (p: { value?: number[] }) => string }).formatter;
    expect(formatter({ value: [1, 2, 3, 1, 0, 1] })).toBe('p0 · t = 2');
  });

  it('turns the camera by arrow keys, elevation held within ±85°, other keys ignored', () => {
    expect(turnView(INITIAL_VIEW, 'ArrowRight')).toEqual({ alpha: INITIAL_VIEW.alpha, beta: INITIAL_VIEW.beta + KEY_STEP });
    expect(turnView({ alpha: 84, beta: 0 }, 'ArrowUp')).toEqual({ alpha: 85, beta: 0 });
    expect(turnView({ alpha: -84, beta: 0 }, 'ArrowDown')).toEqual({ alpha: -85, beta: 0 });
    expect(turnView(INITIAL_VIEW, 'Enter')).toBeNull();
  });
});

describe('the 2-D plot', async () => {
  const { joinPaths, trajectoryOption } = await import('../../src-renderer/src/views/trajectories/trajectory-option');

  it('draws every path in one line series, broken by a null between probes', () => {
    const { option, paths } = trajectoryOption({
      view: fakeView(), dims: 2, colourBy: 'time', upTo: 1, axisNames: ['PC1', 'PC2'], probeName: String, categoryName: String, textColour: '#000',
    });
    const series = option.series as { id: string; type: string; data: unknown[] }[];
    expect(series.map((s) => `${s.type}:${s.id}`)).toEqual(['scatter:points', 'scatter:heads', 'line:paths']);
    expect(series[2].data).toEqual([[0, 0], [1, 2], null, [0, 0], [-1, -1]]);
    expect(joinPaths(paths)).toEqual(series[2].data);
    expect(joinPaths({ ...paths, lines: [] })).toEqual([]);
  });
});
