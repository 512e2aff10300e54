// Issue 9's responsiveness bar, measured in chromium through `rnnlab serve`: a tiny RNN (1 input, 8 hidden units)
// trains 100,000 steps through the real core at thousands of steps a second while the Train page shows all five
// charts. Prints steps/s, the long tasks (over 50 ms) and the chart redraw times, the JS heap at 10% and at 100% of
// the run, and the points each chart holds. Asserts only what is not noise: the run finished every step, every chart
// holds at most its decimation cap, and the heap did not grow with the number of steps. Times are printed, not asserted.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src-main/api/lab-api';
import { LIVE_CAPACITY } from '../../src-renderer/src/charts/series/decimate';
import { HEATMAP_COLUMNS, HEATMAP_ROWS } from '../../src-renderer/src/charts/series/timesteps';
import { CHROMIUM, serveRenderer, type Served } from './shell-helpers';
import { chartCsv, chartDrawTimes, column, longTasks, mainThreadTime, startLongTasks, waitForState } from './train-helpers';

/** RNNLAB_LOAD_STEPS=400000 runs longer (to see whether the heap levels off). */
const STEPS = Number(process.env.RNNLAB_LOAD_STEPS ?? 100_000);
const CHARTS = ['Loss', 'Gradient norms', 'Gradient through time', 'Spectral bound', 'Update size'];
const LINE_CHARTS = CHARTS.filter((c) => c !== 'Gradient through time');

/** The page's JS heap after a full garbage collection (chromium runs with --expose-gc and precise memory info). */
async function heapAfterGc(page: Page): Promise<number> {
  return page.evaluate(() => {
    (window as unknown as { gc: () => void }).gc();
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  });
}

/** The run is traced (every task with its thread time: RunTask, in 'disabled-by-default-devtools.timeline') for the main thread's CPU time. RNNLAB_TRACE=<file.json> keeps the trace,
 * with CPU samples and unminified code, to find what a long task does (open it in chrome://tracing or DevTools). */
const TRACE = process.env.RNNLAB_TRACE;
const TRACE_CATEGORIES = TRACE
  ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing']
  : ['disabled-by-default-devtools.timeline'];

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

describe.skipIf(!existsSync(CHROMIUM))('the Train page under a 100,000-step run at thousands of steps/s (issue 9)', () => {
  let served: Served;
  let page: Page;
  const problems: string[] = [];

  const status = async (): Promise<RunStatus> => {
    const r = await served.host.lab.trainingStatus();
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const ok = async <T>(request: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> => {
    const r = await request;
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  beforeAll(async () => {
    served = await serveRenderer(['--enable-precise-memory-info', '--js-flags=--expose-gc'], { minify: !TRACE });
    const lab = served.host.lab;
    // One input, 8 hidden units, temporal XOR over 12 steps, one sequence a step: thousands of steps a second.
    await ok(lab.newProject({ name: 'load', spec: { arch: 'rnn', input_size: 1, hidden_size: 8, output_size: 1, output_activation: 'sigmoid' } }));
    await ok(lab.setTask({ id: 'temporal-xor', params: { length: 12, trainSize: 64, validationSize: 16, testSize: 16 }, seed: 1 }));
    await ok(lab.updateSettings({ training: { optimizer: { kind: 'sgd' }, lr: 0.05, batch_size: 1, steps: STEPS }, monitor: { spectral_every: 100 } }));
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 2000 }, colorScheme: 'light', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${served.host.url}#/train`);
    for (const name of CHARTS) await page.getByRole('figure', { name, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Start training', exact: true }).waitFor();
  }, 240_000);

  afterAll(async () => served?.close());

  it('trains 100,000 steps with all five charts live: charts stay within their caps, the heap stays flat', async () => {
    await startLongTasks(page);
    await served.browser.startTracing(page, { path: TRACE, categories: TRACE_CATEGORIES });
    const started = Date.now();
    await page.getByRole('button', { name: 'Start training', exact: true }).click();
    // The heap at 10% and at half of the run, each read as soon as the core is past it.
    const heapAt = async (fraction: number): Promise<{ step: number; heap: number }> => {
      let now = await status();
      while (now.step < STEPS * fraction && now.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        now = await status();
      }
      return { step: now.step, heap: await heapAfterGc(page) };
    };
    const { step: stepEarly, heap: heapEarly } = await heapAt(0.1);
    const half = await heapAt(0.5);
    await waitForState(page, 'Finished', 170_000);
    const seconds = (Date.now() - started) / 1000;
    const cpu = mainThreadTime(await served.browser.stopTracing());
    const heapEnd = await heapAfterGc(page);
    const final = await status();
    const tasks = await longTasks(page);
    const draws = await chartDrawTimes(page);

    const alertsHeading = await page.getByRole('region', { name: /^Alerts/ }).getByRole('heading').first().textContent();
    const held: Record<string, number> = {};
    for (const name of CHARTS) held[name] = (await chartCsv(page, name)).rows.length;
    const heat = await chartCsv(page, 'Gradient through time');
    const heatColumns = new Set(column(heat, 'step')).size;
    const heatRows = new Set(column(heat, 't')).size;

    console.log([
      `${STEPS.toLocaleString('en')}-step load run: ${final.step} steps in ${seconds.toFixed(1)} s (${Math.round(final.step / seconds)} steps/s, engine ${final.engine})`,
      `long tasks over 50 ms: ${tasks.length}, worst ${Math.max(0, ...tasks).toFixed(0)} ms, total ${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms (${tasks.map((d) => d.toFixed(0)).join(', ')})`,
      `main thread: ${cpu.cpu.toFixed(2)} s of CPU in ${cpu.span.toFixed(1)} s (${(cpu.cpu / cpu.span).toFixed(2)} of a core); tasks over 50 ms of CPU: ${cpu.cpuLong}, largest ${cpu.cpuTop.map((c) => c.toFixed(0)).join(', ')} ms; waiting for a core stretched tasks ${cpu.stretch.toFixed(2)}x`,
      `chart redraws: ${Object.entries(draws).map(([c, d]) => `${c} ${d.count}x mean ${d.mean.toFixed(1)} ms worst ${d.worst.toFixed(1)} ms`).join('; ')}`,
      `JS heap after gc: ${mb(heapEarly)} at step ${stepEarly}, ${mb(half.heap)} at step ${half.step}, ${mb(heapEnd)} at step ${final.step}`,
      `points held: ${Object.entries(held).map(([c, n]) => `${c} ${n}`).join(', ')} (heatmap ${heatColumns} columns x ${heatRows} rows); ${alertsHeading?.trim()}`,
    ].join('\n'));

    expect(final.status).toBe('done');
    expect(final.step).toBe(STEPS);
    for (const name of LINE_CHARTS) expect(held[name]).toBeLessThanOrEqual(LIVE_CAPACITY);
    expect(held.Loss).toBeGreaterThan(LIVE_CAPACITY / 4); // the cap is filled, not the series lost
    expect(heatColumns).toBeLessThanOrEqual(HEATMAP_COLUMNS);
    expect(heatRows).toBeLessThanOrEqual(HEATMAP_ROWS);
    // Ten times the steps, not ten times the heap: an unbounded series (a StepPoint per step is ~1 KB) would add
    // tens of megabytes between the two readings.
    expect(heapEnd - heapEarly).toBeLessThan(8 * 2 ** 20);
    expect(problems).toEqual([]);
  }, 240_000);
});
