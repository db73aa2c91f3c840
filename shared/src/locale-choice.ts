import { DEFAULT_LOCALE, LOCALES, type Locale } from './vocab/define.ts';

/**
 * Which language a page is in, decided the same way by the servers (which render pages)
 * and the browser (which takes them over): an explicit `?lang=` in the address, then the
 * reader's earlier choice (a cookie the language switch writes), then what the browser
 * asks for (Accept-Language, or navigator.languages), then French.
 */

/** The cookie holding the reader's choice of language: a preference, never an identifier. */
export const LOCALE_COOKIE = 'constellation-locale';

/** A language we ship from a tag ("en-GB" → "en"), or undefined. */
export function shippedLocale(tag: string | null | undefined): Locale | undefined {
  if (tag === null || tag === undefined) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language);
}

/** The language tags of an Accept-Language header, most wanted first (q=0 dropped). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (header === undefined || header.trim() === '') return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param)?.[1]).find((value) => value !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

/** A cookie's value from a Cookie header (or document.cookie). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export interface LocaleClues {
  /** The `lang` query parameter, if any. */
  query?: string | null | undefined;
  /** The Cookie header (or document.cookie). */
  cookie?: string | undefined;
  /** The browser's languages, most wanted first (Accept-Language parsed, or navigator.languages). */
  accepted?: readonly string[];
}

export function chooseLocale(clues: LocaleClues): Locale {
  return (
    shippedLocale(clues.query) ??
    shippedLocale(cookieValue(clues.cookie, LOCALE_COOKIE)) ??
    (clues.accepted ?? []).map(shippedLocale).find((locale) => locale !== undefined) ??
    DEFAULT_LOCALE
  );
}
