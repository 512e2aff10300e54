// Gradient-norm chart: the global norm and every parameter's norm on a log axis, the explosion threshold(s) from the
// settings as horizontal lines and every alert as a vertical line at its step.
import type { AlertView, SettingsView, StepPoint } from '../../../../src-main/api/lab-api';
import { BASE_GRID, type ChartModel, logLabel, type Cell, forLog, keysOf, stepAxis, ZOOM } from './model';

/** Alert lines drawn with a label (the newest ones). */
export const LABELLED_ALERTS = 3;

export interface Thresholds {
  /** monitor.exploding.max_norm: the explosion alert's fixed limit. */
  maxNorm: number | null;
  /** training.clip.max_norm when clipping by norm is on. */
  clipNorm: number | null;
}

export interface GradNormLabels {
  step: string;
  norm: string;
  global: string;
  globalMax: string;
  maxNorm: string;
  clipNorm: string;
  alert: (alert: AlertView) => string;
  /** Behind the lines' labels, so a label over the curves (an alert at step 1) stays readable; the theme's surface. */
  labelBackground?: string;
}

function numberAt(record: Record<string, unknown>, path: string[]): number | null {
  let node: unknown = record;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/** The limits drawn on the chart, read from the project's settings (null when unknown or off). */
export function thresholdsFrom(settings: SettingsView | null): Thresholds {
  if (!settings) return { maxNorm: null, clipNorm: null };
  const clip = settings.training.clip as { mode?: unknown } | undefined;
  return {
    maxNorm: numberAt(settings.monitor, ['exploding', 'max_norm']),
    clipNorm: clip?.mode === 'norm' ? numberAt(settings.training, ['clip', 'max_norm']) : null,
  };
}

/** For each point, the alerts raised since the previous point (so every alert lands in one row of the table). */
function alertsByPoint(points: readonly StepPoint[], alerts: readonly AlertView[]): string[] {
  const out = points.map(() => [] as string[]);
  for (const alert of alerts) {
    const i = points.findIndex((p) => p.step >= alert.step);
    if (i >= 0) out[i].push(`${alert.kind}@${alert.step}`);
  }
  return out.map((kinds) => kinds.join(' '));
}

export function buildGradNormChart(
  points: readonly StepPoint[], alerts: readonly AlertView[], thresholds: Thresholds, labels: GradNormLabels,
): ChartModel {
  const params = keysOf(points.map((p) => p.paramGradNorms));
  const decimated = points.some((p) => p.span > 1);
  const marks = alertsByPoint(points, alerts);
  const limits = [
    ...(thresholds.maxNorm !== null ? [{ name: labels.maxNorm, yAxis: thresholds.maxNorm }] : []),
    ...(thresholds.clipNorm !== null ? [{ name: labels.clipNorm, yAxis: thresholds.clipNorm }] : []),
  ];
  // Every alert gets its line; only the newest few are labelled (a label is text ECharts measures and paints on
  // every redraw, and dozens of them overlap into noise anyway; the table and the alerts panel name every one).
  const labelBox = labels.labelBackground ? { backgroundColor: labels.labelBackground, padding: [1, 3], borderRadius: 2 } : {};
  const alertLines = alerts.map((a, i) => ({
    name: labels.alert(a), xAxis: a.step,
    // Right of the line, so a label at the first step does not cover the axis's numbers.
    label: i < alerts.length - LABELLED_ALERTS ? { show: false } : { position: 'insideEndBottom' as const, ...labelBox },
  }));
  const line = (name: string, data: (number | null)[][], extra: object = {}) =>
    ({ name, type: 'line' as const, showSymbol: false, data, ...extra });
  const rows: Cell[][] = points.map((p, i) => [
    p.step,
    forLog(p.gradNorm),
    ...(decimated ? [forLog(p.gradNormMax)] : []),
    ...params.map((name) => forLog(p.paramGradNorms[name])),
    thresholds.maxNorm,
    thresholds.clipNorm,
    marks[i] || null,
  ]);
  return {
    table: {
      columns: ['step', 'global', ...(decimated ? ['global_max'] : []), ...params, 'max_norm', 'clip_norm', 'alerts'],
      rows,
    },
    option: {
      animation: false,
      grid: { ...BASE_GRID, right: 120 },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: stepAxis(labels.step),
      yAxis: { type: 'log', name: labels.norm, axisLabel: { formatter: logLabel } },
      dataZoom: ZOOM,
      series: [
        line(labels.global, points.map((p) => [p.step, forLog(p.gradNorm)]), {
          lineStyle: { width: 2.5 },
          markLine: {
            symbol: 'none',
            silent: false,
            label: { formatter: '{b}', position: 'insideEndTop', ...labelBox },
            data: [...limits.map((l) => ({ ...l, lineStyle: { type: 'dashed', color: '#d9480f' } })),
              ...alertLines.map((l) => ({ ...l, lineStyle: { type: 'dotted', color: '#c92a2a' } }))],
          },
        }),
        ...(decimated ? [line(labels.globalMax, points.map((p) => [p.step, forLog(p.gradNormMax)]), { lineStyle: { width: 1, opacity: 0.4 } })] : []),
        ...params.map((name) => line(name, points.map((p) => [p.step, forLog(p.paramGradNorms[name])]), { lineStyle: { width: 1.2 } })),
      ],
    },
  };
}
