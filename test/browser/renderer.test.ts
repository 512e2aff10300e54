// The renderer in a real browser: builds it, serves it with the web host, and drives Debian's chromium through
// playwright-core to create a project, read its summary, see a validation error and open an example.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src-main/web/index';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '../..');

const hasChromium = existsSync(CHROMIUM);
const title = hasChromium ? 'the renderer in chromium' : `the renderer in chromium (skipped: ${CHROMIUM} is absent)`;

describe.skipIf(!hasChromium)(title, () => {
  const outDir = mkdtempSync(join(tmpdir(), 'rnnlab-renderer-'));
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The same settings as electron.vite.config.ts's renderer, built into a temp folder so out/ is left alone.
    await build({
      configFile: false,
      root: join(root, 'src-renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [vue()],
      build: { outDir, emptyOutDir: true },
    });
    host = await startWebHost({ rendererDir: outDir, root: outDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(host.url);
    await page.getByTestId('engine-name').waitFor();
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('shows the engine in use and its fallback warning, if any', async () => {
    const engine = await page.getByTestId('engine-name').textContent();
    expect(['native', 'reference']).toContain(engine);
    const info = await host.lab.engineInfo();
    if (info.ok && info.value.warning) await expect(page.getByText(`Warning: ${info.value.warning}`).isVisible()).resolves.toBe(true);
  });

  it('creates a project from the form and shows its parameter table', async () => {
    await page.getByLabel('Name').fill('browser-made');
    await page.getByLabel('Architecture').selectOption('gru');
    await page.getByLabel('Input size').fill('3');
    await page.getByLabel('Hidden size').fill('4');
    await page.getByLabel('Output size (0 = no head)').fill('2');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: /Project: browser-made/ }).waitFor();
    expect(await page.getByTestId('summary-arch').textContent()).toBe('gru');
    // GRU: 3 gates x 4 = 12 rows; weight_ih 12x3, weight_hh 12x4, two biases of 12, head 2x4 + 2.
    expect(await page.getByTestId('parameter-count').textContent()).toBe(String(36 + 48 + 24 + 8 + 2));
    const rows = await page.locator('table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent?.trim()).join(' ')),
    );
    expect(rows).toEqual([
      'weight_ih_l0 [12, 3] 36',
      'weight_hh_l0 [12, 4] 48',
      'bias_ih_l0 [12] 12',
      'bias_hh_l0 [12] 12',
      'head.weight [2, 4] 8',
      'head.bias [2] 2',
    ]);
  });

  it("shows the core's sentence when the form is invalid", async () => {
    await page.getByLabel('Hidden size').fill('0');
    await page.getByRole('button', { name: 'Create project' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0');
    expect(await page.getByTestId('summary-arch').textContent()).toBe('gru');
  });

  it('opens an example by its button', async () => {
    await page.getByRole('button', { name: 'Open example: IRNN: ReLU and an identity matrix carry the gradient' }).click();
    await page.getByRole('heading', { name: /Project: adding-irnn/ }).waitFor();
    expect(await page.getByTestId('summary-arch').textContent()).toBe('rnn');
  });

  it('saves to a typed path and opens it again', async () => {
    const file = join(outDir, 'saved-from-browser.rnnlab');
    await page.getByLabel('Path').fill(file);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(`Saved to ${file}`).waitFor();
    await page.getByRole('button', { name: 'Open example: Character language model' }).click();
    await page.getByRole('heading', { name: /Project: textlm-rnn/ }).waitFor();
    await page.getByLabel('Path').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Project: adding-irnn', exact: true }).waitFor();
    expect(await page.getByText(file, { exact: true }).count()).toBe(1);
  });

  it('follows changes made outside the page (the event stream)', async () => {
    await host.lab.newProject({ name: 'from-outside', spec: { arch: 'lstm', input_size: 1, hidden_size: 2 } });
    await page.getByRole('heading', { name: /Project: from-outside/ }).waitFor();
    expect(await page.getByTestId('summary-arch').textContent()).toBe('lstm');
  });
});
