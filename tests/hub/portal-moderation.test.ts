import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorInput, articleInput, create, eventInput } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The moderation console's queue filters (type, part of the title, actor) and its report
 * list, which says what each report is about.
 */

interface Item {
  id: string;
  type: string;
  actorId: string | null;
  data: { title?: string; name?: string };
}

let hub: TestHub;
let admin = '';
let moderator = '';
let centre = '';
let casemate = '';

beforeAll(async () => {
  hub = await startTestHub();
  admin = (await hub.user('admin')).token;
  moderator = (await hub.user('moderator')).token;
  centre = (await create(hub, admin, 'actor', actorInput('Centre•Sciences'), { submit: true })).id;
  casemate = (await create(hub, admin, 'actor', actorInput('La Casemate'), { submit: true })).id;
  // Contributors' content waits for a moderator; one contributor per actor.
  for (const [actorId, titles] of [
    [centre, ['Nuit des étoiles', 'Atelier 100% fossiles']],
    [casemate, ['Nuit de la chimie']],
  ] as const) {
    const contributor = await hub.user('member');
    await hub.request({ method: 'POST', url: `/api/v1/admin/actors/${actorId}/members`, token: admin, payload: { email: contributor.email } });
    const login = await hub.request<{ accessToken: string }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email: contributor.email, password: contributor.password } });
    for (const title of titles) await create(hub, login.body.accessToken, 'event', eventInput(actorId, title), { submit: true });
    await create(hub, login.body.accessToken, 'article', { ...articleInput(actorId), title: `Chronique de ${titles[0]}` }, { submit: true });
  }
});

afterAll(async () => {
  await hub.close();
});

const queue = async (query: string) => {
  const response = await hub.request<{ items: Item[]; field?: string }>({ method: 'GET', url: `/api/v1/moderation/queue${query}`, token: moderator });
  return response;
};
const titles = async (query: string) => (await queue(query)).body.items.map((item) => item.data.title).sort();

describe('GET /api/v1/moderation/queue', () => {
  it('filters by part of the title, case ignored', async () => {
    expect(await titles('?q=nuit')).toEqual(['Chronique de Nuit de la chimie', 'Chronique de Nuit des étoiles', 'Nuit de la chimie', 'Nuit des étoiles']);
    expect(await titles('?q=100%25')).toEqual(['Atelier 100% fossiles']);
    expect(await titles('?q=0%25')).toEqual(['Atelier 100% fossiles']);
    expect(await titles('?q=nothing')).toEqual([]);
  });

  it('filters by actor, and combines filters with the type', async () => {
    expect(await titles(`?actor=${casemate}`)).toEqual(['Chronique de Nuit de la chimie', 'Nuit de la chimie']);
    expect(await titles(`?actor=${centre}&type=event`)).toEqual(['Atelier 100% fossiles', 'Nuit des étoiles']);
    expect(await titles(`?actor=${centre}&type=article&q=chronique`)).toEqual(['Chronique de Nuit des étoiles']);
  });

  it("names each item's author", async () => {
    const items = (await queue('?type=event')).body.items as (Item & { authorId: string; authorName: string | null })[];
    expect(items.length).toBeGreaterThan(0);
    const users = await hub.request<{ items: { id: string; displayName: string }[] }>({ method: 'GET', url: '/api/v1/admin/users?limit=100', token: admin });
    for (const item of items) {
      expect(item.authorName, item.data.title).toEqual(expect.any(String));
      expect(item.authorName).toBe(users.body.items.find((user) => user.id === item.authorId)?.displayName);
    }
  });

  it.each([
    ['?actor=centre', 'query.actor'],
    ['?q=', 'query.q'],
    ['?type=comment', 'query.type'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const response = await queue(query);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

interface Report {
  id: string;
  contentId: string;
  contentType: string | null;
  contentTitle: string | null;
  reason: string;
}

describe('GET /api/v1/moderation/reports', () => {
  it('says what each report is about, and null once that content is gone', async () => {
    const kept = await create(hub, admin, 'event', eventInput(centre, 'Conférence signalée'), { submit: true });
    const gone = await create(hub, admin, 'article', { ...articleInput(centre), title: 'Article bientôt supprimé' }, { submit: true });
    for (const contentId of [kept.id, gone.id]) {
      expect((await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId, reason: 'inaccurate' }, remoteAddress: '10.30.0.1' })).status).toBe(201);
    }
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/articles/${gone.id}`, token: admin })).status).toBe(204);
    const response = await hub.request<{ items: Report[] }>({ method: 'GET', url: '/api/v1/moderation/reports', token: moderator });
    expect(response.status).toBe(200);
    expect(response.body.items.find((report) => report.contentId === kept.id)).toMatchObject({ contentType: 'event', contentTitle: 'Conférence signalée', reason: 'inaccurate' });
    expect(response.body.items.find((report) => report.contentId === gone.id)).toMatchObject({ contentType: null, contentTitle: null });
    const reportId = response.body.items.find((report) => report.contentId === kept.id)?.id;
    const resolved = await hub.request<Report>({ method: 'POST', url: `/api/v1/moderation/reports/${reportId}/resolve`, token: moderator, payload: { resolution: 'Date corrigée' } });
    expect(resolved.body).toMatchObject({ contentType: 'event', contentTitle: 'Conférence signalée' });
  });
});
