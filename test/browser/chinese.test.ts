// Issue 9's story walked in Chinese in chromium on the real lab (gallery -> adding-srn -> train -> alert -> remedy ->
// undo -> train again -> runs -> save), then bad input (an out-of-range field on Design, a bad CSV on Data, a corrupt
// .rnnlab opened, a non-RNN .onnx, an ONNX run whose inputs disagree, a symbol outside Inspect's alphabet): what the core says about each (edit notices, undo labels, the runs table, its
// one-line errors) is worded in Chinese from kinds and numbers, with no English left. Screenshots of the Chinese
// states go to docs/screenshots/ (chinese-*.png).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { englishLeft, englishWords, serveOver, trainUntilDone, value, type ServedLab } from './insight-helpers';
import { axeViolations, CHROMIUM, repoRoot, screenshotDir } from './shell-helpers';

const shots = screenshotDir;
/** Names and terms written the same in both languages (the language picker offers "English" by its own name). */
const SAME_IN_BOTH = ['ONNX', 'CSV', 'JSON', 'RNN', 'Lab', 'ReLU', 'IRNN', 'tanh', 'English', 'MSE', 'PNG', 'Adam', 'IR', 'onnxruntime', 'PyTorch', 'LSTM', 'GRU'];

describe.skipIf(!existsSync(CHROMIUM))('the lab in Chinese in chromium: the core speaks through kinds and numbers', () => {
  let served: ServedLab;
  let page: Page;
  const problems: string[] = [];
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const header = () => page.getByRole('toolbar', { name: '项目' });
  const noEnglish = async (what: string, scopes = ['body']) => {
    for (const scope of scopes) expect(await englishLeft(page, SAME_IN_BOTH, scope), `${what} (${scope})`).toEqual([]);
  };
  /** The Train page names optimisers, papers and shortcuts (SGD, Pascanu, Ctrl): there the header, the notices and
   * the alerts panel are what this walk checks. */
  const AROUND_TRAIN = ['.app-header', '.nav-row', '.banners', '.alerts'];
  const textOf = async (locator: Locator) => (await locator.innerText()).trim();
  const shoot = async (name: string) => page.screenshot({ path: join(shots, `chinese-${name}.png`), fullPage: true });
  const pickFile = async (click: () => Promise<void>, name: string, contents: Buffer | string) => {
    const chooser = page.waitForEvent('filechooser');
    await click();
    await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(contents) });
  };

  beforeAll(async () => {
    served = await serveOver((s) => s, { compute: inProcessChannelFactory });
    const context = await served.browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && problems.push(m.text()));
    page.on('dialog', (d) => void d.accept());
    await page.goto(served.host.url);
  }, 300_000);

  afterAll(async () => served?.close());

  it('opens adding-srn from the gallery, trains it, applies a remedy and undoes it, all worded in Chinese', async () => {
    await page.getByRole('button', { name: '打开示例：梯度消失：加法问题上的 tanh RNN' }).click();
    await expect.poll(async () => (await served.host.lab.describeProject()).ok).toBe(true);
    await nav('训练').click();
    await value(served.host.lab.updateSettings({ training: { steps: 60, epochs: null } }));
    expect((await trainUntilDone(served.host.lab)).status).toBe('done');

    const remedy = page.getByRole('button', { name: 'ReLU + 单位矩阵（IRNN）' }).first();
    await remedy.waitFor({ timeout: 60_000 });
    await remedy.click();
    const notice = page.getByTestId('edit-outcome');
    await expect.poll(() => textOf(notice)).toMatch(/^已将 tanh 换成 ReLU，并把循环权重初始化为单位矩阵。重新初始化：weight_hh_l0。/);
    expect(englishWords(await textOf(notice), SAME_IN_BOTH)).toEqual([]);
    const undo = header().getByRole('button', { name: '撤销', exact: true });
    expect(await undo.getAttribute('title')).toBe('撤销：ReLU + 单位矩阵（IRNN）');
    await noEnglish('after the remedy', AROUND_TRAIN);
    await shoot('remedy');

    await undo.click();
    await expect.poll(() => textOf(notice)).toContain('已撤销“ReLU + 单位矩阵（IRNN）”。');
    expect(await header().getByRole('button', { name: '重做', exact: true }).getAttribute('title')).toBe('重做：ReLU + 单位矩阵（IRNN）');
    await noEnglish('after undo', AROUND_TRAIN);
  }, 300_000);

  it('trains again with another learning rate and lists both runs with what changed, in Chinese', async () => {
    await value(served.host.lab.updateSettings({ training: { lr: 0.003 } }));
    expect((await trainUntilDone(served.host.lab)).status).toBe('done');
    await nav('运行记录').click();
    const rows = page.getByTestId('runs-table').locator('tbody tr');
    await rows.nth(1).waitFor();
    await expect.poll(() => textOf(rows.nth(1).locator('td').nth(3))).toContain('学习率 0.001 → 0.003');
    await noEnglish('runs');
    expect(await axeViolations(page)).toEqual([]);
    await shoot('runs');
  }, 300_000);

  it('saves the project as a download and says so in Chinese', async () => {
    const download = page.waitForEvent('download');
    await header().getByRole('button', { name: '保存', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/\.rnnlab$/);
    await page.getByText('已保存：项目文件已下载。').waitFor();
    await noEnglish('saved');
  });

  it('words an out-of-range field on Design next to the field', async () => {
    await nav('设计').click();
    const hidden = page.getByLabel('隐藏层大小', { exact: true });
    await hidden.fill('0');
    const error = page.getByRole('alert').filter({ hasText: '隐藏层大小：应不小于 1，当前为 0' });
    await error.waitFor();
    expect(await hidden.getAttribute('aria-invalid')).toBe('true');
    // The Design page itself names families, people and equations (Elman, Hochreiter, W_hh): only the error is checked.
    expect(englishWords(await textOf(error), SAME_IN_BOTH)).toEqual([]);
    await shoot('design-error');
    await hidden.fill('5000');
    await page.getByRole('alert').filter({ hasText: '隐藏层大小：应不大于 4096，当前为 5000' }).waitFor();
    await page.getByRole('button', { name: '还原表单' }).click();
  });

  it('words a bad CSV on Data with its line', async () => {
    await nav('数据').click();
    await page.locator('#task-picker').selectOption('csv');
    await pickFile(() => page.getByRole('button', { name: '选择 CSV 文件…' }).click(), 'bad.csv', 'price,volume\n1,2\n3\n4,5\n');
    await page.getByRole('alert').filter({ hasText: '第 3 行：应有 2 个字段，实际为 1 个。' }).waitFor();
    await noEnglish('bad csv');
    await shoot('data-error');
  });

  it('words a corrupt .rnnlab file opened from the header', async () => {
    await pickFile(() => header().getByRole('button', { name: '打开', exact: true }).click(), 'broken.rnnlab', '{"format": "rnnlab-project", "version": 1, "na');
    await page.getByRole('alert').filter({ hasText: 'broken.rnnlab：文件已损坏或不完整（不是有效的 JSON 文本）。' }).waitFor();
    await noEnglish('corrupt project');
    await shoot('open-error');
  });

  it('says in Chinese why a non-RNN .onnx cannot be imported', async () => {
    await nav('ONNX').click();
    const onnx = readFileSync(join(repoRoot, 'test/fixtures/onnx/types.onnx'));
    await pickFile(() => page.getByRole('button', { name: '打开 ONNX 文件…' }).click(), 'types.onnx', onnx);
    const reason = page.getByTestId('import-reason');
    await expect.poll(() => textOf(reason)).toBe('RNN Lab 无法把此图导入为项目：它不是 RNN Lab 能构建的循环网络。');
    // The core's English names the node that stops the import: kept as the tooltip, for the curious.
    expect(await reason.getAttribute('title')).toMatch(/unsupported|expected/);
    await noEnglish('onnx not importable');
    await shoot('onnx-import');
    expect(problems).toEqual([]);
  });

  it('words an ONNX run whose inputs disagree on a shared axis, which only the core can tell', async () => {
    // Exported with its initial state, the model takes x [batch, time, 2] and h0 [1, batch, 3]: a batch of 2 in x
    // and of 1 in h0 passes the page's own checks and is refused by the core.
    const path = join(served.workDir, 'zh.onnx');
    await value(served.host.lab.exportOnnx({ path, initialState: true }));
    const [x, h0] = (await value(served.host.lab.openOnnx(path))).inputs;
    await pickFile(() => page.getByRole('button', { name: '打开 ONNX 文件…' }).click(), 'zh.onnx', readFileSync(path));
    // The run panel is made anew for the opened model (with random inputs): typing into the previous model's panel
    // before this one arrives is lost (under load it arrived after the fill and the run succeeded).
    await page.getByRole('heading', { name: '模型：zh.onnx' }).waitFor();
    const hidden = Number(h0.shape![2]);
    const inputs = { [x.name]: [[[1, 0]], [[0, 1]]], [h0.name]: [[Array.from({ length: hidden }, () => 0)]] };
    await page.getByLabel('输入（JSON，每个输入名称一项）').fill(JSON.stringify(inputs));
    await page.getByRole('button', { name: '运行', exact: true }).click();
    const error = page.getByRole('alert').filter({ hasText: `输入“${h0.name}”：第 1 轴应与输入“${x.name}”一致（为 2），实际为 1。` });
    await error.waitFor();
    expect(englishWords(await textOf(error), SAME_IN_BOTH)).toEqual([]);
    await noEnglish('onnx run refused', ['main']);
    await shoot('onnx-run-error');
  }, 120_000);

  it('words a typed Inspect input outside the alphabet', async () => {
    await value(served.host.lab.setTask({ id: 'tomita' }));
    await nav('检查').click();
    await page.getByLabel('输入序列', { exact: true }).fill('0120');
    await page.getByRole('button', { name: '运行输入' }).click();
    const error = page.getByRole('alert').filter({ hasText: '输入：第 3 个位置的“2”不在字母表 01 中。' });
    await error.waitFor();
    expect(englishWords(await textOf(error), SAME_IN_BOTH)).toEqual([]);
    await noEnglish('inspect bad input', ['main']);
    await shoot('inspect-error');
    expect(problems).toEqual([]);
  });
});
