// Node tests of the Train page's chart builders: what each chart draws and the CSV of exactly that.
import { describe, expect, it } from 'vitest';
import { buildGradNormChart, LABELLED_ALERTS, thresholdsFrom } from '../../src-renderer/src/charts/series/gradNorms';
import { buildLossChart } from '../../src-renderer/src/charts/series/loss';
import { toCsv } from '../../src-renderer/src/charts/series/model';
import { buildSpectralChart } from '../../src-renderer/src/charts/series/spectral';
import { buildTimestepChart, evenIndices, HEATMAP_COLUMNS } from '../../src-renderer/src/charts/series/timesteps';
import { buildUpdateSizeChart } from '../../src-renderer/src/charts/series/updateSize';
import { appendBounded } from '../../src-renderer/src/charts/series/decimate';
import { PARAMS, point, points, settingsView, vanishingAlert } from './train-fixtures';

const lossLabels = { step: 'Step', loss: 'Loss', train: 'train', validation: 'validation', range: 'range' };
const gradLabels = { step: 'Step', norm: 'Norm', global: 'global', globalMax: 'global max', maxNorm: 'limit', clipNorm: 'clip', alert: () => 'alert' };
type Series = { name: string; data: (number | null)[][]; markLine?: { data: { xAxis?: number; yAxis?: number }[] } };
const seriesOf = (option: object) => (option as { series: Series[] }).series;

describe('loss chart', () => {
  it('draws train and validation loss and writes the same numbers to CSV', () => {
    const data = [point(1, { loss: 2 }), point(2, { loss: 1, validation: 1.5 }), point(3, { loss: 0.5 })];
    const model = buildLossChart(data, 'linear', lossLabels);
    const [train, validation] = seriesOf(model.option);
    expect(train.data).toEqual([[1, 2], [2, 1], [3, 0.5]]);
    expect(validation.data).toEqual([[2, 1.5]]);
    expect(toCsv(model.table)).toBe('step,train_loss,validation_loss\n1,2,\n2,1,1.5\n3,0.5,\n');
  });

  it('on a log axis leaves gaps for zero and non-finite losses', () => {
    const data = [point(1, { loss: 0 }), point(2, { loss: Number.NaN }), point(3, { loss: 0.1 })];
    const model = buildLossChart(data, 'log', lossLabels);
    expect(seriesOf(model.option)[0].data).toEqual([[1, null], [2, null], [3, 0.1]]);
    expect((model.option.yAxis as { type: string }).type).toBe('log');
  });

  it('draws the min..max band once points are decimated, so a spike stays visible', () => {
    const spiky = points(1, 8).map((p) => (p.step === 5 ? { ...p, loss: 50, lossMin: 50, lossMax: 50 } : p));
    const merged = appendBounded([], spiky, 2);
    const model = buildLossChart(merged, 'linear', lossLabels);
    expect(model.table.columns).toEqual(['step', 'train_loss', 'train_loss_min', 'train_loss_max', 'validation_loss']);
    expect(Math.max(...model.table.rows.map((r) => r[3] as number))).toBe(50);
  });
});

describe('gradient-norm chart', () => {
  it('has the global norm and every parameter, the thresholds from the settings and every alert', () => {
    const thresholds = thresholdsFrom(settingsView());
    expect(thresholds).toEqual({ maxNorm: 1e4, clipNorm: 5 });
    const alerts = [vanishingAlert(3), vanishingAlert(7)];
    const model = buildGradNormChart(points(1, 10), alerts, thresholds, gradLabels);
    const series = seriesOf(model.option);
    expect(series.map((s) => s.name)).toEqual(['global', ...PARAMS]);
    expect(series[0].markLine!.data.map((d) => d.yAxis ?? d.xAxis)).toEqual([1e4, 5, 3, 7]);
    expect((model.option.yAxis as { type: string }).type).toBe('log');
    expect(model.table.columns).toEqual(['step', 'global', ...PARAMS, 'max_norm', 'clip_norm', 'alerts']);
    expect(model.table.rows[2]).toEqual([3, 1.03, ...PARAMS.map((_, i) => 0.1 * (i + 1) + 0.003), 1e4, 5, 'vanishing@3']);
    expect(model.table.rows.filter((r) => r[r.length - 1] !== null).map((r) => r[0])).toEqual([3, 7]);
  });

  it('draws a line for every alert but labels only the newest LABELLED_ALERTS', () => {
    const alerts = [2, 3, 4, 5, 6, 7].map((step) => vanishingAlert(step));
    const series = seriesOf(buildGradNormChart(points(1, 10), alerts, { maxNorm: null, clipNorm: null }, gradLabels).option);
    const lines = series[0].markLine!.data as { xAxis?: number; label?: { show: boolean } }[];
    expect(lines.map((d) => d.xAxis)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(lines.map((d) => d.label!.show !== false)).toEqual(alerts.map((_, i) => i >= alerts.length - LABELLED_ALERTS));
  });

  it('shows no threshold lines when the settings are unknown and clipping is off', () => {
    const settings = settingsView();
    settings.training.clip = { mode: 'none' };
    expect(thresholdsFrom(settings)).toEqual({ maxNorm: 1e4, clipNorm: null });
    expect(thresholdsFrom(null)).toEqual({ maxNorm: null, clipNorm: null });
  });
});

describe('gradient-through-time chart', () => {
  it('writes ||dL/dh_t|| per step and t; a vanishing run dies towards t = 1', () => {
    const model = buildTimestepChart(points(1, 5, { T: 10, gain: 0.1 }), { step: 'Step', t: 't', norm: 'n', log10: 'log', latest: (s) => `step ${s}` });
    expect(model.table.rows).toHaveLength(5 * 10);
    const latest = model.table.rows.filter((r) => r[0] === 5);
    expect(latest.map((r) => r[1])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(latest[9][2]).toBe(1);
    expect(latest[0][2]).toBeCloseTo(1e-9, 20);
    expect(latest[0][3]).toBeCloseTo(-9, 10);
    const curve = seriesOf(model.option)[1].data;
    expect(curve[0][0]).toBe(1);
    expect(curve[0][1]).toBeCloseTo(1e-9, 20);
  });

  it('draws at most HEATMAP_COLUMNS training steps, the latest included, and marks zero norms as gaps', () => {
    const many = points(1, 400, { T: 4 });
    many[399].timestepGradNorms = [0, 0.1, 0.5, 1];
    const model = buildTimestepChart(many, { step: 'Step', t: 't', norm: 'n', log10: 'log', latest: (s) => `step ${s}` });
    const steps = new Set(model.table.rows.map((r) => r[0]));
    expect(steps.size).toBe(HEATMAP_COLUMNS);
    expect(steps.has(1) && steps.has(400)).toBe(true);
    expect(model.table.rows.find((r) => r[0] === 400 && r[1] === 1)).toEqual([400, 1, 0, null]);
  });

  it('spreads indices evenly, first and last included', () => {
    expect(evenIndices(3, 5)).toEqual([0, 1, 2]);
    expect(evenIndices(11, 3)).toEqual([0, 5, 10]);
  });
});

describe('spectral-bound and update-size charts', () => {
  it('draws gamma*sigma_max where it was measured, with the line at 1', () => {
    const model = buildSpectralChart(points(1, 30), { step: 'Step', bound: 'bound', one: '1' });
    expect(model.table.rows.map((r) => r[0])).toEqual([10, 20, 30]);
    expect(model.table.columns).toEqual(['step', 'weight_hh_l0 bound', 'weight_hh_l0 sigma_max']);
    const [series] = seriesOf(model.option);
    expect(series.markLine!.data).toEqual([{ yAxis: 1 }]);
  });

  it('computes lr*||g_p||/||W_p|| and leaves zero-norm weights out', () => {
    const model = buildUpdateSizeChart([point(1)], { step: 'Step', ratio: 'ratio' });
    const row = model.table.rows[0];
    expect(row[1]).toBeCloseTo((0.01 * 0.101) / 2, 12); // weight_ih_l0
    expect(row[3]).toBeNull(); // bias_ih_l0: ||W|| = 0
  });
});

describe('CSV', () => {
  it('quotes cells holding commas or quotes', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [['x,y', 'say "hi"'], [1, null]] })).toBe('a,b\n"x,y","say ""hi"""\n1,\n');
  });
});

describe('heatmap raster', () => {
  it('hands the painter one log10 value per cell, t = 1 in row 0, a zero norm at the low end; the colour scale runs light to dark', async () => {
    const { colourAt } = await import('../../src-renderer/src/charts/series/timesteps');
    const data = points(1, 3, { T: 4, gain: 0.1 });
    data[2].timestepGradNorms = [0, 0.01, 0.1, 1];
    let seen: { width: number; height: number; values: Float64Array; lo: number; hi: number } | null = null;
    const model = buildTimestepChart(data, { step: 'Step', t: 't', norm: 'n', log10: 'log', latest: (s) => `step ${s}` }, (r) => {
      seen = r;
      return {} as HTMLCanvasElement;
    });
    expect(seen!.width).toBe(3);
    expect(seen!.height).toBe(4);
    // t = 1 of steps 1..3; step 3's norm there is 0 (underflowed): the lowest value drawn, not a gap
    expect([...seen!.values.slice(0, 3)].map((v) => (Number.isNaN(v) ? 'gap' : v))).toEqual([-3, -3, -3]);
    expect(seen!.values[3 * 3 + 2]).toBe(0); // t = 4 of step 3: log10 1
    expect([seen!.lo, seen!.hi]).toEqual([-3, 0]);
    expect((model.option.series as { type: string }[])[0].type).toBe('custom');
    expect(colourAt(0)).toEqual([0xf7, 0xfb, 0xff]);
    expect(colourAt(1)).toEqual([0x08, 0x30, 0x6b]);
  });
});
