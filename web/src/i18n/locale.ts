import { signal } from '@preact/signals';
import { chooseLocale, cookieValue, DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, shippedLocale, type Locale } from '@constellation/shared';
import { PAGE_STRINGS } from './page-strings.ts';
import { CORE_STRINGS, type StringKey } from './strings.ts';

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

function storedChoice(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language asked for in the address (`?lang=en`), or by an earlier choice (cookie, then this browser's storage). */
function chosenLocale(): Locale | undefined {
  if (typeof document === 'undefined') return undefined;
  const query = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  return shippedLocale(query) ?? shippedLocale(cookieValue(document.cookie, LOCALE_COOKIE)) ?? shippedLocale(storedChoice());
}

/**
 * The language a page starts in, as the servers decide it for the pages they render
 * (shared/locale-choice.ts): the address, the reader's choice, then the browser's
 * languages, then French. Called by the browser entry only: components rendered alone
 * (in tests) stay in French.
 */
export function browserLocale(): Locale {
  return chosenLocale() ?? chooseLocale({ accepted: globalThis.navigator?.languages ?? [] });
}

/** The reader's language: a preference (kept in a cookie, which the servers read too), not part of a shared link. */
export const locale = signal<Locale>(chosenLocale() ?? DEFAULT_LOCALE);

export function setLocale(next: Locale, options: { remember?: boolean } = {}): void {
  locale.value = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  if (options.remember === false) return;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the cookie below still carries the choice
  }
  // A year, whole site, never sent cross-site: pages rendered by the server come in this language.
  if (typeof document !== 'undefined') document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
}

/** A UI string in the current language, with {name} placeholders filled. */
export function t(key: StringKey, params: Record<string, string | number> = {}, language: Locale = locale.value): string {
  // A page's table loads with its code (page-strings.ts): a key whose table is not here
  // yet shows as itself rather than breaking the page.
  const core: Partial<Record<StringKey, string>> = CORE_STRINGS[language];
  const words = core[key] ?? PAGE_STRINGS[language][key] ?? key;
  return words.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** "1 événement", "12 événements" (or "50 … ou plus" when the page is full and more exist). */
export function countLabel(count: number, more: boolean, language: Locale = locale.value): string {
  const formatted = new Intl.NumberFormat(language).format(count);
  if (more) return t('resultsMore', { count: formatted }, language);
  return count === 1 ? t('resultsOne', {}, language) : t('results', { count: formatted }, language);
}
