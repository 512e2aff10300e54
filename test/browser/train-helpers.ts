// Helpers for the Train page's browser test: read a chart's "Download CSV" (a real browser download), set a setting
// through the side panel, wait for the run to reach a state, and collect long tasks with a PerformanceObserver.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface Csv {
  columns: string[];
  rows: string[][];
}

/** The CSV the chart named `chart` downloads (exactly what it draws). */
export async function chartCsv(page: Page, chart: string): Promise<Csv> {
  const figure = page.getByRole('figure', { name: chart, exact: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('button', { name: 'Download CSV', exact: true }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  return { columns: header.split(','), rows: lines.map((l) => l.split(',')) };
}

export function column(csv: Csv, name: string): string[] {
  const i = csv.columns.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${csv.columns.join(',')}`);
  return csv.rows.map((r) => r[i]);
}

/** ||dL/dh_t|| of the latest step in the Gradient through time CSV, indexed by t - 1. */
export function latestTimestepNorms(csv: Csv): number[] {
  const steps = column(csv, 'step').map(Number);
  const last = Math.max(...steps);
  return csv.rows.filter((r) => Number(r[0]) === last).sort((a, b) => Number(a[1]) - Number(b[1])).map((r) => Number(r[2]));
}

/** Types `value` into the settings field labelled `label` and presses Enter (the field's change sends it). */
export async function setSetting(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByRole('complementary', { name: 'Settings' }).getByLabel(label, { exact: true });
  await field.waitFor();
  await page.waitForFunction((el) => !(el as HTMLInputElement).disabled, await field.elementHandle());
  await field.fill(value);
  await field.press('Enter');
}

export async function waitForState(page: Page, state: string, timeout = 60_000): Promise<void> {
  await page.getByTestId('run-state').filter({ hasText: new RegExp(`^${state}$`) }).waitFor({ timeout });
}

export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
}

export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** Mean and worst redraw time of each chart (the user-timing entries ChartFrame records). */
export async function chartDrawTimes(page: Page): Promise<Record<string, { count: number; mean: number; worst: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { count: number; mean: number; worst: number }> = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (!m.name.startsWith('chart:')) continue;
      const o = (out[m.name.slice(6)] ??= { count: 0, mean: 0, worst: 0 });
      o.mean = (o.mean * o.count + m.duration) / (o.count + 1);
      o.count++;
      o.worst = Math.max(o.worst, m.duration);
    }
    return out;
  });
}
