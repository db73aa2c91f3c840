import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, articleInput, placeInput } from './event-inputs.ts';

/*
 * The public lists of content other than events (newest publication first, keyset
 * pages, search, actor filter) and /api/v1/me/content, the list of what a viewer
 * manages in every state.
 */

type User = Awaited<ReturnType<TestHub['user']>>;
interface Page<T> {
  items: T[];
  next: string | null;
}
interface PublicItem {
  id: string;
  title?: string;
  name?: string;
  actorId?: string;
  publishedAt?: string;
}

let hub: TestHub;
let moderator: User;
let ana: User;
let bruno: User;
let member: User;
/** Ana's actor and Bruno's. */
let actorA: ContentView;
let actorB: ContentView;
/** Published articles, oldest publication first. */
const articles: ContentView[] = [];
const places: ContentView[] = [];
/** Ana's articles in the other states. */
let draft: ContentView;
let pending: ContentView;
let rejected: ContentView;

/** Publications within one millisecond would tie on publishedAt; the tie-break by id is checked separately. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));

async function post(user: User, path: string, input: unknown, submit = false): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/${path}${submit ? '?submit=true' : ''}`, payload: input as Record<string, unknown>, token: user.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function page<T = PublicItem>(url: string, token?: string): Promise<Page<T>> {
  const response = await hub.request<Page<T>>({ method: 'GET', url, ...(token === undefined ? {} : { token }) });
  expect(response.status, `${url}: ${response.text}`).toBe(200);
  return response.body;
}

/** Every item of a list, following `next`; fails on a repeated item. */
async function all<T extends { id: string }>(url: string, token?: string): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const body: Page<T> = await page<T>(`${url}${cursor === null ? '' : `${separator}cursor=${cursor}`}`, token);
    items.push(...body.items);
    pages.push(body.items.length);
    cursor = body.next;
  } while (cursor !== null && pages.length < 50);
  expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  return { items, pages };
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  ana = await hub.user('contributor', 'ana');
  bruno = await hub.user('contributor', 'bruno');
  member = await hub.user('member');
  actorA = await post(ana, 'actors', actorInput('Muséum d’Orléans'));
  actorB = await post(bruno, 'actors', actorInput('Planétarium de Tours'));

  const plan: [ContentView, string, string][] = [
    [actorA, 'Écologie urbaine : les hérissons d’Orléans', 'Un recensement participatif des hérissons.'],
    [actorB, 'Les étoiles filantes d’août', 'Les Perséides vues depuis la Touraine.'],
    [actorA, 'Fossiles du Loiret', 'Une collection de fossiles redécouverte.'],
    [actorB, 'Nuit des planétariums', 'Retour sur une soirée sous la coupole.'],
    [actorA, 'Le MOBE rouvre ses réserves', 'Visite des collections cachées.'],
  ];
  for (const [actor, title, summary] of plan) {
    await nextMillisecond();
    articles.push(await post(moderator, 'articles', articleInput(actor.id, title, { summary }), true));
  }
  for (const [actor, name] of [[actorA, 'Jardin des plantes d’Orléans'], [actorB, 'Planétarium de Tours'], [actorA, 'Réserves du MOBE']] as const) {
    await nextMillisecond();
    places.push(await post(moderator, 'places', placeInput(actor.id, name), true));
  }

  draft = await post(ana, 'articles', articleInput(actorA.id, 'Brouillon sur les hérissons'));
  pending = await post(ana, 'articles', articleInput(actorA.id, 'Article en attente'), true);
  rejected = await post(ana, 'articles', articleInput(actorA.id, 'Article refusé'), true);
  const refusal = await hub.request({ method: 'POST', url: '/api/v1/moderation/reject', payload: { ids: [rejected.id], reason: 'Hors sujet' }, token: moderator.token });
  expect(refusal.status).toBe(200);
  expect([draft.status, pending.status]).toEqual(['draft', 'pending']);
});

afterAll(async () => {
  await hub.close();
});

describe('GET /api/v1/articles', () => {
  it('lists published articles only, newest publication first', async () => {
    const body = await page('/api/v1/articles');
    expect(ids(body.items)).toEqual(ids([...articles].reverse()));
    expect(body.next).toBeNull();
    expect(body.items[0]).toMatchObject({ title: 'Le MOBE rouvre ses réserves', actorId: actorA.id, hub: 'centre-val-de-loire' });
    const dates = body.items.map((item) => item.publishedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(new Set(dates).size).toBe(5);
  });

  it('pages by keyset: limit 2 gives 2, 2, 1 in the same order as one page', async () => {
    const { items, pages } = await all('/api/v1/articles?limit=2');
    expect(pages).toEqual([2, 2, 1]);
    expect(ids(items)).toEqual(ids([...articles].reverse()));
  });

  it('searches titles, summaries and bodies, accents and case ignored', async () => {
    expect(ids((await page('/api/v1/articles?q=ecologie')).items)).toEqual([articles[0]?.id]);
    expect(ids((await page('/api/v1/articles?q=%C3%89COLOGIE')).items)).toEqual([articles[0]?.id]);
    expect(ids((await page('/api/v1/articles?q=perseides')).items)).toEqual([articles[1]?.id]);
    // A draft about hedgehogs exists; only the published article is found.
    expect(ids((await page('/api/v1/articles?q=herissons')).items)).toEqual([articles[0]?.id]);
    expect(ids((await page('/api/v1/articles?q=fossiles%20loiret')).items)).toEqual([articles[2]?.id]);
    expect((await page('/api/v1/articles?q=%22AND%20OR%20NEAR(')).items).toEqual([]);
  });

  it("filters by actor, and pages the filtered list", async () => {
    expect(ids((await page(`/api/v1/articles?actor=${actorB.id}`)).items)).toEqual([articles[3]?.id, articles[1]?.id]);
    const { items, pages } = await all(`/api/v1/articles?actor=${actorA.id}&limit=1`);
    expect(pages).toEqual([1, 1, 1]);
    expect(ids(items)).toEqual([articles[4]?.id, articles[2]?.id, articles[0]?.id]);
    expect(ids((await page(`/api/v1/articles?actor=${actorB.id}&q=fossiles`)).items)).toEqual([]);
  });

  it('drops unpublished articles, and keeps the first publication date when one comes back', async () => {
    const target = articles[1] as ContentView;
    expect((await hub.request({ method: 'POST', url: `/api/v1/articles/${target.id}/unpublish`, token: moderator.token })).status).toBe(200);
    expect(ids((await page('/api/v1/articles')).items)).not.toContain(target.id);
    expect(ids((await page('/api/v1/articles?q=perseides')).items)).toEqual([]);

    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [target.id] }, token: moderator.token })).status).toBe(200);
    const back = await page('/api/v1/articles');
    expect(ids(back.items)).toEqual(ids([...articles].reverse()));
    expect(back.items.find((item) => item.id === target.id)?.publishedAt).toBe(target.publishedAt);
  });

  it('refuses a malformed actor, cursor or limit', async () => {
    for (const [query, field] of [['actor=museum', 'query.actor'], ['cursor=nope', 'query.cursor'], ['limit=0', 'query.limit'], ['sort=title', undefined]] as const) {
      const response = await hub.request<{ field?: string }>({ method: 'GET', url: `/api/v1/articles?${query}` });
      expect(response.status, query).toBe(400);
      if (field !== undefined) expect(response.body.field, query).toBe(field);
    }
  });
});

describe('GET /api/v1/places', () => {
  it('lists published places newest first, with paging, search and the actor filter', async () => {
    expect(ids((await page('/api/v1/places')).items)).toEqual(ids([...places].reverse()));
    const { items, pages } = await all('/api/v1/places?limit=2');
    expect(pages).toEqual([2, 1]);
    expect(ids(items)).toEqual(ids([...places].reverse()));
    expect(ids((await page(`/api/v1/places?actor=${actorA.id}`)).items)).toEqual([places[2]?.id, places[0]?.id]);
    expect(ids((await page('/api/v1/places?q=planetarium')).items)).toEqual([places[1]?.id]);
    expect((await page<PublicItem>('/api/v1/places?q=planetarium')).items[0]).toMatchObject({ name: 'Planétarium de Tours' });
  });
});

describe('GET /api/v1/me/content', () => {
  it("shows a contributor their actors' content in every state, and nobody else's", async () => {
    const { items } = await all<ContentView>('/api/v1/me/content?limit=4', ana.token);
    const expected = [actorA, articles[0], articles[2], articles[4], places[0], places[2], draft, pending, rejected].map((view) => view?.id);
    expect(ids(items).sort()).toEqual([...expected].sort());
    expect(new Set(items.map((item) => item.status))).toEqual(new Set(['draft', 'pending', 'published', 'rejected']));
    expect(items.find((item) => item.id === rejected.id)).toMatchObject({ status: 'rejected', rejectReason: 'Hors sujet' });
    // Newest change first.
    const updated = items.map((item) => item.updatedAt);
    expect([...updated].sort().reverse()).toEqual(updated);

    const brunos = await all<ContentView>('/api/v1/me/content', bruno.token);
    expect(ids(brunos.items).sort()).toEqual([actorB.id, articles[1]?.id, articles[3]?.id, places[1]?.id].sort());
  });

  it('filters by status and type', async () => {
    expect(ids((await page<ContentView>('/api/v1/me/content?status=rejected', ana.token)).items)).toEqual([rejected.id]);
    expect(ids((await page<ContentView>('/api/v1/me/content?status=draft', ana.token)).items).sort()).toEqual([actorA.id, draft.id].sort());
    expect(ids((await page<ContentView>('/api/v1/me/content?type=actor', ana.token)).items)).toEqual([actorA.id]);
    expect(ids((await page<ContentView>('/api/v1/me/content?type=place&status=published', ana.token)).items)).toEqual([places[2]?.id, places[0]?.id]);
  });

  it('shows a moderator everything, a member without actors nothing, and refuses anonymous readers', async () => {
    const { items } = await all<ContentView>('/api/v1/me/content?limit=5', moderator.token);
    const everything = [actorA, actorB, ...articles, ...places, draft, pending, rejected].map((view) => view.id);
    expect(ids(items).sort()).toEqual([...everything].sort());
    expect((await page<ContentView>('/api/v1/me/content', member.token)).items).toEqual([]);
    expect((await hub.request({ method: 'GET', url: '/api/v1/me/content' })).status).toBe(401);
    expect((await hub.request({ method: 'GET', url: '/api/v1/me/content?status=archived', token: ana.token })).status).toBe(400);
  });
});
