/**
 * Wall-clock time in an IANA zone <-> UTC instants, with nothing but Intl: the zone
 * database is the runtime's, so it is updated with Node rather than with a library.
 *
 * Wall-clock times are written "YYYY-MM-DDTHH:MM[:SS]" (the contract's LocalDateTime);
 * instants are epoch milliseconds.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

// Building a DateTimeFormat costs far more than formatting with one, and expanding a
// schedule converts thousands of instants in the same zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws a RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false: some engines print midnight as "24" with the latter.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function floorToSecond(epochMs: number): number {
  return epochMs - (((epochMs % 1000) + 1000) % 1000);
}

// en-US with these options prints "03/29/2026, 03:30:00".
const FORMATTED_RE = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The wall-clock reading at an instant, as if that reading were a UTC instant. */
function wallAsUtc(epochMs: number, timeZone: string): number {
  const formatter = formatterFor(timeZone);
  // format() is several times faster than formatToParts(), and expansion calls this a few
  // times per occurrence; the parts remain the fallback should ICU ever print otherwise.
  const m = FORMATTED_RE.exec(formatter.format(epochMs));
  if (m !== null) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** Offset in milliseconds, exact to the second (local mean times before ~1900 carry seconds). */
function offsetMs(epochMs: number, timeZone: string): number {
  return wallAsUtc(epochMs, timeZone) - floorToSecond(epochMs);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "YYYY-MM-DDTHH:MM:SS" for a UTC-as-wall-clock millisecond value. */
function formatWall(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function parseLocal(local: string): number {
  const m = LOCAL_RE.exec(local);
  if (m !== null) {
    const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
    // Date.UTC rolls 2026-02-30 over into March; a reading that does not round-trip is not a real date.
    if (formatWall(wall) === (m[6] === undefined ? `${local}:00` : local)) return wall;
  }
  throw new RangeError(`not a local date-time (YYYY-MM-DDTHH:MM[:SS]): ${JSON.stringify(local)}`);
}

/**
 * The instant at which clocks in `timeZone` show `local` (epoch ms).
 *
 * A wall time that never happens (inside a spring-forward gap) is read with the offset in
 * force before the gap, so it lands where the clock shows after the gap: 02:30 in Paris on
 * the last Sunday of March is 01:30Z, i.e. 03:30 local. This is what RFC 5545 prescribes,
 * so the servers' expansion agrees with calendar apps reading their iCal feeds.
 * A wall time that happens twice (fall-back) is the earlier instant, also as RFC 5545 says.
 */
export function zonedToUtc(local: string, timeZone: string): number {
  const wall = parseLocal(local);
  // Any instant showing this wall time lies within ±14 h of it, and no zone changes its
  // offset twice within two days, so the offsets a day either side are the only candidates.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  if (before === after) return wall - before;
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  const earlyValid = offsetMs(early, timeZone) === Math.max(before, after);
  const lateValid = offsetMs(late, timeZone) === Math.min(before, after);
  if (earlyValid) return early;
  if (lateValid) return late;
  return wall - before;
}

/** The wall-clock time "YYYY-MM-DDTHH:MM:SS" in `timeZone` at an instant. */
export function utcToZoned(epochMs: number, timeZone: string): string {
  return formatWall(wallAsUtc(epochMs, timeZone));
}

/**
 * The zone's UTC offset at an instant, in whole minutes (east positive). Local mean time
 * offsets (before ~1900) have seconds that RFC 3339 cannot express; they are rounded.
 */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  return Math.round(offsetMs(epochMs, timeZone) / MINUTE_MS);
}

/**
 * RFC 3339 with the zone's offset, "2026-03-29T03:30:00+02:00"; milliseconds appear only
 * when the instant has some, so whole-second instants read like the contract's examples.
 */
export function formatInstant(epochMs: number, timeZone: string): string {
  const offset = offsetMinutes(epochMs, timeZone);
  // Printing epoch + (rounded) offset rather than the zone's own reading keeps the string
  // naming exactly this instant even when the real offset had seconds.
  const local = epochMs + offset * MINUTE_MS;
  const millis = ((local % 1000) + 1000) % 1000;
  const sign = offset < 0 ? '-' : '+';
  const magnitude = Math.abs(offset);
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${formatWall(floorToSecond(local))}${fraction}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}
