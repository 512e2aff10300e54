// The Train page's words and forms: alerts and remedies worded from kind + numbers in English and Chinese (never the
// core's English sentence), the settings panel generated from fields, and key parity of the train areas.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../src-main/api/lab-api';
import { SETTING_FIELDS } from '../../src-main/core/lab/settings/fields';
import { alertSentence, alertTitle, policySentence, remedyLabel } from '../../src-renderer/src/views/train/alert-wording';
import { applies, groupFields, parseInput, patchFor, shownValue } from '../../src-renderer/src/views/train/settings-form';
import { settingsView, vanishingAlert } from './train-fixtures';

const AREAS = ['train', 'charts', 'alerts', 'settings'];
const dir = resolve(__dirname, '../../src-renderer/src/i18n/locales');
const load = (lang: string) => Object.fromEntries(AREAS.map((a) => [a, JSON.parse(readFileSync(`${dir}/${lang}/${a}.json`, 'utf8'))]));
// Typed loosely: the messages are JSON read at run time, and vue-i18n's message-schema inference recurses too deep on them.
const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: load('en'), 'zh-CN': load('zh-CN') } as unknown as Record<string, never> }) as unknown as {
  global: { t: (key: string, params: Record<string, unknown>) => string; te: (key: string) => boolean; locale: { value: string } };
};
const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
const num = (v: number) => v.toPrecision(3).replace(/\.?0+(e|$)/, '$1');

function leaves(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && v ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('alert wording', () => {
  const exploding: AlertView = { ...vanishingAlert(40), kind: 'exploding', rule: 'max-norm', value: 3.5e5, threshold: 1e4, policy: 'clip', remedies: [] };

  it('words each alert from its numbers in English', () => {
    i18n.global.locale.value = 'en';
    const alert = vanishingAlert(12, 5.82e-33);
    expect(alertTitle(alert, t)).toBe('Vanishing gradient');
    expect(alertSentence(alert, t, num)).toMatch(/^The gradient reaching the first time step is 5\.82e-33 times the one at the last step \(alert below 0\.001\)/);
    expect(alertSentence(alert, t, num)).not.toContain('English from the core');
    expect(alertSentence({ ...alert, value: 0 }, t, num)).toMatch(/shrunk to 0 in floating point/);
    expect(alertSentence(exploding, t, num)).toBe('The gradient norm is 3.5e+5, above the limit 1e+4.');
    expect(policySentence(exploding, t)).toBe('The gradient was clipped.');
    expect(alertSentence({ ...exploding, kind: 'nonfinite', rule: 'nonfinite', value: 2, threshold: 0 }, t, num)).toBe('2 parameter gradients hold NaN or infinity.');
  });

  it('words the same alert in Chinese with the glossary terms', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(alertTitle(vanishingAlert(1), t)).toBe('梯度消失');
    expect(alertTitle(exploding, t)).toBe('梯度爆炸');
    expect(alertSentence(vanishingAlert(12, 1e-9), t, num)).toContain('到达第一个时间步的梯度只有最后一个时间步的 1e-9 倍');
    expect(remedyLabel({ kind: 'enable-clipping', maxNorm: 5 }, t, num)).toBe('按范数 5 进行梯度裁剪');
    i18n.global.locale.value = 'en';
  });

  it('words every remedy action', () => {
    const labels = [
      remedyLabel({ kind: 'relu-identity' }, t, num),
      remedyLabel({ kind: 'reinit-recurrent', scheme: 'orthogonal' }, t, num),
      remedyLabel({ kind: 'reinit-recurrent', scheme: 'identity' }, t, num),
      remedyLabel({ kind: 'lower-lr', factor: 0.1 }, t, num),
      remedyLabel({ kind: 'switch-arch', arch: 'gru' }, t, num),
    ];
    expect(labels).toEqual(['ReLU + identity (IRNN)', 'Orthogonal recurrent weights', 'Identity recurrent weights', 'Lower the learning rate ×0.1', 'Switch to GRU']);
  });
});

describe('settings form', () => {
  const view = settingsView();

  it('groups fields in order and shows current values or defaults', () => {
    expect(groupFields(view.fields).map((g) => [g.group, g.fields.length])).toEqual([['optimiser', 2], ['schedule', 1], ['clipping', 2], ['exploding', 1], ['run', 1]]);
    const field = (path: string) => view.fields.find((f) => f.path === path)!;
    expect(shownValue(view, field('training.lr'))).toBe(0.001);
    expect(shownValue(view, field('monitor.exploding.max_norm'))).toBe(1e4);
    expect(shownValue({ ...view, run: { ...view.run, all_layers: undefined as unknown as boolean } }, field('run.all_layers'))).toBe(false);
  });

  it('shows a `when` field only while the other field has its value', () => {
    const maxNorm = view.fields.find((f) => f.path === 'training.clip.max_norm')!;
    expect(applies(view, maxNorm, view.fields)).toBe(true);
    const off = { ...view, training: { ...view.training, clip: { mode: 'none' } } };
    expect(applies(off, maxNorm, view.fields)).toBe(false);
    expect(applies(off, { ...maxNorm, when: { path: 'training.clip.mode', equals: ['none', 'value'] } }, view.fields)).toBe(true);
  });

  it('reads typed values by type and builds the deep patch, dependents included', () => {
    const lr = view.fields.find((f) => f.path === 'training.lr')!;
    const steps = view.fields.find((f) => f.path === 'training.steps')!;
    const mode = view.fields.find((f) => f.path === 'training.clip.mode')!;
    expect(parseInput(lr, '1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseInput(lr, 'fast')).toEqual({ ok: false, problem: 'number' });
    expect(parseInput(steps, '2.5')).toEqual({ ok: false, problem: 'integer' });
    expect(parseInput(steps, '')).toEqual({ ok: true, value: null });
    expect(parseInput(mode, '')).toEqual({ ok: false, problem: 'required' });
    expect(patchFor(view, view.fields, 'training.lr', 0.01)).toEqual({ training: { lr: 0.01 } });
    expect(parseInput({ ...steps, list: true }, '3, 4')).toEqual({ ok: true, value: [3, 4] });
    expect(parseInput({ ...steps, list: true }, '3, x')).toEqual({ ok: false, problem: 'number' });
    const off = { ...view, training: { ...view.training, clip: { mode: 'none' } } };
    expect(patchFor(off, view.fields, 'training.clip.mode', 'norm')).toEqual({ training: { clip: { mode: 'norm', max_norm: 1 } } });
  });
});

describe('train areas in both languages', () => {
  it("names every setting the core offers and explains it in both languages (English help = the core's)", () => {
    const missing: string[] = [];
    for (const field of SETTING_FIELDS) {
      for (const lang of ['en', 'zh-CN'] as const) {
        i18n.global.locale.value = lang;
        for (const area of ['fields', 'help']) if (!i18n.global.te(`settings.${area}.${field.path}`)) missing.push(`${lang} ${area} ${field.path}`);
        if (!i18n.global.te(`settings.group.${field.group}`)) missing.push(`${lang} group ${field.group}`);
      }
      i18n.global.locale.value = 'en';
      expect(t(`settings.help.${field.path}`)).toBe(field.help);
    }
    expect(missing).toEqual([]);
  });

  it('has every key in English and Chinese, and no empty string', () => {
    const en = load('en');
    const zh = load('zh-CN');
    expect(leaves(zh).sort()).toEqual(leaves(en).sort());
    const empty = [...leaves(en), ...leaves(zh)].filter((k) => k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], en) === '');
    expect(empty).toEqual([]);
  });

  it('keeps the accessible names the tests rely on in plain English', () => {
    i18n.global.locale.value = 'en';
    expect(['start', 'pause', 'resume', 'step', 'stop'].map((k) => t(`train.controls.${k}`))).toEqual(['Start training', 'Pause', 'Resume', 'Step', 'Stop']);
    expect(['loss', 'gradNorms', 'timesteps', 'spectral', 'updateSize'].map((k) => t(`charts.${k}.name`)))
      .toEqual(['Loss', 'Gradient norms', 'Gradient through time', 'Spectral bound', 'Update size']);
  });
});
