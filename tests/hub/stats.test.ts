import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { StatsReport } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, articleInput, eventInput, sqlite } from './event-inputs.ts';

/*
 * The operators' statistics through the HTTP API: what was published this month, the
 * queue, decisions per moderator, reads of events and articles counted per day without
 * keeping anything about the reader, and the searches that found nothing.
 */

let hub: TestHub;
let moderator: Awaited<ReturnType<TestHub['user']>>;
let admin: Awaited<ReturnType<TestHub['user']>>;
let contributor: Awaited<ReturnType<TestHub['user']>>;
let actorId: string;

async function created(path: 'events' | 'articles', payload: object): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/${path}?submit=true`, payload, token: contributor.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function stats(query = ''): Promise<StatsReport> {
  const response = await hub.request<StatsReport>({ method: 'GET', url: `/api/v1/moderation/stats${query}`, token: moderator.token });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  moderator = await hub.user('moderator');
  contributor = await hub.user('contributor');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Muséum d’Orléans'), token: contributor.token });
  expect(actor.status).toBe(201);
  actorId = actor.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('statistics', () => {
  it('counts what was published, the queue and each moderator’s decisions', async () => {
    const first = await created('events', eventInput(actorId, 'Nuit des étoiles', '2027-08-12T21:00:00+02:00', '2027-08-12T23:59:00+02:00'));
    const second = await created('events', eventInput(actorId, 'Atelier fossiles', '2027-08-13T10:00:00+02:00', '2027-08-13T12:00:00+02:00'));
    const article = await created('articles', articleInput(actorId, 'Les abeilles sauvages'));
    const refused = await created('events', eventInput(actorId, 'Doublon', '2027-08-14T10:00:00+02:00', '2027-08-14T12:00:00+02:00'));
    const waiting = await created('events', eventInput(actorId, 'En attente', '2027-08-15T10:00:00+02:00', '2027-08-15T12:00:00+02:00'));
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [first.id, second.id, article.id] }, token: moderator.token })).status).toBe(200);
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/reject', payload: { ids: [refused.id], reason: 'Doublon' }, token: admin.token })).status).toBe(200);

    const report = await stats();
    const month = new Date().toISOString().slice(0, 7);
    expect(report.published.filter((row) => row.month === month && (row.type === 'event' || row.type === 'article'))).toEqual([
      { month, type: 'article', count: 1 },
      { month, type: 'event', count: 2 },
    ]);
    // The event left waiting, submitted moments ago; then as if it had waited four days.
    expect(report.queue.pending).toBe(1);
    expect(report.queue.ages).toEqual([
      { bucket: 'day', count: 1 },
      { bucket: 'three-days', count: 0 },
      { bucket: 'week', count: 0 },
      { bucket: 'older', count: 0 },
    ]);
    expect(waiting.status).toBe('pending');
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
    sqlite(hub).prepare("UPDATE content SET updated_at = ? WHERE status = 'pending'").run(fourDaysAgo);
    const later = await stats();
    expect(later.queue.ages.find((age) => age.bucket === 'week')?.count).toBe(1);
    expect(later.queue.oldest).toBe(fourDaysAgo);
    expect(report.queue.oldest).toEqual(expect.any(String));
    expect(report.decisions).toEqual([
      { userId: moderator.id, name: expect.any(String), role: 'moderator', approved: 3, rejected: 0 },
      { userId: admin.id, name: expect.any(String), role: 'admin', approved: 0, rejected: 1 },
    ]);
  });

  it('counts reads of events and articles per day, by id or slug, and keeps nothing about the reader', async () => {
    const events = await hub.request<{ items: { event: { id: string; slug: string; title: string } }[] }>({ method: 'GET', url: '/api/v1/events?from=2027-08-01&to=2027-08-31' });
    const star = events.body.items.find((item) => item.event.title === 'Nuit des étoiles')?.event;
    expect(star).toBeDefined();
    for (let read = 0; read < 3; read += 1) expect((await hub.request({ method: 'GET', url: `/api/v1/events/${star?.id}`, remoteAddress: `192.0.2.${read + 1}` })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/by-slug/${star?.slug}` })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: '/api/v1/articles/by-slug/les-abeilles-sauvages' })).status).toBe(200);
    // Not a page people come for: not counted. Nor is an item that is not there.
    expect((await hub.request({ method: 'GET', url: `/api/v1/actors/${actorId}` })).status).toBe(404);
    expect((await hub.request({ method: 'GET', url: '/api/v1/events/by-slug/nowhere' })).status).toBe(404);

    const today = new Date().toISOString().slice(0, 10);
    const report = await stats();
    expect(report.mostViewed.map(({ title, type, views, days }) => ({ title, type, views, days }))).toEqual([
      { title: 'Nuit des étoiles', type: 'event', views: 4, days: [{ day: today, views: 4 }] },
      { title: 'Les abeilles sauvages', type: 'article', views: 1, days: [{ day: today, views: 1 }] },
    ]);
    expect(report.mostViewed[0]?.slug).toBe(star?.slug);
    // The counters' tables hold a content id or a search text, a day and a number: nothing else.
    const columns = (table: string) => (sqlite(hub).prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
    expect(columns('content_views')).toEqual(['content_id', 'day', 'views']);
    expect(columns('search_misses')).toEqual(['query', 'day', 'count']);
    // A period without reads has none.
    expect((await stats('?from=2026-01-01&to=2026-01-31')).mostViewed).toEqual([]);
  });

  it('lists the searches that found nothing, as one text whatever its case and spacing', async () => {
    expect((await hub.request({ method: 'GET', url: `/api/v1/events?q=${encodeURIComponent('Éclipse  lunaire')}` })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: `/api/v1/articles?q=${encodeURIComponent('éclipse lunaire ')}` })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: '/api/v1/projects?q=planctons' })).status).toBe(200);
    // A search that found something is not a miss.
    expect((await hub.request({ method: 'GET', url: '/api/v1/articles?q=abeilles' })).status).toBe(200);
    // An operator searching for content to put in a dossier is not a reader.
    expect((await hub.request({ method: 'GET', url: '/api/v1/projects?q=planctons', token: moderator.token })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: '/api/v1/events?q=comete', token: moderator.token })).status).toBe(200);
    expect((await stats()).searchMisses).toEqual([
      { query: 'éclipse lunaire', count: 2 },
      { query: 'planctons', count: 1 },
    ]);
  });

  it('is for moderators only, and refuses a period that is not one at its field', async () => {
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/stats', token: contributor.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/stats' })).status).toBe(401);
    const backwards = await hub.request<{ field?: string }>({ method: 'GET', url: '/api/v1/moderation/stats?from=2026-05-10&to=2026-05-01', token: moderator.token });
    expect(backwards.status).toBe(400);
    expect(backwards.body.field).toBe('query.from');
    const impossible = await hub.request<{ field?: string }>({ method: 'GET', url: '/api/v1/moderation/stats?to=2026-02-30', token: moderator.token });
    expect(impossible.status).toBe(400);
    expect(impossible.body.field).toBe('query.to');
    const malformed = await hub.request({ method: 'GET', url: '/api/v1/moderation/stats?from=last-week', token: moderator.token });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('from');
  });
});
