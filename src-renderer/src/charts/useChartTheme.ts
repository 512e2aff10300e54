// Whether charts draw dark: the app's theme choice (data-theme on <html>), else the OS preference. Shared state.
import { computed, ref } from 'vue';
import { useSettingsStore } from '../stores/settings';

const osDark = ref(false);
let listening = false;

export function useChartTheme() {
  const settings = useSettingsStore();
  if (!listening && typeof window !== 'undefined' && window.matchMedia) {
    listening = true;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    osDark.value = query.matches;
    query.addEventListener('change', (e) => (osDark.value = e.matches));
  }
  const dark = computed(() => (settings.theme === 'system' ? osDark.value : settings.theme === 'dark'));
  return { dark, theme: computed(() => (dark.value ? 'dark' : undefined)) };
}
