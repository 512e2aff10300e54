// Merges the per-area locale files (locales/<lang>/<area>.json) into one message tree per language, each area under
// its own name: locales/en/train.json's { "startButton": ... } becomes t('train.startButton'). Pure: tested in Node.
export const LOCALES = ['en', 'zh-CN'] as const;
export type LocaleName = (typeof LOCALES)[number];

export type MessageTree = { [key: string]: string | MessageTree };

/** `files` maps paths like './locales/zh-CN/start.json' to their parsed contents. */
export function mergeLocaleFiles(files: Record<string, unknown>): Record<LocaleName, MessageTree> {
  const out = Object.fromEntries(LOCALES.map((l) => [l, {} as MessageTree])) as Record<LocaleName, MessageTree>;
  for (const [path, contents] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, locale, area] = match;
    if (!(LOCALES as readonly string[]).includes(locale)) continue;
    const body = (contents as { default?: unknown }).default ?? contents;
    out[locale as LocaleName][area] = body as MessageTree;
  }
  return out;
}

/** The language to start in: the stored choice, else the first navigator language we have (zh-* -> zh-CN), else en. */
export function pickLocale(stored: string | null, languages: readonly string[]): LocaleName {
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as LocaleName;
  for (const lang of languages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Every leaf key of a tree as a dotted path (for the parity test and for missing-key reports). */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}
