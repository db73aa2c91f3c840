/**
 * The Preact + MapLibre web app (national and regional modes). Built in the web
 * issues; for now the package only holds the locale choice every page will use.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@constellation/shared';

/** French unless the reader asked for a language we ship. */
export function pickLocale(requested: readonly string[]): Locale {
  for (const tag of requested) {
    const language = tag.toLowerCase().split('-')[0];
    const match = LOCALES.find((locale) => locale === language);
    if (match !== undefined) return match;
  }
  return DEFAULT_LOCALE;
}
