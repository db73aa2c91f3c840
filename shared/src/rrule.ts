/**
 * Strict validator for iCalendar recurrence rules: the value of an RRULE
 * property (RFC 5545, section 3.3.10), without the "RRULE:" prefix.
 *
 * Rules come from untrusted clients and are later expanded by other
 * calendar software, so this accepts a deliberately narrow subset of what
 * lenient parsers tolerate and bounds everything that could make expansion
 * expensive (length, COUNT, INTERVAL, list sizes).
 *
 * No imports: the module must run unchanged in browsers and in Node.
 */

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export type Frequency = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RecurrenceRule {
  freq: Frequency;
  interval: number; // default 1
  count?: number;
  until?: string; // as written: YYYYMMDD or YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ
  bySecond?: number[];
  byMinute?: number[];
  byHour?: number[];
  byDay?: { weekday: Weekday; ordinal?: number }[];
  byMonthDay?: number[];
  byYearDay?: number[];
  byWeekNo?: number[];
  byMonth?: number[];
  bySetPos?: number[];
  wkst?: Weekday;
}

export type RRuleParseResult = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

export const RRULE_MAX_LENGTH = 500;
export const RRULE_MAX_COUNT = 3660; // ten years of a daily event

const MAX_INTERVAL = 1000;
// Unreachable within RRULE_MAX_LENGTH today (366 one-digit items need 731
// characters); kept so that raising the length limit cannot unbound lists.
const MAX_LIST_ITEMS = 366;

const FREQUENCIES: readonly Frequency[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type PartName =
  | 'FREQ' | 'INTERVAL' | 'COUNT' | 'UNTIL' | 'WKST'
  | 'BYSECOND' | 'BYMINUTE' | 'BYHOUR' | 'BYDAY' | 'BYMONTHDAY'
  | 'BYYEARDAY' | 'BYWEEKNO' | 'BYMONTH' | 'BYSETPOS';

const PART_NAMES: readonly PartName[] = [
  'FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST',
  'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY',
  'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS',
];

/**
 * Signed specs accept -max..-min and min..max (the RFC never allows 0 for
 * them); maxDigits follows the RFC grammar (1*2DIGIT, 1*3DIGIT), so leading
 * zeros are fine only up to that width.
 */
interface NumberSpec {
  min: number;
  max: number;
  signed: boolean;
  maxDigits: number;
}

type NumberListPart = 'BYSECOND' | 'BYMINUTE' | 'BYHOUR' | 'BYMONTHDAY' | 'BYYEARDAY' | 'BYWEEKNO' | 'BYMONTH' | 'BYSETPOS';

const NUMBER_LISTS: Readonly<Record<NumberListPart, NumberSpec>> = {
  BYSECOND: { min: 0, max: 60, signed: false, maxDigits: 2 },
  BYMINUTE: { min: 0, max: 59, signed: false, maxDigits: 2 },
  BYHOUR: { min: 0, max: 23, signed: false, maxDigits: 2 },
  BYMONTHDAY: { min: 1, max: 31, signed: true, maxDigits: 2 },
  BYYEARDAY: { min: 1, max: 366, signed: true, maxDigits: 3 },
  BYWEEKNO: { min: 1, max: 53, signed: true, maxDigits: 2 },
  BYMONTH: { min: 1, max: 12, signed: false, maxDigits: 2 },
  BYSETPOS: { min: 1, max: 366, signed: true, maxDigits: 3 },
};

// The RFC grammar allows any number of digits here; the overall length limit
// already bounds them, and Infinity still fails the range check.
const INTERVAL_SPEC: NumberSpec = { min: 1, max: MAX_INTERVAL, signed: false, maxDigits: Infinity };
const COUNT_SPEC: NumberSpec = { min: 1, max: RRULE_MAX_COUNT, signed: false, maxDigits: Infinity };
const ORDINAL_SPEC: NumberSpec = { min: 1, max: 53, signed: true, maxDigits: 2 };

/** Only ever thrown and caught inside this module; anything else is a bug and must surface. */
class RRuleSyntaxError extends Error {}

function fail(message: string): never {
  throw new RRuleSyntaxError(message);
}

/**
 * Validates an RRULE value and returns its parts; never throws for bad input,
 * so it can sit directly behind a request handler or a form field.
 */
export function parseRRule(text: string): RRuleParseResult {
  try {
    return { ok: true, rule: parseStrict(text) };
  } catch (error) {
    if (error instanceof RRuleSyntaxError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

export function isValidRRule(text: string): boolean {
  return parseRRule(text).ok;
}

function parseStrict(text: unknown): RecurrenceRule {
  // Callers from plain JavaScript (or JSON bodies) may pass anything.
  if (typeof text !== 'string') fail('rule must be a string');
  if (text.length === 0) fail('rule is empty; FREQ is required');
  if (text.length > RRULE_MAX_LENGTH) fail(`rule is longer than ${RRULE_MAX_LENGTH} characters`);
  // CR/LF get their own message: they are the usual sign of content-line
  // injection or of a pasted, folded iCalendar line.
  if (/[\r\n]/.test(text)) fail('line breaks (CR or LF) are not allowed');
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(text);
  if (control !== null) fail(`control character U+${codePoint(control[0])} is not allowed`);
  if (/^\s|\s$/.test(text)) fail('leading or trailing whitespace is not allowed');
  if (/^rrule:/i.test(text)) fail('send the rule value without the "RRULE:" prefix, e.g. "FREQ=DAILY;COUNT=5"');

  const raw = splitParts(text);
  const freqValue = raw.get('FREQ');
  if (freqValue === undefined) fail('FREQ is required');
  const freq = parseFrequency(freqValue);
  if (raw.has('COUNT') && raw.has('UNTIL')) fail('COUNT and UNTIL cannot both be set');
  const rule: RecurrenceRule = { freq, interval: 1 };

  // Map order is the order of appearance, so the first faulty part is reported.
  for (const [name, value] of raw) {
    switch (name) {
      case 'FREQ':
        break;
      case 'INTERVAL':
        rule.interval = parseNumber('INTERVAL value', value, INTERVAL_SPEC);
        break;
      case 'COUNT':
        rule.count = parseNumber('COUNT value', value, COUNT_SPEC);
        break;
      case 'UNTIL':
        rule.until = parseUntil(value);
        break;
      case 'WKST':
        rule.wkst = parseWeekday(value, 'WKST value');
        break;
      case 'BYSECOND':
        rule.bySecond = parseNumberList(name, value);
        break;
      case 'BYMINUTE':
        rule.byMinute = parseNumberList(name, value);
        break;
      case 'BYHOUR':
        rule.byHour = parseNumberList(name, value);
        break;
      case 'BYDAY':
        // RFC 5545: numbered weekdays only make sense inside a month or a
        // year, and not when the year is already narrowed to weeks.
        rule.byDay = parseByDay(value, freq === 'MONTHLY' || (freq === 'YEARLY' && !raw.has('BYWEEKNO')), freq);
        break;
      case 'BYMONTHDAY':
        if (freq === 'WEEKLY') fail('BYMONTHDAY cannot be used with FREQ=WEEKLY');
        rule.byMonthDay = parseNumberList(name, value);
        break;
      case 'BYYEARDAY':
        if (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY') {
          fail(`BYYEARDAY cannot be used with FREQ=${freq}`);
        }
        rule.byYearDay = parseNumberList(name, value);
        break;
      case 'BYWEEKNO':
        if (freq !== 'YEARLY') fail('BYWEEKNO can only be used with FREQ=YEARLY');
        rule.byWeekNo = parseNumberList(name, value);
        break;
      case 'BYMONTH':
        rule.byMonth = parseNumberList(name, value);
        break;
      case 'BYSETPOS':
        // BYSETPOS selects among the occurrences produced by the other BYxxx
        // parts within one interval; on its own it has nothing to select from.
        if (![...raw.keys()].some((other) => other.startsWith('BY') && other !== 'BYSETPOS')) {
          fail('BYSETPOS must be used together with another BYxxx part');
        }
        rule.bySetPos = parseNumberList(name, value);
        break;
    }
  }
  return rule;
}

function splitParts(text: string): Map<PartName, string> {
  const parts = text.split(';');
  const raw = new Map<PartName, string>();
  parts.forEach((part, index) => {
    if (part === '') {
      fail(index === parts.length - 1 ? 'a trailing ";" is not allowed' : 'empty part: parts must be separated by a single ";"');
    }
    if (/\s/.test(part)) fail(`part ${quote(part)} contains whitespace`);
    const equals = part.indexOf('=');
    if (equals === -1) fail(`part ${quote(part)} is not of the form NAME=VALUE`);
    const writtenName = part.slice(0, equals);
    const value = part.slice(equals + 1);
    if (writtenName === '') fail(`part ${quote(part)} has no name`);
    const name = asciiUpperCase(writtenName);
    if (!isPartName(name)) fail(`unknown part ${quote(writtenName)}`);
    if (raw.has(name)) fail(`${name} is set more than once`);
    if (value === '') fail(`${name} has no value`);
    raw.set(name, value);
  });
  return raw;
}

function parseFrequency(value: string): Frequency {
  const upper = asciiUpperCase(value);
  const freq = FREQUENCIES.find((candidate) => candidate === upper);
  if (freq === undefined) fail(`FREQ value ${quote(value)} is not one of ${FREQUENCIES.join(', ')}`);
  return freq;
}

function parseWeekday(value: string, label: string): Weekday {
  const upper = asciiUpperCase(value);
  const weekday = WEEKDAYS.find((candidate) => candidate === upper);
  if (weekday === undefined) fail(`${label} ${quote(value)} is not a weekday (${WEEKDAYS.join(', ')})`);
  return weekday;
}

/** label starts every message, e.g. "BYMONTH value" or "BYDAY ordinal". */
function parseNumber(label: string, text: string, spec: NumberSpec): number {
  const match = /^([+-]?)([0-9]+)$/.exec(text);
  if (match === null) fail(`${label} ${quote(text)} is not a whole number`);
  const sign = match[1] ?? '';
  const digits = match[2] ?? '';
  if (sign !== '' && !spec.signed) fail(`${label} ${quote(text)} must not have a sign`);
  if (digits.length > spec.maxDigits) fail(`${label} ${quote(text)} has too many digits (at most ${spec.maxDigits})`);
  const value = Number(text);
  if (spec.signed) {
    if (value === 0) fail(`${label} ${text} is not allowed; use ${spec.min}..${spec.max} or -${spec.max}..-${spec.min}`);
    const magnitude = Math.abs(value);
    if (magnitude < spec.min || magnitude > spec.max) {
      fail(`${label} ${shorten(text)} is out of range ${spec.min}..${spec.max} or -${spec.max}..-${spec.min}`);
    }
  } else if (value < spec.min || value > spec.max) {
    fail(`${label} ${shorten(text)} is out of range ${spec.min}..${spec.max}`);
  }
  return value;
}

function splitList(name: PartName, value: string): string[] {
  const items = value.split(',');
  if (items.length > MAX_LIST_ITEMS) fail(`${name} has more than ${MAX_LIST_ITEMS} values`);
  if (items.includes('')) fail(`${name} has an empty value in its list (check for ",," or a trailing ",")`);
  return items;
}

function parseNumberList(name: NumberListPart, value: string): number[] {
  const spec = NUMBER_LISTS[name];
  return splitList(name, value).map((item) => parseNumber(`${name} value`, item, spec));
}

function parseByDay(value: string, ordinalsAllowed: boolean, freq: Frequency): { weekday: Weekday; ordinal?: number }[] {
  return splitList('BYDAY', value).map((item) => {
    const match = /^([+-]?[0-9]+)?([A-Za-z]+)$/.exec(item);
    if (match === null) fail(`BYDAY value ${quote(item)} is not a weekday with an optional ordinal, like MO, 2TU or -1FR`);
    const ordinalText = match[1];
    const weekday = parseWeekday(match[2] ?? '', 'BYDAY value');
    if (ordinalText === undefined) return { weekday };
    const ordinal = parseNumber('BYDAY ordinal', ordinalText, ORDINAL_SPEC);
    if (!ordinalsAllowed) {
      fail(
        freq === 'YEARLY'
          ? `BYDAY value ${quote(item)} has an ordinal, which is not allowed together with BYWEEKNO`
          : `BYDAY value ${quote(item)} has an ordinal, which is only allowed with FREQ=MONTHLY or FREQ=YEARLY`,
      );
    }
    return { weekday, ordinal };
  });
}

function parseUntil(value: string): string {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})Z?)?$/.exec(value);
  if (match === null) {
    fail(`UNTIL value ${quote(value)} is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS, optionally followed by Z)`);
  }
  const [year = 0, month = 0, day = 0] = match.slice(1, 4).map(Number);
  // Year 0 is not a calendar year anyone schedules in; rejecting it keeps
  // downstream date libraries (some treat it as 1 BC, some as invalid) out of trouble.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    fail(`UNTIL value ${quote(value)} is not a real calendar date`);
  }
  if (match[4] !== undefined) {
    const [hour = 0, minute = 0, second = 0] = match.slice(4, 7).map(Number);
    // Second 60 is a leap second, which RFC 5545 allows.
    if (hour > 23 || minute > 59 || second > 60) {
      fail(`UNTIL value ${quote(value)} has an invalid time (hour 0..23, minute 0..59, second 0..60)`);
    }
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isPartName(name: string): name is PartName {
  return (PART_NAMES as readonly string[]).includes(name);
}

/**
 * String.prototype.toUpperCase maps some non-ASCII letters onto ASCII
 * ("ſ" -> "S", "ı" -> "I"), which would let look-alike input through.
 */
function asciiUpperCase(text: string): string {
  return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

function codePoint(character: string): string {
  return character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** JSON quoting keeps odd input (quotes, lone surrogates) readable and unambiguous in messages. */
function quote(text: string): string {
  return JSON.stringify(shorten(text));
}
