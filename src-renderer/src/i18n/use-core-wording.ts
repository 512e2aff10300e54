// Binds core-wording.ts to vue-i18n and the number formatter: `const w = useCoreWording()` in a component, then
// errorText(error, w.value), editLabelText(label, w.value), ... (reactive: re-words when the language changes).
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Wording } from './core-wording';
import { formatNumber } from './format';

export function useCoreWording() {
  const { t, te, locale } = useI18n();
  return computed<Wording>(() => {
    const lang = String(locale.value);
    return { t: (key, params) => t(key, params ?? {}), te: (key) => te(key), num: (v) => formatNumber(v, lang, 4), locale: lang };
  });
}
