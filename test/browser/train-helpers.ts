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

export interface MainThreadTime {
  /** Seconds from the first to the last task of the renderer's main thread in the trace. */
  span: number;
  /** CPU seconds the main thread ran (thread time: what the page cost, whatever else the machine was doing). */
  cpu: number;
  /** Tasks that took more than 50 ms of CPU (long by their own work, not by waiting for a core), and the largest. */
  cpuLong: number;
  cpuWorst: number;
  /** The five largest tasks' CPU in ms, largest first. */
  cpuTop: number[];
  /** Wall time over CPU time of the tasks over 5 ms of CPU: how much waiting for a core stretched them (1 = none). */
  stretch: number;
}

/** The renderer main thread's CPU time from a Chrome trace (RunTask events, with their thread time `tdur`). */
export function mainThreadTime(trace: Buffer): MainThreadTime {
  type Event = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: Event[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, Event[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && e.ph === 'X' && mains.has(key)) byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const busy = tasks.filter((e) => (e.tdur ?? 0) > 5000);
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000);
  const start = Math.min(...tasks.map((e) => e.ts));
  const end = Math.max(...tasks.map((e) => e.ts + (e.dur ?? 0)));
  return {
    span: tasks.length ? (end - start) / 1e6 : 0,
    cpu: cpu.reduce((a, b) => a + b, 0) / 1000,
    cpuLong: cpu.filter((c) => c > 50).length,
    cpuWorst: Math.max(0, ...cpu),
    cpuTop: [...cpu].sort((a, b) => b - a).slice(0, 5),
    stretch: busy.reduce((a, e) => a + (e.dur ?? 0), 0) / Math.max(1, busy.reduce((a, e) => a + (e.tdur ?? 0), 0)),
  };
}
