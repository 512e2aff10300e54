// The one formatter for numbers and units in the UI: counts, floats, rates, durations, dates, tensor shapes.
// Pure functions of (value, locale) built on Intl, so units are worded in the UI's language; useFormat() binds the locale.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** Intl formatters are costly to build (a live run formats numbers many times a second): one per locale and options. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** 12,345 / 12,345 (grouping as the locale does it). */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A measured value: significant digits, scientific notation when very small or very large. */
export function formatNumber(value: number, locale: string, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) {
    return numberFormat(locale, { notation: 'scientific', maximumSignificantDigits: digits }).format(value);
  }
  return numberFormat(locale, { maximumSignificantDigits: digits }).format(value);
}

/** 0.25 -> 25% */
export function formatPercent(value: number, locale: string, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** Seconds as "1 hr 2 min" / "1小时2分钟", the two largest units; under a minute, whole seconds. */
export function formatDuration(seconds: number, locale: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const unit = (n: number, u: 'hour' | 'minute' | 'second') =>
    numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const sep = locale.startsWith('zh') ? '' : ' ';
  if (h > 0) return [unit(h, 'hour'), m > 0 ? unit(m, 'minute') : ''].filter(Boolean).join(sep);
  if (m > 0) return [unit(m, 'minute'), rest > 0 ? unit(rest, 'second') : ''].filter(Boolean).join(sep);
  return unit(rest, 'second');
}

/** An ISO time as the locale writes a date and time. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(date);
}

/** [12, 3] -> "12 × 3"; a scalar -> "1". */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? '1' : shape.join(' × ');
}

/** The formatters above bound to the UI's current language (reactive: re-renders when the language changes). */
export function useFormat() {
  const { locale } = useI18n();
  const lang = computed(() => String(locale.value));
  return {
    count: (v: number) => formatCount(v, lang.value),
    number: (v: number, digits?: number) => formatNumber(v, lang.value, digits),
    percent: (v: number, digits?: number) => formatPercent(v, lang.value, digits),
    duration: (seconds: number) => formatDuration(seconds, lang.value),
    dateTime: (iso: string) => formatDateTime(iso, lang.value),
    shape: formatShape,
  };
}
