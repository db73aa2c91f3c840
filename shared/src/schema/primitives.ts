import Type, { type TSchema } from 'typebox';
import { DATE_RANGE, LIMITS } from './limits.ts';

/*
 * Leaf types of the contract. Each carries the JSON Schema keywords OpenAPI readers
 * see, and a refinement for what JSON Schema cannot say (a real calendar date, an IANA
 * zone, a URL that parses), so the same rule runs on the hub, in the aggregator and in
 * the browser.
 */

const LOWER_UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const PHONE = '^\\+?[0-9 .()-]{4,31}$';
const INSEE = '^(?:[0-9]{2}|2A|2B)[0-9]{3}$';
const LANGUAGE = '^[a-z]{2,3}(?:-[A-Z]{2})?$';
const LOCAL_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$';
const CLOCK = '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$';

/** What each pattern means, so an error says "must be a lower-case UUID" rather than quoting a regex. */
const PATTERN_HINTS = new Map<string, string>([
  [LOWER_UUID, 'must be a lower-case UUID'],
  [SLUG, 'must be lower-case letters and digits joined by single hyphens'],
  [PHONE, 'must be a phone number (digits, spaces, dots, dashes, brackets, optional leading +)'],
  [INSEE, 'must be the 5-character INSEE code of a commune, e.g. 45234'],
  ['^[0-9]{5}$', 'must be a 5-digit postal code'],
  [LANGUAGE, 'must be a language tag such as fr or fr-FR'],
  [LOCAL_DATE_TIME, 'must be a local date-time written YYYY-MM-DDTHH:MM[:SS]'],
  [CLOCK, 'must be a time written HH:MM (00:00 to 24:00)'],
]);

/** Registers the human meaning of a pattern used elsewhere in the contract. */
export function hintPattern(pattern: string, hint: string): string {
  PATTERN_HINTS.set(pattern, hint);
  return pattern;
}

export function describePattern(pattern: string): string | undefined {
  return PATTERN_HINTS.get(pattern);
}

/** Ids are lower-case UUIDs; hubs mint time-ordered UUIDv7, never sequential numbers. */
export const Id = Type.String({ pattern: LOWER_UUID, maxLength: 36, description: 'a lower-case UUID (v7 when minted by a hub)' });

export const Slug = Type.String({ pattern: SLUG, minLength: 1, maxLength: LIMITS.slug, description: 'lower-case words joined by hyphens' });
/** A hub's id is a slug such as "centre-val-de-loire"; it is also its JWT issuer. */
export const HubId = Type.String({ pattern: SLUG, minLength: 2, maxLength: LIMITS.hubId });

/**
 * LIMITS are in UTF-16 code units (what the web's maxlength counts), but TypeBox, like JSON
 * Schema, counts maxLength in code points: a 200-emoji title (400 units) passed a 200 cap.
 * The keyword stays for OpenAPI readers; this refinement enforces the documented unit.
 */
function withinUtf16<S extends TSchema>(schema: S, maxLength: number) {
  return Type.Refine(
    schema,
    (text: unknown) => typeof text !== 'string' || text.length <= maxLength,
    () => `must not have more than ${maxLength} characters (an emoji counts as two)`,
  );
}

/**
 * Refuses lone surrogates: half of a character, which no encoder can write as UTF-8 (it
 * becomes U+FFFD, or an error, in every export and in other hubs).
 */
function wholeCharacters<S extends TSchema>(schema: S) {
  return Type.Refine(schema, (text: unknown) => typeof text !== 'string' || !/\p{Cs}/u.test(text), () => 'must not contain half of a character (a lone surrogate)');
}

/** Text on one line: no control characters, so it can go into headers, iCal and CSV safely after escaping. */
export function Line(maxLength: number, minLength = 0) {
  return wholeCharacters(
    withinUtf16(
      Type.Refine(
        Type.String({ minLength, maxLength }),
        (text: string) => !/[\u0000-\u001f\u007f]/.test(text),
        () => 'must be a single line without control characters',
      ),
      maxLength,
    ),
  );
}

/** Whether a text shows something: not only spaces and invisible characters (zero-width spaces, joiners, BOM, fillers). */
export function isVisible(text: string): boolean {
  return text.replace(/[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu, '').length > 0;
}

/** A line that must say something: not empty, not only spaces or invisible characters. */
export function RequiredLine(maxLength: number) {
  return Type.Refine(Line(maxLength, 1), isVisible, () => 'must not be blank');
}

/** Markdown or plain text over several lines; tabs and newlines are the only control characters allowed. */
export function Text(maxLength: number) {
  return wholeCharacters(withinUtf16(
    Type.Refine(
      Type.String({ maxLength }),
      (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text),
      () => 'must not contain control characters other than tab and newline',
    ),
    maxLength,
  ));
}

export function isHttpUrl(text: string): boolean {
  // URL parsing silently drops tabs and newlines, but the raw string is what gets stored and exported.
  if (!/^https?:\/\//i.test(text) || /[\u0000-\u001f\u007f\s]/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL without credentials; javascript:, data: and the rest are refused. */
export const HttpUrl = Type.Refine(
  // No `format: 'uri'`: it refuses IRIs such as https://éco.fr/, which URL parsing accepts.
  Type.String({ maxLength: LIMITS.url, description: 'an absolute http(s) URL' }),
  isHttpUrl,
  () => 'must be an absolute http or https URL without credentials',
);

export const Email = Type.Refine(
  Type.String({ format: 'email', maxLength: LIMITS.email }),
  (text: string) => /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(text),
  () => 'must be an email address',
);

export const Phone = Type.String({ pattern: PHONE, maxLength: LIMITS.phone, description: 'digits, spaces, dots, dashes and brackets, optionally starting with +' });

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether Y-M-D names a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

function validClock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

export function isLocalDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isLocalDateTime(text: string): boolean {
  const m = LOCAL_DATE_TIME_RE.exec(text);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && validClock(Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

export function isDateTime(text: string): boolean {
  const m = DATE_TIME_RE.exec(text);
  if (m === null) return false;
  const offsetOk = m[7] === 'Z' || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
  return offsetOk && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && validClock(Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Whether a date's year (its first four digits, as every date form here writes it) is in DATE_RANGE. */
export function isInDateRange(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= DATE_RANGE.firstYear && year <= DATE_RANGE.lastYear;
}

const OUT_OF_RANGE = `must fall in the years ${DATE_RANGE.firstYear} to ${DATE_RANGE.lastYear}`;

/**
 * Bounds a date form to DATE_RANGE, as its own refinement so a far date is told apart
 * from a malformed one. Expansion and every writer rely on it: a year past 9999 cannot
 * even be written in these forms, and one close to it overflows once a rule steps on.
 */
function inDateRange<S extends TSchema>(schema: S) {
  return Type.Refine(schema, (text: unknown) => typeof text !== 'string' || isInDateRange(text), () => OUT_OF_RANGE);
}

/** A calendar day, "2026-10-10". */
export const LocalDate = inDateRange(
  Type.Refine(
    Type.String({ format: 'date', maxLength: 10 }),
    isLocalDate,
    () => 'must be a real date written YYYY-MM-DD',
  ),
);

/** A wall-clock time in the event's time zone, "2026-10-10T14:30": what recurrence rules expand from. */
export const LocalDateTime = inDateRange(
  Type.Refine(
    Type.String({ pattern: LOCAL_DATE_TIME, maxLength: 19 }),
    isLocalDateTime,
    () => 'must be a real local date-time written YYYY-MM-DDTHH:MM[:SS]',
  ),
);

/** An instant in RFC 3339 with its offset, "2026-10-10T14:30:00+02:00". */
export const DateTime = inDateRange(
  Type.Refine(
    Type.String({ format: 'date-time', maxLength: 35 }),
    isDateTime,
    () => 'must be an RFC 3339 date-time with seconds and an offset, e.g. 2026-10-10T14:30:00+02:00',
  ),
);

/** "HH:MM" on a 24-hour clock; "24:00" closes a day at midnight. */
export const ClockTime = Type.String({ pattern: CLOCK, maxLength: 5 });

const zoneCache = new Map<string, boolean>();

/** Whether the runtime's time-zone database knows this IANA name (aliases included). */
export function isTimeZone(text: string): boolean {
  // Intl also accepts offsets such as "+01:00" in recent engines; a named zone is what keeps DST right.
  if (text !== 'UTC' && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(text)) return false;
  let known = zoneCache.get(text);
  if (known === undefined) {
    try {
      const resolved = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
      // Intl matches names case-insensitively; only the canonical spelling is accepted, so
      // stored zones compare equal. Aliases (Europe/Kiev for Europe/Kyiv) stay accepted.
      known = resolved === text || resolved.toLowerCase() !== text.toLowerCase();
    } catch {
      known = false;
    }
    if (zoneCache.size < 1_000) zoneCache.set(text, known);
  }
  return known;
}

export const TimeZone = Type.Refine(
  Type.String({ maxLength: 64, description: 'an IANA time zone, e.g. Europe/Paris' }),
  isTimeZone,
  () => 'must be an IANA time zone such as Europe/Paris',
);

export const Latitude = Type.Number({ minimum: -90, maximum: 90 });
export const Longitude = Type.Number({ minimum: -180, maximum: 180 });

/** A commune's INSEE code (Corsica's start 2A/2B), not its postcode. */
export const InseeCode = Type.String({ pattern: INSEE, description: 'INSEE code of a commune, e.g. 45234 for Orléans' });
export const PostalCode = Type.String({ pattern: '^[0-9]{5}$' });

/** A BCP 47 language tag limited to language and region, "fr" or "fr-FR". */
export const LanguageTag = Type.String({ pattern: LANGUAGE, maxLength: 6 });

export const Keyword = RequiredLine(LIMITS.keyword);

/** An array whose items must not repeat: facets are sets. */
export function SetOf<T extends Parameters<typeof Type.Array>[0]>(item: T, maxItems: number) {
  return Type.Array(item, { maxItems, uniqueItems: true });
}

/** A national campaign's slug, e.g. "fete-de-la-science-2026". */
export const Campaign = Type.String({ pattern: SLUG, minLength: 2, maxLength: 64 });
