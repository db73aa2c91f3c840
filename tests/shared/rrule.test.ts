import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import {
  isValidRRule,
  parseRRule,
  RRULE_MAX_COUNT,
  RRULE_MAX_LENGTH,
  type Frequency,
  type RecurrenceRule,
  type Weekday,
} from '@constellation/shared';

// The ranges below are restated from RFC 5545 rather than imported, so the
// tests check the implementation against the spec and not against itself.
const FREQUENCIES: readonly Frequency[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type ListName = 'BYSECOND' | 'BYMINUTE' | 'BYHOUR' | 'BYMONTHDAY' | 'BYYEARDAY' | 'BYWEEKNO' | 'BYMONTH' | 'BYSETPOS';

interface Range {
  min: number;
  max: number;
  /** Signed ranges are -max..-min and min..max. */
  signed: boolean;
  /** Width allowed by the RFC grammar, used to zero-pad valid values. */
  digits: number;
}

const LIST_RANGES: Record<ListName, Range> = {
  BYSECOND: { min: 0, max: 60, signed: false, digits: 2 },
  BYMINUTE: { min: 0, max: 59, signed: false, digits: 2 },
  BYHOUR: { min: 0, max: 23, signed: false, digits: 2 },
  BYMONTHDAY: { min: 1, max: 31, signed: true, digits: 2 },
  BYYEARDAY: { min: 1, max: 366, signed: true, digits: 3 },
  BYWEEKNO: { min: 1, max: 53, signed: true, digits: 2 },
  BYMONTH: { min: 1, max: 12, signed: false, digits: 2 },
  BYSETPOS: { min: 1, max: 366, signed: true, digits: 3 },
};
const INTERVAL_RANGE: Range = { min: 1, max: 1000, signed: false, digits: 4 };
const COUNT_RANGE: Range = { min: 1, max: RRULE_MAX_COUNT, signed: false, digits: 4 };
const ORDINAL_RANGE: Range = { min: 1, max: 53, signed: true, digits: 2 };

/** Floating 2026-03-02T10:00:00, a Monday. */
function dtstart(): ICAL.Time {
  return new ICAL.Time({ year: 2026, month: 3, day: 2, hour: 10, minute: 0, second: 0, isDate: false }, ICAL.Timezone.localTimezone);
}

/**
 * ical.js matches FREQ, BYDAY and WKST values case-sensitively while RFC 5545
 * makes them case-insensitive, so it is fed the upper-cased text. Every rule
 * this file hands to it is otherwise upper case already.
 */
function icalRecur(text: string): ICAL.Recur {
  return ICAL.Recur.fromString(text.toUpperCase());
}

function firstOccurrences(text: string, limit = 5): string[] {
  const iterator = icalRecur(text).iterator(dtstart());
  const occurrences: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    // Typed as Time, but ical.js returns null once the rule is exhausted.
    const next = iterator.next() as ICAL.Time | null;
    if (next === null) break;
    occurrences.push(next.toString());
  }
  return occurrences;
}

function expectInvalid(text: string): string {
  const result = parseRRule(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return result.message;
}

const VALID_RULES: readonly string[] = [
  'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'FREQ=DAILY;UNTIL=20261231T235959Z',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'freq=weekly;byday=mo,we;wkst=su',
  'Freq=Monthly;Interval=2;ByDay=2Tu;Count=6',
  'FREQ=DAILY',
  'COUNT=5;FREQ=DAILY',
  `FREQ=DAILY;INTERVAL=2;COUNT=${RRULE_MAX_COUNT}`,
  'FREQ=WEEKLY;INTERVAL=1000;COUNT=2',
  'FREQ=HOURLY;INTERVAL=3;BYHOUR=9,12,15;BYMINUTE=0,30',
  'FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10;COUNT=8',
  'FREQ=SECONDLY;INTERVAL=30;BYSECOND=0,30;COUNT=5',
  'FREQ=MONTHLY;BYMONTHDAY=1,15,-1',
  'FREQ=MONTHLY;BYMONTHDAY=+5,-1,+5',
  'FREQ=MONTHLY;BYMONTH=01,07;BYMONTHDAY=05',
  'FREQ=YEARLY;BYYEARDAY=1,100,-1',
  'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
  'FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO,FR;WKST=MO',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=YEARLY;BYDAY=20MO',
  'FREQ=MONTHLY;BYDAY=+1MO;UNTIL=20270101',
  'FREQ=DAILY;UNTIL=20280229T120000',
  'FREQ=DAILY;UNTIL=20261231T235960Z',
  'FREQ=YEARLY;UNTIL=24000229T000000Z',
  'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
  'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
  'FREQ=YEARLY;BYMONTH=1,6;BYDAY=SA,SU;BYSETPOS=1,-1',
  'FREQ=DAILY;BYMONTH=12;BYMONTHDAY=24,25,26;COUNT=3',
  'FREQ=WEEKLY;UNTIL=20260601;BYDAY=SA;WKST=su',
];

describe('parseRRule: valid rules', () => {
  it.each(VALID_RULES)('accepts %s', (text) => {
    const result = parseRRule(text);
    expect(result).toMatchObject({ ok: true });
    expect(isValidRRule(text)).toBe(true);
  });

  const parsed: readonly [string, RecurrenceRule][] = [
    [
      'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
      { freq: 'WEEKLY', interval: 1, count: 10, byDay: [{ weekday: 'TU' }, { weekday: 'TH' }] },
    ],
    ['FREQ=MONTHLY;BYDAY=-1FR', { freq: 'MONTHLY', interval: 1, byDay: [{ weekday: 'FR', ordinal: -1 }] }],
    [
      'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      { freq: 'YEARLY', interval: 1, byMonth: [3], byDay: [{ weekday: 'SU', ordinal: 2 }] },
    ],
    ['FREQ=DAILY;UNTIL=20261231T235959Z', { freq: 'DAILY', interval: 1, until: '20261231T235959Z' }],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      {
        freq: 'MONTHLY',
        interval: 1,
        byDay: WEEKDAYS.slice(0, 5).map((weekday) => ({ weekday })),
        bySetPos: [-1],
      },
    ],
    [
      'freq=weekly;byday=mo,we;wkst=su',
      { freq: 'WEEKLY', interval: 1, byDay: [{ weekday: 'MO' }, { weekday: 'WE' }], wkst: 'SU' },
    ],
    [
      'Freq=Monthly;Interval=2;ByDay=2Tu;Count=6',
      { freq: 'MONTHLY', interval: 2, count: 6, byDay: [{ weekday: 'TU', ordinal: 2 }] },
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=+5,-1,+5', { freq: 'MONTHLY', interval: 1, byMonthDay: [5, -1, 5] }],
    ['FREQ=MONTHLY;BYMONTH=01,07;BYMONTHDAY=05', { freq: 'MONTHLY', interval: 1, byMonth: [1, 7], byMonthDay: [5] }],
    [
      'FREQ=HOURLY;INTERVAL=3;BYHOUR=9,12,15;BYMINUTE=0,30',
      { freq: 'HOURLY', interval: 3, byHour: [9, 12, 15], byMinute: [0, 30] },
    ],
    [
      'FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO,FR;WKST=MO',
      { freq: 'YEARLY', interval: 1, byWeekNo: [-1], byDay: [{ weekday: 'MO' }, { weekday: 'FR' }], wkst: 'MO' },
    ],
  ];

  it.each(parsed)('parses %s into the expected structure', (text, rule) => {
    expect(parseRRule(text)).toStrictEqual({ ok: true, rule });
  });
});

// [rule, fragment the message must contain: the offending part or the problem]
const INVALID_RULES: readonly [string, string][] = [
  // Shape of the whole value
  ['', 'FREQ is required'],
  ['COUNT=5', 'FREQ is required'],
  ['RRULE:FREQ=DAILY', 'RRULE:'],
  ['rrule:FREQ=DAILY', 'RRULE:'],
  [' FREQ=DAILY', 'leading or trailing whitespace'],
  ['FREQ=DAILY ', 'leading or trailing whitespace'],
  ['FREQ=DAILY;COUNT=5\u2028', 'leading or trailing whitespace'],
  ['FREQ=DAILY; COUNT=5', 'part " COUNT=5" contains whitespace'],
  ['FREQ=WEEKLY;BYDAY=MO,\u00a0TU', 'BYDAY'],
  ['FREQ=DAILY\r\nCOUNT=5', 'CR or LF'],
  ['FREQ=DAILY;COUNT=5\n', 'CR or LF'],
  ['FREQ=DAILY\u0000', 'U+0000'],
  ['FREQ=DAILY;\tCOUNT=5', 'U+0009'],
  ['FREQ=DAILY\u0085', 'U+0085'],
  [`FREQ=DAILY;BYMONTH=${'1,'.repeat(RRULE_MAX_LENGTH)}1`, `${RRULE_MAX_LENGTH} characters`],
  ['FREQ=DAILY;;COUNT=5', 'empty part'],
  [';FREQ=DAILY', 'empty part'],
  ['FREQ=DAILY;', 'trailing ";"'],
  ['FREQ=DAILY;COUNT', 'COUNT'],
  ['FREQ=DAILY;COUNT=', 'COUNT has no value'],
  ['FREQ=DAILY;=5', 'no name'],
  // Part names
  ['FREQ=DAILY;FOO=1', 'unknown part "FOO"'],
  ['FREQ=DAILY;X-NAME=1', 'unknown part "X-NAME"'],
  ['FREQ=DAILY;RSCALE=GREGORIAN', 'unknown part "RSCALE"'],
  // "ſ" upper-cases to "S" with String#toUpperCase.
  ['FREQ=DAILY;BYſECOND=1', 'unknown part "BYſECOND"'],
  ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is set more than once'],
  ['FREQ=DAILY;count=5;COUNT=6', 'COUNT is set more than once'],
  // FREQ
  ['FREQ=FORTNIGHTLY', 'FREQ value "FORTNIGHTLY"'],
  ['FREQ=DAıLY', 'FREQ value'],
  ['FREQ=DAILY,WEEKLY', 'FREQ value'],
  // INTERVAL
  ['FREQ=DAILY;INTERVAL=0', 'INTERVAL value 0 is out of range 1..1000'],
  ['FREQ=DAILY;INTERVAL=1001', 'INTERVAL value 1001 is out of range'],
  ['FREQ=DAILY;INTERVAL=+2', 'INTERVAL value "+2" must not have a sign'],
  ['FREQ=DAILY;INTERVAL=-1', 'INTERVAL'],
  ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL value "1.5" is not a whole number'],
  ['FREQ=DAILY;INTERVAL=0x10', 'INTERVAL'],
  ['FREQ=DAILY;INTERVAL=２', 'INTERVAL'],
  // COUNT / UNTIL
  ['FREQ=DAILY;COUNT=0', 'COUNT value 0 is out of range'],
  [`FREQ=DAILY;COUNT=${RRULE_MAX_COUNT + 1}`, `COUNT value ${RRULE_MAX_COUNT + 1} is out of range 1..${RRULE_MAX_COUNT}`],
  [`FREQ=DAILY;COUNT=${'9'.repeat(400)}`, 'COUNT value 9999'],
  ['FREQ=DAILY;COUNT=1e3', 'COUNT'],
  ['FREQ=DAILY;COUNT=5;UNTIL=20261231', 'COUNT and UNTIL cannot both be set'],
  ['FREQ=DAILY;UNTIL=20261231;COUNT=5', 'COUNT and UNTIL cannot both be set'],
  ['FREQ=DAILY;UNTIL=20260230', 'UNTIL value "20260230" is not a real calendar date'],
  ['FREQ=DAILY;UNTIL=20250229', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=21000229', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20260431', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261301', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261200', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=00000101', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261231T240000', 'UNTIL value "20261231T240000" has an invalid time'],
  ['FREQ=DAILY;UNTIL=20261231T236000Z', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261231T235961Z', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=2026-12-31', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261231T2359', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261231t235959z', 'UNTIL'],
  ['FREQ=DAILY;UNTIL=20261231T235959+0100', 'UNTIL'],
  // Time lists
  ['FREQ=DAILY;BYSECOND=61', 'BYSECOND value 61 is out of range 0..60'],
  ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE value 60 is out of range 0..59'],
  ['FREQ=DAILY;BYHOUR=24', 'BYHOUR value 24 is out of range 0..23'],
  ['FREQ=DAILY;BYHOUR=-1', 'BYHOUR value "-1" must not have a sign'],
  ['FREQ=DAILY;BYMINUTE=+5', 'BYMINUTE'],
  ['FREQ=MINUTELY;BYSECOND=000', 'BYSECOND value "000" has too many digits'],
  // BYDAY
  ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY value "XX" is not a weekday'],
  ['FREQ=WEEKLY;BYDAY=MONDAY', 'BYDAY value "MONDAY"'],
  ['FREQ=WEEKLY;BYDAY=MO,,TU', 'BYDAY has an empty value'],
  ['FREQ=WEEKLY;BYDAY=MO,', 'BYDAY has an empty value'],
  ['FREQ=MONTHLY;BYDAY=+MO', 'BYDAY value "+MO"'],
  ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY ordinal 0 is not allowed'],
  ['FREQ=YEARLY;BYDAY=54MO', 'BYDAY ordinal 54 is out of range'],
  ['FREQ=YEARLY;BYDAY=100MO', 'BYDAY ordinal "100" has too many digits'],
  ['FREQ=WEEKLY;BYDAY=1MO', 'BYDAY value "1MO" has an ordinal'],
  ['FREQ=DAILY;BYDAY=-1FR', 'BYDAY value "-1FR" has an ordinal'],
  ['FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO', 'BYDAY value "1MO" has an ordinal, which is not allowed together with BYWEEKNO'],
  // Day lists
  ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY value 0 is not allowed'],
  ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value 32 is out of range'],
  ['FREQ=MONTHLY;BYMONTHDAY=-32', 'BYMONTHDAY value -32 is out of range'],
  ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
  ['FREQ=YEARLY;BYYEARDAY=0', 'BYYEARDAY value 0'],
  ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY value 367 is out of range'],
  ['FREQ=YEARLY;BYYEARDAY=-0367', 'BYYEARDAY value "-0367" has too many digits'],
  ['FREQ=DAILY;BYYEARDAY=1', 'BYYEARDAY cannot be used with FREQ=DAILY'],
  ['FREQ=WEEKLY;BYYEARDAY=1', 'BYYEARDAY cannot be used with FREQ=WEEKLY'],
  ['FREQ=MONTHLY;BYYEARDAY=1', 'BYYEARDAY cannot be used with FREQ=MONTHLY'],
  ['FREQ=YEARLY;BYWEEKNO=0', 'BYWEEKNO value 0'],
  ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO value 54 is out of range'],
  ['FREQ=MONTHLY;BYWEEKNO=1', 'BYWEEKNO can only be used with FREQ=YEARLY'],
  // BYMONTH
  ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH value 13 is out of range 1..12'],
  ['FREQ=YEARLY;BYMONTH=0', 'BYMONTH value 0 is out of range 1..12'],
  ['FREQ=YEARLY;BYMONTH=001', 'BYMONTH value "001" has too many digits'],
  ['FREQ=YEARLY;BYMONTH=1,2,x', 'BYMONTH value "x" is not a whole number'],
  // BYSETPOS
  ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS must be used together with another BYxxx part'],
  ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS value 0'],
  ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367', 'BYSETPOS value 367 is out of range'],
  // WKST
  ['FREQ=WEEKLY;WKST=XX', 'WKST value "XX" is not a weekday'],
  ['FREQ=WEEKLY;WKST=MONDAY', 'WKST value'],
  ['FREQ=WEEKLY;WKST=MO,TU', 'WKST value'],
];

describe('parseRRule: invalid rules', () => {
  it.each(INVALID_RULES)('rejects %j', (text, fragment) => {
    const message = expectInvalid(text);
    expect(message).toContain(fragment);
    expect(isValidRRule(text)).toBe(false);
  });

  it('keeps messages short even for long input', () => {
    expect(expectInvalid(`FREQ=DAILY;COUNT=${'9'.repeat(400)}`).length).toBeLessThan(100);
    expect(expectInvalid(`FREQ=DAILY;${'X'.repeat(400)}=1`).length).toBeLessThan(100);
  });

  it('rejects non-string input from untyped callers instead of throwing', () => {
    for (const value of [undefined, null, 42, {}, ['FREQ=DAILY']]) {
      expect(parseRRule(value as unknown as string)).toMatchObject({ ok: false });
    }
  });
});

describe('cross-check with ical.js', () => {
  it.each(VALID_RULES)('ical.js parses and iterates %s', (text) => {
    const recur = icalRecur(text);
    const result = parseRRule(text);
    if (!result.ok) throw new Error(result.message);
    expect(recur.freq).toBe(result.rule.freq);
    expect(recur.interval).toBe(result.rule.interval);
    expect(recur.count ?? undefined).toBe(result.rule.count);

    const occurrences = firstOccurrences(text);
    // Every rule in the table is meant to produce something after DTSTART.
    expect(occurrences.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Property-based tests. A rule is generated as a model (values plus the exact
// text each value is written as), so that properties can mutate one value and
// know which part the resulting message has to name.

interface WrittenNumber {
  value: number;
  text: string;
}

interface Until {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second: number; utc: boolean } | undefined;
}

interface RuleModel {
  freq: Frequency;
  interval?: WrittenNumber | undefined;
  count?: WrittenNumber | undefined;
  until?: Until | undefined;
  lists: Partial<Record<ListName, WrittenNumber[]>>;
  byDay?: { weekday: Weekday; ordinal?: WrittenNumber | undefined }[] | undefined;
  wkst?: Weekday | undefined;
}

const LIST_FIELDS: Record<ListName, keyof RecurrenceRule> = {
  BYSECOND: 'bySecond',
  BYMINUTE: 'byMinute',
  BYHOUR: 'byHour',
  BYMONTHDAY: 'byMonthDay',
  BYYEARDAY: 'byYearDay',
  BYWEEKNO: 'byWeekNo',
  BYMONTH: 'byMonth',
  BYSETPOS: 'bySetPos',
};

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Any valid spelling of a value: optional "+" where signs are allowed, zero-padding within the RFC width. */
function writtenNumber(range: Range): fc.Arbitrary<WrittenNumber> {
  const magnitude = fc.integer({ min: range.min, max: range.max });
  const value = range.signed ? fc.tuple(magnitude, fc.boolean()).map(([m, negative]) => (negative ? -m : m)) : magnitude;
  return fc.record({ value, plus: fc.boolean(), padded: fc.boolean() }).map(({ value, plus, padded }) => {
    const digits = padded ? pad(Math.abs(value), range.digits) : String(Math.abs(value));
    const sign = value < 0 ? '-' : range.signed && plus ? '+' : '';
    return { value, text: `${sign}${digits}` };
  });
}

/** ical.js only knows unpadded BYDAY ordinals (its pattern is [1-9] / [1-4][0-9] / 5[0-3]). */
const ordinalArb: fc.Arbitrary<WrittenNumber> = fc
  .tuple(fc.integer({ min: 1, max: 53 }), fc.constantFrom('', '+', '-'))
  .map(([magnitude, sign]) => ({ value: sign === '-' ? -magnitude : magnitude, text: `${sign}${magnitude}` }));

const untilArb: fc.Arbitrary<Until> = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.record({
      year: fc.constant(year),
      month: fc.constant(month),
      day: fc.integer({ min: 1, max: daysInMonth(year, month) }),
      time: fc.option(
        fc.record({
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 60 }),
          utc: fc.boolean(),
        }),
        { nil: undefined },
      ),
    }),
  );

function writeUntil(until: Until): string {
  const date = `${pad(until.year, 4)}${pad(until.month, 2)}${pad(until.day, 2)}`;
  const { time } = until;
  if (time === undefined) return date;
  return `${date}T${pad(time.hour, 2)}${pad(time.minute, 2)}${pad(time.second, 2)}${time.utc ? 'Z' : ''}`;
}

function optionalList(name: ListName, allowed = true): fc.Arbitrary<WrittenNumber[] | undefined> {
  if (!allowed) return fc.constant(undefined);
  return fc.option(fc.array(writtenNumber(LIST_RANGES[name]), { minLength: 1, maxLength: 5 }), { nil: undefined });
}

/** Well-formed rules only: every BY-part combination the RFC allows for the chosen FREQ. */
const ruleModelArb: fc.Arbitrary<RuleModel> = fc.constantFrom(...FREQUENCIES).chain((freq) =>
  fc
    .record({
      interval: fc.option(writtenNumber(INTERVAL_RANGE), { nil: undefined }),
      end: fc.oneof(
        fc.constant({}),
        writtenNumber(COUNT_RANGE).map((count) => ({ count })),
        untilArb.map((until) => ({ until })),
      ),
      BYSECOND: optionalList('BYSECOND'),
      BYMINUTE: optionalList('BYMINUTE'),
      BYHOUR: optionalList('BYHOUR'),
      BYMONTHDAY: optionalList('BYMONTHDAY', freq !== 'WEEKLY'),
      BYYEARDAY: optionalList('BYYEARDAY', freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY'),
      BYWEEKNO: optionalList('BYWEEKNO', freq === 'YEARLY'),
      BYMONTH: optionalList('BYMONTH'),
      BYSETPOS: optionalList('BYSETPOS'),
      byDay: fc.option(
        fc.array(fc.record({ weekday: fc.constantFrom(...WEEKDAYS), ordinal: fc.option(ordinalArb, { nil: undefined }) }), {
          minLength: 1,
          maxLength: 7,
        }),
        { nil: undefined },
      ),
      wkst: fc.option(fc.constantFrom(...WEEKDAYS), { nil: undefined }),
    })
    .map(({ interval, end, byDay, wkst, ...byLists }): RuleModel => {
      const lists: Partial<Record<ListName, WrittenNumber[]>> = {};
      for (const name of Object.keys(LIST_RANGES) as ListName[]) {
        const items = byLists[name];
        if (items !== undefined) lists[name] = items;
      }
      const ordinalsAllowed = freq === 'MONTHLY' || (freq === 'YEARLY' && lists.BYWEEKNO === undefined);
      const days = ordinalsAllowed ? byDay : byDay?.map(({ weekday }) => ({ weekday }));
      const hasOtherBy = days !== undefined || Object.keys(lists).some((name) => name !== 'BYSETPOS');
      if (!hasOtherBy) delete lists.BYSETPOS;
      return { freq, interval, ...end, lists, byDay: days, wkst };
    }),
);

function modelParts(model: RuleModel): [string, string][] {
  const parts: [string, string][] = [['FREQ', model.freq]];
  if (model.interval) parts.push(['INTERVAL', model.interval.text]);
  if (model.count) parts.push(['COUNT', model.count.text]);
  if (model.until) parts.push(['UNTIL', writeUntil(model.until)]);
  for (const [name, items] of Object.entries(model.lists)) {
    parts.push([name, items.map((item) => item.text).join(',')]);
  }
  if (model.byDay) {
    parts.push(['BYDAY', model.byDay.map(({ weekday, ordinal }) => `${ordinal?.text ?? ''}${weekday}`).join(',')]);
  }
  if (model.wkst) parts.push(['WKST', model.wkst]);
  return parts;
}

/** Parts in any order and names in any case, both of which RFC 5545 allows. */
function ruleTextArb(model: RuleModel): fc.Arbitrary<string> {
  const parts = modelParts(model);
  return fc
    .tuple(
      fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }),
      fc.array(fc.boolean(), { minLength: parts.length, maxLength: parts.length }),
    )
    .map(([ordered, lowerCase]) =>
      ordered.map(([name, value], i) => `${lowerCase[i] ? name.toLowerCase() : name}=${value}`).join(';'),
    );
}

function expectedRule(model: RuleModel): RecurrenceRule {
  const rule: Record<string, unknown> = { freq: model.freq, interval: model.interval?.value ?? 1 };
  if (model.count) rule.count = model.count.value;
  if (model.until) rule.until = writeUntil(model.until);
  for (const [name, items] of Object.entries(model.lists) as [ListName, WrittenNumber[]][]) {
    rule[LIST_FIELDS[name]] = items.map((item) => item.value);
  }
  if (model.byDay) {
    rule.byDay = model.byDay.map(({ weekday, ordinal }) => (ordinal ? { weekday, ordinal: ordinal.value } : { weekday }));
  }
  if (model.wkst) rule.wkst = model.wkst;
  return rule as unknown as RecurrenceRule;
}

const validRuleArb: fc.Arbitrary<{ model: RuleModel; text: string }> = ruleModelArb.chain((model) =>
  ruleTextArb(model).map((text) => ({ model, text })),
);

/** Numbers outside a range; some also break the digit-width or sign rules, which must fail just the same. */
function outOfRange(range: Range): fc.Arbitrary<string> {
  const above = fc.integer({ min: range.max + 1, max: range.max + 100_000 });
  const candidates = [above.map(String)];
  if (range.signed) {
    candidates.push(fc.constant('0'), fc.constant('-0'), above.map((n) => `-${n}`), above.map((n) => `+${n}`));
  } else {
    candidates.push(fc.integer({ min: -1000, max: -1 }).map(String));
    if (range.min > 0) candidates.push(fc.integer({ min: 0, max: range.min - 1 }).map(String));
  }
  return fc.oneof(...candidates);
}

/** One numeric value of a valid model, and a way to write an out-of-range replacement for it. */
interface Slot {
  part: string;
  replace: fc.Arbitrary<RuleModel>;
}

function numericSlots(model: RuleModel): Slot[] {
  const slots: Slot[] = [];
  const withNumber = (part: string, range: Range, apply: (text: string) => RuleModel): void => {
    slots.push({ part, replace: outOfRange(range).map(apply) });
  };
  if (model.interval) withNumber('INTERVAL', INTERVAL_RANGE, (text) => ({ ...model, interval: { value: NaN, text } }));
  if (model.count) withNumber('COUNT', COUNT_RANGE, (text) => ({ ...model, count: { value: NaN, text } }));
  for (const [name, items] of Object.entries(model.lists) as [ListName, WrittenNumber[]][]) {
    items.forEach((_, index) => {
      withNumber(name, LIST_RANGES[name], (text) => ({
        ...model,
        lists: { ...model.lists, [name]: items.map((item, i) => (i === index ? { value: NaN, text } : item)) },
      }));
    });
  }
  model.byDay?.forEach((day, index) => {
    if (day.ordinal === undefined) return;
    withNumber('BYDAY', ORDINAL_RANGE, (text) => ({
      ...model,
      byDay: model.byDay?.map((d, i) => (i === index ? { ...d, ordinal: { value: NaN, text } } : d)),
    }));
  });
  const { until } = model;
  if (until) {
    // Two-digit fields stay two digits wide so that only the value is wrong, not the format.
    const field = (arb: fc.Arbitrary<number>, apply: (n: number) => Until): void => {
      slots.push({ part: 'UNTIL', replace: arb.map((n) => ({ ...model, until: apply(n) })) });
    };
    field(fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), (month) => ({ ...until, month }));
    field(fc.oneof(fc.constant(0), fc.integer({ min: daysInMonth(until.year, until.month) + 1, max: 99 })), (day) => ({ ...until, day }));
    field(fc.constant(0), (year) => ({ ...until, year }));
    const { time } = until;
    if (time) {
      field(fc.integer({ min: 24, max: 99 }), (hour) => ({ ...until, time: { ...time, hour } }));
      field(fc.integer({ min: 60, max: 99 }), (minute) => ({ ...until, time: { ...time, minute } }));
      field(fc.integer({ min: 61, max: 99 }), (second) => ({ ...until, time: { ...time, second } }));
    }
  }
  return slots;
}

const LINE_BREAKS = ['\r', '\n', '\r\n'] as const;

describe('parseRRule: properties', () => {
  it('(a) accepts every well-formed rule, with the expected structure, and so does ical.js', () => {
    fc.assert(
      fc.property(validRuleArb, ({ model, text }) => {
        expect(text.length).toBeLessThanOrEqual(RRULE_MAX_LENGTH);
        expect(parseRRule(text)).toStrictEqual({ ok: true, rule: expectedRule(model) });
        expect(() => ICAL.Recur.fromString(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('(a) accepts FREQ, BYDAY and WKST values in any case', () => {
    const CASE_INSENSITIVE_VALUES = new Set(['FREQ', 'BYDAY', 'WKST']);
    const recase = (text: string, lower: readonly boolean[]): string =>
      text
        .split(';')
        .map((part, i) => {
          const [name = '', value = ''] = part.split('=');
          const recased = lower[i] ? value.toLowerCase() : value.replace(/[A-Z]/g, (c, at: number) => (at % 2 ? c.toLowerCase() : c));
          return `${name}=${CASE_INSENSITIVE_VALUES.has(name.toUpperCase()) ? recased : value}`;
        })
        .join(';');
    fc.assert(
      fc.property(validRuleArb, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), ({ text }, lower) => {
        expect(parseRRule(recase(text, lower))).toStrictEqual(parseRRule(text));
      }),
      { numRuns: 200 },
    );
  });

  it('(b) rejects a valid rule once any one numeric value is out of range, naming the part', () => {
    const mutated = ruleModelArb
      .filter((model) => numericSlots(model).length > 0)
      .chain((model) => fc.constantFrom(...numericSlots(model)))
      .chain(({ part, replace }) => replace.chain((model) => ruleTextArb(model).map((text) => ({ part, text }))));
    fc.assert(
      fc.property(mutated, ({ part, text }) => {
        expect(expectInvalid(text)).toContain(part);
      }),
      { numRuns: 1000 },
    );
  });

  it('(c) rejects a valid rule with a CR or LF inserted anywhere', () => {
    const withBreak = validRuleArb.chain(({ text }) =>
      fc
        .tuple(fc.integer({ min: 0, max: text.length }), fc.constantFrom(...LINE_BREAKS))
        .map(([at, lineBreak]) => `${text.slice(0, at)}${lineBreak}${text.slice(at)}`),
    );
    fc.assert(
      fc.property(withBreak, (text) => {
        expect(expectInvalid(text)).toMatch(/line break/);
      }),
      { numRuns: 500 },
    );
  });

  it('(d) never throws, whatever the input', () => {
    const resultIsWellFormed = (text: string): void => {
      const result = parseRRule(text);
      if (result.ok) {
        expect(FREQUENCIES).toContain(result.rule.freq);
      } else {
        expect(result.message).toMatch(/\S/);
      }
    };
    fc.assert(fc.property(fc.string(), resultIsWellFormed), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), resultIsWellFormed), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: RRULE_MAX_LENGTH - 5, maxLength: RRULE_MAX_LENGTH + 5 }), resultIsWellFormed), {
      numRuns: 100,
    });
  });

  it('(d) never throws on near-miss rules, and whatever it accepts ical.js accepts too', () => {
    const name = fc.constantFrom('FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYDAY', 'X-FOO', 'freq', ...Object.keys(LIST_RANGES));
    const value = fc.oneof(
      fc.constantFrom(...FREQUENCIES, ...WEEKDAYS, 'daily', 'mo', '', '0', '-0', '+1', '1,,2', '20260230', '20261231T235959Z'),
      fc.integer({ min: -400, max: 4000 }).map(String),
      fc.tuple(fc.integer({ min: -60, max: 60 }), fc.constantFrom(...WEEKDAYS)).map(([n, d]) => `${n}${d}`),
      fc.array(fc.integer({ min: -400, max: 400 }), { minLength: 1, maxLength: 4 }).map((ns) => ns.join(',')),
      fc.string({ maxLength: 6 }),
    );
    const soup = fc
      .array(fc.tuple(name, fc.constantFrom('=', '==', ''), value), { minLength: 1, maxLength: 6 })
      .chain((parts) => fc.constantFrom(';', ';;', ',').map((separator) => parts.map((p) => p.join('')).join(separator)));
    fc.assert(
      fc.property(soup, (text) => {
        // RFC 5545 allows "01MO" (ordwk = 1*2DIGIT); ical.js does not, a known difference.
        const paddedOrdinal = /(^|;)BYDAY=([^;]*,)?[+-]?0[0-9]/i.test(text);
        if (parseRRule(text).ok && !paddedOrdinal) expect(() => icalRecur(text)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
