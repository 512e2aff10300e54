// What every series builder returns: the ECharts option to draw and the table of exactly what it draws (the same
// rows feed "Download CSV" and the screen-reader table view), plus CSV writing and small shared helpers.
import type { EChartsOption } from 'echarts';

export type Cell = number | string | null;

export interface ChartTable {
  /** Machine-readable column names (the CSV header; stable across languages). */
  columns: string[];
  rows: Cell[][];
}

export interface ChartModel {
  option: EChartsOption;
  table: ChartTable;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : String(cell); // NaN/Infinity stay visible
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180 CSV with a header row and \n line ends. */
export function toCsv(table: ChartTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** A value a log axis can draw: positive and finite, else null (a gap). */
export function forLog(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/** A value a linear axis can draw: finite, else null. */
export function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** Parameter names in first-seen order over all points (a series per name). */
export function keysOf(records: readonly (Record<string, unknown> | null)[]): string[] {
  const seen = new Set<string>();
  for (const record of records) if (record) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

/** Shared look: grid margins, a tooltip on the axis, the step axis with zoom. */
/** `outerBoundsMode: 'none'`: the margins are fixed, so ECharts 6 need not lay the axes out twice on every redraw to
 * fit their labels (a third of a line chart's redraw in a profile). */
export const BASE_GRID = { left: 64, right: 24, top: 40, bottom: 76, containLabel: false, outerBoundsMode: 'none' } as const;

export function stepAxis(name: string): EChartsOption['xAxis'] {
  return { type: 'value', name, nameLocation: 'middle', nameGap: 28, min: 'dataMin', max: 'dataMax' };
}

export const ZOOM: EChartsOption['dataZoom'] = [
  { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
  { type: 'slider', xAxisIndex: 0, height: 16, bottom: 4, filterMode: 'none', showDataShadow: false },
];

/** Tick labels of a log axis: plain between 0.001 and 10,000, else "1e-10" (never 0.0000000001). */
export function logLabel(value: number): string {
  return value >= 1e-3 && value < 1e4 ? String(value) : value.toExponential(0).replace('e+', 'e');
}
