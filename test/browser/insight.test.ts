// Issue 10's story in chromium through `rnnlab serve`'s web host, on the real lab: open tomita4-gated, train it,
// check from the Trajectories CSV that accepted and rejected probes end apart, step through a string in Inspect and
// compare with `evaluate`, export ONNX from the workbench, open the downloaded file, run it and compare with Inspect,
// compare two runs, then Chinese with no English left and axe in both languages; screenshots into docs/screenshots/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCoreApi, RunStatus } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { reportLongTasks, englishLeft, longTasks, serveOver, startLongTasks, trainUntilDone, value, type ServedLab } from './insight-helpers';
import { axeViolations, CHROMIUM, screenshotDir } from './shell-helpers';

const shots = screenshotDir;
const SAME_IN_BOTH = ['ONNX', 'CSV', 'PNG', 'JSON', 'PCA', 'IR', 'onnxruntime', 'RNN', 'Lab', 'MSE', 'PC'];
const STRING = '0100110'; // Tomita 4 (no "000"): accepted

async function trainToEnd(lab: LabCoreApi, steps: number): Promise<RunStatus> {
  await value(lab.updateSettings({ training: { steps }, run: { snapshot_every: Math.max(1, Math.floor(steps / 20)) } }));
  return trainUntilDone(lab);
}

/** Rows of a CSV without quoting (what the trajectory CSV holds for binary strings). */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

describe.skipIf(!existsSync(CHROMIUM))('issue 10 in chromium: what tomita4-gated learned', () => {
  let served: ServedLab;
  let page: Page;
  const problems: string[] = [];
  let inspectP = NaN;
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const shoot = async (name: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, `${name}-${scheme}.png`), fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const download = async (click: () => Promise<void>): Promise<string> => {
    const event = page.waitForEvent('download');
    await click();
    const file = await (await event).path();
    return readFileSync(file, 'utf8');
  };

  beforeAll(async () => {
    // The compute "process" runs inside the test's process: a forked compute bundled from source looks for
    // onnx-worker.mjs beside its cache copy and does not find it (the built app has it beside compute.mjs).
    served = await serveOver((s) => s, { compute: inProcessChannelFactory });
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(served.host.url);
    const examples = await value(served.host.lab.listExamples());
    const tomita = examples.find((e) => e.id === 'tomita4-gated')!;
    await page.getByRole('button', { name: `Open example: ${tomita.title}` }).click();
    for (let i = 0; i < 100; i++) {
      const open = await served.host.lab.describeProject();
      if (open.ok && open.value.name === 'tomita4-gated') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const status = await trainToEnd(served.host.lab, 400);
    expect(status.status).toBe('done');
  }, 300_000);

  afterAll(async () => served?.close());

  it('ends accepted and rejected probes in separate regions of PCA space (from the CSV)', async () => {
    await nav('Trajectories').click();
    await page.getByRole('img', { name: 'Hidden-state trajectories' }).waitFor();
    await page.getByTestId('trajectory-step').getByText('Weights at step 400').waitFor();
    const rows = csvRows(await download(() => page.getByRole('button', { name: 'Download final states (CSV)' }).click()));
    const points = rows.map((r) => ({ label: Number(r.label), x: [Number(r.pc1), Number(r.pc2), Number(r.pc3)] }));
    const groups = [0, 1].map((l) => points.filter((p) => p.label === l));
    expect(groups[0].length).toBeGreaterThan(2);
    expect(groups[1].length).toBeGreaterThan(2);
    const centroid = (g: typeof points) => [0, 1, 2].map((d) => g.reduce((s, p) => s + p.x[d], 0) / g.length);
    const [c0, c1] = groups.map(centroid);
    const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
    const nearestRight = points.filter((p) => (dist(p.x, c1) < dist(p.x, c0) ? 1 : 0) === p.label).length;
    console.log(`trajectories: ${points.length} probes, nearest-centroid agreement ${nearestRight}/${points.length}, centroid distance ${dist(c0, c1).toFixed(3)}`);
    expect(nearestRight / points.length).toBeGreaterThanOrEqual(0.9);
    // The path drawn step by step: no long task while it plays.
    await startLongTasks(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 90_000 });
    const long = await longTasks(page);
    reportLongTasks('trajectory animation', long);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('trajectories-en');
  }, 240_000);

  it('decodes a typed string in Inspect as evaluate does', async () => {
    await nav('Inspect').click();
    await page.getByLabel('Input sequence').fill(STRING);
    await page.getByRole('button', { name: 'Run input' }).click();
    const verdict = await page.getByTestId('inspect-verdict').textContent();
    const shown = /^(Accepted|Rejected) \(p = ([\d.]+)\)$/.exec(verdict!.trim());
    expect(shown).not.toBeNull();
    const x = [[...STRING].map((c) => (c === '1' ? [0, 1] : [1, 0]))];
    const y = (await value(served.host.lab.evaluate({ x }))).y!;
    const pAccept = y[0].at(-1)![0];
    inspectP = pAccept;
    expect(shown![1]).toBe(pAccept >= 0.5 ? 'Accepted' : 'Rejected');
    expect(Number(shown![2])).toBeCloseTo(pAccept >= 0.5 ? pAccept : 1 - pAccept, 2);
    expect(await page.getByTestId('decoded').count()).toBe(STRING.length);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('inspect-en');
  });

  it('exports ONNX from the workbench, opens the downloaded file, runs it and agrees with Inspect', async () => {
    await nav('ONNX').click();
    const event = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export ONNX' }).click();
    const failed = page.getByRole('alert');
    const first = await Promise.race([
      event.then(() => 'download', () => 'timeout'),
      failed.waitFor({ timeout: 120_000 }).then(() => 'alert', () => 'timeout'),
    ]);
    if (first === 'alert') throw new Error(`export failed: ${await failed.textContent()}`);
    const file = join(served.workDir, 'exported.onnx');
    await (await event).saveAs(file);
    await page.getByTestId('export-report').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open ONNX file…' }).click();
    await (await chooser).setFiles(file);
    await page.getByRole('heading', { name: /^Model: / }).waitFor();
    const model = await page.getByTestId('onnx-values').locator('tbody tr').allTextContents();
    const inputName = (await page.getByTestId('onnx-values').locator('tbody tr').first().locator('td').nth(1).textContent())!;
    const x = [[...STRING].map((c) => (c === '1' ? [0, 1] : [1, 0]))];
    await page.getByLabel('Inputs (JSON, one entry per input name)').fill(JSON.stringify({ [inputName]: x }));
    const answer = page.waitForResponse((r) => r.url().includes('/api/call/runOnnx'));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = (await (await answer).json()) as { ok: boolean; value: { outputs: { name: string; data: number[][][] }[] } };
    expect(run.ok, JSON.stringify(model)).toBe(true);
    const output = run.value.outputs[0];
    await page.getByTestId(`onnx-output-${output.name}`).waitFor();
    await page.getByRole('button', { name: `Show as table: Output ${output.name}` }).click();
    const lastCell = await page.getByTestId(`onnx-output-${output.name}`).locator('tbody tr').last().locator('td').last().textContent();
    expect(Math.abs(Number(lastCell) - inspectP)).toBeLessThan(1e-4);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('onnx-en');
  }, 300_000);

  it('compares two runs of the project, naming what differs', async () => {
    await value(served.host.lab.updateSettings({ training: { lr: 0.005 } }));
    expect((await trainToEnd(served.host.lab, 100)).status).toBe('done');
    await nav('Runs').click();
    await page.getByTestId('runs-table').locator('tbody tr').nth(1).waitFor();
    await page.getByTestId('runs-differ').getByText(/Learning rate/).waitFor();
    const csv = await download(() => page.getByRole('button', { name: 'Download CSV: Loss by run' }).click());
    const [header, ...lines] = parse(csv) as string[][];
    expect(header).toHaveLength(3);
    expect(header[2]).toMatch(/Learning rate=0\.005/);
    expect(lines.length).toBeGreaterThan(10);
    // Aligned by step: the first run's loss column is filled wherever it recorded a point.
    expect(lines.filter((l) => l[1] !== '').length).toBeGreaterThan(10);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('runs-en');
  });

  it('leaves no English on the insight pages in Chinese, and each passes axe', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const pages: [string, string, () => Promise<void>][] = [
      ['轨迹', 'trajectories', () => page.getByRole('img', { name: '隐藏状态轨迹' }).waitFor()],
      ['检查', 'inspect', async () => {
        await page.getByLabel('输入序列').fill('1000');
        await page.getByRole('button', { name: '运行输入' }).click();
        await page.getByTestId('inspect-verdict').waitFor();
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
    expect(problems).toEqual([]);
  });

  it('offers the snapshots of a run in progress on the training-step slider, and shows one before the run ends', async () => {
    const lab = served.host.lab;
    await value(lab.updateSettings({ training: { steps: 5000 }, run: { snapshot_every: 50 } }));
    await value(lab.startTraining({ paused: true }));
    const stepTo = async (count: number) => {
      const from = (await value(lab.trainingStatus())).step;
      await value(lab.stepTraining(count));
      for (let i = 0; i < 200 && (await value(lab.trainingStatus())).step < from + count; i++) await new Promise((r) => setTimeout(r, 100));
    };
    await stepTo(200);
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const live = await context.newPage();
    live.on('pageerror', (e) => problems.push(e.message));
    await live.goto(`${served.host.url}#/trajectories`);
    const slider = live.getByRole('slider', { name: 'Training step' });
    await live.getByRole('img', { name: 'Hidden-state trajectories' }).waitFor();
    const max = async () => Number(await slider.getAttribute('max'));
    for (let i = 0; i < 50 && (await max()) < 4; i++) await live.waitForTimeout(100);
    const before = await max();
    expect(before).toBeGreaterThanOrEqual(4); // the starting weights and every 50 steps of the run, while it is paused
    await stepTo(200);
    for (let i = 0; i < 50 && (await max()) <= before; i++) await live.waitForTimeout(100);
    expect(await max()).toBeGreaterThan(before); // new snapshots joined while the page was open
    await slider.fill('1');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(/^snapshot at step \d+$/);
    await live.getByRole('img', { name: 'Hidden-state trajectories' }).waitFor();
    expect(await live.locator('.error-line').count()).toBe(0);
    await value(lab.stopTraining());
    await context.close();
    expect(problems).toEqual([]);
  });
});
