import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypes } from '@constellation/shared';
import { create, eventInput, PATHS, validInputs, type View } from './fixtures.ts';
import { startTestHub, type Response, type TestHub } from './support.ts';

/*
 * Who may do what, as a table of roles against routes. Contributors are made the way an
 * operator makes them: an admin creates actors, then adds an account to one of them.
 * Every refused write is followed by a read-back as an owner: a refusal must not leave a
 * half-done change behind.
 */

type Who = 'anonymous' | 'member' | 'contributorA' | 'contributorB' | 'moderator' | 'admin';
const EVERYONE: readonly Who[] = ['anonymous', 'member', 'contributorA', 'contributorB', 'moderator', 'admin'];

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}
interface AccountBody {
  id: string;
  role: string;
  actorIds: string[];
}

let hub: TestHub;
const tokens: Partial<Record<Who, string>> = {};
let adminToken = '';
let actorA = '';
let actorB = '';
/** An actor only the verify row touches. */
let actorC = '';
/** An account only the set-role and add-member rows touch. */
let target = '';
let targetEmail = '';
/** Makes titles and client addresses unique within the file. */
let serial = 0;

function tokenOf(who: Who): string | undefined {
  return tokens[who];
}

async function call<T = unknown>(who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<Response<T & ErrorBody>> {
  const token = tokenOf(who);
  return hub.request<T & ErrorBody>({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), ...(token === undefined ? {} : { token }) });
}

/** The stored state of content, as an owner (the admin) reads it. */
async function stored(type: string, id: string): Promise<{ status: number; body: unknown }> {
  const response = await hub.request<View>({ method: 'GET', url: `/api/v1/${type}/${id}/manage`, token: adminToken });
  return { status: response.status, body: response.body };
}

/** An account turned contributor by an operator adding it to an actor, logged in again so its token says so. */
async function contributorFor(actorId: string, operatorToken: string, name: string): Promise<string> {
  const account = await hub.user('member', name);
  const added = await hub.request<AccountBody>({ method: 'POST', url: `/api/v1/admin/actors/${actorId}/members`, payload: { email: account.email }, token: operatorToken });
  expect(added.status).toBe(200);
  expect(added.body).toMatchObject({ role: 'contributor', actorIds: [actorId] });
  const login = await hub.request<{ accessToken: string; account: AccountBody }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password: account.password } });
  expect(login.body.account.role).toBe('contributor');
  return login.body.accessToken;
}

const draftEvent = async (title = 'Atelier fossiles') => (await create(hub, adminToken, 'event', eventInput(actorA, title))).id;
const publishedEvent = async () => {
  const view = await create(hub, adminToken, 'event', eventInput(actorA, 'Conférence publiée'), { submit: true });
  expect(view.status).toBe('published');
  return view.id;
};
const pendingEvent = async () => {
  const view = await create(hub, tokens.contributorA ?? '', 'event', eventInput(actorA, 'Café des sciences en attente'), { submit: true });
  expect(view.status).toBe('pending');
  return view.id;
};

beforeAll(async () => {
  hub = await startTestHub();
  const admin = await hub.user('admin');
  adminToken = admin.token;
  tokens.admin = admin.token;
  tokens.moderator = (await hub.user('moderator')).token;
  tokens.member = (await hub.user('member')).token;
  actorA = (await create(hub, adminToken, 'actor', { name: 'Centre•Sciences', kind: 'ccsti' })).id;
  actorB = (await create(hub, adminToken, 'actor', { name: 'La Casemate', kind: 'ccsti' })).id;
  actorC = (await create(hub, adminToken, 'actor', { name: 'Muséum de Grenoble', kind: 'museum' })).id;
  tokens.contributorA = await contributorFor(actorA, adminToken, 'contributor-a');
  tokens.contributorB = await contributorFor(actorB, tokens.moderator, 'contributor-b');
  targetEmail = 'cible@example.org';
  target = (await hub.app.services.accounts.register({ email: targetEmail, password: 'the target password', displayName: 'Cible' })).id;
});

afterAll(async () => {
  await hub.close();
});

/**
 * One row of the table: how to make a fresh target, what to do to it, what each role
 * gets, the state a refusal must leave alone, and what success must have done.
 */
interface Row {
  route: string;
  expected: Record<Who, number>;
  prepare: () => Promise<string>;
  act: (who: Who, id: string) => Promise<Response<ErrorBody>>;
  state?: (id: string) => Promise<unknown>;
  succeeded?: (who: Who, id: string, response: Response<ErrorBody>) => Promise<void> | void;
}

const ownerWrite = { anonymous: 401, member: 403, contributorA: 200, contributorB: 403, moderator: 200, admin: 200 } as const;
const moderatorsOnly = { anonymous: 401, member: 403, contributorA: 403, contributorB: 403, moderator: 200, admin: 200 } as const;

const rows: Row[] = [
  {
    route: 'POST /api/v1/events (for actor A)',
    expected: { ...ownerWrite, contributorA: 201, moderator: 201, admin: 201 },
    prepare: async () => `Soirée n° ${(serial += 1)}`,
    act: (who, title) => call(who, 'POST', '/api/v1/events', eventInput(actorA, title)),
    state: async (title) => (await hub.request<{ items: View[] }>({ method: 'GET', url: '/api/v1/me/content?type=event&limit=100', token: adminToken })).body.items.filter((item) => item.data.title === title).length,
    succeeded: (_who, title, response) => {
      expect(response.body).toMatchObject({ status: 'draft', actorId: actorA, data: { title } });
    },
  },
  {
    route: 'PUT /api/v1/events/:id (of actor A)',
    expected: ownerWrite,
    prepare: () => draftEvent(),
    act: (who, id) => call(who, 'PUT', `/api/v1/events/${id}`, eventInput(actorA, 'Atelier fossiles, nouvelle date')),
    state: (id) => stored('events', id),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ id, version: 2, data: { title: 'Atelier fossiles, nouvelle date' } });
    },
  },
  {
    route: 'DELETE /api/v1/events/:id (of actor A)',
    expected: { ...ownerWrite, contributorA: 204, moderator: 204, admin: 204 },
    prepare: () => draftEvent(),
    act: (who, id) => call(who, 'DELETE', `/api/v1/events/${id}`),
    state: (id) => stored('events', id),
    succeeded: async (_who, id) => {
      expect((await stored('events', id)).status).toBe(404);
    },
  },
  {
    route: 'POST /api/v1/events/:id/submit (of actor A)',
    expected: ownerWrite,
    prepare: () => draftEvent(),
    act: (who, id) => call(who, 'POST', `/api/v1/events/${id}/submit`),
    state: (id) => stored('events', id),
    succeeded: (who, _id, response) => {
      // Actor A is not verified: its contributor's content waits for a moderator; a moderator's is published.
      expect(response.body).toMatchObject({ status: who === 'contributorA' ? 'pending' : 'published' });
    },
  },
  {
    route: 'POST /api/v1/events/:id/unpublish (of actor A)',
    expected: ownerWrite,
    prepare: () => publishedEvent(),
    act: (who, id) => call(who, 'POST', `/api/v1/events/${id}/unpublish`),
    state: (id) => stored('events', id),
    succeeded: async (_who, id, response) => {
      expect(response.body).toMatchObject({ status: 'draft' });
      expect((await hub.request({ method: 'GET', url: `/api/v1/events/${id}` })).status).toBe(404);
    },
  },
  {
    route: 'GET /api/v1/events/:id/manage (a draft of actor A)',
    // Content that is not public is, to whoever may not manage it, not there at all.
    expected: { anonymous: 401, member: 404, contributorA: 200, contributorB: 404, moderator: 200, admin: 200 },
    prepare: () => draftEvent(),
    act: (who, id) => call(who, 'GET', `/api/v1/events/${id}/manage`),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ id, status: 'draft', actorId: actorA, data: { contactEmail: 'mediation@centre-sciences.org' } });
    },
  },
  {
    route: 'POST /api/v1/moderation/approve',
    expected: moderatorsOnly,
    prepare: () => pendingEvent(),
    act: (who, id) => call(who, 'POST', '/api/v1/moderation/approve', { ids: [id] }),
    state: (id) => stored('events', id),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ items: [{ id, status: 'published' }] });
    },
  },
  {
    route: 'POST /api/v1/moderation/reject',
    expected: moderatorsOnly,
    prepare: () => pendingEvent(),
    act: (who, id) => call(who, 'POST', '/api/v1/moderation/reject', { ids: [id], reason: 'Date manquante' }),
    state: (id) => stored('events', id),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ items: [{ id, status: 'rejected', rejectReason: 'Date manquante' }] });
    },
  },
  {
    route: 'POST /api/v1/actors/:id/verify',
    expected: moderatorsOnly,
    prepare: async () => {
      // Back to unverified, so each role starts from the same state.
      await hub.request({ method: 'POST', url: `/api/v1/actors/${actorC}/verify`, payload: { verified: false }, token: adminToken });
      return actorC;
    },
    act: (who, id) => call(who, 'POST', `/api/v1/actors/${id}/verify`, { verified: true }),
    state: (id) => stored('actors', id),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ id, verified: true });
    },
  },
  {
    route: 'GET /api/v1/moderation/queue',
    expected: moderatorsOnly,
    prepare: () => pendingEvent(),
    act: (who) => call(who, 'GET', '/api/v1/moderation/queue?limit=100'),
    succeeded: (_who, id, response) => {
      const items = (response.body as unknown as { items: View[] }).items;
      expect(items.map((item) => item.id)).toContain(id);
      expect(items.every((item) => item.status === 'pending')).toBe(true);
    },
  },
  {
    route: 'GET /api/v1/moderation/reports',
    expected: moderatorsOnly,
    prepare: async () => {
      const id = await publishedEvent();
      const report = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: id, reason: 'inaccurate' }, remoteAddress: `10.9.0.${(serial += 1) % 250}` });
      expect(report.status).toBe(201);
      return report.body.id;
    },
    act: (who) => call(who, 'GET', '/api/v1/moderation/reports?limit=100'),
    succeeded: (_who, id, response) => {
      expect((response.body as unknown as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);
    },
  },
  {
    route: 'GET /api/v1/moderation/audit',
    expected: moderatorsOnly,
    prepare: async () => {
      const id = await pendingEvent();
      expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [id] }, token: tokens.moderator ?? '' })).status).toBe(200);
      return id;
    },
    act: (who) => call(who, 'GET', '/api/v1/moderation/audit'),
    succeeded: (_who, id, response) => {
      const items = (response.body as unknown as { items: { action: string; targetId: string }[] }).items;
      expect(items).toContainEqual(expect.objectContaining({ action: 'approve', targetType: 'event', targetId: id }));
    },
  },
  {
    route: 'PUT /api/v1/admin/users/:id/role',
    expected: { ...moderatorsOnly, moderator: 403 },
    prepare: async () => {
      hub.app.services.accounts.setRole(target, 'member');
      return target;
    },
    act: (who, id) => call(who, 'PUT', `/api/v1/admin/users/${id}/role`, { role: 'moderator' }),
    state: async (id) => hub.app.services.accounts.account(id),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ id, role: 'moderator' });
      expect(hub.app.services.accounts.account(id).role).toBe('moderator');
    },
  },
  {
    route: 'POST /api/v1/admin/actors/:id/members',
    expected: moderatorsOnly,
    // A fresh actor each time, so the target account is not yet a member of it.
    prepare: async () => (await create(hub, adminToken, 'actor', { name: `Association n° ${(serial += 1)}`, kind: 'association' })).id,
    act: (who, id) => call(who, 'POST', `/api/v1/admin/actors/${id}/members`, { email: targetEmail }),
    state: async () => hub.app.services.accounts.account(target),
    succeeded: (_who, id, response) => {
      expect(response.body).toMatchObject({ id: target });
      expect((response.body as unknown as AccountBody).actorIds).toContain(id);
    },
  },
  {
    route: 'GET /api/v1/members',
    expected: { anonymous: 401, member: 200, contributorA: 200, contributorB: 200, moderator: 200, admin: 200 },
    prepare: async () => '',
    act: (who) => call(who, 'GET', '/api/v1/members'),
    succeeded: (_who, _id, response) => {
      expect(response.body).toMatchObject({ items: expect.any(Array) });
    },
  },
];

const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

for (const row of rows) {
  describe(row.route, () => {
    it.each(EVERYONE.map((who) => [who, row.expected[who]] as const))('%s gets %i', async (who, status) => {
      const id = await row.prepare();
      const before = row.state === undefined ? undefined : await row.state(id);
      const response = await row.act(who, id);
      expect(response.status, response.text).toBe(status);
      if (status >= 400) {
        expect(response.body.error).toBe(ERROR_CODES[status]);
        if (row.state !== undefined) expect(await row.state(id)).toEqual(before);
      } else {
        await row.succeeded?.(who, id, response);
      }
    });
  });
}

describe('ownership beyond the table', () => {
  it.each(contentTypes.values.map((type) => [type]))('a member cannot create a %s (403), and nothing is stored', async (type) => {
    const before = await hub.request<{ items: View[] }>({ method: 'GET', url: '/api/v1/me/content?limit=100', token: tokens.member ?? '' });
    const response = await call('member', 'POST', `/api/v1/${PATHS[type]}`, validInputs(actorA)[type]);
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('forbidden');
    const after = await hub.request<{ items: View[] }>({ method: 'GET', url: '/api/v1/me/content?limit=100', token: tokens.member ?? '' });
    expect(after.body.items).toEqual(before.body.items);
  });

  it('a draft and a pending event are 404 on the public read, by id and by slug', async () => {
    const draft = await create(hub, adminToken, 'event', eventInput(actorA, 'Brouillon secret'));
    const pending = await create(hub, tokens.contributorA ?? '', 'event', eventInput(actorA, 'En attente secrète'), { submit: true });
    for (const view of [draft, pending]) {
      const byId = await hub.request<ErrorBody>({ method: 'GET', url: `/api/v1/events/${view.id}` });
      expect(byId.status).toBe(404);
      expect(byId.body.error).toBe('not_found');
      const slug = (await hub.request<{ slug: string }>({ method: 'GET', url: `/api/v1/events/${view.id}/manage`, token: adminToken })).body.slug;
      expect((await hub.request({ method: 'GET', url: `/api/v1/events/by-slug/${slug}` })).status).toBe(404);
    }
    // The same event, once approved, is public: the 404 was about its state, not a wrong URL.
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [pending.id] }, token: adminToken })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${pending.id}` })).status).toBe(200);
  });

  it("a contributor cannot post for another contributor's actor, nor move its own content to that actor", async () => {
    const forB = await call('contributorA', 'POST', '/api/v1/events', eventInput(actorB, 'Chez le voisin'));
    expect(forB.status).toBe(403);

    const own = await create(hub, tokens.contributorA ?? '', 'event', eventInput(actorA, 'Mon atelier'));
    const before = await stored('events', own.id);
    const moved = await call('contributorA', 'PUT', `/api/v1/events/${own.id}`, eventInput(actorB, 'Mon atelier'));
    expect(moved.status).toBe(403);
    expect(await stored('events', own.id)).toEqual(before);
  });

  it("a contributor's own content list holds only its actor's content", async () => {
    const ofB = await create(hub, tokens.contributorB ?? '', 'event', eventInput(actorB, 'Atelier de B'));
    const list = await hub.request<{ items: View[] }>({ method: 'GET', url: '/api/v1/me/content?limit=100', token: tokens.contributorA ?? '' });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((item) => item.actorId === actorA)).toBe(true);
    expect(list.body.items.map((item) => item.id)).not.toContain(ofB.id);
  });
});
