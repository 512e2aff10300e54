// Spectral bound chart: gamma * sigma_max of each recurrent matrix over training, against the line at 1 (Pascanu et
// al. 2013: below 1 is enough for gradients to vanish; above 1 is needed for them to explode).
import type { StepPoint } from '../../../../src-main/api/lab-api';
import { BASE_GRID, type ChartModel, finite, keysOf, stepAxis, ZOOM } from './model';

export interface SpectralLabels {
  step: string;
  bound: string;
  one: string;
}

export function buildSpectralChart(points: readonly StepPoint[], labels: SpectralLabels): ChartModel {
  const measured = points.filter((p) => p.spectral !== null);
  const keys = keysOf(measured.map((p) => p.spectral));
  const value = (p: StepPoint, key: string) => finite(p.spectral?.[key]?.bound);
  return {
    table: {
      columns: ['step', ...keys.map((k) => `${k} bound`), ...keys.map((k) => `${k} sigma_max`)],
      rows: measured.map((p) => [p.step, ...keys.map((k) => value(p, k)), ...keys.map((k) => finite(p.spectral?.[k]?.sigmaMax))]),
    },
    option: {
      animation: false,
      grid: { ...BASE_GRID, right: 120 },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: stepAxis(labels.step),
      yAxis: { type: 'value', name: labels.bound, min: 0 },
      dataZoom: ZOOM,
      series: keys.map((key, i) => ({
        name: key,
        type: 'line' as const,
        showSymbol: measured.length < 40,
        data: measured.map((p) => [p.step, value(p, key)]),
        ...(i === 0 ? {
          markLine: {
            symbol: 'none', silent: true, label: { formatter: labels.one, position: 'insideEndTop' as const },
            lineStyle: { type: 'dashed' as const, color: '#495057' }, data: [{ yAxis: 1 }],
          },
        } : {}),
      })),
    },
  };
}
