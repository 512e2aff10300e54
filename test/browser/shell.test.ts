// The shell in chromium through `rnnlab serve`'s web host: Start (gallery, recent files), open adding-srn, Design
// (form checked by the core, diagram, Apply with what changed, Undo by Ctrl+Z), Data (task form, preview), Chinese,
// an axe-core scan of each page in both languages, and screenshots (en/zh-CN, light/dark) into docs/screenshots/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleInfo, ProjectSummary } from '../../src-main/api/lab-api';
import { axeViolations, CHROMIUM, screenshotDir, serveRenderer, type Served } from './shell-helpers';

const shots = screenshotDir;
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('the shell in chromium', () => {
  let served: Served;
  let page: Page;
  let examples: ExampleInfo[];
  const problems: string[] = [];

  const shoot = async (name: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(shots, `${name}-${scheme}.png`), fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const summary = async () => {
    const r = await served.host.lab.describeProject();
    if (!r.ok) throw new Error(r.error);
    return r.value as ProjectSummary;
  };

  beforeAll(async () => {
    served = await serveRenderer();
    const listed = await served.host.lab.listExamples();
    if (!listed.ok) throw new Error(listed.error);
    examples = listed.value;
    const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(served.host.url);
  });

  afterAll(async () => served?.close());

  it('opens on Start with the example gallery, each with what to look at', async () => {
    await page.getByRole('heading', { name: 'Welcome to RNN Lab' }).waitFor();
    const adding = examples.find((e) => e.id === 'adding-srn')!;
    await page.getByRole('button', { name: `Open example: ${adding.title}` }).waitFor();
    expect(await page.getByRole('button', { name: /^Open example: / }).count()).toBe(examples.length);
    await page.getByText(adding.lookFor).first().waitFor();
    for (const name of ['Start', 'Design', 'Data', 'Train']) await nav(name).waitFor();
    expect(await page.getByText('No recent projects yet').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('start-en');
    expect(problems).toEqual([]);
  });

  it('opens adding-srn from the gallery and names it in the header', async () => {
    const adding = examples.find((e) => e.id === 'adding-srn')!;
    await page.getByRole('button', { name: `Open example: ${adding.title}` }).click();
    await page.waitForURL(/#\/train$/);
    expect(await page.getByTestId('project-name').textContent()).toContain((await summary()).name);
  });

  it("shows Design with the project's spec, the core's parameter count and the unrolled diagram", async () => {
    await nav('Design').click();
    await page.getByRole('heading', { name: 'Design the network' }).waitFor();
    expect(await page.getByRole('radio', { name: /nn\.RNN/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Hidden size', { exact: true }).inputValue()).toBe('32');
    const count = (await summary()).parameterCount;
    await page.getByTestId('parameter-count').getByText(new Intl.NumberFormat('en').format(count)).waitFor();
    const diagram = page.getByTestId('network-diagram');
    expect(await diagram.locator('g.box.hidden').count()).toBe(3);
    expect(await diagram.locator('g.arrow.recurrent').count()).toBe(2);
    // Not applicable to nn.RNN: Elman's shortcut, disabled with the core's reason.
    expect(await page.getByLabel('Input-to-output shortcut').isDisabled()).toBe(true);
    await page.getByText(/^Does not apply: /).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('design-en');
  });

  it('reaches every control of Design by keyboard with a visible focus ring, and names diagram parts on focus', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        // A visually hidden radio shows its ring on the family card around it.
        const shown = el.matches('input[type=radio]') ? (el.closest('label') as HTMLElement) : el;
        const style = getComputedStyle(shown);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        // Diagram parts show focus by drawing their strokes in the focus colour.
        const probe = document.createElement('span');
        probe.style.color = 'var(--focus)';
        document.body.append(probe);
        const focusColour = getComputedStyle(probe).color;
        probe.remove();
        const svgRing = el instanceof SVGElement && getComputedStyle(el.querySelector('.stroke, rect')!).stroke === focusColour;
        return { what: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`, ring: ring || svgRing };
      });
      if (!focused) continue;
      expect(focused.ring, `focus ring on ${focused.what}`).toBe(true);
      seen.push(focused.what);
    }
    expect(seen.some((w) => w.startsWith('a ') && w.includes('Design'))).toBe(true);
    expect(seen.some((w) => w.startsWith('input'))).toBe(true);
    const part = page.getByTestId('network-diagram').getByRole('img', { name: /^recurrent: h\(t−1\) → h\(t\): weight_hh_l0 \[32 × 32\]/ });
    await part.focus();
    await page.getByRole('tooltip').getByText('weight_hh_l0 [32 × 32]').waitFor();
  });

  it("puts the core's one-line error next to the field, then applies a change that says what it kept, and Ctrl+Z undoes it", async () => {
    const hidden = page.getByLabel('Hidden size', { exact: true });
    await hidden.fill('0');
    const error = page.getByRole('alert').filter({ hasText: 'Hidden size: expected at least 1, found 0' });
    await error.waitFor();
    expect(await hidden.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await hidden.fill('48');
    await page.getByRole('button', { name: 'Apply' }).click();
    const outcome = page.getByTestId('edit-outcome');
    await outcome.waitFor();
    expect((await summary()).spec.hidden_size).toBe(48);
    await page.getByTestId('unsaved-dot').waitFor();
    await page.getByRole('heading', { name: 'Design the network' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await summary()).spec.hidden_size).toBe(32);
    await expect.poll(() => hidden.inputValue()).toBe('32');
  });

  it('shows Data with the task form and a preview of samples and split sizes', async () => {
    await nav('Data').click();
    await page.getByRole('heading', { name: 'Give the network a task' }).waitFor();
    // The task list arrives after the page: wait for the project's task to be picked.
    await expect.poll(() => page.getByRole('combobox', { name: 'Task', exact: true }).inputValue()).toBe('adding');
    await expect.poll(() => page.getByLabel('length', { exact: true }).inputValue()).toBe('100');
    await page.getByText(/^training [\d,]+, validation [\d,]+, test [\d,]+$/).waitFor();
    expect(await page.getByRole('img', { name: /^Sample 1 / }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shoot('data-en');
  });

  it('offers a one-click fix when the network does not fit the chosen task, and Ctrl+Z takes it back', async () => {
    await page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('tomita');
    await page.getByRole('table', { name: 'Samples' }).getByText(/^(accept|reject)$/).first().waitFor();
    const mismatch = page.getByTestId('spec-mismatch');
    await mismatch.waitFor();
    await page.screenshot({ path: join(shots, 'data-symbols-en-light.png'), fullPage: true });
    await page.getByRole('button', { name: 'Fix the network' }).click();
    await mismatch.waitFor({ state: 'detached' });
    const fixed = await summary();
    expect(fixed.spec.output_activation).toBe('sigmoid');
    expect(fixed.task?.id).toBe('adding');
    await page.getByRole('heading', { name: 'Give the network a task' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await summary()).spec.output_activation).toBe('none');
    await page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('adding');
  });

  it('previews an uploaded CSV file: its columns, then samples of the series task built from it', async () => {
    await page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('csv');
    await page.getByText('Choose a file to see the preview.').waitFor();
    const rows = Array.from({ length: 240 }, (_, i) => `${i};${(100 + Math.sin(i / 7) * 5).toFixed(3)};${1000 + i}`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose CSV file…' }).click()]);
    await chooser.setFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(['day;price;volume', ...rows].join('\n')) });
    await page.getByText('prices.csv', { exact: true }).waitFor();
    await page.getByText('240 rows, 3 columns (3 numeric).').waitFor();
    expect(await page.getByLabel('First row is a header').isChecked()).toBe(true);
    expect(await page.getByLabel('delimiter', { exact: true }).inputValue()).toBe(';');
    await page.getByLabel('targets', { exact: true }).fill('price');
    await page.getByText(/^training [\d,]+, validation [\d,]+, test [\d,]+$/).waitFor();
    await page.getByRole('img', { name: /^Sample 1 / }).waitFor();
    await page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('adding');
  });

  it('switches to Chinese, keeps it after a reload, and every page passes axe in Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await nav('开始').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await nav('数据').waitFor();
    await page.getByText(/^引擎：(原生|参考实现)/).waitFor();
    await page.getByRole('heading', { name: '为网络选择任务' }).waitFor();
    await page.getByText(/^训练集 [\d,]+，验证集/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('data-zh-CN');
    await nav('设计').click();
    await page.getByRole('heading', { name: '设计网络' }).waitFor();
    await page.getByTestId('parameter-count').getByText(/^参数：/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('design-zh-CN');
    await nav('开始').click();
    await page.getByRole('heading', { name: '欢迎使用 RNN 实验室' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot('start-zh-CN');
    expect(problems).toEqual([]);
  });

  it('asks before New replaces a project with unsaved changes, then opens Design on a fresh one', async () => {
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.waitForURL(/#\/design$/);
    expect(asked).toEqual([`“${'adding-srn'}”有未保存的更改，继续将丢失这些更改。是否继续？`]);
    await expect.poll(async () => (await summary()).name).toBe('未命名');
    expect(await page.getByTestId('project-name').textContent()).toContain('未命名');
    await page.getByTestId('unsaved-dot').waitFor();
    // Ctrl+S saves through the same action as the Save button: in browser mode the project file is downloaded.
    await page.getByRole('heading', { name: '设计网络' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    expect(download.suggestedFilename()).toMatch(/\.rnnlab$/);
    await page.getByText('已保存：项目文件已下载。').waitFor();
    await page.getByTestId('unsaved-dot').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
