import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  formatInstant,
  materialise,
  MAX_OCCURRENCES,
  occurrencesBetween,
  offsetMinutes,
  span,
  utcToZoned,
  zonedToUtc,
  type Occurrence,
  type Schedule,
} from '@constellation/shared/server';

/*
 * Expected instants are written out by hand from the zones' published rules (EU: last
 * Sunday of March and October at 01:00Z; Sydney: first Sunday of April and October;
 * Chatham: +12:45 standard, +13:45 summer), so the tests check the expansion against the
 * calendar rather than against the Intl code it is built on.
 */

const PARIS = 'Europe/Paris';
const ALL_TIME: [number, number] = [-Infinity, Infinity];

function at(rfc3339: string): number {
  return Date.parse(rfc3339);
}

function recurring(start: string, end: string, rrule: string, exdates?: string[], timeZone = PARIS): Schedule {
  return { timeZone, recurrence: { start, end, rrule, ...(exdates === undefined ? {} : { exdates }) } };
}

/** Occurrences as RFC 3339 strings in the zone, which is how a reader checks them. */
function shown(occurrences: Occurrence[], timeZone = PARIS): string[] {
  return occurrences.map(({ start, end }) => `${formatInstant(start, timeZone)}/${formatInstant(end, timeZone)}`);
}

function localDays(occurrences: Occurrence[], timeZone = PARIS): string[] {
  return occurrences.map(({ start }) => utcToZoned(start, timeZone).slice(0, 10));
}

describe('zoned time', () => {
  it('reads a wall time inside the spring-forward gap as the time the clock shows after it', () => {
    const instant = zonedToUtc('2026-03-29T02:30', PARIS);
    expect(instant).toBe(at('2026-03-29T01:30:00Z'));
    expect(utcToZoned(instant, PARIS)).toBe('2026-03-29T03:30:00');
    expect(formatInstant(instant, PARIS)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('reads an ambiguous fall-back wall time as the earlier instant', () => {
    const instant = zonedToUtc('2026-10-25T02:30:00', PARIS);
    expect(instant).toBe(at('2026-10-25T00:30:00Z'));
    expect(offsetMinutes(instant, PARIS)).toBe(120);
    // The same reading comes round again an hour later, in winter time.
    expect(utcToZoned(instant + 3_600_000, PARIS)).toBe('2026-10-25T02:30:00');
    expect(offsetMinutes(instant + 3_600_000, PARIS)).toBe(60);
  });

  it('converts on either side of a transition with the offset in force there', () => {
    expect(zonedToUtc('2026-03-29T01:59:59', PARIS)).toBe(at('2026-03-29T00:59:59Z'));
    expect(zonedToUtc('2026-03-29T03:00', PARIS)).toBe(at('2026-03-29T01:00:00Z'));
    expect(zonedToUtc('2026-10-25T03:00', PARIS)).toBe(at('2026-10-25T02:00:00Z'));
  });

  it('formats offsets west of UTC and with 45 minutes', () => {
    expect(formatInstant(at('2026-07-01T12:00:00Z'), 'America/Cayenne')).toBe('2026-07-01T09:00:00-03:00');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'Pacific/Chatham')).toBe('2026-01-16T01:45:00+13:45');
    expect(formatInstant(at('2026-07-15T12:00:00Z'), 'Pacific/Chatham')).toBe('2026-07-16T00:45:00+12:45');
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'Pacific/Chatham')).toBe(765);
  });

  it('keeps milliseconds in a formatted instant only when there are some', () => {
    expect(formatInstant(at('2026-03-01T10:00:00.250Z'), PARIS)).toBe('2026-03-01T11:00:00.250+01:00');
  });

  it('refuses malformed wall times and unknown zones', () => {
    expect(() => zonedToUtc('2026-02-30T10:00', PARIS)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-03-01 10:00', PARIS)).toThrow(RangeError);
    expect(() => zonedToUtc('2026-03-01T10:00', 'Europe/Atlantis')).toThrow(RangeError);
  });

  it('round-trips every minute-aligned instant, or lands on an earlier instant showing the same time', () => {
    const zones = ['Europe/Paris', 'Australia/Sydney', 'Pacific/Chatham', 'America/Cayenne', 'America/New_York', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 6 * 366 * 24 * 60 }), (zone, minutes) => {
        const instant = at('2024-01-01T00:00:00Z') + minutes * 60_000;
        const local = utcToZoned(instant, zone);
        const back = zonedToUtc(local, zone);
        expect(back).toBeLessThanOrEqual(instant);
        expect(utcToZoned(back, zone)).toBe(local);
        expect(Date.parse(formatInstant(instant, zone))).toBe(instant);
      }),
    );
  });
});

describe('recurrence expansion across a DST change', () => {
  it('keeps a weekly Tuesday 18:00-20:00 in Paris at 18:00-20:00 local through spring-forward and fall-back', () => {
    const schedule = recurring('2026-03-17T18:00', '2026-03-17T20:00', 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261103');
    const occurrences = occurrencesBetween(schedule, ...ALL_TIME);
    expect(occurrences).toHaveLength(34);
    for (const { start, end } of occurrences) {
      expect(utcToZoned(start, PARIS).slice(11)).toBe('18:00:00');
      expect(utcToZoned(end, PARIS).slice(11)).toBe('20:00:00');
      expect(end - start).toBe(2 * 3_600_000);
    }
    const starts = occurrences.map(({ start }) => new Date(start).toISOString());
    // Winter time before 29 March, summer time until 25 October, winter time after.
    expect(starts.slice(0, 3)).toEqual(['2026-03-17T17:00:00.000Z', '2026-03-24T17:00:00.000Z', '2026-03-31T16:00:00.000Z']);
    expect(starts.slice(-3)).toEqual(['2026-10-20T16:00:00.000Z', '2026-10-27T17:00:00.000Z', '2026-11-03T17:00:00.000Z']);
  });

  it('moves a daily 02:30 past the spring-forward gap on the day it does not exist', () => {
    const schedule = recurring('2026-03-27T02:30', '2026-03-27T03:30', 'FREQ=DAILY;COUNT=4');
    expect(shown(occurrencesBetween(schedule, ...ALL_TIME))).toEqual([
      '2026-03-27T02:30:00+01:00/2026-03-27T03:30:00+01:00',
      '2026-03-28T02:30:00+01:00/2026-03-28T03:30:00+01:00',
      // 02:30 does not happen: the clock shows 03:30, and the hour runs from there.
      '2026-03-29T03:30:00+02:00/2026-03-29T04:30:00+02:00',
      '2026-03-30T02:30:00+02:00/2026-03-30T03:30:00+02:00',
    ]);
  });

  it('takes the first of the two 02:30s on fall-back day', () => {
    const schedule = recurring('2026-10-24T02:30', '2026-10-24T02:45', 'FREQ=DAILY;COUNT=3');
    expect(occurrencesBetween(schedule, ...ALL_TIME).map(({ start }) => new Date(start).toISOString())).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('counts a start the gap maps onto an existing hour once', () => {
    // Hourly from midnight: 02:00 does not exist and is read as 03:00, which the rule also yields.
    const schedule = recurring('2026-03-29T00:00', '2026-03-29T00:30', 'FREQ=HOURLY;COUNT=5');
    expect(occurrencesBetween(schedule, ...ALL_TIME).map(({ start }) => utcToZoned(start, PARIS).slice(11, 16))).toEqual(['00:00', '01:00', '03:00', '04:00']);
  });
});

describe('recurrence rules', () => {
  it('removes exactly the occurrences named in exdates, whether written with seconds or not', () => {
    const schedule = recurring('2026-03-03T18:00', '2026-03-03T20:00', 'FREQ=WEEKLY;BYDAY=TU;COUNT=6', [
      '2026-03-10T18:00',
      '2026-03-31T18:00:00',
      // Not an occurrence (a Wednesday, and another time): removes nothing.
      '2026-03-18T18:00',
      '2026-03-17T18:30',
    ]);
    expect(localDays(occurrencesBetween(schedule, ...ALL_TIME))).toEqual(['2026-03-03', '2026-03-17', '2026-03-24', '2026-04-07']);
  });

  it('reads a rule written in lower case, as the contract allows', () => {
    const schedule = recurring('2026-03-03T18:00', '2026-03-03T20:00', 'freq=weekly;byday=tu,th;count=3');
    expect(localDays(occurrencesBetween(schedule, ...ALL_TIME))).toEqual(['2026-03-03', '2026-03-05', '2026-03-10']);
  });

  it('refuses a rule the contract refuses', () => {
    expect(() => occurrencesBetween(recurring('2026-03-03T18:00', '2026-03-03T20:00', 'FREQ=WEEKLY;COUNT=2;UNTIL=20260401'), ...ALL_TIME)).toThrow(RangeError);
  });

  it('stops after COUNT occurrences', () => {
    const occurrences = occurrencesBetween(recurring('2026-05-01T09:00', '2026-05-01T10:00', 'FREQ=DAILY;COUNT=10'), ...ALL_TIME);
    expect(occurrences).toHaveLength(10);
    expect(localDays(occurrences).at(-1)).toBe('2026-05-10');
  });

  it('keeps the whole local day of a date UNTIL', () => {
    const schedule = recurring('2026-03-03T18:00', '2026-03-03T20:00', 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331');
    expect(localDays(occurrencesBetween(schedule, ...ALL_TIME))).toEqual(['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-31']);
  });

  it('compares a UTC UNTIL with each occurrence as an instant', () => {
    const rule = (until: string) => recurring('2026-03-03T18:00', '2026-03-03T20:00', `FREQ=WEEKLY;BYDAY=TU;UNTIL=${until}`);
    // 31 March 18:00 in Paris is 16:00Z (summer time); 24 March 18:00 is 17:00Z (winter time).
    expect(localDays(occurrencesBetween(rule('20260331T160000Z'), ...ALL_TIME)).at(-1)).toBe('2026-03-31');
    expect(localDays(occurrencesBetween(rule('20260331T155959Z'), ...ALL_TIME)).at(-1)).toBe('2026-03-24');
    expect(localDays(occurrencesBetween(rule('20260324T170000Z'), ...ALL_TIME)).at(-1)).toBe('2026-03-24');
    expect(localDays(occurrencesBetween(rule('20260324T165959Z'), ...ALL_TIME)).at(-1)).toBe('2026-03-17');
  });

  it('returns only the occurrences overlapping a window in the middle of a long series', () => {
    const schedule = recurring('2026-01-01T10:00', '2026-01-01T12:00', 'FREQ=DAILY');
    // From 11:00 on 15 June, when that day's occurrence is under way, to 10:00 on 18 June, when the next begins.
    const occurrences = occurrencesBetween(schedule, at('2026-06-15T11:00:00+02:00'), at('2026-06-18T10:00:00+02:00'));
    expect(shown(occurrences)).toEqual([
      '2026-06-15T10:00:00+02:00/2026-06-15T12:00:00+02:00',
      '2026-06-16T10:00:00+02:00/2026-06-16T12:00:00+02:00',
      '2026-06-17T10:00:00+02:00/2026-06-17T12:00:00+02:00',
    ]);
    // An occurrence that ends as the window opens is not in it.
    expect(localDays(occurrencesBetween(schedule, at('2026-06-15T12:00:00+02:00'), at('2026-06-16T12:00:00+02:00')))).toEqual(['2026-06-16']);
    expect(occurrencesBetween(schedule, at('2026-06-15T11:00:00+02:00'), at('2026-06-18T10:00:00+02:00'), 2)).toEqual(occurrences.slice(0, 2));
  });

  it('keeps a constant UTC time in a zone without DST (America/Cayenne)', () => {
    const timeZone = 'America/Cayenne';
    const occurrences = occurrencesBetween(recurring('2026-01-07T19:00', '2026-01-07T21:00', 'FREQ=WEEKLY;COUNT=52', undefined, timeZone), ...ALL_TIME);
    expect(occurrences).toHaveLength(52);
    for (const { start } of occurrences) {
      expect(new Date(start).toISOString().slice(11, 16)).toBe('22:00');
      expect(formatInstant(start, timeZone).slice(11)).toBe('19:00:00-03:00');
    }
  });

  it('follows southern-hemisphere DST (Australia/Sydney), which ends in April', () => {
    const timeZone = 'Australia/Sydney';
    const schedule = recurring('2026-03-28T10:00', '2026-03-28T12:00', 'FREQ=WEEKLY;BYDAY=SA;UNTIL=20261010', undefined, timeZone);
    const occurrences = occurrencesBetween(schedule, ...ALL_TIME);
    expect(occurrences.every(({ start }) => utcToZoned(start, timeZone).slice(11) === '10:00:00')).toBe(true);
    const first = occurrences.slice(0, 2).map(({ start }) => formatInstant(start, timeZone));
    expect(first).toEqual(['2026-03-28T10:00:00+11:00', '2026-04-04T10:00:00+11:00']);
    expect(formatInstant(occurrences[2]?.start ?? NaN, timeZone)).toBe('2026-04-11T10:00:00+10:00');
    // Summer time is back from 4 October.
    expect(formatInstant(occurrences.at(-1)?.start ?? NaN, timeZone)).toBe('2026-10-10T10:00:00+11:00');
  });

  it('handles a 45-minute offset and its DST change (Pacific/Chatham)', () => {
    const timeZone = 'Pacific/Chatham';
    const schedule = recurring('2026-03-30T09:00', '2026-03-30T10:00', 'FREQ=DAILY;COUNT=14', undefined, timeZone);
    const starts = occurrencesBetween(schedule, ...ALL_TIME).map(({ start }) => new Date(start).toISOString());
    expect(starts[0]).toBe('2026-03-29T19:15:00.000Z');
    // Summer time ends on 5 April 2026.
    expect(starts[5]).toBe('2026-04-03T19:15:00.000Z');
    expect(starts[6]).toBe('2026-04-04T20:15:00.000Z');
    expect(starts.at(-1)).toBe('2026-04-11T20:15:00.000Z');
  });
});

describe('timings', () => {
  const schedule: Schedule = {
    timeZone: PARIS,
    timings: [
      { start: '2026-10-12T14:00:00+02:00', end: '2026-10-12T17:00:00+02:00' },
      { start: '2026-10-10T09:00:00+02:00', end: '2026-10-10T18:00:00+02:00' },
      { start: '2026-10-11T09:00:00Z', end: '2026-10-11T10:00:00Z' },
    ],
  };

  it('returns the timings overlapping the window, in start order', () => {
    const occurrences = occurrencesBetween(schedule, at('2026-10-10T17:00:00+02:00'), at('2026-10-12T14:00:00+02:00'));
    expect(occurrences).toEqual([
      { start: at('2026-10-10T07:00:00Z'), end: at('2026-10-10T16:00:00Z') },
      { start: at('2026-10-11T09:00:00Z'), end: at('2026-10-11T10:00:00Z') },
    ]);
    expect(occurrencesBetween(schedule, ...ALL_TIME).map(({ start }) => start)).toEqual([at('2026-10-10T07:00:00Z'), at('2026-10-11T09:00:00Z'), at('2026-10-12T12:00:00Z')]);
  });

  it('materialises all of them and spans from the first start to the last end', () => {
    expect(materialise(schedule, 0)).toEqual({ occurrences: occurrencesBetween(schedule, ...ALL_TIME), truncated: false });
    expect(span(schedule)).toEqual({ first: at('2026-10-10T07:00:00Z'), last: at('2026-10-12T15:00:00Z') });
  });
});

describe('runaway rules', () => {
  it('caps FREQ=SECONDLY at MAX_OCCURRENCES', () => {
    const schedule = recurring('2026-03-01T10:00', '2026-03-01T10:00', 'FREQ=SECONDLY');
    expect(occurrencesBetween(schedule, ...ALL_TIME)).toHaveLength(MAX_OCCURRENCES);
    expect(occurrencesBetween(schedule, ...ALL_TIME, MAX_OCCURRENCES * 10)).toHaveLength(MAX_OCCURRENCES);
    expect(occurrencesBetween(schedule, ...ALL_TIME, 7)).toHaveLength(7);
    const { occurrences, truncated } = materialise(schedule, Infinity);
    expect(occurrences).toHaveLength(MAX_OCCURRENCES);
    expect(truncated).toBe(true);
  });

  it('counts excluded occurrences against the cap (FREQ=DAILY with 500 exdates)', () => {
    const exdates = Array.from({ length: 500 }, (_, day) => new Date(Date.UTC(2026, 0, 1 + 2 * day, 10)).toISOString().slice(0, 16));
    const schedule = recurring('2026-01-01T10:00', '2026-01-01T11:00', 'FREQ=DAILY', exdates);
    const occurrences = occurrencesBetween(schedule, ...ALL_TIME);
    expect(occurrences).toHaveLength(MAX_OCCURRENCES - exdates.length);
    const excluded = new Set(exdates.map((exdate) => `${exdate}:00`));
    expect(occurrences.some(({ start }) => excluded.has(utcToZoned(start, PARIS)))).toBe(false);
    expect(materialise(schedule, Infinity).truncated).toBe(true);
  });

  it('gives up on a rule that ical.js would search for ever', () => {
    // No 30 February: ical.js's DAILY iterator would step day by day inside one next() call.
    const { truncated } = materialise(recurring('2026-03-01T10:00', '2026-03-01T11:00', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'), Infinity);
    expect(truncated).toBe(true);
  });
});

describe('materialise and span', () => {
  const weekly = recurring('2026-01-06T18:00', '2026-01-06T20:00', 'FREQ=WEEKLY');

  it('materialises an unbounded rule up to the horizon', () => {
    const { occurrences, truncated } = materialise(weekly, at('2027-01-01T00:00:00+01:00'));
    expect(truncated).toBe(false);
    expect(occurrences).toHaveLength(52);
    expect(localDays(occurrences).at(-1)).toBe('2026-12-29');
  });

  it('materialises a bounded rule whole, whatever the horizon', () => {
    const { occurrences, truncated } = materialise(recurring('2026-01-06T18:00', '2026-01-06T20:00', 'FREQ=WEEKLY;COUNT=60'), at('2026-02-01T00:00:00Z'));
    expect(truncated).toBe(false);
    expect(occurrences).toHaveLength(60);
  });

  it('spans a bounded rule from its first start to its last end', () => {
    const schedule = recurring('2026-03-17T18:00', '2026-03-17T20:00', 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261103', ['2026-11-03T18:00']);
    expect(span(schedule)).toEqual({ first: at('2026-03-17T18:00:00+01:00'), last: at('2026-10-27T20:00:00+01:00') });
  });

  it('spans an unbounded rule to Infinity', () => {
    expect(span(weekly)).toEqual({ first: at('2026-01-06T18:00:00+01:00'), last: Infinity });
  });

  it('gives an empty span when every occurrence is excluded', () => {
    expect(span(recurring('2026-01-06T18:00', '2026-01-06T20:00', 'FREQ=WEEKLY;COUNT=2', ['2026-01-06T18:00', '2026-01-13T18:00']))).toEqual({ first: Infinity, last: -Infinity });
  });

  it('spans a rule cut by the caps at least to its UNTIL', () => {
    const { first, last } = span(recurring('2026-01-01T10:00', '2026-01-01T11:00', 'FREQ=DAILY;UNTIL=20601231'));
    expect(first).toBe(at('2026-01-01T10:00:00+01:00'));
    expect(last).toBeGreaterThanOrEqual(at('2060-12-31T11:00:00+01:00'));
  });
});

describe('property: weekly rules in Paris', () => {
  const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

  function wall(ms: number): string {
    return new Date(ms).toISOString().slice(0, 16);
  }

  it('start every occurrence at the rule local start time, on a listed weekday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 8 * 60, max: 22 * 60 }),
        fc.integer({ min: 15, max: 180 }),
        fc.subarray([...WEEKDAYS]),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 80 }),
        (day, minuteOfDay, minutes, extraDays, interval, count) => {
          const startWall = Date.UTC(2025, 0, 1 + day, 0, minuteOfDay);
          const startDay = WEEKDAYS[new Date(startWall).getUTCDay()] ?? 'MO';
          // The start's own weekday is listed, so the rule and its first occurrence agree.
          const byDay = [...new Set([startDay, ...extraDays])];
          const rrule = `FREQ=WEEKLY;INTERVAL=${interval};BYDAY=${byDay.join(',')};COUNT=${count}`;
          const schedule = recurring(wall(startWall), wall(startWall + minutes * 60_000), rrule);
          const occurrences = occurrencesBetween(schedule, ...ALL_TIME);
          expect(occurrences).toHaveLength(count);
          for (const { start, end } of occurrences) {
            const local = utcToZoned(start, PARIS);
            expect(local.slice(11, 16)).toBe(wall(startWall).slice(11, 16));
            expect(byDay).toContain(WEEKDAYS[new Date(`${local}Z`).getUTCDay()]);
            expect(Date.parse(`${utcToZoned(end, PARIS)}Z`) - Date.parse(`${local}Z`)).toBe(minutes * 60_000);
          }
        },
      ),
    );
  });
});
