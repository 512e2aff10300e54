// The insight pages in chromium over a lab whose insight answers are synthetic (insight-fakes.ts): every control
// works, the trajectory of a 200-step probe over 50 snapshots animates (its long tasks printed), 1,000 points rotate in
// 3-D, each page passes axe in English and Chinese, and no English is left in Chinese. The real story (real training,
// real ONNX) is insight.test.ts.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOTS, withFakeInsight } from './insight-fakes';
import {
  cspViolations, drawsWithWebgl, englishLeft, longTasks, reportLongTasks, reportMainThread, serveOver, startLongTasks, traceMainThread,
  watchCspViolations, type ServedLab,
} from './insight-helpers';
import { axeViolations, CHROMIUM, screenshotDir } from './shell-helpers';

const shots = join(tmpdir(), 'rnnlab-insight-shots');
/** The 3-D view's screenshots are kept (docs/ui.md, with RNNLAB_SCREENSHOTS=docs); the other pages' come from insight.test.ts's real run. */
const docsShots = screenshotDir;
/** Words that are the same in both languages (names of formats and methods). */
const SAME_IN_BOTH = ['ONNX', 'CSV', 'PNG', 'JSON', 'PCA', 'IR', 'onnxruntime', 'RNN', 'Lab', 'MSE', 'PC'];

describe.skipIf(!existsSync(CHROMIUM))('the insight pages in chromium (synthetic insight answers)', () => {
  let served: ServedLab;
  let page: Page;
  const problems: string[] = [];
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    served = await serveOver(withFakeInsight);
    const opened = await served.host.lab.openExample('tomita4-gated');
    if (!opened.ok) throw new Error(opened.error);
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    await watchCspViolations(context);
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(served.host.url);
    await nav('Trajectories').waitFor();
  });

  afterAll(async () => served?.close());

  it('draws trajectories, plays a 200-step probe and replays 50 snapshots (printing its long tasks)', async () => {
    await nav('Trajectories').click();
    await page.getByRole('img', { name: 'Hidden-state trajectories' }).waitFor();
    await page.getByText(`snapshot at step ${SNAPSHOTS.at(-1)}`).or(page.getByText('current weights')).first().waitFor();
    expect(await page.getByRole('slider', { name: 'Training step' }).getAttribute('max')).toBe(String(SNAPSHOTS.length));
    expect(await page.getByRole('slider', { name: 'Time step' }).getAttribute('max')).toBe('199');
    await page.waitForTimeout(300);
    await startLongTasks(page);
    reportMainThread('trajectory of a 200-step probe played', await traceMainThread(served.browser, page, async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.getByText('t = 200 of 200').waitFor({ timeout: 90_000 });
    }));
    reportMainThread('50 snapshots replayed', await traceMainThread(served.browser, page, async () => {
      await page.getByRole('button', { name: 'Replay training' }).click();
      await page.getByRole('button', { name: 'Stop replay' }).waitFor();
      await page.getByRole('button', { name: 'Replay training' }).waitFor({ timeout: 120_000 });
    }));
    reportLongTasks('trajectory animation', await longTasks(page));
    // The heatmaps of the picked probe: hidden, cell and four gates, both directions side by side.
    await page.getByRole('img', { name: 'Hidden state h_t: forward' }).waitFor();
    await page.getByRole('img', { name: 'Hidden state h_t: reverse' }).waitFor();
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Forget gate f' });
    await page.getByRole('img', { name: 'Forget gate f: reverse' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('trajectories-en');
  }, 300_000);

  it('shows the default probes in 3-D with echarts-gl (screenshots in both languages and themes)', async () => {
    await page.getByRole('radio', { name: '3-D' }).check();
    const group = 'role=group[name="Rotatable 3-D view: drag, or use the arrow keys"]';
    await page.locator(group).locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    expect(await drawsWithWebgl(page, group)).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(docsShots, `trajectories-3d-en-${scheme}.png`), fullPage: true });
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await page.getByRole('group', { name: '可旋转的三维视图：拖动或使用方向键' }).getByRole('img', { name: '隐藏状态轨迹' }).waitFor();
      await page.waitForTimeout(800);
      expect(await englishLeft(page, SAME_IN_BOTH)).toEqual([]);
      await page.screenshot({ path: join(docsShots, `trajectories-3d-zh-CN-${scheme}.png`), fullPage: true });
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.locator(group).waitFor();
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await cspViolations(page)).toEqual([]);
  }, 120_000);

  it('rotates 1,000 points in 3-D with echarts-gl under the CSP (the picture changes; long tasks printed)', async () => {
    await page.getByLabel('Your probe sequences, one per line').fill(Array.from({ length: 5 }, (_, i) => `${'01'.repeat(99)}1${i}`).join('\n'));
    await page.getByRole('button', { name: 'Show these probes' }).click();
    await page.getByRole('radio', { name: '3-D' }).check();
    const group = 'role=group[name="Rotatable 3-D view: drag, or use the arrow keys"]';
    const plot = page.locator(group);
    await plot.getByRole('img', { name: 'Hidden-state trajectories' }).locator('canvas').first().waitFor();
    await page.getByText('Drag, or focus the plot and use the arrow keys, to rotate.').waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('no-webgl').count()).toBe(0);
    expect(await drawsWithWebgl(page, group)).toBe(true);
    await shoot('trajectories-3d-en');
    const box = (await plot.boundingBox())!;
    const before = await plot.screenshot();
    await startLongTasks(page);
    reportMainThread('3-D rotation of 1,000 points', await traceMainThread(served.browser, page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 30; i++) await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 2);
      await page.mouse.up();
      await plot.focus();
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(300);
    }));
    reportLongTasks('3-D rotation of 1,000 points', await longTasks(page));
    const rotated = await plot.screenshot();
    expect(rotated.equals(before)).toBe(false);
    // The keys alone turn it too.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(300);
    expect((await plot.screenshot()).equals(rotated)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: '2-D' }).check();
    expect(problems).toEqual([]);
  }, 120_000);

  it('draws the 3-D view as a projection, saying why, where WebGL is unavailable', async () => {
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    await watchCspViolations(context);
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
        return /webgl/.test(kind) ? null : (original as (...a: unknown[]) => unknown).call(this, kind, ...rest);
      } as typeof original;
    });
    const other = await context.newPage();
    await other.goto(served.host.url);
    await other.getByRole('navigation').getByRole('link', { name: 'Trajectories', exact: true }).click();
    await other.getByLabel('Your probe sequences, one per line').fill(Array.from({ length: 5 }, (_, i) => `${'01'.repeat(99)}1${i}`).join('\n'));
    await other.getByRole('button', { name: 'Show these probes' }).click();
    await other.getByRole('radio', { name: '3-D' }).check();
    await other.getByTestId('no-webgl').getByText('WebGL is not available here, so the 3-D view is drawn as a rotatable projection.').waitFor();
    const group = 'role=group[name="Rotatable 3-D view: drag, or use the arrow keys"]';
    await other.locator(group).getByRole('img', { name: 'Hidden-state trajectories' }).locator('canvas').first().waitFor();
    expect(await drawsWithWebgl(other, group)).toBe(false);
    // The same 1,000 points and the same drag as above, for comparison with echarts-gl.
    const box = (await other.locator(group).boundingBox())!;
    const before = await other.locator(group).screenshot();
    reportMainThread('3-D projection of 1,000 points rotated (no WebGL)', await traceMainThread(served.browser, other, async () => {
      await other.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await other.mouse.down();
      for (let i = 0; i < 30; i++) await other.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 2);
      await other.mouse.up();
      await other.waitForTimeout(300);
    }));
    expect((await other.locator(group).screenshot()).equals(before)).toBe(false);
    expect(await cspViolations(other)).toEqual([]);
    await context.close();
  }, 120_000);

  it('steps through a typed input in Inspect', async () => {
    await nav('Inspect').click();
    await page.getByLabel('Input sequence').fill('0100');
    await page.getByLabel('Target (optional)').fill('1');
    await page.getByRole('button', { name: 'Run input' }).click();
    await page.getByTestId('inspect-verdict').getByText(/^Accepted/).waitFor();
    expect(await page.getByTestId('decoded').count()).toBe(4);
    await page.getByRole('button', { name: 'Show step 2' }).click();
    await page.getByRole('heading', { name: 'State at time step 2' }).waitFor();
    await page.getByRole('img', { name: 'Gradient norm by time step' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('inspect-en');
  });

  it('exports, opens and runs a model in the ONNX workbench', async () => {
    await nav('ONNX').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export ONNX' }).click();
    expect((await download).suggestedFilename()).toBe('tomita4-gated.onnx');
    await page.getByTestId('export-report').getByText('downloaded by the browser').waitFor();
    await page.getByRole('button', { name: 'Open in the workbench' }).click();
    await page.getByRole('heading', { name: 'Model: tomita4-gated.onnx' }).waitFor();
    await page.getByTestId('import-reason').getByText(/^Cannot import: the graph has a Loop/).waitFor();
    await page.getByRole('spinbutton').nth(1).fill('3'); // seq
    await page.getByRole('button', { name: 'Random input of this shape' }).click();
    const json = JSON.parse(await page.getByLabel('Inputs (JSON, one entry per input name)').inputValue()) as { input: number[][][] };
    expect([json.input.length, json.input[0].length, json.input[0][0].length]).toEqual([1, 3, 2]);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByText('output: tensor(float) [1, 3, 1]').waitFor();
    await page.getByLabel('Inputs (JSON, one entry per input name)').fill('{"input": [[[1, 2, 3]]]}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByText('Input "input": axis 2 must have size 2, found 3.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('onnx-en');
  });

  it('compares two runs with a legend naming what differs', async () => {
    await nav('Runs').click();
    await page.getByTestId('runs-differ').getByText('Settings that differ: Gradient clipping, Learning rate').waitFor();
    await page.getByRole('img', { name: 'Spectral bound by run' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^Compare run/ }).count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('runs-en');
  });

  it('saves the design diagram as a standalone SVG', async () => {
    await nav('Design').click();
    const event = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save SVG' }).click();
    const download = await event;
    expect(download.suggestedFilename()).toBe('tomita4-gated-diagram.svg');
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toContain('var(--');
    expect(svg).not.toContain('class=');
    // Colours are written inline: the hidden-state boxes keep their accent stroke.
    expect(svg).toMatch(/stroke:rgb\(\d+, \d+, \d+\)/);
    expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThan(3);
  });

  it('leaves no English on any insight page in Chinese, and each passes axe', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const pages: [string, string, () => Promise<void>][] = [
      ['轨迹', 'trajectories', () => page.getByRole('img', { name: '隐藏状态轨迹' }).waitFor()],
      ['检查', 'inspect', async () => {
        await page.getByLabel('输入序列').fill('1000');
        await page.getByRole('button', { name: '运行输入' }).click();
        await page.getByTestId('inspect-verdict').getByText(/^拒绝/).waitFor();
      }],
      ['ONNX', 'onnx', () => page.getByRole('button', { name: '导出 ONNX' }).waitFor()],
      ['运行记录', 'runs', () => page.getByRole('img', { name: '各次运行的损失' }).waitFor()],
    ];
    for (const [link, name, ready] of pages) {
      await nav(link).click();
      await ready();
      expect(await englishLeft(page, SAME_IN_BOTH), name).toEqual([]);
      expect(await axeViolations(page), name).toEqual([]);
      await shoot(`${name}-zh-CN`);
    }
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(problems).toEqual([]);
  });
});
