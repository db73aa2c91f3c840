import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwsError, signJwt, verifyJwt } from '@constellation/shared/server';
import type { ErrorBody } from '@constellation/shared';
import { eventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * Edges of ownership and trust found in review: moving content between actors, deleting
 * an actor that still owns content, references in dossiers, demotions taking effect at
 * once, idempotent rejections, and what a contributor's list shows.
 */

let hub: TestHub;
let admin: { id: string; email: string; token: string };
let contributor: { id: string; email: string; token: string };
let verifiedActor = '';

async function createActor(name: string, token = admin.token): Promise<string> {
  const response = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors?submit=true', token, payload: { name, kind: 'association' } });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function freshToken(who: { email: string; password: string }): Promise<string> {
  const login = await hub.request<{ accessToken: string }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email: who.email, password: who.password } });
  return login.body.accessToken;
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  const created = await hub.user('member', 'contributrice');
  verifiedActor = await createActor('Association vérifiée');
  await hub.request({ method: 'POST', url: `/api/v1/actors/${verifiedActor}/verify`, token: admin.token, payload: { verified: true } });
  await hub.request({ method: 'POST', url: `/api/v1/admin/actors/${verifiedActor}/members`, token: admin.token, payload: { email: created.email } });
  contributor = { ...created, token: await freshToken(created) };
});

afterAll(async () => {
  await hub.close();
});

describe('trust follows the actor content ends up under', () => {
  it('sends published content moved to an unverified actor back to moderation', async () => {
    const event = await hub.request<{ id: string; status: string }>({ method: 'POST', url: '/api/v1/events?submit=true', token: contributor.token, payload: eventInput(verifiedActor, 'Atelier publié', '2027-04-01T14:00:00+02:00', '2027-04-01T16:00:00+02:00') });
    expect(event.body.status).toBe('published');
    // The contributor makes a new actor of their own: not verified, so not trusted.
    const unverified = await createActor('Mon collectif', contributor.token);
    const moved = await hub.request<{ status: string }>({ method: 'PUT', url: `/api/v1/events/${event.body.id}`, token: contributor.token, payload: eventInput(unverified, 'Atelier déplacé', '2027-04-01T14:00:00+02:00', '2027-04-01T16:00:00+02:00') });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('pending');
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${event.body.id}` })).status).toBe(404);
  });
});

describe('deleting an actor', () => {
  it('is refused with 409 while it owns content, and allowed once that content is gone', async () => {
    const actor = await createActor('Club éphémère');
    const event = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/events?submit=true', token: admin.token, payload: eventInput(actor, 'Dernière séance', '2027-04-02T18:00:00+02:00', '2027-04-02T20:00:00+02:00') });
    const refused = await hub.request<ErrorBody>({ method: 'DELETE', url: `/api/v1/actors/${actor}`, token: admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('conflict');
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${event.body.id}` })).status).toBe(200);
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${event.body.id}`, token: admin.token })).status).toBe(204);
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/actors/${actor}`, token: admin.token })).status).toBe(204);
  });
});

describe('dossier items', () => {
  it('must point at content of this hub, of the type they say', async () => {
    const response = await hub.request<ErrorBody>({
      method: 'POST',
      url: '/api/v1/dossiers',
      token: admin.token,
      payload: { title: 'À la une', items: [{ type: 'event', id: '01a1fc91-0000-7000-8000-000000000000' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('items.0.id');
  });
});

describe('a demotion', () => {
  it('applies at once, even with an access token minted before it', async () => {
    const moderator = await hub.user('moderator');
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/queue', token: moderator.token })).status).toBe(200);
    expect((await hub.request({ method: 'PUT', url: `/api/v1/admin/users/${moderator.id}/role`, token: admin.token, payload: { role: 'member' } })).status).toBe(200);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/queue', token: moderator.token })).status).toBe(403);
  });
});

describe('rejecting', () => {
  it('again with the same reason changes nothing', async () => {
    const event = await hub.request<{ id: string; version: number }>({ method: 'POST', url: '/api/v1/events', token: admin.token, payload: eventInput(verifiedActor, 'Hors sujet', '2027-04-03T18:00:00+02:00', '2027-04-03T20:00:00+02:00') });
    const first = await hub.request<{ items: { version: number }[] }>({ method: 'POST', url: '/api/v1/moderation/reject', token: admin.token, payload: { ids: [event.body.id], reason: 'hors ligne éditoriale' } });
    const second = await hub.request<{ items: { version: number }[] }>({ method: 'POST', url: '/api/v1/moderation/reject', token: admin.token, payload: { ids: [event.body.id], reason: 'hors ligne éditoriale' } });
    expect(second.body.items[0]?.version).toBe(first.body.items[0]?.version);
  });
});

describe("a contributor's content list", () => {
  it('shows what they may edit, not what they wrote under an actor they no longer act for', async () => {
    const event = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/events', token: contributor.token, payload: eventInput(verifiedActor, 'Atelier transféré', '2027-04-04T14:00:00+02:00', '2027-04-04T16:00:00+02:00') });
    const elsewhere = await createActor('Autre structure');
    expect((await hub.request({ method: 'PUT', url: `/api/v1/events/${event.body.id}`, token: admin.token, payload: eventInput(elsewhere, 'Atelier transféré', '2027-04-04T14:00:00+02:00', '2027-04-04T16:00:00+02:00') })).status).toBe(200);
    const mine = await hub.request<{ items: { id: string }[] }>({ method: 'GET', url: '/api/v1/me/content?type=event&limit=100', token: contributor.token });
    expect(mine.body.items.map((item) => item.id)).not.toContain(event.body.id);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${event.body.id}/manage`, token: contributor.token })).status).toBe(404);
  });
});

describe('verifyJwt', () => {
  it('refuses a token whose header or claims are not objects with a JwsError, not a TypeError', () => {
    const nullJson = Buffer.from('null').toString('base64url');
    expect(() => verifyJwt(`${nullJson}.${nullJson}.x`, new Map<string, KeyObject>())).toThrow(JwsError);
  });

  it('bounds both ends: an iat ahead of the clock (beyond the skew) or an exp past the longest life is refused', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keys = new Map([['k1', publicKey]]);
    const now = 1_800_000_000;
    const token = (iat: number, exp: number) => signJwt({ iss: 'centre-val-de-loire', iat, exp }, privateKey, 'k1');
    expect(verifyJwt(token(now, now + 60), keys, { now, maxLifetimeSeconds: 60 }).iss).toBe('centre-val-de-loire');
    // A signer's clock a little ahead is tolerated.
    expect(verifyJwt(token(now + 30, now + 90), keys, { now, maxLifetimeSeconds: 60 }).iss).toBe('centre-val-de-loire');
    expect(() => verifyJwt(token(now + 3_600, now + 3_630), keys, { now, maxLifetimeSeconds: 60 })).toThrow(/issued in the future/);
    expect(() => verifyJwt(token(now, now + 10 * 365 * 86_400), keys, { now, maxLifetimeSeconds: 60 })).toThrow(/exp is too far/);
    expect(() => verifyJwt(signJwt({ iss: 'x', exp: now + 30 }, privateKey, 'k1'), keys, { now })).toThrow(/iat is missing/);
  });
});

describe('access tokens', () => {
  it('refuses a token signed with the hub\'s secret but issued in the future, or living longer than the hub\'s tokens (401)', async () => {
    const claims = JSON.parse(Buffer.from(admin.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    // @fastify/jwt sets exp to iat + expiresIn (seconds), whatever the payload says.
    const sign = (iat: number, exp: number) => hub.app.jwt.sign({ sub: claims.sub, role: claims.role, sid: claims.sid, iat }, { expiresIn: exp - iat });
    const me = (token: string) => hub.request({ method: 'GET', url: '/api/v1/me', token });
    expect((await me(sign(now, now + 600))).status).toBe(200);
    expect((await me(sign(now + 86_400, now + 86_400 + 600))).status).toBe(401);
    expect((await me(sign(now, now + 30 * 86_400))).status).toBe(401);
  });
});

describe('a recurring event without an end', () => {
  it('keeps occurrences ahead of today as the horizon moves', async () => {
    const created = await hub.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/events?submit=true',
      token: admin.token,
      payload: { ...eventInput(verifiedActor, 'Café des sciences du mardi', '2027-01-05T18:00:00+01:00', '2027-01-05T20:00:00+01:00'), timings: undefined, recurrence: { start: '2027-01-05T18:00', end: '2027-01-05T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' } },
    });
    expect(created.status).toBe(201);
    const inThreeYears = Date.now() + 3 * 366 * 86_400_000;
    const window = (from: number) => `/api/v1/events?from=${new Date(from).toISOString()}&to=${new Date(from + 14 * 86_400_000).toISOString()}`;
    const ids = async (from: number) => (await hub.request<{ items: { event: { id: string } }[] }>({ method: 'GET', url: window(from) })).body.items.map((item) => item.event.id);
    // Materialised two years ahead of today: nothing three years out yet.
    expect(await ids(inThreeYears)).not.toContain(created.body.id);
    // A year and a half later, the daily job has moved the horizon on.
    expect(hub.app.services.content.extendRecurrences(Date.now() + 1.5 * 366 * 86_400_000)).toBeGreaterThan(0);
    expect(await ids(inThreeYears)).toContain(created.body.id);
  });
});

describe('announcements', () => {
  it('are listed until their deadline, not after', async () => {
    const post = async (title: string, deadline: string) =>
      (await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/announcements?submit=true', token: admin.token, payload: { actorId: verifiedActor, kind: 'job', title, deadline } })).body.id;
    const expired = await post('Médiateur scientifique (clos)', '2020-01-31');
    const open = await post('Médiatrice scientifique', '2099-12-31');
    const listed = (await hub.request<{ items: { id: string }[] }>({ method: 'GET', url: '/api/v1/announcements?limit=100' })).body.items.map((item) => item.id);
    expect(listed).toContain(open);
    expect(listed).not.toContain(expired);
    // Still reachable by id: links already shared keep working.
    expect((await hub.request({ method: 'GET', url: `/api/v1/announcements/${expired}` })).status).toBe(200);
  });
});
