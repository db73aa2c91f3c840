import { signal } from '@preact/signals';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@constellation/shared';
import { STRINGS, type StringKey } from './strings.ts';

const STORAGE_KEY = 'constellation.locale';

/** French unless the reader asked for a language we ship. */
export function pickLocale(requested: readonly string[]): Locale {
  for (const tag of requested) {
    const language = tag.toLowerCase().split('-')[0];
    const match = LOCALES.find((locale) => locale === language);
    if (match !== undefined) return match;
  }
  return DEFAULT_LOCALE;
}

function storedLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    // French by default, whatever the browser says: the switch is one click away.
    return stored === null || stored === undefined ? DEFAULT_LOCALE : pickLocale([stored]);
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The reader's language: a preference (kept in this browser), not part of a shared link. */
export const locale = signal<Locale>(storedLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** A UI string in the current language, with {name} placeholders filled. */
export function t(key: StringKey, params: Record<string, string | number> = {}, language: Locale = locale.value): string {
  return STRINGS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** "1 événement", "12 événements" (or "50 … ou plus" when the page is full and more exist). */
export function countLabel(count: number, more: boolean, language: Locale = locale.value): string {
  const formatted = new Intl.NumberFormat(language).format(count);
  if (more) return t('resultsMore', { count: formatted }, language);
  return count === 1 ? t('resultsOne', {}, language) : t('results', { count: formatted }, language);
}
