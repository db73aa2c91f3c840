import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import { DATE_RANGE, type ImportReport } from '@constellation/shared';
import { actorInput, eventInput, recurringEventInput } from './event-inputs.ts';
import { calendar, type IcalEvent } from './import-fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * Dates the contract cannot take, at every door of the hub: a year past the contract's
 * range, and a recurrence whose COUNT runs past it, are a 400 naming the field on the
 * date preview, on create and edit, and a refused event in an iCal import (dry run and
 * real alike), never a 500 and never an event stored that no one can expand.
 */

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

let hub: TestHub;
let token = '';
let actorId = '';
const last = DATE_RANGE.lastYear;

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.user('contributor')).token;
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Muséum des dates'), token });
  expect(actor.status, actor.text).toBe(201);
  actorId = actor.body.id;
});

afterAll(async () => {
  await hub.close();
});

/** Runs past the range: a yearly rule from the range's last years with COUNT 5. */
const runsPast = { start: `${last - 1}-06-01T18:00`, end: `${last - 1}-06-01T20:00`, rrule: 'FREQ=YEARLY;COUNT=5' };
/** The example: a rule starting in 9999 whose later occurrences cannot be written. */
const year9999 = { start: '9999-06-01T18:00', end: '9999-06-01T20:00', rrule: 'FREQ=YEARLY;COUNT=5' };

const preview = (payload: Record<string, unknown>) =>
  hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events/preview-dates', payload, token });

describe('the date preview', () => {
  it.each([
    ['a start in 9999', { recurrence: year9999 }, 'recurrence.start'],
    ['a COUNT running past the range', { recurrence: runsPast }, 'recurrence.rrule'],
    ['an UNTIL past the range', { recurrence: { ...runsPast, rrule: `FREQ=YEARLY;UNTIL=${last + 1}0101` } }, 'recurrence.rrule'],
    ['a timing past the range', { timings: [{ start: `${last + 1}-01-01T10:00:00+01:00`, end: `${last + 1}-01-01T12:00:00+01:00` }] }, 'timings.0.start'],
    ['a timing before the range', { timings: [{ start: `${DATE_RANGE.firstYear - 1}-01-01T10:00:00Z`, end: `${DATE_RANGE.firstYear - 1}-01-01T12:00:00Z` }] }, 'timings.0.start'],
  ])('refuses %s with a 400 naming %s', async (_name, schedule, field) => {
    const response = await preview({ timeZone: 'Europe/Paris', ...schedule });
    expect(response.status, response.text).toBe(400);
    expect(response.body.field).toBe(field);
    expect(response.body.message).toMatch(new RegExp(String(last)));
  });

  it('refuses a rule whose first date cannot be found (ical.js gives up at four years) with a 400 naming recurrence.rrule', async () => {
    // Found by tests/shared/schedule-properties.test.ts: each part is valid, the whole made the preview throw.
    const start = `${DATE_RANGE.firstYear}-09-01T00:00`;
    const response = await preview({ timeZone: 'Europe/Paris', recurrence: { start, end: `${DATE_RANGE.firstYear}-09-02T00:00`, rrule: 'FREQ=MONTHLY;INTERVAL=2;BYMONTH=1;BYDAY=FR;BYMONTHDAY=1,31' } });
    expect(response.status, response.text).toBe(400);
    expect(response.body.field).toBe('recurrence.rrule');
    expect(response.body.message).toMatch(/no date can be found/);
  });

  it('still previews a rule that ends inside the range, and an open rule up to its end', async () => {
    const bounded = await preview({ timeZone: 'Europe/Paris', recurrence: { ...runsPast, rrule: 'FREQ=YEARLY;COUNT=2' } });
    expect(bounded.status, bounded.text).toBe(200);
    const open = await preview({ timeZone: 'Pacific/Kiritimati', recurrence: { ...runsPast, rrule: 'FREQ=YEARLY' } });
    expect(open.status, open.text).toBe(200);
    expect((open.body as unknown as { occurrences: { start: string }[] }).occurrences.map((occurrence) => occurrence.start.slice(0, 4))).toEqual([String(last - 1), String(last)]);
  });
});

describe('saving an event', () => {
  it('refuses a rule running past the range on create and on edit, and stores nothing', async () => {
    const created = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events?submit=true', payload: recurringEventInput(actorId, 'Comète lointaine', runsPast), token });
    expect(created.status, created.text).toBe(400);
    expect(created.body).toMatchObject({ error: 'validation_failed', field: 'recurrence.rrule' });
    const far = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: recurringEventInput(actorId, 'Comète de l’an 9999', year9999), token });
    expect(far.status, far.text).toBe(400);
    expect(far.body.field).toBe('recurrence.start');

    const fine = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events', payload: eventInput(actorId, 'Comète proche', '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00'), token });
    expect(fine.status, fine.text).toBe(201);
    const edited = await hub.request<ErrorBody>({ method: 'PUT', url: `/api/v1/events/${fine.body.id}`, payload: recurringEventInput(actorId, 'Comète proche', runsPast), token });
    expect(edited.status, edited.text).toBe(400);
    expect(edited.body.field).toBe('recurrence.rrule');
    const titles = hub.app.store.sqlite.prepare(`SELECT title FROM content WHERE type = 'event'`).all() as { title: string }[];
    expect(titles.map((row) => row.title)).toEqual(['Comète proche']);
  });
});

describe('importing iCal', () => {
  const good: IcalEvent = { uid: 'proche@example.org', summary: 'Atelier proche', start: '2027-06-01T10:00:00', end: '2027-06-01T12:00:00', tzid: 'Europe/Paris', location: 'MOBE, Orléans' };
  const events: IcalEvent[] = [
    good,
    { uid: 'lointain@example.org', summary: 'Atelier lointain', start: '9999-06-01T10:00:00', end: '9999-06-01T12:00:00', tzid: 'Europe/Paris', rrule: 'FREQ=YEARLY;COUNT=5', location: 'MOBE, Orléans' },
    { uid: 'trop-long@example.org', summary: 'Atelier sans fin', start: `${last - 1}-06-01T10:00:00`, end: `${last - 1}-06-01T12:00:00`, tzid: 'Europe/Paris', rrule: 'FREQ=YEARLY;COUNT=5', location: 'MOBE, Orléans' },
  ];
  const importFile = (dryRun: boolean) =>
    hub.request<ImportReport & ErrorBody>({ method: 'POST', url: `/api/v1/actors/${actorId}/import${dryRun ? '?dryRun=true' : ''}`, payload: { source: 'ical', text: calendar(events) }, token });

  it('refuses both far events in the dry run and in the real import alike, each with its reason', async () => {
    const dry = await importFile(true);
    const real = await importFile(false);
    for (const response of [dry, real]) {
      expect(response.status, response.text).toBeLessThan(500);
      expect(response.body.rejected.map((event) => event.externalId)).toEqual(['lointain@example.org', 'trop-long@example.org']);
      expect(response.body.rejected[0]?.reasons.join(' ')).toMatch(new RegExp(`${DATE_RANGE.firstYear} to ${last}`));
      expect(response.body.rejected[1]?.reasons.join(' ')).toMatch(/recurrence\.rrule .*COUNT/);
    }
    expect([dry.body.outcome, real.body.outcome]).toEqual(['refused', 'refused']);
    expect(real.status).toBe(422);
    const stored = hub.app.store.sqlite.prepare(`SELECT count(*) AS n FROM content WHERE type = 'event' AND title LIKE 'Atelier%'`).get() as { n: number };
    expect(stored.n).toBe(0);
  });
});
