// ECharts options of the Inspect page, pure: one step's vectors as grouped bars (h_t, c_t, gates by unit),
// ||dL/dh_t|| against t on a log axis, and a series model's prediction against the truth.
import type { SeriesPrediction } from '../../api';
import type { VectorBars } from './inspectTable';

const axisStyle = (colour: string) => ({ axisLabel: { color: colour }, nameTextStyle: { color: colour } });

export function vectorBarsOption(vectors: VectorBars[], name: (v: VectorBars) => string, unitName: string, colour: string): Record<string, unknown> {
  const units = Math.max(0, ...vectors.map((v) => v.values.length));
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: colour } },
    grid: { left: 48, right: 12, top: 32, bottom: 40 },
    xAxis: { type: 'category', name: unitName, nameLocation: 'middle', nameGap: 26, data: Array.from({ length: units }, (_, i) => String(i + 1)), ...axisStyle(colour) },
    yAxis: { type: 'value', ...axisStyle(colour) },
    series: vectors.map((v) => ({ type: 'bar', name: name(v), data: v.values })),
  };
}

export function vectorTable(vectors: VectorBars[]): { columns: string[]; rows: (number | string)[][] } {
  const units = Math.max(0, ...vectors.map((v) => v.values.length));
  return {
    columns: ['unit', ...vectors.map((v) => `${v.quantity}_layer${v.layer + 1}`)],
    rows: Array.from({ length: units }, (_, u) => [u + 1, ...vectors.map((v) => v.values[u] ?? '')]),
  };
}

export function gradientOption(points: { t: number; gradNorm: number | null }[], names: { t: string; norm: string }, colour: string): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 12, top: 16, bottom: 40 },
    xAxis: { type: 'value', name: names.t, nameLocation: 'middle', nameGap: 26, minInterval: 1, ...axisStyle(colour) },
    yAxis: { type: 'log', name: names.norm, ...axisStyle(colour) },
    series: [{ type: 'line', name: names.norm, data: points.filter((p) => p.gradNorm !== null && p.gradNorm > 0).map((p) => [p.t, p.gradNorm]) }],
  };
}

/** Truth (solid) and prediction (dashed) per column against t; at most the first 2,000 steps. */
export function predictionOption(pred: SeriesPrediction, names: { truth: string; prediction: string; t: string }, colour: string): Record<string, unknown> {
  const n = Math.min(2000, pred.truth.length);
  const series = pred.columns.flatMap((column, c) => [
    { type: 'line', name: `${column} · ${names.truth}`, symbol: 'none', data: pred.truth.slice(0, n).map((row, t) => [t + 1, row[c]]) },
    { type: 'line', name: `${column} · ${names.prediction}`, symbol: 'none', lineStyle: { type: 'dashed' }, data: pred.prediction.slice(0, n).map((row, t) => [t + 1, row[c]]) },
  ]);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: colour } },
    grid: { left: 56, right: 12, top: 32, bottom: 60 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    xAxis: { type: 'value', name: names.t, nameLocation: 'middle', nameGap: 24, ...axisStyle(colour) },
    yAxis: { type: 'value', scale: true, ...axisStyle(colour) },
    series,
  };
}

export function predictionTable(pred: SeriesPrediction): { columns: string[]; rows: number[][] } {
  return {
    columns: ['t', ...pred.columns.flatMap((c) => [`${c}_truth`, `${c}_prediction`])],
    rows: pred.truth.map((row, t) => [t + 1, ...row.flatMap((v, c) => [v, pred.prediction[t]?.[c] ?? NaN])]),
  };
}
