import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@constellation/hub';
import type { EventInput } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The event list searches an R*Tree of occurrence boxes (32-bit floats, time in minutes)
 * before the exact conditions. This property checks that the pre-filter never drops a
 * match: for random windows and map views, the list gives exactly the events a plain
 * scan of every occurrence finds, including occurrences that touch the window's edges
 * to the millisecond.
 */

const BASE = Date.parse('2027-03-01T00:00:00Z');

let hub: TestHub;
let admin: Viewer;

interface Query {
  from: number;
  to: number;
  bbox?: [number, number, number, number];
}

function naive(query: Query): string[] {
  const rows = hub.app.store.sqlite
    .prepare(
      `SELECT o.event_id AS id, min(o.start) AS start FROM event_occurrences o JOIN events_index e ON e.id = o.event_id
       WHERE (o.end > @from OR o.start = @from) AND o.start < @to
         ${query.bbox === undefined ? '' : 'AND e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east'}
       GROUP BY o.event_id ORDER BY start, o.event_id LIMIT 100`,
    )
    .all({ from: query.from, to: query.to, ...(query.bbox === undefined ? {} : { west: query.bbox[0], south: query.bbox[1], east: query.bbox[2], north: query.bbox[3] }) }) as { id: string }[];
  return rows.map((row) => row.id);
}

function listed(query: Query): string[] {
  const body = hub.app.services.events.list({
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    limit: 100,
    ...(query.bbox === undefined ? {} : { bbox: query.bbox.join(',') }),
  });
  return (JSON.parse(body.toString('utf8')) as { items: { event: { id: string } }[] }).items.map((item) => item.event.id);
}

beforeAll(async () => {
  hub = await startTestHub();
  const account = await hub.app.services.accounts.register({ email: 'rtree@example.org', password: 'correct horse 3', displayName: 'Admin' }, 'admin');
  admin = { id: account.id, role: 'admin', actorIds: [] };
  const actorId = hub.app.services.content.create('actor', { name: 'Muséum', kind: 'museum' }, admin, { submit: true }).id;
  // Events at awkward instants (seconds and milliseconds off the minute) and places.
  const events = fc.sample(
    fc.record({
      startOffsetMs: fc.integer({ min: 0, max: 20 * 86_400_000 }),
      durationMs: fc.integer({ min: 0, max: 3 * 86_400_000 }),
      lat: fc.double({ min: 42, max: 51, noNaN: true }),
      lon: fc.double({ min: -4, max: 8, noNaN: true }),
      online: fc.boolean(),
    }),
    { numRuns: 150, seed: 7 },
  );
  for (const [index, event] of events.entries()) {
    const start = new Date(BASE + event.startOffsetMs).toISOString();
    const end = new Date(BASE + event.startOffsetMs + event.durationMs).toISOString();
    const input: EventInput = event.online
      ? { actorId, title: `Webinaire ${index}`, timeZone: 'Europe/Paris', timings: [{ start, end }], attendanceMode: 'online', onlineUrl: 'https://visio.example.org/salle', format: 'conference' }
      : { actorId, title: `Atelier ${index}`, timeZone: 'Europe/Paris', timings: [{ start, end }], attendanceMode: 'in-person', place: { name: 'Salle', lat: event.lat, lon: event.lon }, format: 'workshop' };
    hub.app.services.content.create('event', input, admin, { submit: true });
  }
});

afterAll(async () => {
  await hub.close();
});

describe('the R*Tree pre-filter', () => {
  it('finds exactly what a scan of every occurrence finds', () => {
    const starts = (hub.app.store.sqlite.prepare('SELECT start, end FROM event_occurrences').all() as { start: number; end: number }[]).flatMap((row) => [row.start, row.end]);
    // Windows starting anywhere, or exactly on an occurrence's start or end (the edges).
    const instant = fc.oneof(fc.integer({ min: BASE - 86_400_000, max: BASE + 22 * 86_400_000 }), fc.constantFrom(...starts), fc.constantFrom(...starts).map((at) => at + 1), fc.constantFrom(...starts).map((at) => at - 1));
    const bbox = fc
      .tuple(fc.double({ min: -5, max: 9, noNaN: true }), fc.double({ min: 41, max: 52, noNaN: true }), fc.double({ min: 0.001, max: 6, noNaN: true }), fc.double({ min: 0.001, max: 5, noNaN: true }))
      .map(([west, south, width, height]) => [west, south, Math.min(west + width, 180), Math.min(south + height, 90)] as [number, number, number, number]);
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.option(bbox, { nil: undefined }), (from, length, box) => {
        const query: Query = { from, to: from + length, ...(box === undefined ? {} : { bbox: box }) };
        expect(listed(query)).toEqual(naive(query));
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the scans do find events, on most queries.
    expect(naive({ from: BASE, to: BASE + 21 * 86_400_000 }).length).toBeGreaterThan(50);
  });
});

