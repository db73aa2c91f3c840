/**
 * The RFC 5545 content-line layer: value escaping, line folding, date-time forms and
 * VTIMEZONE blocks. Written here rather than taken from ical-generator because that
 * library prints a zoned `Date` with the server process's own clock (getHours()), so a
 * server running in UTC would shift every TZID time; it also escapes URI values as TEXT.
 * Owning these few rules keeps the output exact and reviewable.
 */
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { zonedToUtc } from '../schedule/zoned-time.ts';

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line
 * break as "\n". A title carrying CR/LF therefore stays inside its own property and can
 * never start a new one (ATTENDEE:..., END:VEVENT). Other control characters, which the
 * contract refuses anyway, are dropped; tab is allowed text.
 */
export function icalText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one
 * space, which counts in their 75. Cuts fall between code points, never inside a UTF-8
 * sequence, so accents and emoji survive any client's unfolding.
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let width = 0;
  for (let index = 0; index < line.length; ) {
    const code = line.codePointAt(index) ?? 0;
    const units = code > 0xffff ? 2 : 1;
    // UTF-8 length of the code point (a lone surrogate is written as 3 bytes, U+FFFD).
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (width + size > 75) {
      parts.push(line.slice(start, index));
      start = index;
      width = 1;
    }
    width += size;
    index += units;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

/** "2026-03-03T18:00[:SS]" (a wall-clock time) as the DATE-TIME form "20260303T180000". */
export function compactWall(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return withSeconds.replace(/[-:]/g, '');
}

/** An instant as a UTC DATE-TIME, "20260303T170000Z". */
export function compactUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** A FLOAT value: never in exponent notation, which RFC 5545 does not allow (1e-7). */
export function icalFloat(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, '');
}

const knownZones = new Set(tzlib_get_timezones() as string[]);
const zoneBlocks = new Map<string, { tzid: string; block: string } | null>();

/**
 * The VTIMEZONE of an IANA zone and the TZID it declares (the library's canonical name:
 * "UTC" is "Etc/UTC", "Europe/Kiev" is "Europe/Kyiv"), or null when the library does
 * not know the zone; times in such a zone are then written in UTC.
 */
export function vtimezone(timeZone: string): { tzid: string; block: string } | null {
  let entry = zoneBlocks.get(timeZone);
  if (entry === undefined) {
    // Asking the library about an unknown zone prints to the console: check first.
    const result = knownZones.has(timeZone) ? tzlib_get_ical_block(timeZone) : '';
    entry = Array.isArray(result) && typeof result[0] === 'string' && result[0] !== '' && typeof result[1] === 'string' ? { tzid: result[1].replace(/^TZID=/, ''), block: result[0] } : null;
    zoneBlocks.set(timeZone, entry);
  }
  return entry;
}

/**
 * A DATE-TIME property for a wall-clock time in the event's zone: with its TZID when
 * there is a VTIMEZONE for it, else as the UTC instant zonedToUtc reads it as.
 */
export function zonedProperty(name: string, locals: readonly string[], timeZone: string): string {
  const zone = vtimezone(timeZone);
  if (zone !== null) return `${name};TZID=${zone.tzid}:${locals.map(compactWall).join(',')}`;
  return `${name}:${locals.map((local) => compactUtc(zonedToUtc(local, timeZone))).join(',')}`;
}

/** Lines to the body of an .ics file: each folded, CRLF after every one. */
export function icalDocument(lines: readonly string[]): string {
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
