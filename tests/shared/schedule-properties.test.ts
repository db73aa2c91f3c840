import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NationalWriter, openNationalStore, type NationalStore } from '@constellation/aggregator';
import { DATE_RANGE, EventPublic, Recurrence, validate, type EventPublic as EventPublicValue } from '@constellation/shared';
import { formatInstant, occurrencesBetween, renderCalendar, scheduleProblem, type Occurrence, type Schedule } from '@constellation/shared/server';
import { clone, fullRecurringEventPublic } from './fixtures.ts';

/*
 * No schedule the contract accepts can throw, in expansion or in indexing: generated
 * rules of every frequency, interval, COUNT and UNTIL, from starts anywhere in the date
 * range (its first and last years most of all) in zones from UTC-12 to UTC+14, are
 * expanded every way the servers expand them, formatted, written to iCal, and applied to
 * a real national store, where none may be refused for failing to index.
 */

const ZONES = ['Europe/Paris', 'UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Apia', 'America/Adak', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Cayenne', 'Asia/Kathmandu'] as const;
/** Sub-daily rules are expensive to walk (their budgets are what bound them), so rarer. */
const freq = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY') }, { weight: 1, arbitrary: fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY') });
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const { firstYear, lastYear } = DATE_RANGE;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Years anywhere in the range, its edges most of all. */
const year = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: firstYear, max: lastYear }) },
  { weight: 2, arbitrary: fc.constantFrom(firstYear, firstYear + 1, lastYear - 1, lastYear) },
  { weight: 1, arbitrary: fc.integer({ min: 2020, max: 2040 }) },
);
const wall = fc
  .record({ year, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 30, 59) })
  .map(({ year: y, month, day, hour, minute }) => `${pad(y, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`);

const until = fc.oneof(
  fc.record({ year, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ year: y, month, day }) => `${pad(y, 4)}${pad(month)}${pad(day)}`),
  fc.record({ year, month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ year: y, month, day }) => `${pad(y, 4)}${pad(month)}${pad(day)}T235959Z`),
);

const interval = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 1000 }) });
const count = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 21, max: 3660 }) });

const rrule = fc
  .record(
    {
      freq,
      interval,
      end: fc.oneof(fc.record({ count }), fc.record({ until }), fc.constant({})),
      byMonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
      byDay: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 3 }),
      byMonthDay: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }),
      bySetPos: fc.constantFrom(1, -1),
    },
    { requiredKeys: ['freq', 'interval', 'end'] },
  )
  .map(({ freq, interval: every, end, byMonth, byDay, byMonthDay, bySetPos }) => {
    const parts = [`FREQ=${freq}`, ...(every === 1 ? [] : [`INTERVAL=${every}`])];
    if ('count' in end) parts.push(`COUNT=${end.count}`);
    if ('until' in end) parts.push(`UNTIL=${end.until}`);
    if (byMonth !== undefined) parts.push(`BYMONTH=${byMonth.join(',')}`);
    if (byDay !== undefined) parts.push(`BYDAY=${byDay.join(',')}`);
    if (byMonthDay !== undefined && freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${byMonthDay.join(',')}`);
    if (bySetPos !== undefined && byDay !== undefined) parts.push(`BYSETPOS=${bySetPos}`);
    return parts.join(';');
  });

const durationMinutes = fc.oneof(fc.integer({ min: 0, max: 240 }), fc.constantFrom(24 * 60, 366 * 24 * 60));

function plusMinutes(local: string, minutes: number): string {
  return new Date(Date.parse(`${local}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);
}

/** A recurrence the contract accepts, in a zone. */
const recurring = fc
  .record({ timeZone: fc.constantFrom(...ZONES), start: wall, minutes: durationMinutes, rrule, exdates: fc.array(wall, { maxLength: 3 }) })
  .map(({ timeZone, start, minutes, rrule: rule, exdates }) => ({ timeZone, recurrence: { start, end: plusMinutes(start, minutes), rrule: rule, exdates: exdates.filter((exdate) => exdate >= start) } }))
  .filter(({ recurrence }) => validate(Recurrence, recurrence).ok);

/** Timings at the range's edges, with offsets from -12:00 to +14:00. */
const timed = fc
  .record({ timeZone: fc.constantFrom(...ZONES), start: wall, minutes: durationMinutes, offset: fc.constantFrom('-12:00', 'Z', '+14:00', '+05:45') })
  .map(({ timeZone, start, minutes, offset }) => {
    const end = plusMinutes(start, minutes);
    return { timeZone, timings: [{ start: `${start}:00${offset}`, end: `${end}:00${offset}` }] };
  });

type Generated = { timeZone: string; recurrence: { start: string; end: string; rrule: string; exdates: string[] } } | { timeZone: string; timings: { start: string; end: string }[] };

function eventOf(schedule: Generated, n: number): EventPublicValue {
  const event = clone(fullRecurringEventPublic) as EventPublicValue;
  delete event.recurrence;
  delete event.timings;
  const id = `01935c1e-7a3b-7c4d-8e5f-${n.toString(16).padStart(12, '0')}`;
  return { ...event, ...schedule, id, slug: `evenement-${n}`, version: 1 } as EventPublicValue;
}

function assertFormattable(occurrences: readonly Occurrence[], timeZone: string): void {
  for (const occurrence of occurrences) {
    expect(Number.isFinite(occurrence.start) && Number.isFinite(occurrence.end)).toBe(true);
    expect(occurrence.end).toBeGreaterThanOrEqual(occurrence.start);
    const year = Number(formatInstant(occurrence.start, timeZone).slice(0, 4));
    expect(year).toBeGreaterThanOrEqual(firstYear - 1);
    expect(year).toBeLessThanOrEqual(lastYear + 2);
  }
}

let dir: string;
let store: NationalStore;
let writer: NationalWriter;
let seq = 0;
const HUB = { id: 'grand-est', region: '44' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-schedules-'));
  store = openNationalStore(join(dir, 'national.sqlite'));
  writer = new NationalWriter(store);
  store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, 'http://hub.test', 'Grand Est', '44', 'approved', '{}', 0)`).run(HUB.id);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('schedules the contract accepts', () => {
  it('expand, format, export and index without throwing, and are refused at the edge only for running past the range', () => {
    const now = Date.now();
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: recurring }, { weight: 1, arbitrary: timed }), (generated) => {
        const event = eventOf(generated as Generated, (seq += 1));
        const checked = validate(EventPublic, event);
        fc.pre(checked.ok);
        const schedule: Schedule = generated;
        const problem = scheduleProblem(schedule);
        // Only one refusal exists for a valid schedule: a COUNT running past the range.
        if (problem !== undefined) expect(problem.field).toBe('recurrence.rrule');
        assertFormattable(occurrencesBetween(schedule, now, Number.MAX_SAFE_INTEGER, 11), schedule.timeZone);
        expect(() => renderCalendar([event], { host: 'grand-est.example.org', name: 'Grand Est', organisers: new Map() })).not.toThrow();
        const result = writer.apply(HUB, [{ seq, type: 'event', id: event.id, op: 'upsert', version: 1, updatedAt: event.updatedAt, data: event }], { cursor: String(seq), latest: seq }, now);
        expect(result.rejected).toEqual([]);
        expect(result.applied).toHaveLength(1);
        // What was indexed is what the national API will format.
        const stored = store.sqlite.prepare('SELECT o.start, o."end" FROM event_occurrences o JOIN records r ON r.row_id = o.event_row WHERE r.id = ?').all(event.id) as Occurrence[];
        assertFormattable(stored, schedule.timeZone);
      }),
      { numRuns: 60 },
    );
    // Walking a rule is bounded by budgets, not by time: on a loaded two-core machine a
    // run of expensive rules takes a while, and that is no failure.
  }, 600_000);
});
