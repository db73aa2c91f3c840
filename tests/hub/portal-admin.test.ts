import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorInput, create } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The operator's and moderators' console: the accounts list, the actors with their
 * verified flag, and the rule that keeps everyone else out. The walk over every
 * /api/v1/admin/* and /api/v1/moderation/* route reads them from the OpenAPI document,
 * so a console route added later is walked too.
 */

interface Account {
  id: string;
  email: string;
  displayName: string;
  role: string;
  actorIds: string[];
  createdAt: string;
}
interface Page<T> {
  items: T[];
  next: string | null;
}

let hub: TestHub;
let admin = '';
let contributor = '';
let moderator = '';

beforeAll(async () => {
  hub = await startTestHub();
  admin = (await hub.user('admin')).token;
  moderator = (await hub.user('moderator')).token;
  contributor = (await hub.user('contributor')).token;
  for (const [index, name] of ['Léa Dupont', 'Louis Martin', 'Inès 100% Sciences'].entries()) {
    await hub.app.services.accounts.register({ email: `membre-${index}@example.org`, password: 'a long enough password', displayName: name }, 'member');
  }
});

afterAll(async () => {
  await hub.close();
});

const users = (query: string, token = admin) => hub.request<Page<Account> & { field?: string }>({ method: 'GET', url: `/api/v1/admin/users${query}`, token });

describe('GET /api/v1/admin/users', () => {
  it('lists every account, newest first, as AccountView items', async () => {
    const response = await users('?limit=100');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(6);
    expect(response.body.items[0]?.displayName).toBe('Inès 100% Sciences');
    expect(response.body.items.at(-1)?.role).toBe('admin');
    expect(Object.keys(response.body.items[0] ?? {}).sort()).toEqual(['actorIds', 'createdAt', 'displayName', 'email', 'emailConfirmed', 'id', 'locale', 'membership', 'notifyDecisions', 'notifyFollows', 'notifyPending', 'notifyReports', 'role']);
    expect(response.text).not.toMatch(/password|hash/i);
  });

  it('filters by role and by part of a name or an email, case-insensitively', async () => {
    expect((await users('?role=member')).body.items.map((item) => item.displayName).sort()).toEqual(['Inès 100% Sciences', 'Louis Martin', 'Léa Dupont']);
    expect((await users('?q=MARTIN')).body.items.map((item) => item.displayName)).toEqual(['Louis Martin']);
    expect((await users('?q=moderator-')).body.items.map((item) => item.role)).toEqual(['moderator']);
    // % is a character to find, not a wildcard.
    expect((await users('?q=100%25')).body.items.map((item) => item.displayName)).toEqual(['Inès 100% Sciences']);
    expect((await users('?q=0%25')).body.items.map((item) => item.displayName)).toEqual(['Inès 100% Sciences']);
    expect((await users('?q=zzz')).body.items).toEqual([]);
  });

  it('pages with a cursor, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Account> = (await users(`?limit=4${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)).body;
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next;
    } while (cursor !== null);
    const all = (await users('?limit=100')).body.items.map((item) => item.id);
    expect(seen).toEqual(all);
  });

  it.each([
    ['?role=owner', 'query.role'],
    ['?limit=0', 'query.limit'],
    ['?cursor=bm9wZQ', 'query.cursor'],
    ['?sort=name', 'query.sort'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const response = await users(query);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('is for admins only', async () => {
    expect((await users('', moderator)).status).toBe(403);
    expect((await users('', contributor)).status).toBe(403);
  });

  it('works with PUT /api/v1/admin/users/:id/role, still there', async () => {
    const target = (await users('?q=Louis')).body.items[0];
    const changed = await hub.request<Account>({ method: 'PUT', url: `/api/v1/admin/users/${target?.id}/role`, token: admin, payload: { role: 'contributor' } });
    expect(changed.status).toBe(200);
    expect((await users('?q=Louis')).body.items[0]?.role).toBe('contributor');
  });
});

describe('verified actors in the console', () => {
  it('moderators list every actor, whatever its state, with its verified flag, through /api/v1/me/content?type=actor', async () => {
    const published = await create(hub, admin, 'actor', actorInput('Centre•Sciences'), { submit: true });
    const draft = await create(hub, admin, 'actor', actorInput('Association en brouillon'));
    expect((await hub.request({ method: 'POST', url: `/api/v1/actors/${published.id}/verify`, token: moderator, payload: { verified: true } })).status).toBe(200);
    const listed = await hub.request<Page<{ id: string; type: string; status: string; verified: boolean }>>({ method: 'GET', url: '/api/v1/me/content?type=actor&limit=100', token: moderator });
    expect(listed.status).toBe(200);
    expect(listed.body.items.every((item) => item.type === 'actor')).toBe(true);
    expect(listed.body.items.find((item) => item.id === published.id)).toMatchObject({ status: 'published', verified: true });
    expect(listed.body.items.find((item) => item.id === draft.id)).toMatchObject({ status: 'draft', verified: false });
  });
});

/** Path parameters that are not ids, with a value their route accepts (any other is an id). */
const PARAMS: Record<string, string> = { slug: 'about', lang: 'fr' };

/** A body each console route accepts, so a refusal is about who asks, not what is sent. */
const BODIES: Record<string, unknown> = {
  'put /api/v1/admin/settings': { name: 'Pris', aggregatorUrls: [], signupRole: 'member' },
  'put /api/v1/admin/users/{id}/role': { role: 'admin' },
  'post /api/v1/admin/actors/{id}/members': { email: 'quelquun@example.org' },
  'post /api/v1/moderation/approve': { ids: ['0190a1b2-0000-7000-8000-000000000001'] },
  'post /api/v1/moderation/reject': { ids: ['0190a1b2-0000-7000-8000-000000000001'], reason: 'Hors sujet' },
  'post /api/v1/moderation/reports/{id}/resolve': { resolution: 'Rien à faire' },
  'post /api/v1/moderation/memberships/{userId}': { decision: 'approve' },
  // An action without a body: read the campaign list again.
  'post /api/v1/admin/campaigns/sync': undefined,
  'post /api/v1/admin/actors/{id}/merge': { into: '0190a1b2-0000-7000-8000-000000000002' },
  'put /api/v1/admin/pages/{slug}/{lang}': { title: 'Pris', body: 'Rien' },
  'put /api/v1/admin/home': { banner: 'Pris', features: [] },
};

describe('the console is closed to contributors', () => {
  it('answers 403 to a contributor and 401 without a token on every /api/v1/admin/* and /api/v1/moderation/* route', async () => {
    const doc = await hub.request<{ paths: Record<string, Record<string, unknown>> }>({ method: 'GET', url: '/docs/json' });
    const routes = Object.entries(doc.body.paths)
      .filter(([path]) => /^\/api\/v1\/(admin|moderation)\//.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => [method, path] as const));
    // The routes this file knows: a new one needs a body here, or the walk fails.
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      if (method === 'post' || method === 'put') expect(BODIES, `no body for ${key}`).toHaveProperty([key]);
      const url = path.replaceAll(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? '0190a1b2-0000-7000-8000-000000000002');
      const request = { method: method.toUpperCase() as 'GET' | 'POST' | 'PUT', url, ...(BODIES[key] === undefined ? {} : { payload: BODIES[key] as Record<string, unknown> }) };
      expect((await hub.request({ ...request, token: contributor })).status, `${key} as a contributor`).toBe(403);
      expect((await hub.request(request)).status, `${key} without a token`).toBe(401);
    }
    // Nothing those refused calls sent took effect.
    expect((await hub.request<{ name: string }>({ method: 'GET', url: '/api/v1/config' })).body.name).toBe('Echosciences Centre-Val de Loire');
  });
});
