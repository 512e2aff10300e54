// Issue 9's story on the Train page, in chromium through `rnnlab serve`'s web host: open adding-srn, train, see the
// loss move, every parameter's gradient norm and ||dL/dh_t|| dying towards t = 1 (from the charts' CSVs), a vanishing
// alert with remedies; apply ReLU + identity (IRNN), undo and redo it; train again without the alert; save, reopen
// through the page's Open (confirm, then the file chooser) and redraw both runs from the saved history. Also: long
// tasks during a run, axe-core in both languages, screenshots.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../src-main/api/lab-api';
import { axeViolations, CHROMIUM, screenshotDir, serveRenderer, type Served } from './shell-helpers';
import {
  chartCsv, chartDrawTimes, column, latestTimestepNorms, longTasks, setSetting, startLongTasks, waitForState,
} from './train-helpers';

const shots = screenshotDir;
/** expect.poll with room for a machine shared by many processes. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 250 });
const CHARTS = ['Loss', 'Gradient norms', 'Gradient through time', 'Spectral bound', 'Update size'];

describe.skipIf(!existsSync(CHROMIUM))('the Train page in chromium (issue 9 story)', () => {
  let served: Served;
  let page: Page;
  const problems: string[] = [];
  const savedFile = join(mkdtempSync(join(tmpdir(), 'rnnlab-train-')), 'adding-srn.rnnlab');
  const firstRun: { heat?: number[] } = {};

  const summary = async (): Promise<ProjectSummary> => {
    const r = await served.host.lab.describeProject();
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const alerts = () => page.getByRole('region', { name: /^Alerts/ }).locator('li[data-kind]');

  beforeAll(async () => {
    served = await serveRenderer();
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 2000 }, colorScheme: 'light', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(served.host.url);
    const examples = await served.host.lab.listExamples();
    if (!examples.ok) throw new Error(examples.error);
    const adding = examples.value.find((e) => e.id === 'adding-srn')!;
    await page.getByRole('button', { name: `Open example: ${adding.title}` }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Train', exact: true }).click();
    await button('Start training').waitFor();
  }, 240_000);

  afterAll(async () => served?.close());

  it('trains adding-srn: the loss moves, every parameter is charted, ||dL/dh_t|| dies towards t = 1, a vanishing alert offers remedies', async () => {
    for (const name of CHARTS) await page.getByRole('figure', { name, exact: true }).waitFor();
    await setSetting(page, 'Steps', '60');
    await poll(async () => (await served.host.lab.getSettings() as { ok: true; value: { training: { steps: number } } }).value.training.steps).toBe(60);
    await button('Start training').click();
    await waitForState(page, 'Finished');

    const loss = column(await chartCsv(page, 'Loss'), 'train_loss').map(Number).filter(Number.isFinite);
    expect(loss.length).toBeGreaterThan(10);
    expect(Math.abs(loss[loss.length - 1] - loss[0])).toBeGreaterThan(0.01 * Math.abs(loss[0]));

    const norms = await chartCsv(page, 'Gradient norms');
    const params = (await summary()).parameters.map((p) => p.name);
    expect(norms.columns).toEqual(expect.arrayContaining(['step', 'global', ...params]));
    for (const p of params) expect(column(norms, p).every((v) => Number(v) > 0)).toBe(true);

    const heat = latestTimestepNorms(await chartCsv(page, 'Gradient through time'));
    expect(heat).toHaveLength(40); // T = 100 drawn as 40 evenly spread rows, t = 1 and t = 100 included
    expect(heat[0]).toBeLessThan(1e-3 * heat[heat.length - 1]);
    firstRun.heat = heat;

    const vanishing = alerts().filter({ has: page.getByRole('heading', { name: 'Vanishing gradient' }) });
    await vanishing.first().waitFor();
    await poll(() => vanishing.first().getByRole('button').count()).toBeGreaterThan(1);
    expect(await vanishing.first().textContent()).toMatch(/The gradient reaching the first time step is .* times the one at the last step/);
    await button('ReLU + identity (IRNN)').waitFor();
  }, 240_000);

  it('applies ReLU + identity (IRNN), says what changed; Ctrl+Z undoes it and Ctrl+Shift+Z redoes it', async () => {
    await button('ReLU + identity (IRNN)').click();
    const said = page.getByRole('region', { name: /^Alerts/ }).getByRole('status');
    await said.filter({ hasText: /^ReLU \+ identity \(IRNN\): / }).waitFor();
    expect((await summary()).spec.nonlinearity).toBe('relu');
    expect((await summary()).spec.init.scheme).toBe('identity');
    // The keys act on what the page knows: wait until its header offers Undo / Redo before pressing them.
    const fileBar = page.getByRole('toolbar', { name: 'Project' });
    await page.locator('h1').click();
    await poll(() => fileBar.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await poll(async () => (await summary()).spec.nonlinearity).toBe('tanh');
    await poll(() => fileBar.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await poll(async () => (await summary()).spec.nonlinearity).toBe('relu');
    expect((await summary()).spec.init.scheme).toBe('identity');
  }, 240_000);

  it('trains the IRNN (Step, then Space resumes): no vanishing alert, the gradient reaches t = 1; long tasks printed', async () => {
    await setSetting(page, 'Steps', '300');
    await poll(async () => (await served.host.lab.getSettings() as { ok: true; value: { training: { steps: number } } }).value.training.steps).toBe(300);
    await startLongTasks(page);
    // Step starts the run paused after one step; Space (focus off the buttons, where Space presses the button) resumes.
    await button('Step').click();
    await waitForState(page, 'Paused', 30_000);
    // The run is paused from its start and takes its one step after: the step count follows shortly.
    await poll(async () => (await served.host.lab.trainingStatus() as { ok: true; value: { step: number } }).value.step).toBe(1);
    await page.locator('h1').click();
    await page.keyboard.press('Space');
    await waitForState(page, 'Finished', 90_000);
    const tasks = await longTasks(page);
    const worst = Math.max(0, ...tasks);
    console.log(`long tasks during the IRNN run: ${tasks.length}, worst ${worst.toFixed(0)} ms; chart redraws:`, JSON.stringify(await chartDrawTimes(page)));
    expect(await alerts().filter({ hasText: 'Vanishing gradient' }).count()).toBe(0);
    const heat = latestTimestepNorms(await chartCsv(page, 'Gradient through time'));
    expect(heat[0]).toBeGreaterThan(1e-3 * heat[heat.length - 1]);
    expect(heat[0]).toBeGreaterThan(1e6 * firstRun.heat![0]);
    // The 50 ms bound is a measurement, printed above and reported in docs/ui.md, not a timed assertion: wall-clock
    // bounds in a test fail on whatever else the machine is doing (the brief keeps performance in printed numbers).
  }, 240_000);

  it('saves with Ctrl+S (a download), reopens the file through the page and redraws both runs from the saved history', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    await download.saveAs(savedFile);
    // Another project in between, with an unsaved change; then the saved file comes back through the page's Open (a
    // file chooser), as a user would: the session's run log is gone, so every curve below is redrawn from the file.
    expect((await served.host.lab.openExample('anbn-srn')).ok).toBe(true);
    await poll(async () => (await served.host.lab.getRun('current')).ok).toBe(false);
    await page.getByRole('heading', { name: /anbn-srn/ }).first().waitFor();
    await setSetting(page, 'Steps', '77');
    // Open asks before discarding only when the page knows of the change: wait for its dot, not only the core's flag.
    await page.getByTestId('unsaved-dot').waitFor();
    // Both handlers before the click: the confirm is answered by the 'dialog' handler (unhandled, playwright
    // dismisses it and Open stops), and the chooser is caught only when it is awaited from before it opens. The
    // chooser comes first, straight from the click: a confirm before it, answered after Chromium's ~5 s of user
    // activation, left the chooser unopened (the old intermittent failure), so the page asks only once a file is picked.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'Open', exact: true }).click();
    const fileChooser = await chooser;
    expect(asked).toEqual([]);
    await fileChooser.setFiles(savedFile);
    await poll(() => asked).toEqual([expect.stringContaining('anbn-srn')]);
    await page.getByRole('heading', { name: 'Design the network' }).waitFor(); // Open lands on Design
    await page.getByRole('navigation').getByRole('link', { name: 'Train', exact: true }).click();
    await page.getByRole('heading', { name: /adding-srn/ }).first().waitFor();
    expect((await summary()).runCount).toBe(2);
    // The reopened project's last run is history, not a live run: the header shows no run, the page says what was saved.
    await page.getByTestId('last-run').filter({ hasText: 'Last run: 300 steps, finished' }).waitFor();
    await poll(() => page.getByTestId('run-status').count()).toBe(0);
    const picker = page.getByLabel('Run shown');
    await poll(() => picker.locator('option').count()).toBe(3);
    const runs = await served.host.lab.listRuns();
    if (!runs.ok) throw new Error(runs.error);
    const [first, second] = runs.value;

    await picker.selectOption(first.id);
    await page.getByText("A past run from the project's history").waitFor();
    await poll(async () => latestTimestepNorms(await chartCsv(page, 'Gradient through time'))[0]).toBeLessThan(1e-3 * firstRun.heat![39]);
    expect(Math.max(...column(await chartCsv(page, 'Loss'), 'step').map(Number))).toBe(first.steps);
    expect((await alerts().count())).toBeGreaterThan(0);

    await picker.selectOption(second.id);
    await poll(async () => Math.max(...column(await chartCsv(page, 'Loss'), 'step').map(Number))).toBe(second.steps);
    const heat = latestTimestepNorms(await chartCsv(page, 'Gradient through time'));
    expect(heat[0]).toBeGreaterThan(1e-3 * heat[heat.length - 1]);
    for (const name of ['Gradient norms', 'Spectral bound', 'Update size']) expect((await chartCsv(page, name)).rows.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 240_000);

  it('passes axe-core in English and Chinese; screenshots in both languages and themes', async () => {
    await page.getByLabel('Run shown').selectOption({ index: 1 });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('figure', { name: 'Gradient through time', exact: true }).getByRole('button', { name: 'Save PNG', exact: true }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('gradient-through-time.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(10_000);
    await page.waitForTimeout(6500); // the "Downloaded …" notes fade before the screenshots
    const dismiss = page.locator('main, header, body').getByRole('button', { name: 'Dismiss', exact: true }).filter({ visible: true });
    for (let i = 0; i < 4 && (await dismiss.count()) > 0; i++) await dismiss.first().click({ timeout: 5000 }); // earlier edits' banners
    for (const [lang, file] of [['English', 'en'], ['简体中文', 'zh-CN']] as const) {
      await page.getByRole('combobox', { name: /Language|语言/ }).selectOption({ label: lang });
      await page.getByRole('button', { name: file === 'en' ? 'Start training' : '开始训练', exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(1200); // the heatmap redraws at most once a second
        await page.screenshot({ path: join(shots, `train-${file}-${scheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.getByRole('combobox', { name: /Language|语言/ }).selectOption({ label: 'English' });
  }, 240_000);
});
