// A small scanner of Vue single-file templates for user-visible text that is not a translation key: text nodes with
// letters outside {{ }} and static aria-label / title / placeholder / alt / label attributes. Used by i18n.test.ts.
export interface RawString {
  line: number;
  text: string;
}

const VISIBLE_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description', 'aria-valuetext'];
const HAS_WORDS = /[A-Za-z\u4e00-\u9fff]/;

export function templateOf(sfc: string): string {
  const start = sfc.search(/^<template(\s[^>]*)?>/m);
  const end = sfc.lastIndexOf('</template>');
  if (start < 0 || end < 0) return '';
  return sfc.slice(start, end).replace(/^<template[^>]*>/, '');
}

export function rawStrings(template: string): RawString[] {
  const found: RawString[] = [];
  const lineAt = (index: number) => template.slice(0, index).split('\n').length;
  let text = '';
  let textStart = 0;
  const flush = () => {
    if (HAS_WORDS.test(text)) found.push({ line: lineAt(textStart), text: text.trim().replace(/\s+/g, ' ') });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('<!--', i)) {
      const end = template.indexOf('-->', i);
      i = end < 0 ? template.length : end + 3;
      continue;
    }
    if (template.startsWith('{{', i)) {
      const end = template.indexOf('}}', i);
      i = end < 0 ? template.length : end + 2;
      continue;
    }
    if (template[i] === '<' && /[A-Za-z/]/.test(template[i + 1] ?? '')) {
      flush();
      // A tag: read to its '>' without stopping at one inside a quoted attribute value (e.g. "() => x").
      let j = i + 1;
      let quote: string | null = null;
      while (j < template.length) {
        const c = template[j];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
        j++;
      }
      const tag = template.slice(i, j);
      for (const m of tag.matchAll(/(^|\s)([:@]?[\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        const name = m[2];
        const value = m[4] ?? m[5] ?? '';
        if (VISIBLE_ATTRIBUTES.includes(name) && HAS_WORDS.test(value)) found.push({ line: lineAt(i), text: `${name}="${value}"` });
      }
      i = j + 1;
      textStart = i;
      continue;
    }
    if (!text) textStart = i;
    text += template[i];
    i++;
  }
  flush();
  return found;
}
