import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import { EVENT_DATES_LIMIT, type EventInput } from '@constellation/shared';
import { actorInput, eventInput, recurringEventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * GET /api/v1/events/:id/occurrences: every date of a published event, so its page can list
 * them (next first, past folded) whatever its kind: a weekly rule with an exception, several
 * timings, an endless rule (the list stops and says there is more).
 */

interface Dates {
  occurrences: { start: string; end: string }[];
  more: boolean;
}

let hub: TestHub;
let token = '';
let actorId = '';

async function publish(input: EventInput): Promise<string> {
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token });
  expect(response.status, response.text).toBe(201);
  expect(response.body.status).toBe('published');
  return response.body.id;
}

const dates = (id: string) => hub.request<Dates>({ method: 'GET', url: `/api/v1/events/${id}/occurrences` });

/** A wall-clock date-time `days` from today, at `hour` in Paris. */
function wall(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.user('moderator')).token;
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum des dates'), token });
  expect(actor.status, actor.text).toBe(201);
  actorId = actor.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('an event’s dates', () => {
  it('lists a weekly rule’s past and next dates in order, without its exception, each at 18:00 in Paris', async () => {
    // Every date falls on a day other than today (22 days ago, then weekly), so how many are
    // past does not depend on the hour the test runs (a date today at 18:00 would count as
    // past only after 18:00).
    const start = wall(-22, 18);
    const skipped = wall(13, 18);
    const id = await publish(recurringEventInput(actorId, 'Club du mardi', { start, end: wall(-22, 20), rrule: 'FREQ=WEEKLY;COUNT=10', exdates: [skipped] }));
    const response = await dates(id);
    expect(response.status, response.text).toBe(200);
    const starts = response.body.occurrences.map((occurrence) => occurrence.start);
    expect(starts).toHaveLength(9);
    expect([...starts].sort()).toEqual(starts);
    expect(starts.filter((value) => Date.parse(value) < Date.now())).toHaveLength(4);
    const paris = (value: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(value));
    expect(new Set(starts.map(paris))).toEqual(new Set(['18:00']));
    const skippedDay = skipped.slice(0, 10);
    expect(starts.some((value) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(value)) === skippedDay)).toBe(false);
    expect(response.body.more).toBe(false);
  });

  it('lists every timing of an event with several', async () => {
    const id = await publish(eventInput(actorId, 'Trois conférences', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', {
      timings: [1, 8, 15].map((day) => ({ start: new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 19) + 'Z', end: new Date(Date.now() + day * 86_400_000 + 3_600_000).toISOString().slice(0, 19) + 'Z' })),
    }));
    expect((await dates(id)).body.occurrences).toHaveLength(3);
  });

  it('stops an endless rule at its limit and says more follow', async () => {
    const id = await publish(recurringEventInput(actorId, 'Tous les jours', { start: wall(1, 10), end: wall(1, 11), rrule: 'FREQ=DAILY' }));
    const body = (await dates(id)).body;
    expect(body.occurrences).toHaveLength(EVENT_DATES_LIMIT.upcoming);
    expect(body.more).toBe(true);
  });

  it('answers 404 for an unknown event and 400 naming the id for a malformed one', async () => {
    expect((await dates('0193a000-0000-7000-8000-000000000404')).status).toBe(404);
    const bad = await hub.request<{ field?: string }>({ method: 'GET', url: '/api/v1/events/not-an-id/occurrences' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id');
  });
});
