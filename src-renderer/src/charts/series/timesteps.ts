// Gradient through time: a heatmap of log10 ||dL/dh_t|| (x: training step, y: time step t) beside the latest curve of
// ||dL/dh_t|| against t on a log axis. Vanishing shows as colour fading towards t = 1 and a curve falling to the left.
import type { StepPoint } from '../../../../src-main/api/lab-api';
import type { ChartModel, Cell } from './model';
import { forLog, logLabel } from './model';

/** Heatmap size limits: columns (training steps) and rows (time steps) drawn at most. */
export const HEATMAP_COLUMNS = 80;
export const HEATMAP_ROWS = 40;

/** The colour scale of the heatmap, low to high log10 norm (ColorBrewer Blues). */
export const HEAT_COLOURS = ['#f7fbff', '#9ecae1', '#3182bd', '#08306b'];

/** The heatmap's cells as a raster: values[y * width + x] is log10 ||dL/dh_t|| (NaN: nothing drawn), y = 0 is t = 1. */
export interface HeatRaster {
  width: number;
  height: number;
  values: Float64Array;
  lo: number;
  hi: number;
}

/** Draws a raster into an image (the page's canvas); without one, the heatmap is drawn cell by cell by ECharts. */
export type RasterPainter = (raster: HeatRaster) => HTMLCanvasElement | null;

/** RGB of the scale at `f` in [0, 1] (linear between the stops). */
export function colourAt(f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0)) * (HEAT_COLOURS.length - 1);
  const i = Math.min(HEAT_COLOURS.length - 2, Math.floor(x));
  const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const [a, b] = [rgb(HEAT_COLOURS[i]), rgb(HEAT_COLOURS[i + 1])];
  const u = x - i;
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * u)) as [number, number, number];
}

export interface TimestepLabels {
  step: string;
  t: string;
  norm: string;
  log10: string;
  latest: (step: number) => string;
}

/** `count` indices spread evenly over 0..n-1, always including the first and the last. */
export function evenIndices(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < count; k++) out.add(Math.round((k * (n - 1)) / (count - 1)));
  return [...out];
}

export function buildTimestepChart(points: readonly StepPoint[], labels: TimestepLabels, paint?: RasterPainter): ChartModel {
  const withCurves = points.filter((p) => p.timestepGradNorms.length > 0);
  const columns = evenIndices(withCurves.length, HEATMAP_COLUMNS).map((i) => withCurves[i]);
  const T = columns.reduce((m, p) => Math.max(m, p.timestepGradNorms.length), 0);
  const ts = evenIndices(T, HEATMAP_ROWS); // 0-based indices of the time steps drawn
  const cells: (number | null)[][] = [];
  /** Cells whose norm is exactly 0 (the gradient underflowed): drawn in the lowest colour once it is known. */
  const zeros: [number, number][] = [];
  const rows: Cell[][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  columns.forEach((p, x) => {
    ts.forEach((ti, y) => {
      const norm = p.timestepGradNorms[ti];
      if (norm === undefined) return;
      const log = forLog(norm) === null ? null : Math.log10(norm);
      if (log !== null) {
        lo = Math.min(lo, log);
        hi = Math.max(hi, log);
        cells.push([x, y, log]);
      } else if (norm === 0) zeros.push([x, y]);
      rows.push([p.step, ti + 1, Number.isFinite(norm) ? norm : null, log]);
    });
  });
  const latest = columns.length > 0 ? columns[columns.length - 1] : null;
  const curve = latest ? ts.map((ti) => [ti + 1, forLog(latest.timestepGradNorms[ti])]) : [];
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  // A vanished gradient is the low end of the scale, not a hole: a hole shows the page's background, which in the
  // dark theme reads as the dark (high) end.
  for (const [x, y] of zeros) cells.push([x, y, lo]);
  const raster: HeatRaster = { width: columns.length, height: ts.length, values: new Float64Array(columns.length * ts.length).fill(NaN), lo, hi };
  for (const [x, y, v] of cells as number[][]) raster.values[y * raster.width + x] = v;
  // One image instead of thousands of rectangles keeps a redraw far below a frame's budget.
  const image = paint && raster.values.length > 0 ? paint(raster) : null;
  const heat = image
    ? {
      name: labels.log10, type: 'custom' as const, xAxisIndex: 0, yAxisIndex: 0, silent: true, data: [[0, 0, lo]],
      renderItem: (params: unknown) => {
        const box = (params as { coordSys: { x: number; y: number; width: number; height: number } }).coordSys;
        return { type: 'image' as const, style: { image, x: box.x, y: box.y, width: box.width, height: box.height } };
      },
    }
    : { name: labels.log10, type: 'heatmap' as const, xAxisIndex: 0, yAxisIndex: 0, data: cells, progressive: 0, progressiveThreshold: 1e9, emphasis: { disabled: true } };
  return {
    table: { columns: ['step', 't', 'grad_norm', 'log10_grad_norm'], rows },
    option: {
      animation: false,
      title: [{ text: latest ? labels.latest(latest.step) : '', right: 16, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal' } }],
      tooltip: { trigger: 'item' },
      grid: [
        { left: 56, right: '36%', top: 28, bottom: 72, outerBoundsMode: 'none' },
        { left: '72%', right: 16, top: 28, bottom: 72, outerBoundsMode: 'none' },
      ],
      xAxis: [
        { type: 'category', gridIndex: 0, name: labels.step, nameLocation: 'middle', nameGap: 26, data: columns.map((p) => String(p.step)) },
        { type: 'value', gridIndex: 1, name: labels.t, nameLocation: 'middle', nameGap: 26, min: 1, max: Math.max(T, 1) },
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, name: labels.t, data: ts.map((ti) => String(ti + 1)) },
        { type: 'log', gridIndex: 1, name: labels.norm, nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: logLabel } },
      ],
      visualMap: {
        type: 'continuous', seriesIndex: 0, dimension: 2, min: lo, max: hi, precision: 1, calculable: false,
        orient: 'horizontal', left: 56, bottom: 4, itemHeight: 160, itemWidth: 10, text: [labels.log10, ''],
        inRange: { color: HEAT_COLOURS },
      },
      series: [
        heat,
        { name: labels.norm, type: 'line', xAxisIndex: 1, yAxisIndex: 1, showSymbol: false, data: curve },
      ],
    },
  };
}
