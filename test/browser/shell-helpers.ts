// Shared set-up for the shell's browser tests: build the renderer into a temp folder, serve it with the web host,
// launch Debian's chromium, and run axe-core in a page (serious and critical violations only).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { noEvalInClaygl } from '../../scripts/vite-plugin-no-eval';
import { startWebHost, type WebHost } from '../../src-main/web/index';

export const CHROMIUM = '/usr/bin/chromium';
export const repoRoot = resolve(__dirname, '../..');

/**
 * Where the browser tests save their screenshots: docs/screenshots (the README's and docs/ui.md's pictures) only when
 * RNNLAB_SCREENSHOTS=docs, else test-output/screenshots (gitignored), so an ordinary `npm test` leaves the docs as they
 * are. Refresh the docs' pictures with `RNNLAB_SCREENSHOTS=docs npx vitest run test/browser`.
 */
export const screenshotDir = join(repoRoot, process.env.RNNLAB_SCREENSHOTS === 'docs' ? 'docs/screenshots' : 'test-output/screenshots');
mkdirSync(screenshotDir, { recursive: true });

export interface Served {
  host: WebHost;
  browser: Browser;
  outDir: string;
  workDir: string;
  close(): Promise<void>;
}

/** `extraArgs`: more chromium switches (the load test adds precise heap numbers and an exposed gc()); `minify: false`
 * keeps function names readable in a profile. */
export async function serveRenderer(extraArgs: string[] = [], { minify = true } = {}): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'rnnlab-shell-'));
  const workDir = mkdtempSync(join(tmpdir(), 'rnnlab-shell-root-'));
  // The same settings as electron.vite.config.ts's renderer, built into a temp folder so out/ is left alone.
  await build({ configFile: false, root: join(repoRoot, 'src-renderer'), base: './', logLevel: 'warn', plugins: [vue(), noEvalInClaygl()], build: { outDir, emptyOutDir: true, minify } });
  const host = await startWebHost({ rendererDir: outDir, root: workDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
  return {
    host, browser, outDir, workDir,
    async close() {
      await browser.close();
      await host.close();
      rmSync(outDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the current page. Injected with evaluate, which the page's CSP allows. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}
