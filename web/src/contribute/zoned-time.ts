/**
 * Wall-clock times typed into a form, as the instants the API stores. A `datetime-local`
 * input gives "2026-03-29T10:00" with no zone: it means 10:00 in the event's time zone,
 * whatever the browser's own zone is, and the offset depends on the date (DST).
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `instant` (epoch ms) in `timeZone`, read as if it were UTC (epoch ms). */
function wallClockOf(instant: number, timeZone: string): number {
  const parts = partsFormat(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((item) => item.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** The zone's offset from UTC at `instant`, in ms (Paris in summer: +7 200 000). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockOf(whole, timeZone) - whole;
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

function formatOffset(offset: number): string {
  const minutes = Math.round(offset / 60_000);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** An instant as RFC 3339 with the zone's offset at that instant: "2026-03-29T10:00:00+02:00". */
export function formatInstant(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  const wall = new Date(instant + offset);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return `${date}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${formatOffset(offset)}`;
}

/**
 * "2026-03-29T10:00" in `timeZone` → "2026-03-29T10:00:00+02:00"; undefined when the text is
 * not a local date-time. Around a DST change, as RFC 5545 says for DTSTART: a time that
 * occurs twice (autumn) is the first of the two; a time that does not exist (spring's gap)
 * is read with the offset before the gap, so 02:30 becomes 03:30 summer time.
 */
export function localToInstant(local: string, timeZone: string): string | undefined {
  const match = LOCAL.exec(local);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  let before: number;
  let after: number;
  try {
    // A day either side of the wall time brackets at most one transition.
    before = offsetAt(wall - 86_400_000, timeZone);
    after = offsetAt(wall + 86_400_000, timeZone);
  } catch {
    return undefined;
  }
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  // Several: the clock went back and the time happens twice; none: it fell in the gap.
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before;
  return formatInstant(instant, timeZone);
}

/** An instant as the `datetime-local` value of its wall clock in `timeZone` ("2026-03-29T10:00"). */
export function instantToLocal(instant: string, timeZone: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return '';
  try {
    return formatInstant(time, timeZone).slice(0, 16);
  } catch {
    return '';
  }
}

/** "2026-03-29T10:00:00" → "2026-03-29T10:00": what a `datetime-local` input shows. */
export function trimSeconds(local: string): string {
  return local.length === 19 && local.endsWith(':00') ? local.slice(0, 16) : local;
}
