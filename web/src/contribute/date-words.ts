/**
 * A date typed in a date or date-time input, in words in the page's language ("lundi
 * 7 décembre 2026 à 14:30"). The input's own format is the browser's, not the page's: a
 * browser in English shows a French page's dates as mm/dd/yyyy, and 07/12 is then July.
 * Said in words next to the field, the day typed cannot be misread.
 */
import type { Locale } from '@constellation/shared';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

export function localDateWords(value: string, locale: Locale): string | undefined {
  const match = LOCAL.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute] = match;
  // The value is a wall clock: read and written in UTC, nothing shifts it.
  const at = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0)));
  if (at.getUTCDate() !== Number(day)) return undefined;
  const time = hour === undefined ? {} : { hour: '2-digit', minute: '2-digit' } as const;
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...time }).format(at);
}
