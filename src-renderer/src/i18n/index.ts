// vue-i18n set-up: messages from every area's locale files (import.meta.glob), language from localStorage or the OS
// (navigator.languages), switchable at run time through setLocale (which also sets <html lang>).
import { createI18n } from 'vue-i18n';
import { LOCALES, mergeLocaleFiles, pickLocale, type LocaleName } from './messages';

const STORAGE_KEY = 'rnnlab.locale';
const files = import.meta.glob('./locales/*/*.json', { eager: true });
const messages = mergeLocaleFiles(files);

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const initial = pickLocale(storedLocale(), typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'en',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = initial;

export function currentLocale(): LocaleName {
  return i18n.global.locale.value as LocaleName;
}

export function setLocale(locale: LocaleName): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this session only.
  }
}

export { LOCALES, type LocaleName };
