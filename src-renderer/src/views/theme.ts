// Colours the insight charts take from the page's design language (CSS variables), read when a chart is set up.
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export const textColour = (): string => cssVar('--text', '#1b222b');
