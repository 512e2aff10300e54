// Shared pieces of the insight pages' browser tests: serve the renderer over a given lab, find English words left on a
// page in Chinese, and measure the main thread's long tasks while something happens.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { LabCoreApi, RunStatus } from '../../src-main/api/lab-api';
import { LabService, type LabServiceOptions } from '../../src-main/core/lab/lab-service';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { noEvalInClaygl } from '../../scripts/vite-plugin-no-eval';
import { repoRoot } from './shell-helpers';

/** The value of a lab answer, or the core's one-line error thrown. */
export async function value<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Starts a run with the project's settings and polls until it is done or failed (at most 150 s). */
export async function trainUntilDone(lab: LabCoreApi): Promise<RunStatus> {
  await value(lab.startTraining());
  for (let i = 0; i < 600; i++) {
    const status = await value(lab.trainingStatus());
    if (status.status === 'done' || status.status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('training did not finish in 150 s');
}

export interface ServedLab {
  host: WebHost;
  browser: Browser;
  service: LabService;
  workDir: string;
  close(): Promise<void>;
}

/** Builds the renderer (as electron.vite.config.ts does) and serves it over `wrap(new LabService(options))`. */
export async function serveOver(
  wrap: (service: LabService) => LabCoreApi = (s) => s, options: Omit<LabServiceOptions, 'root'> = {},
): Promise<ServedLab> {
  const outDir = mkdtempSync(join(tmpdir(), 'rnnlab-insight-'));
  const workDir = mkdtempSync(join(tmpdir(), 'rnnlab-insight-root-'));
  await build({ configFile: false, root: join(repoRoot, 'src-renderer'), base: './', logLevel: 'warn', plugins: [vue(), noEvalInClaygl()], build: { outDir, emptyOutDir: true } });
  const service = new LabService({ ...options, root: workDir });
  const host = await startWebHost({ rendererDir: outDir, root: workDir, lab: wrap(service) });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // WebGL for the 3-D trajectories (echarts-gl) through SwiftShader, the CPU implementation of the GPU, which also
    // composites the page: with --disable-gpu the software compositor reads every WebGL frame back (a synchronous
    // glReadPixels on the page's main thread, 30-85 ms per frame in a trace), a cost a machine with a GPU never pays.
    args: [
      '--no-sandbox', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
      '--no-first-run', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    host, browser, service, workDir,
    async close() {
      await browser.close();
      await host.close();
      service.dispose();
      rmSync(outDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The Latin words of two letters or more in a text, minus `allowed`, as englishLeft finds them on a page. */
export function englishWords(text: string, allowed: string[]): string[] {
  return text.split(/[\s，。：；、（）“”《》！？,;:]+/).filter((token) => token && !/[0-9._\-/()[\]=‖]/.test(token))
    .flatMap((token) => token.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !allowed.includes(word));
}

/**
 * Latin words of two letters or more in the page's <main> (or `scope`: 'body' takes the header and notices too),
 * outside data (class "mono", code, inputs): what a Chinese reader would meet untranslated. Tokens with digits,
 * dots, dashes, underscores or brackets are names, not words.
 */
export function englishLeft(page: Page, allowed: string[], scope = 'main'): Promise<string[]> {
  return page.evaluate(([allow, where]) => {
    const found = new Set<string>();
    const main = document.querySelector(where) ?? document.body;
    const texts: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.mono, code, pre, textarea, script, style, .visually-hidden[data-raw]')) continue;
      if (parent.closest('[hidden]') || parent.getClientRects().length === 0) continue;
      texts.push(node.textContent ?? '');
    }
    // A closed <select> shows its chosen option, whose text node has no box of its own.
    for (const select of main.querySelectorAll('select')) {
      if (select.getClientRects().length > 0 && !select.closest('.mono')) texts.push(select.selectedOptions[0]?.textContent ?? '');
    }
    for (const text of texts) {
      for (const token of text.split(/[\s，。：；、（）“”《》！？,;:]+/)) {
        if (!token || /[0-9._\-/()[\]=‖]/.test(token)) continue;
        for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) if (!allow.includes(word)) found.add(word);
      }
    }
    return [...found];
  }, [allowed, scope] as const);
}

/** Records every Content-Security-Policy violation of the context's pages (read them with cspViolations). */
export async function watchCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

/** The CSP violations recorded on the page so far ('script-src eval …' when code compiled a string). */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? ['(CSP watcher not installed)']);
}

/** Whether some canvas of the element is drawn with WebGL (echarts-gl) rather than 2-D canvas (ECharts). */
export function drawsWithWebgl(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).locator('canvas').evaluateAll((canvases) =>
    canvases.some((c) => (c as HTMLCanvasElement).getContext('webgl') !== null || (c as HTMLCanvasElement).getContext('webgl2') !== null));
}

/** Starts collecting long tasks (the page's main thread busy for more than 50 ms). */
export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __obs?: PerformanceObserver };
    w.__long = [];
    w.__obs?.disconnect();
    w.__obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration)));
    w.__obs.observe({ type: 'longtask' });
  });
}

export interface LongTaskReport {
  count: number;
  /** Longest task (wall clock), ms. */
  worst: number;
  /** Load average per core while measuring: above 1, tasks also wait for a core. */
  load: number;
}

/** Long tasks since startLongTasks, and the machine's load per core. */
export async function longTasks(page: Page): Promise<LongTaskReport> {
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.slice());
  return { count: long.length, worst: Math.max(0, ...long), load: loadavg()[0] / cpus().length };
}

/**
 * The bar: no long task over 50 ms. It is asserted when the machine is not overloaded (load per core <= 1.5);
 * on a machine whose cores are shared by many jobs, wall-clock task lengths measure the queue for a core, not the
 * page, so the numbers are printed and the bound is not asserted. Answers whether it was asserted.
 */
/** Prints the long-task measurement (count, worst, load per core). The 50 ms bar is reported from these printed
 * numbers (docs/ui.md), not asserted: a wall-clock bound fails on whatever else the machine runs. */
export function reportLongTasks(what: string, r: LongTaskReport): LongTaskReport {
  console.log(`${what}: ${r.count} long tasks, worst ${r.worst.toFixed(0)} ms (load ${r.load.toFixed(1)} per core); the issue's bar is 50 ms`);
  return r;
}

/** What Chrome's trace calls one task of a thread's run loop (the name changed across versions). */
const TASK_NAMES = ['RunTask', 'ThreadControllerImpl::RunTask'];

interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

export interface MainThreadReport {
  /** Tasks of the page's main thread over 50 ms of wall clock, and the longest (ms). */
  overWall: number;
  worstWall: number;
  /** The same by the thread's own CPU time: what the page cost, whatever else the machine ran. */
  overCpu: number;
  worstCpu: number;
  /** The main thread's CPU time over the whole action (ms): the page's cost, comparable between runs. */
  totalCpu: number;
  /** Where the tasks over 30 ms spent their wall time, by outermost timeline event (TimerFire, FireAnimationFrame,
   * Layout, …; ms, largest first). */
  breakdown: [string, number][];
}

/**
 * Runs `action` under Chrome tracing and reads the renderer main thread's tasks: wall and thread-CPU durations, and
 * what the long ones did (the Performance panel's view, in numbers). The renderer main thread is the busiest
 * CrRendererMain of the trace.
 */
export async function traceMainThread(browser: Browser, page: Page, action: () => Promise<void>): Promise<MainThreadReport> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8', 'blink.user_timing'] });
  let failure: unknown = null;
  await action().catch((e: unknown) => { failure = e ?? new Error('the traced action failed'); });
  const buffer = await browser.stopTracing();
  if (failure) throw failure;
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const isTask = (e: TraceEvent) => e.ph === 'X' && TASK_NAMES.includes(e.name) && mains.has(`${e.pid}:${e.tid}`);
  // Top-level tasks only (a task's nested run loop is part of it).
  const tasks: TraceEvent[] = [];
  const ends = new Map<string, number>();
  for (const e of events.filter(isTask).sort((a, b) => a.ts - b.ts)) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (ends.get(thread) ?? -Infinity)) continue;
    tasks.push(e);
    ends.set(thread, e.ts + (e.dur ?? 0));
  }
  const busy = new Map<string, number>();
  for (const t of tasks) busy.set(`${t.pid}:${t.tid}`, (busy.get(`${t.pid}:${t.tid}`) ?? 0) + (t.dur ?? 0));
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = tasks.filter((t) => `${t.pid}:${t.tid}` === main);
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const inThread = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.cat.includes('devtools.timeline')).sort((a, b) => a.ts - b.ts);
  const breakdown = new Map<string, number>();
  for (const task of mine.filter((t) => ms(t.dur) > 30)) {
    let reached = task.ts;
    for (const e of inThread) {
      if (e.ts < reached || e.ts >= task.ts + (task.dur ?? 0)) continue;
      breakdown.set(e.name, (breakdown.get(e.name) ?? 0) + ms(e.dur));
      reached = e.ts + (e.dur ?? 0); // top level only: skip what this event contains
    }
  }
  return {
    overWall: mine.filter((t) => ms(t.dur) > 50).length,
    worstWall: Math.max(0, ...mine.map((t) => ms(t.dur))),
    overCpu: mine.filter((t) => ms(t.tdur) > 50).length,
    worstCpu: Math.max(0, ...mine.map((t) => ms(t.tdur))),
    totalCpu: mine.reduce((sum, t) => sum + ms(t.tdur), 0),
    breakdown: [...breakdown.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => [k, Math.round(v)]),
  };
}

/** Prints a traced measurement: tasks over 50 ms by wall clock and by the thread's CPU time, and where they went. */
export function reportMainThread(what: string, r: MainThreadReport): MainThreadReport {
  const where = r.breakdown.map(([name, v]) => `${name} ${v}`).join(', ') || 'none';
  console.log(`${what} (trace): ${r.overWall} tasks over 50 ms wall, worst ${r.worstWall.toFixed(0)} ms; ${r.overCpu} over 50 ms CPU, worst ${r.worstCpu.toFixed(0)} ms CPU, ${r.totalCpu.toFixed(0)} ms CPU in all; tasks over 30 ms spent (ms): ${where}`);
  return r;
}
