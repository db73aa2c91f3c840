/** Calendar arithmetic in the region's time zone: days, wall-clock times with their offsets, holidays. */

export const DAY_MS = 86_400_000;
/** A calendar day in the region, counted from 1970-01-01. */
export type Day = number;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let formatter = partFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

function offsetMinutes(ms: number, timeZone: string): number {
  const wall = wallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export function dayOf(instant: Date, timeZone: string): Day {
  const wall = wallClock(instant.getTime(), timeZone);
  return Math.floor(Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS);
}

export const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function isoDate(day: Day): string {
  const date = new Date(day * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * An RRULE UNTIL for the end of a local day, as a UTC date-time: RFC 5545 wants UNTIL in UTC
 * when DTSTART carries a time zone, and calendar apps are stricter about it than the contract.
 */
export function untilEndOf(day: Day, timeZone: string): string {
  const ms = (day * 1440 + 23 * 60 + 59) * 60_000 - zoneOffset(day, 23 * 60 + 59, timeZone) * 60_000;
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}59Z`;
}

/** "2026-10-10T14:30": the wall-clock form recurrences are written in. */
export function localDateTime(day: Day, minutes: number): string {
  const d = day + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  return `${isoDate(d)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

function zoneOffset(day: Day, minutes: number, timeZone: string): number {
  const wall = (day * 1440 + minutes) * 60_000;
  // The offset at the wall time read as UTC can differ from the one at the real instant near a DST change.
  return offsetMinutes(wall - offsetMinutes(wall, timeZone) * 60_000, timeZone);
}

/** The instant of a wall-clock time in the region's zone, with its offset, "2026-10-10T14:30:00+02:00". */
export function zonedDateTime(day: Day, minutes: number, timeZone: string): string {
  const offset = zoneOffset(day, minutes, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${localDateTime(day, minutes)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function yearMonthOf(day: Day): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The `ordinal`-th given weekday of a month (-1 for the last), or undefined when the month has none. */
export function nthWeekday(year: number, month: number, weekday: number, ordinal: number): Day | undefined {
  const first = Math.floor(Date.UTC(year, month - 1, 1) / DAY_MS);
  const next = Math.floor(Date.UTC(year, month, 1) / DAY_MS);
  if (ordinal < 0) {
    const last = next - 1;
    return last - ((weekdayOf(last) - weekday + 7) % 7);
  }
  const day = first + ((weekday - weekdayOf(first) + 7) % 7) + (ordinal - 1) * 7;
  return day < next ? day : undefined;
}

/** Public holidays with a fixed date, and the days around Christmas and New Year nobody schedules a talk on. */
export function isHoliday(day: Day): boolean {
  const date = new Date(day * DAY_MS);
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  if ((month === 12 && dayOfMonth >= 24) || (month === 1 && dayOfMonth <= 2)) return true;
  return [[5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11]].some(([m, d]) => m === month && d === dayOfMonth);
}

const FRENCH_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

export function frenchDay(day: Day): string {
  return FRENCH_DAY.format(day * DAY_MS);
}
