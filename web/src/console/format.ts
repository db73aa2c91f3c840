import type { Locale } from '@constellation/shared';

/** An instant for the console's lists: "14 mars 2026, 10:05" in the reader's own zone. */
export function dateTime(instant: string, locale: Locale): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
