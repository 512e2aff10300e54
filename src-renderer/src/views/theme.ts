// Colours the insight charts take from the page's design language (CSS variables), kept current when the theme
// changes (the OS scheme, or the user's choice in <html data-theme>), so charts are legible in light and dark.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export const textColour = (): string => cssVar('--text', '#1b222b');

/** The text colour for chart labels, updated when the theme changes. */
export function useInk(): Ref<string> {
  const ink = ref('#1b222b');
  const update = () => (ink.value = textColour());
  let media: MediaQueryList | null = null;
  let observer: MutationObserver | null = null;
  onMounted(() => {
    update();
    media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  });
  onBeforeUnmount(() => {
    media?.removeEventListener('change', update);
    observer?.disconnect();
  });
  return ink;
}
