// The renderer words the core's kinds and numbers in English and Chinese: every error code the core can raise
// (ERROR_CODES) has wording in both languages and a Chinese sentence without English words; edit labels, edit
// outcomes, field changes and stop reasons likewise; an unknown code falls back to the core's English sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type EditLabel, type EditOutcome, type ErrorCode, type Failure, type MessageParams, type StopReason } from '../../src-main/api/lab-api';
import {
  changeText, editLabelText, editOutcomeText, errorDetail, errorText, stopText, type Wording,
} from '../../src-renderer/src/i18n/core-wording';
import { formatNumber } from '../../src-renderer/src/i18n/format';

const dir = resolve(__dirname, '../../src-renderer/src/i18n/locales');
const load = (lang: string) =>
  Object.fromEntries(readdirSync(`${dir}/${lang}`).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(`${dir}/${lang}/${f}`, 'utf8'))]));
// Typed loosely: the messages are JSON read at run time, and vue-i18n's message-schema inference recurses too deep on them.
const i18n = createI18n({ legacy: false, locale: 'en', missingWarn: false, fallbackWarn: false, messages: { en: load('en'), 'zh-CN': load('zh-CN') } as unknown as Record<string, never> }) as unknown as {
  global: { t: (key: string, params: Record<string, unknown>) => string; te: (key: string, locale?: string) => boolean; locale: { value: string } };
};

function wording(locale: 'en' | 'zh-CN'): Wording {
  i18n.global.locale.value = locale;
  return { t: (key, params) => i18n.global.t(key, params ?? {}), te: (key) => i18n.global.te(key, locale), num: (v) => formatNumber(v, locale, 4), locale };
}

/** English words a Chinese reader would meet: Latin words of 2+ letters, minus names and the allowed terms. */
const ALLOWED = ['RNN', 'Lab', 'ONNX', 'CSV', 'JSON', 'ReLU', 'tanh', 'sigmoid', 'softmax', 'Jordan', 'Elman', 'LSTM', 'GRU', 'PyTorch', 'Xavier', 'Tomita', 'IRNN', 'MB', 'SIGKILL', 'onnxruntime', 'HTTP', 'PCA'];
function englishWords(text: string): string[] {
  return text.split(/[\s，。：；、（）“”！？,;:()]+/).filter((token) => token && !/[0-9._\-/[\]=‖]/.test(token))
    .flatMap((token) => token.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !ALLOWED.includes(word));
}

/** Params of the kind the core sends with each code (names as the core uses them). */
const SAMPLE: MessageParams = {
  field: 'hidden_size', found: '0', min: 1, max: 4096, choices: 'tanh, relu', arch: 'lstm', task: 'tomita', line: 3, column: 'v', expected: 2, name: 'price',
  file: 'a.rnnlab', path: 'a.rnnlab', reason: 'exit code 1', exclusive: 0,
  // Inspect, ONNX runs, training settings, the transport
  probe: 2, symbol: '#', position: 4, alphabet: '01', width: 2, symbols: 2, inputs: 3, row: 2, input: 'h0', dim: 'batch', other: 'input_x', axis: 1,
  type: 'float32', names: 'x, h0', types: 'float32, int64', shape: '[1][batch][4]', seconds: 30, output: 'y_out', momentum: 0, dampening: 0.5,
  epochs: 10, steps: 200, k1: 20, k2: 10, url: 'http://127.0.0.1:5000', status: 502, method: 'runOnnx',
};

describe('error codes', () => {
  it('every code the core can raise is worded in both languages, Chinese without English words', () => {
    const missing: string[] = [];
    const english: string[] = [];
    for (const code of ERROR_CODES) {
      for (const locale of ['en', 'zh-CN'] as const) {
        if (!i18n.global.te(`core.error.${code}`, locale)) missing.push(`${locale} ${code}`);
      }
      const zh = errorText({ error: 'ENGLISH FALLBACK', code, params: SAMPLE }, wording('zh-CN'))!;
      // Params are data (a column's name, a choice, the operating system's reason a process died), not wording.
      const data = Object.values(SAMPLE).map(String).sort((a, b) => b.length - a.length);
      const words = englishWords(data.reduce<string>((text, v) => text.split(v).join(' '), zh));
      if (words.length) english.push(`${code}: ${zh} (${words.join(', ')})`);
      expect(zh).not.toMatch(/[{}]/);
    }
    expect(missing).toEqual([]);
    expect(english).toEqual([]);
  });

  it('words a field error with the field by its form label and the numbers, in either language', () => {
    const error = { error: 'invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0', code: 'field-too-small' as ErrorCode, params: { field: 'hidden_size', min: 1, exclusive: 0, found: '0' } };
    expect(errorText(error, wording('en'))).toBe('Hidden size: expected at least 1, found 0');
    expect(errorText(error, wording('zh-CN'))).toBe('隐藏层大小：应不小于 1，当前为 0');
    const gain = { error: 'x', code: 'field-too-small' as ErrorCode, params: { field: 'init.gain', min: 0, exclusive: 1, found: '-1' } };
    expect(errorText(gain, wording('zh-CN'))).toBe('增益：应大于 0，当前为 -1');
    const lr = { error: 'x', code: 'field-too-large' as ErrorCode, params: { field: 'training.lr', max: 10, found: '20' } };
    expect(errorText(lr, wording('zh-CN'))).toBe('学习率：应不大于 10，当前为 20');
    const gates = { error: 'x', code: 'spec-fixed-gates' as ErrorCode, params: { field: 'nonlinearity', arch: 'gru', found: 'relu' } };
    expect(errorText(gates, wording('zh-CN'))).toBe('非线性函数：GRU 的门固定使用 tanh/sigmoid');
  });

  it('words an Inspect input error with the probe or the input it is about', () => {
    const zh = wording('zh-CN');
    const symbol = { error: "probe 2: 'x' at position 4 is not in the alphabet 01", code: 'inspect-not-in-alphabet' as ErrorCode, params: { symbol: 'x', position: 4, alphabet: '01', probe: 2 } };
    expect(errorText(symbol, zh)).toBe('探针序列 2：第 4 个位置的“x”不在字母表 01 中。');
    expect(errorText({ ...symbol, params: { symbol: 'x', position: 4, alphabet: '01', input: 'input' } }, wording('en'))).toBe('Input: “x” at position 4 is not in the alphabet 01.');
    const target = { error: 'target: expected 5 symbols (one per input step), found 3', code: 'inspect-target-length' as ErrorCode, params: { expected: 5, found: 3, input: 'target' } };
    expect(errorText(target, wording('zh-CN'))).toBe('目标：应有 5 项（每个输入步一项），实际为 3 项。');
  });

  it('words an ONNX run with a wrong shape, a time limit, and keeps onnxruntime\'s own reason as the detail', () => {
    const zh = wording('zh-CN');
    const shape = { error: 'input x: expected [2][?][2], found [2][4][3] (axis 2 must be 2)', code: 'onnx-input-shape' as ErrorCode, params: { input: 'x', expected: '[2][?][2]', found: '[2][4][3]' } };
    expect(errorText(shape, zh)).toBe('输入“x”：形状应为 [2][?][2]，实际为 [2][4][3]。');
    expect(errorText({ error: 'x', code: 'onnx-time-limit', params: { seconds: 30 } }, zh)).toBe('ONNX 运行未在 30 秒内完成，已被停止。');
    const failed = { error: 'onnxruntime cannot run the model: Got invalid dimensions', code: 'onnx-run-failed' as ErrorCode, params: {} };
    expect(errorText(failed, zh)).toBe('onnxruntime 无法加载或运行此模型。');
    expect(errorDetail(failed)).toBe(failed.error);
    expect(errorDetail(shape)).toBeUndefined();
  });

  it('words a refused training setting by its form label, and a rule across settings', () => {
    const zh = wording('zh-CN');
    const lr = { error: 'invalid training settings: lr: expected a learning rate above 0, found -1', code: 'field-too-small' as ErrorCode, params: { field: 'training.lr', min: 0, exclusive: 1, found: '-1' } };
    expect(errorText(lr, zh)).toBe('学习率：应大于 0，当前为 -1');
    const both = { error: 'x', code: 'settings-epochs-and-steps' as ErrorCode, params: { field: 'training.steps', epochs: 10, steps: 200 } };
    expect(errorText(both, zh)).toBe('步数：轮数和步数只能设置其一（当前为 10 轮、200 步）');
  });

  it("words the transport's own failures, the browser's reason kept as the detail", () => {
    const down = { error: 'cannot reach the lab at http://127.0.0.1:5000: Failed to fetch', code: 'lab-unreachable' as ErrorCode, params: { url: 'http://127.0.0.1:5000' } };
    expect(errorText(down, wording('zh-CN'))).toBe('无法连接到 http://127.0.0.1:5000 上的实验室：实验室服务是否仍在运行？');
    expect(errorDetail(down)).toBe(down.error);
  });

  it('words a CSV error with its line and column', () => {
    const e = { error: 'line 3, column \'v\': expected a number, found \'x\'', code: 'csv-not-number' as ErrorCode, params: { line: 3, column: 'v', found: 'x' } };
    expect(errorText(e, wording('zh-CN'))).toBe('第 3 行“v”列：应为数值，实际为“x”。');
    expect(errorText(e, wording('en'))).toBe('Line 3, column “v”: expected a number, found “x”.');
  });

  it("falls back to the core's English sentence for an error without a code or with a code this renderer does not know", () => {
    expect(errorText('cannot reach the lab', wording('zh-CN'))).toBe('cannot reach the lab');
    expect(errorText({ error: 'a new kind of error', code: 'from-a-newer-core' as ErrorCode, params: {} }, wording('zh-CN'))).toBe('a new kind of error');
    expect(errorText(null, wording('zh-CN'))).toBeNull();
  });

  it('words a failure exactly as a request answered it and a store kept it; a bare sentence is shown as it is', () => {
    const kept: Failure = { ok: false, error: 'nothing to undo', code: 'nothing-to-undo', params: {} };
    expect(errorText(kept, wording('zh-CN'))).toBe('没有可撤销的操作。');
    const uncoded: Failure = { ok: false, error: 'a sentence without a code' };
    expect(errorText(uncoded, wording('zh-CN'))).toBe('a sentence without a code');
    // No side table of sentences: the same English as a plain string is not looked up and stays English.
    expect(errorText('nothing to undo', wording('zh-CN'))).toBe('nothing to undo');
  });
});

const outcome = (edit: EditLabel, over: Partial<EditOutcome> = {}): Pick<EditOutcome, 'edit' | 'direction' | 'changes' | 'notes' | 'kept' | 'reinitialised' | 'message'> => ({
  edit, direction: 'do', changes: [], notes: [], kept: [], reinitialised: [], message: 'THE CORE ENGLISH', ...over,
});

describe('edits', () => {
  const LABELS: EditLabel[] = [
    { kind: 'spec', params: { fields: 'hidden_size, init.scheme' } },
    { kind: 'spec-unchanged', params: {} },
    { kind: 'reset', params: { scheme: 'orthogonal', seed: 3 } },
    { kind: 'task', params: { task: 'tomita', train: 1000, validation: 200, test: 500 } },
    { kind: 'task', params: { task: 'csv', train: 80, validation: 10, test: 10, file: 'prices.csv' } },
    { kind: 'settings', params: { path: 'training.lr' } },
    { kind: 'settings', params: { count: 3 } },
    { kind: 'run', params: { run: 'run-2', step: 400 } },
    { kind: 'remedy', params: { action: 'enable-clipping', maxNorm: 1 } },
    { kind: 'remedy', params: { action: 'lower-lr', factor: 0.3, from: 0.01, to: 0.003 } },
    { kind: 'remedy', params: { action: 'reinit-recurrent', scheme: 'orthogonal' } },
    { kind: 'remedy', params: { action: 'relu-identity', from: 'tanh' } },
    { kind: 'remedy', params: { action: 'switch-arch', arch: 'lstm', from: 'rnn' } },
  ];

  it('words every kind of edit label and outcome in Chinese without English words or the core English', () => {
    const zh = wording('zh-CN');
    for (const label of LABELS) {
      const name = editLabelText(label, zh);
      const did = editOutcomeText(outcome(label, { changes: label.kind === 'spec' ? [{ field: 'hidden_size', from: 32, to: 48 }] : [], kept: ['head.weight'], reinitialised: ['weight_hh_l0'] }), zh);
      for (const text of [name, did]) {
        expect(englishWords(text), `${label.kind} ${JSON.stringify(label.params)}: ${text}`).toEqual([]);
        expect(text).not.toContain('THE CORE ENGLISH');
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  it('says what a spec change, its undo and its redo did, field by field', () => {
    const label: EditLabel = { kind: 'spec', params: { fields: 'hidden_size, nonlinearity' } };
    const changes = [{ field: 'hidden_size', from: 32, to: 48 }, { field: 'nonlinearity', from: 'tanh', to: 'relu' }];
    const done = outcome(label, { changes, kept: ['weight_ih_l0'], reinitialised: ['weight_hh_l0', 'bias_hh_l0'], notes: [{ kind: 'checkpoint-dropped', params: {} }] });
    expect(editOutcomeText(done, wording('en'))).toBe('Changed Hidden size 32 → 48, Nonlinearity tanh → ReLU. Re-initialised: weight_hh_l0, bias_hh_l0. Kept: weight_ih_l0. The trained run cannot be resumed: the next run starts at step 0.');
    expect(editOutcomeText(done, wording('zh-CN'))).toBe('已更改：隐藏层大小 32 → 48、非线性函数 tanh → ReLU。重新初始化：weight_hh_l0、bias_hh_l0。保留：weight_ih_l0。已训练的运行无法继续：下一次运行从第 0 步开始。');
    expect(editLabelText(label, wording('zh-CN'))).toBe('更改隐藏层大小、非线性函数');
    const undone = outcome(label, { direction: 'undo', changes: changes.map((c) => ({ field: c.field, from: c.to, to: c.from })) });
    expect(editOutcomeText(undone, wording('zh-CN'))).toBe('已撤销“更改隐藏层大小、非线性函数”。已更改：隐藏层大小 48 → 32、非线性函数 ReLU → tanh。');
    expect(editOutcomeText(outcome(label, { direction: 'redo', changes }), wording('en'))).toBe('Redid “Change Hidden size, Nonlinearity”: Changed Hidden size 32 → 48, Nonlinearity tanh → ReLU.');
  });

  it('names a remedy the way the alert offered it, and says what it did with the numbers', () => {
    const lower: EditLabel = { kind: 'remedy', params: { action: 'lower-lr', factor: 0.3, from: 0.01, to: 0.003 } };
    expect(editLabelText(lower, wording('en'))).toBe(i18n.global.t('alerts.remedy.lowerLr', { factor: '0.3' }));
    expect(editOutcomeText(outcome(lower), wording('zh-CN'))).toBe('学习率已从 0.01 降到 0.003；权重不变。');
  });

  it("falls back to the core's English for an edit kind it does not know", () => {
    expect(editOutcomeText(outcome({ kind: 'other', params: { label: 'Rename' } }), wording('zh-CN'))).toBe('THE CORE ENGLISH');
    expect(editLabelText({ kind: 'other', params: { label: 'Rename' } }, wording('zh-CN'))).toBe('Rename');
  });
});

describe('runs', () => {
  it('words a changed setting with its label and values', () => {
    expect(changeText({ field: 'training.clip.mode', from: 'none', to: 'norm' }, wording('zh-CN'))).toBe('梯度裁剪 关闭 → 按范数');
    expect(changeText({ field: 'training.lr', from: 0.02, to: 0.005 }, wording('en'))).toMatch(/^Learning rate 0\.02 → 0\.005$/);
  });

  it('words every stop reason, Chinese without English words (an English failure reason is a parameter)', () => {
    const zh = wording('zh-CN');
    const reasons: StopReason[] = [
      { kind: 'monitor', params: { step: 40 } }, { kind: 'nonfinite-gradients', params: { step: 12 } },
      { kind: 'nonfinite-weights', params: { step: 3 } }, { kind: 'compute-lost', params: { reason: '' } }, { kind: 'failed', params: { reason: '' } },
    ];
    for (const stop of reasons) {
      const text = stopText(stop, zh);
      expect(englishWords(text), text).toEqual([]);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(stopText({ kind: 'nonfinite-gradients', params: { step: 12 } }, zh)).toBe('第 12 步出现非有限梯度');
    expect(stopText({ kind: 'compute-lost', params: { reason: 'the compute process was killed by SIGKILL', signal: 'SIGKILL' } }, zh)).toBe('计算进程已停止（被信号 SIGKILL 终止）');
    const lost = { error: 'the compute process exited with code 137; the next request starts a new one', code: 'compute-lost' as ErrorCode, params: { exitCode: 137 } };
    expect(errorText(lost, zh)).toBe('计算进程已停止（退出码 137）；下一个请求会启动新的计算进程。');
  });
});
