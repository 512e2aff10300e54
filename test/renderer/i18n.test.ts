// Languages: every key of every area exists in English and Chinese, no value is empty, placeholders agree, and no
// component template holds a user-visible string that is not a translation key.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, leafKeys, type MessageTree } from '../../src-renderer/src/i18n/messages';
import { rawStrings, templateOf } from './template-strings';

const root = resolve(__dirname, '../../src-renderer/src');
const localeDir = join(root, 'i18n/locales');

function load(locale: string): Record<string, MessageTree> {
  const dir = join(localeDir, locale);
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}
function value(tree: MessageTree, key: string): string {
  return key.split('.').reduce<unknown>((node, k) => (node as MessageTree)[k], tree) as string;
}
function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? vueFiles(join(dir, e.name)) : e.name.endsWith('.vue') ? [join(dir, e.name)] : []));
}

describe('translations', () => {
  const trees = Object.fromEntries(LOCALES.map((l) => [l, load(l)])) as Record<string, Record<string, MessageTree>>;

  it('have the same areas in every language', () => {
    expect(Object.keys(trees['zh-CN']).sort()).toEqual(Object.keys(trees.en).sort());
  });

  it('have every key in both languages', () => {
    const en = new Set(leafKeys(trees.en));
    const zh = new Set(leafKeys(trees['zh-CN']));
    expect([...en].filter((k) => !zh.has(k)), 'keys only in English').toEqual([]);
    expect([...zh].filter((k) => !en.has(k)), 'keys only in Chinese').toEqual([]);
  });

  it('have no empty text and the same {placeholders} in both languages', () => {
    const mismatched: string[] = [];
    for (const key of leafKeys(trees.en)) {
      let zh: string;
      try {
        zh = value(trees['zh-CN'], key);
      } catch {
        continue; // reported by the key test
      }
      const en = value(trees.en, key);
      if (!en.trim() || typeof zh !== 'string' || !zh.trim()) mismatched.push(`${key}: empty`);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
      if (typeof zh === 'string' && names(en) !== names(zh)) mismatched.push(`${key}: {${names(en)}} vs {${names(zh)}}`);
    }
    expect(mismatched).toEqual([]);
  });
});

describe('component templates', () => {
  it('find the raw strings the scanner is for (and skip what is translated)', () => {
    const found = rawStrings(`
      <div :title="t('x')" title="Plain title"><!-- a comment -->
        <AppButton @click="() => a > b">Save</AppButton>
        <span>{{ t('a') }} ✕ / 3</span>
        <input placeholder="type here" :placeholder="t('p')">
        <p>{{ a < b ? t('x') : t('y') }}</p> 中文
      </div>`);
    expect(found.map((f) => f.text)).toEqual(['title="Plain title"', 'Save', 'placeholder="type here"', '中文']);
  });

  it('hold no user-visible string outside t()', () => {
    expect(vueFiles(root).length).toBeGreaterThan(15);
    const offenders = vueFiles(root).flatMap((file) =>
      rawStrings(templateOf(readFileSync(file, 'utf8'))).map((r) => `${relative(root, file)}:${r.line}: ${r.text}`),
    );
    expect(offenders).toEqual([]);
  });
});
