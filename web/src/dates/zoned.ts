/**
 * Dates as people read them: each event's times in its own time zone (an event in Réunion
 * at 18:00 is at 18:00 there), words in the reader's language, through Intl only.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsCache.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    partsCache.set(timeZone, format);
  }
  return format;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayKey(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = dayFormat(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A day key as a heading: "samedi 14 mars 2026" / "Saturday, March 14, 2026". */
export function formatDay(key: string, locale: string): string {
  // Noon UTC of that day is that day in every zone from UTC-11 to UTC+11.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}T12:00:00Z`));
}

/** Whether a zone shows other wall-clock times than the reader's at this instant. */
function differsFromReader(timeZone: string, at: Date, readerZone: string): boolean {
  if (timeZone === readerZone) return false;
  const clock = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', day: '2-digit' }).format(at);
  return clock(timeZone) !== clock(readerZone);
}

export interface RangeOptions {
  locale: string;
  /** The event's IANA zone. */
  timeZone: string;
  /** The reader's zone (the browser's by default): a zone name is shown when they differ. */
  readerZone?: string;
  /** With the day (agenda rows are under a day heading and leave it out). */
  withDay?: boolean;
  /** The present, for "is this year" (tests set it). */
  now?: number;
  /** Whole days (`allDay`): the days without times, the last one being the day before `end`'s midnight. */
  allDay?: boolean;
}

/** "14:00 – 16:30", or across days "sam. 14 mars, 14:00 – dim. 15 mars, 12:00", in the event's zone. */
export function formatRange(start: string, end: string, options: RangeOptions): string {
  if (options.allDay === true) return formatDays(start, end, options);
  const from = new Date(start);
  const to = new Date(end);
  const readerZone = options.readerZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zoneName = differsFromReader(options.timeZone, from, readerZone);
  const sameDay = dayKey(from, options.timeZone) === dayKey(to, options.timeZone);
  const time: Intl.DateTimeFormatOptions = { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit' };
  const day: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  const withDay = options.withDay === true || !sameDay;
  // A date in another year says its year ("sam. 9 janv. 2027"), or January reads as this one.
  const otherYear = withDay && dayKey(from, options.timeZone).slice(0, 4) !== dayKey(new Date(options.now ?? Date.now()), options.timeZone).slice(0, 4);
  const format = new Intl.DateTimeFormat(options.locale, { ...time, ...(withDay ? day : {}), ...(otherYear ? { year: 'numeric' } : {}), ...(zoneName ? { timeZoneName: 'short' } : {}) });
  if (from.getTime() === to.getTime()) return format.format(from);
  try {
    return format.formatRange(from, to);
  } catch {
    return `${format.format(from)} – ${format.format(to)}`;
  }
}

/** "sam. 26 – dim. 27 oct.": an all-day occurrence's days, in its own zone (a day has no reader's zone). */
function formatDays(start: string, end: string, options: RangeOptions): string {
  const from = new Date(start);
  const to = new Date(Math.max(Date.parse(end) - 1, from.getTime()));
  const otherYear = dayKey(from, options.timeZone).slice(0, 4) !== dayKey(new Date(options.now ?? Date.now()), options.timeZone).slice(0, 4);
  const format = new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, weekday: 'short', day: 'numeric', month: 'short', ...(otherYear ? { year: 'numeric' } : {}) });
  if (dayKey(from, options.timeZone) === dayKey(to, options.timeZone)) return format.format(from);
  try {
    return format.formatRange(from, to);
  } catch {
    return `${format.format(from)} – ${format.format(to)}`;
  }
}

/** A full date and time for an event page: "samedi 14 mars 2026 à 14:00", with the zone when it is not the reader's. */
export function formatInstantLong(instant: string, options: RangeOptions): string {
  const at = new Date(instant);
  const readerZone = options.readerZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(at);
  if (!differsFromReader(options.timeZone, at, readerZone)) return text;
  const zone = new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, timeZoneName: 'long' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return zone === undefined ? text : `${text} (${zone})`;
}
