// Loss chart: training loss (span-weighted mean per point, with the bucket's min and max) and validation loss,
// on a linear or log axis.
import type { StepPoint } from '../../../../src-main/api/lab-api';
import { BASE_GRID, type ChartModel, logLabel, finite, forLog, stepAxis, ZOOM } from './model';

export interface LossLabels {
  step: string;
  loss: string;
  train: string;
  validation: string;
  /** The min..max band of decimated points (drawn only once points summarise several steps). */
  range: string;
}

export function buildLossChart(points: readonly StepPoint[], scale: 'linear' | 'log', labels: LossLabels): ChartModel {
  const fit = scale === 'log' ? forLog : finite;
  const train = points.map((p) => [p.step, fit(p.loss)]);
  const validation = points.filter((p) => p.validation).map((p) => [p.step, fit(p.validation!.loss)]);
  const decimated = points.some((p) => p.span > 1);
  const rows = points.map((p) => [
    p.step, fit(p.loss), ...(decimated ? [fit(p.lossMin), fit(p.lossMax)] : []), p.validation ? fit(p.validation.loss) : null,
  ]);
  const band = (pick: (p: StepPoint) => number) => ({
    name: labels.range, type: 'line' as const, showSymbol: false, silent: true,
    lineStyle: { width: 1, opacity: 0.35 }, data: points.map((p) => [p.step, fit(pick(p))]),
  });
  return {
    table: {
      columns: ['step', 'train_loss', ...(decimated ? ['train_loss_min', 'train_loss_max'] : []), 'validation_loss'],
      rows,
    },
    option: {
      animation: false,
      grid: BASE_GRID,
      legend: { top: 4 },
      tooltip: { trigger: 'axis' },
      xAxis: stepAxis(labels.step),
      yAxis: scale === 'log' ? { type: 'log', name: labels.loss, axisLabel: { formatter: logLabel } } : { type: 'value', name: labels.loss, scale: true },
      dataZoom: ZOOM,
      series: [
        { name: labels.train, type: 'line', showSymbol: false, data: train, connectNulls: false },
        { name: labels.validation, type: 'line', showSymbol: true, symbolSize: 5, data: validation },
        ...(decimated ? [band((p) => p.lossMin), band((p) => p.lossMax)] : []),
      ],
    },
  };
}
