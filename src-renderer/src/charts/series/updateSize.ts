// Update-size chart: lr * ||g_p|| / ||W_p|| per parameter on a log axis, the relative change one step would make
// (about 1e-3 is the usual healthy size; far below, that parameter hardly learns; near 1, steps are too big).
import type { StepPoint } from '../../../../src-main/api/lab-api';
import { BASE_GRID, type ChartModel, logLabel, forLog, keysOf, stepAxis, ZOOM } from './model';

export interface UpdateSizeLabels {
  step: string;
  ratio: string;
}

/** lr * ||g_p|| / ||W_p||, null when the weight norm is 0 (a zero-initialised bias) or a number is missing. */
export function updateRatio(p: StepPoint, name: string): number | null {
  const g = p.paramGradNorms[name];
  const w = p.paramWeightNorms[name];
  if (g === undefined || w === undefined || !(w > 0)) return null;
  return forLog((p.lr * g) / w);
}

export function buildUpdateSizeChart(points: readonly StepPoint[], labels: UpdateSizeLabels): ChartModel {
  const params = keysOf(points.map((p) => p.paramGradNorms));
  return {
    table: { columns: ['step', ...params], rows: points.map((p) => [p.step, ...params.map((n) => updateRatio(p, n))]) },
    option: {
      animation: false,
      grid: { ...BASE_GRID, right: 120 },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: stepAxis(labels.step),
      yAxis: { type: 'log', name: labels.ratio, axisLabel: { formatter: logLabel } },
      dataZoom: ZOOM,
      series: params.map((name) => ({
        name, type: 'line' as const, showSymbol: false,
        data: points.map((p) => [p.step, updateRatio(p, name)]),
      })),
    },
  };
}
