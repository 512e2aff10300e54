// The browser transport in Chromium against the web host: Open uploads through a real file picker, Save As comes
// back as a real download, a text file is read in the page, and the training stream arrives through EventSource,
// all under the host's Content-Security-Policy.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary, TrainingEvent } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { parseProject } from '../../src-main/core/project/index';
import { startWebHost, type WebHost } from '../../src-main/web/index';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '../..');
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium ? 'the browser transport in chromium' : `the browser transport in chromium (skipped: ${CHROMIUM} is absent)`;

describe.skipIf(!hasChromium)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-page-files-'));
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await build({ entryPoints: [join(root, 'test/browser/fixtures/page-lab.ts')], bundle: true, format: 'esm', outfile: join(dir, 'page.js'), logLevel: 'silent' });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page lab</title><link rel="icon" href="data:,"><body><script type="module" src="./page.js"></script></body>');
    host = await startWebHost({ rendererDir: dir, root: dir, lab: new LabService({ root: dir }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
    page = await browser.newPage({ acceptDownloads: true });
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(host.url);
    await page.locator('#open').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const result = <T>(key: string) => page.waitForFunction((k) => (globalThis as unknown as { results: Record<string, unknown> }).results[k], key).then((h) => h.jsonValue() as Promise<T>);

  it('opens a project the user picks, as an upload', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open')]);
    expect(await chooser.element().getAttribute('accept')).toBe('.rnnlab');
    await chooser.setFiles(join(root, 'resources/examples/tomita4-gated.rnnlab'));
    expect(await result<{ ok: boolean; value: ProjectSummary }>('open')).toMatchObject({ ok: true, value: { name: 'tomita4-gated', path: null } });
  });

  it('saves as a download the browser receives', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-as')]);
    expect(download.suggestedFilename()).toBe('tomita4-gated.rnnlab');
    const saved = join(dir, 'downloaded.rnnlab');
    await download.saveAs(saved);
    expect(parseProject(readFileSync(saved), 'downloaded.rnnlab').spec.arch).toBe('gated');
    expect(await result('save-as')).toEqual({ ok: true, value: { path: null, backupPath: null } });
  });

  it('reads a picked text file in the page', async () => {
    writeFileSync(join(dir, 'corpus.txt'), 'to be or not to be\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#text')]);
    await chooser.setFiles(join(dir, 'corpus.txt'));
    expect(await result('text')).toEqual({ ok: true, value: { fileName: 'corpus.txt', text: 'to be or not to be\n' } });
  });

  it('hears the project and training streams through EventSource', async () => {
    await host.lab.openExample('temporal-xor-elman');
    await host.lab.updateSettings({ training: { steps: 20, epochs: null } });
    await host.lab.startTraining({ fresh: true });
    const done = await page.waitForFunction(
      () => ((globalThis as unknown as { results: { training: TrainingEvent[] } }).results.training).some((e) => e.type === 'status' && e.status.status === 'done'),
      undefined,
      { timeout: 60_000 },
    );
    expect(await done.jsonValue()).toBe(true);
    const heard = await page.evaluate(() => (globalThis as unknown as { results: { training: TrainingEvent[]; projects: string[] } }).results);
    expect(heard.projects).toContain('temporal-xor-elman');
    const points = heard.training.flatMap((e) => (e.type === 'metrics' ? e.points : []));
    expect(points.length).toBeGreaterThan(0);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
