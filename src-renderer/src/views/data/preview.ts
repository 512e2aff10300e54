// What the Data page draws from a TaskPreview: sample rows for symbol tasks and the ECharts option of a series
// sample. Pure: tested in Node (test/renderer/data-form.test.ts).
import type { TaskPreview, TaskSample } from '../../api';

export interface SampleRow {
  split: TaskSample['split'];
  length: number;
  input: string;
  target: string;
  /** 'accept' / 'reject' for classifiers, else null. */
  verdict: 'accept' | 'reject' | null;
}

export function sampleRows(preview: TaskPreview): SampleRow[] {
  return preview.samples
    .filter((s) => s.inputText !== null)
    .map((s) => ({
      split: s.split,
      length: s.length,
      input: s.inputText ?? '',
      target: s.targetText ?? '',
      verdict: s.label === null ? null : s.label >= 0.5 ? 'accept' : 'reject',
    }));
}

export function seriesSamples(preview: TaskPreview): TaskSample[] {
  return preview.samples.filter((s) => s.inputs !== null);
}

/** Lines: every input column (solid) and target column (dashed) against the time step t = 1..T. */
export function seriesPlotOption(inputs: number[][], targets: number[][], names: { input: string; target: string; step: string }) {
  const column = (rows: number[][], j: number) => rows.map((row, t) => [t + 1, row[j]]);
  const width = (rows: number[][]) => (rows[0]?.length ?? 0);
  const series = [
    ...Array.from({ length: width(inputs) }, (_, j) => ({
      name: width(inputs) > 1 ? `${names.input} ${j + 1}` : names.input, type: 'line' as const, showSymbol: false, data: column(inputs, j),
    })),
    ...Array.from({ length: width(targets) }, (_, j) => {
      const data = column(targets, j);
      // A target given at a few steps only (the adding problem's sum at the end) is drawn as dots, or it would not show.
      const sparse = data.filter(([, v]) => typeof v === 'number' && Number.isFinite(v)).length < Math.max(2, data.length / 4);
      return {
        name: width(targets) > 1 ? `${names.target} ${j + 1}` : names.target, type: 'line' as const, showSymbol: sparse,
        symbolSize: sparse ? 9 : 4, lineStyle: { type: 'dashed' as const }, data,
      };
    }),
  ];
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 40, right: 12, top: 28, bottom: 28 },
    legend: { top: 0, type: 'scroll' as const },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'value' as const, name: names.step, nameLocation: 'middle' as const, nameGap: 20, min: 1 },
    yAxis: { type: 'value' as const, scale: true },
    series,
  };
}
