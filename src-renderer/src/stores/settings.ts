// UI preferences kept in this browser/profile: theme (system, light, dark) and language. Applied to <html>
// (data-theme, lang) so the CSS variables of styles.css and vue-i18n follow.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { currentLocale, setLocale, type LocaleName } from '../i18n';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_KEY = 'rnnlab.theme';

function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const theme = ref<ThemeChoice>(storedTheme());
  const locale = ref<LocaleName>(currentLocale());

  function applyTheme(choice: ThemeChoice): void {
    if (choice === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', choice);
  }
  applyTheme(theme.value);

  watch(theme, (choice) => {
    applyTheme(choice);
    try {
      localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage refused (private window): the choice lasts for this session.
    }
  });
  watch(locale, (next) => setLocale(next));

  return { theme, locale };
});
