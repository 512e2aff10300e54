// Shared pieces of the insight pages' browser tests: serve the renderer over a given lab, find English words left on a
// page in Chinese, and measure the main thread's long tasks while something happens.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { LabCoreApi } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { repoRoot } from './shell-helpers';

export interface ServedLab {
  host: WebHost;
  browser: Browser;
  service: LabService;
  workDir: string;
  close(): Promise<void>;
}

/** Builds the renderer (as electron.vite.config.ts does) and serves it over `wrap(new LabService)`. */
export async function serveOver(wrap: (service: LabService) => LabCoreApi = (s) => s): Promise<ServedLab> {
  const outDir = mkdtempSync(join(tmpdir(), 'rnnlab-insight-'));
  const workDir = mkdtempSync(join(tmpdir(), 'rnnlab-insight-root-'));
  await build({ configFile: false, root: join(repoRoot, 'src-renderer'), base: './', logLevel: 'warn', plugins: [vue()], build: { outDir, emptyOutDir: true } });
  const service = new LabService({ root: workDir });
  const host = await startWebHost({ rendererDir: outDir, root: workDir, lab: wrap(service) });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
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

/**
 * Latin words of two letters or more in the page's <main>, outside data (class "mono", code, inputs): what a Chinese
 * reader would meet untranslated. Tokens with digits, dots, dashes, underscores or brackets are names, not words.
 */
export function englishLeft(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate((allow) => {
    const found = new Set<string>();
    const main = document.querySelector('main') ?? document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.mono, code, pre, textarea, script, style, .visually-hidden[data-raw]')) continue;
      if (parent.closest('[hidden]') || parent.getClientRects().length === 0) continue;
      for (const token of (node.textContent ?? '').split(/[\s，。：；、（）“”《》！？,;:]+/)) {
        if (!token || /[0-9._\-/()[\]=‖]/.test(token)) continue;
        for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) if (!allow.includes(word)) found.add(word);
      }
    }
    return [...found];
  }, allowed);
}

/** Starts collecting long tasks (the page's main thread busy for more than 50 ms) and its CPU and busy time. */
export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __obs?: PerformanceObserver };
    w.__long = [];
    w.__obs?.disconnect();
    w.__obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration)));
    w.__obs.observe({ type: 'longtask' });
  });
  marks.set(page, await mainThreadTimes(page));
}

const marks = new WeakMap<Page, { cpu: number; busy: number }>();

/** CPU time (ThreadTime) and busy wall time (TaskDuration) of the page's main thread so far, in ms. */
async function mainThreadTimes(page: Page): Promise<{ cpu: number; busy: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { cpu: get('ThreadTime'), busy: get('TaskDuration') };
}

export interface LongTaskReport {
  count: number;
  /** Longest task as measured (wall clock), ms. */
  worst: number;
  /** Share of the main thread's busy time it actually had a CPU (1 on an idle machine). */
  cpuShare: number;
  /** The worst task at that share: what it would take with a core to itself (ms). */
  worstOnOwnCore: number;
}

/**
 * Long tasks since startLongTasks. This machine's two cores are shared by many parallel jobs, so a task's wall time
 * includes waiting for a core; the main thread's CPU time over its busy time says how much, and worstOnOwnCore scales
 * the worst task by it. Both numbers are printed; the bound applies to worstOnOwnCore.
 */
export async function longTasks(page: Page): Promise<LongTaskReport> {
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.slice());
  const before = marks.get(page) ?? { cpu: 0, busy: 0 };
  const after = await mainThreadTimes(page);
  const busy = after.busy - before.busy;
  const cpuShare = busy > 0 ? Math.min(1, (after.cpu - before.cpu) / busy) : 1;
  const worst = Math.max(0, ...long);
  return { count: long.length, worst, cpuShare, worstOnOwnCore: worst * cpuShare };
}

export const describeLongTasks = (what: string, r: LongTaskReport): string =>
  `${what}: ${r.count} long tasks, worst ${r.worst.toFixed(0)} ms wall clock, main thread on a CPU ${(100 * r.cpuShare).toFixed(0)}% of its busy time -> ${r.worstOnOwnCore.toFixed(0)} ms on its own core`;
