import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildHub, loadHubConfig, type Viewer } from '@constellation/hub';
import { AdminAccounts, buildApp, createServices, pullHub, loadAggregatorConfig, type AggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import type { ChangesPage } from '@constellation/shared';
import { eventInput } from '../hub/event-inputs.ts';
import { freePort, startRedis, type TestRedis } from '../support/redis.ts';

/*
 * The admin API against a real Redis, a real SQLite store and a real hub on a real port:
 * login and its limits, the tokens it refuses, the registry routes and what they do to
 * the national index, and the queue dashboard behind the same authentication.
 */

const SECRET = 'admin-test-secret-that-is-long-enough-0123456789';
const EMAIL = 'ops@aggregateur.example.org';
const PASSWORD = 'correct horse battery staple';

let redis: TestRedis;
let dataDir: string;
let hubDir: string;
let hubApp: FastifyInstance;
let hubUrl: string;
let hubAdmin: Viewer;
let actorId: string;
let config: AggregatorConfig;
let services: AggregatorServices;
let app: FastifyInstance;
let token: string;
/** The first admin's id (the subject of forged tokens). */
let adminId: string;

interface Answer<T = unknown> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
  text: string;
}

let address = 0;
/** Each call from its own address unless told, so per-address limits only bite where a test wants them. */
async function call<T = unknown>(options: InjectOptions & { bearer?: string; from?: string }): Promise<Answer<T>> {
  const { bearer, from, headers, ...rest } = options;
  address += 1;
  const response = await app.inject({
    ...rest,
    remoteAddress: from ?? `10.1.${Math.floor(address / 250)}.${address % 250}`,
    headers: { ...(headers ?? {}), ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body: body as T, text: response.body };
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT made by hand, to try what the aggregator must refuse. */
function forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET): string {
  const head = `${base64url(header)}.${base64url(claims)}`;
  const alg = header.alg;
  if (alg === 'none') return `${head}.`;
  const digest = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${head}.${createHmac(digest, secret).update(head).digest('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub: adminId, iss: config.publicUrl, aud: config.publicUrl, iat: now, exp: now + 600, ...overrides };
}

async function login(email = EMAIL, password = PASSWORD, from?: string) {
  return call<{ accessToken: string; tokenType: string; expiresIn: number; admin: { id: string; email: string } }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, ...(from === undefined ? {} : { from }) });
}

/** Reads the hub's whole feed into the national store, as a pull would. */
async function pullAll(hubId: string, region: string): Promise<void> {
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${hubUrl}/federation/v1/changes?after=${cursor}&limit=1000`);
    const page = (await response.json()) as ChangesPage;
    services.writer.apply({ id: hubId, region }, page.items, { cursor: page.next, latest: page.latest });
    cursor = page.next;
    if (!page.hasMore) return;
  }
}

beforeAll(async () => {
  redis = await startRedis();
  hubDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
  const hubPort = await freePort();
  hubUrl = `http://127.0.0.1:${hubPort}`;
  hubApp = await buildHub(
    loadHubConfig({
      env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_BASE_URL: hubUrl, HUB_DATA_DIR: hubDir, HUB_JWT_SECRET: 'hub-secret-that-is-long-enough-for-hs256-0123', HUB_LOG_LEVEL: 'silent' },
    }),
  );
  await hubApp.listen({ host: '127.0.0.1', port: hubPort });
  const account = await hubApp.services.accounts.register({ email: 'admin@hub.example.org', password: 'correct horse 1', displayName: 'Admin' }, 'admin');
  hubAdmin = { id: account.id, role: 'admin', actorIds: [] };
  actorId = hubApp.services.content.create('actor', { name: 'Centre-Sciences', kind: 'ccsti' }, hubAdmin, { submit: true }).id;
  for (const title of ['Nuit des étoiles', 'Fête de la science']) {
    hubApp.services.content.create('event', eventInput(actorId, title, '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00'), hubAdmin, { submit: true });
  }

  dataDir = mkdtempSync(join(tmpdir(), 'constellation-admin-'));
  config = loadAggregatorConfig({
    env: {
      AGGREGATOR_PUBLIC_URL: 'https://national.example.org',
      AGGREGATOR_DATA_DIR: dataDir,
      AGGREGATOR_JWT_SECRET: SECRET,
      AGGREGATOR_ALLOW_PRIVATE_NETWORK: 'true',
      AGGREGATOR_LOG_LEVEL: 'silent',
      REDIS_URL: redis.url,
    },
  });
  services = createServices(config);
  app = await buildApp(config, { services });
  await app.ready();
  await new AdminAccounts(services.engine.admin.admins).createOrReset(EMAIL, PASSWORD);
  const answer = await login();
  expect(answer.status).toBe(200);
  token = answer.body.accessToken;
  adminId = answer.body.admin.id;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await services?.close();
  await hubApp?.close();
  await redis?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(hubDir, { recursive: true, force: true });
});

describe('admin login', () => {
  it('gives a 15-minute HS256 token for this aggregator, and the same token in an httpOnly SameSite=Strict cookie', async () => {
    const answer = await login(EMAIL.toUpperCase());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, admin: { email: EMAIL } });
    const [header, payload] = answer.body.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(payload).toMatchObject({ sub: answer.body.admin.id, iss: config.publicUrl, aud: config.publicUrl });
    expect(Number(payload?.exp) - Number(payload?.iat)).toBe(900);
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toContain(`constellation_admin=${answer.body.accessToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i);
    expect((await call({ method: 'GET', url: '/api/v1/admin/me', bearer: answer.body.accessToken })).body).toEqual({ id: answer.body.admin.id, email: EMAIL });
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    const wrong = await login(EMAIL, 'not the password at all');
    const unknown = await login('nobody@example.org', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: 'invalid_credentials', message: 'wrong email or password' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a malformed login body with a 400 naming the field', async () => {
    const answer = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { email: EMAIL } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ field: 'password' });
  });

  it('limits failed logins per account, whatever the address, and logins per address', async () => {
    const email = 'second@aggregateur.example.org';
    await new AdminAccounts(services.engine.admin.admins).createOrReset(email, PASSWORD);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login(email, 'wrong password!')).status).toBe(401);
    const locked = await login(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toMatch(/^\d+$/);
    // The count lives in Redis: every API process sees it.
    expect(await redis.command('GET', `constellation:admin-login-failures:${email}`)).toBe('5');

    const from = '192.0.2.10';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) statuses.push((await login(`guess${attempt}@example.org`, 'a guess', from)).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('admin authentication', () => {
  const routes: InjectOptions[] = [
    { method: 'GET', url: '/api/v1/admin/me' },
    { method: 'GET', url: '/api/v1/admin/hubs' },
    { method: 'POST', url: '/api/v1/admin/hubs', payload: { url: 'http://127.0.0.1:1' } },
    { method: 'POST', url: '/api/v1/admin/hubs/centre-val-de-loire/approve' },
    { method: 'POST', url: '/api/v1/admin/hubs/centre-val-de-loire/suspend' },
    { method: 'POST', url: '/api/v1/admin/hubs/centre-val-de-loire/suspend', payload: { reason: 'spam' } },
    { method: 'POST', url: '/api/v1/admin/hubs/preview', payload: { url: 'http://127.0.0.1:1' } },
    { method: 'GET', url: '/api/v1/admin/hubs/centre-val-de-loire/rejected' },
    { method: 'POST', url: '/api/v1/admin/hubs/centre-val-de-loire/refresh' },
    { method: 'DELETE', url: '/api/v1/admin/hubs/centre-val-de-loire' },
    { method: 'GET', url: '/admin/queues' },
    { method: 'GET', url: '/admin/queues/api/queues' },
    { method: 'GET', url: '/api/v1/admin/duplicates' },
    { method: 'GET', url: '/api/v1/admin/admins' },
    { method: 'POST', url: '/api/v1/admin/admins', payload: { email: 'x@y.fr', password: 'a long enough password' } },
    { method: 'DELETE', url: '/api/v1/admin/admins/someone' },
    { method: 'POST', url: '/api/v1/admin/duplicates/confirm', payload: { listed: { hub: 'a', id: 'b' }, copy: { hub: 'c', id: 'd' } } },
    { method: 'POST', url: '/api/v1/admin/duplicates/split', payload: { listed: { hub: 'a', id: 'b' }, copy: { hub: 'c', id: 'd' } } },
  ];

  it('answers 401 on every admin route without a token', async () => {
    for (const route of routes) {
      const answer = await call(route);
      expect(answer.status, `${route.method} ${route.url}`).toBe(401);
      expect(answer.body, `${route.method} ${route.url}`).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('refuses tokens for another audience or issuer, alg none, HS512, expired, or with another secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = {
      'another audience': forge({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'https://other.example.org' })),
      'another issuer': forge({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'https://other.example.org' })),
      'alg none': forge({ alg: 'none', typ: 'JWT' }, claims()),
      HS512: forge({ alg: 'HS512', typ: 'JWT' }, claims()),
      expired: forge({ alg: 'HS256', typ: 'JWT' }, claims({ iat: now - 1_000, exp: now - 100 })),
      'living longer than 15 minutes': forge({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now + 86_400 })),
      'another secret': forge({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-that-is-long-enough-0123456789'),
      'no subject': forge({ alg: 'HS256', typ: 'JWT' }, claims({ sub: undefined })),
      'unknown admin': forge({ alg: 'HS256', typ: 'JWT' }, claims({ sub: 'f3b7c1de-0000-4000-8000-000000000000' })),
    };
    // The forge is right: the same claims, well signed, pass.
    expect((await call({ method: 'GET', url: '/api/v1/admin/hubs', bearer: forge({ alg: 'HS256', typ: 'JWT' }, claims()) })).status).toBe(200);
    for (const [what, forged] of Object.entries(refused)) {
      const answer = await call({ method: 'GET', url: '/api/v1/admin/hubs', bearer: forged });
      expect(answer.status, what).toBe(401);
    }
    const expired = await call({ method: 'GET', url: '/api/v1/admin/hubs', bearer: refused.expired });
    expect(expired.body).toMatchObject({ error: 'token_expired' });
  });

  it('stops accepting a removed admin\'s token at once', async () => {
    const email = 'leaving@aggregateur.example.org';
    await new AdminAccounts(services.engine.admin.admins).createOrReset(email, PASSWORD);
    const answer = await login(email);
    expect((await call({ method: 'GET', url: '/api/v1/admin/me', bearer: answer.body.accessToken })).status).toBe(200);
    services.store.sqlite.prepare('DELETE FROM admins WHERE email = ?').run(email);
    const after = await call({ method: 'GET', url: '/api/v1/admin/me', bearer: answer.body.accessToken });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: 'invalid_token' });
  });
});

describe('the registry admin API', () => {
  const HUB_ID = 'centre-val-de-loire';

  function liveRecords(): number {
    return services.store.sqlite.prepare('SELECT count(*) FROM records WHERE hub = ? AND deleted = 0').pluck().get(HUB_ID) as number;
  }

  /** Events national answers may show: indexed, listed, from an approved hub (the filter every read applies). */
  function visibleEvents(): number {
    return services.store.sqlite
      .prepare(`SELECT count(*) FROM events_index e WHERE e.hub = ? AND e.duplicate_of IS NULL AND e.hub IN (SELECT id FROM hubs WHERE status = 'approved')`)
      .pluck()
      .get(HUB_ID) as number;
  }

  it('previews a hub by URL without registering it: its descriptor read and checked, keys by id only', async () => {
    const preview = await call<Record<string, unknown>>({ method: 'POST', url: '/api/v1/admin/hubs/preview', payload: { url: `${hubUrl}/` }, bearer: token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ baseUrl: hubUrl, id: HUB_ID, name: 'Echosciences Centre-Val de Loire', region: '24', protocol: expect.any(String), keyIds: [expect.any(String)], registeredAs: null });
    expect(preview.text).not.toContain('"x"');
    expect((await call<{ items: unknown[] }>({ method: 'GET', url: '/api/v1/admin/hubs', bearer: token })).body.items).toEqual([]);
    const unreachable = await call({ method: 'POST', url: '/api/v1/admin/hubs/preview', payload: { url: `http://127.0.0.1:${await freePort()}` }, bearer: token });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body).toMatchObject({ error: 'descriptor_unreachable', field: 'url' });
    const bad = await call({ method: 'POST', url: '/api/v1/admin/hubs/preview', payload: { url: 'not a url' }, bearer: token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'url' });
  });

  it('adds a hub by URL: pending, with its descriptor pinned; refuses a duplicate, a bad URL and an unreachable hub', async () => {
    const added = await call<{ id: string; status: string; baseUrl: string; region: string; health: { events: number } }>({ method: 'POST', url: '/api/v1/admin/hubs', payload: { url: `${hubUrl}/` }, bearer: token });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: HUB_ID, status: 'pending', baseUrl: hubUrl, region: '24', health: { events: 0 } });
    expect(added.text).not.toContain('"keys"');

    const again = await call({ method: 'POST', url: '/api/v1/admin/hubs', payload: { url: hubUrl }, bearer: token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', field: 'url' });
    const bad = await call({ method: 'POST', url: '/api/v1/admin/hubs', payload: { url: 'ftp://hub.example.org' }, bearer: token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'validation_failed', field: 'url' });
    const unreachable = await call({ method: 'POST', url: '/api/v1/admin/hubs', payload: { url: `http://127.0.0.1:${await freePort()}` }, bearer: token });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body).toMatchObject({ error: 'descriptor_unreachable', field: 'url' });
    const extra = await call({ method: 'POST', url: '/api/v1/admin/hubs', payload: { url: hubUrl, status: 'approved' }, bearer: token });
    expect(extra.status).toBe(400);
    const missing = await call({ method: 'POST', url: `/api/v1/admin/hubs/grand-est/approve`, bearer: token });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found', field: 'id' });
    const known = await call<{ registeredAs: string | null }>({ method: 'POST', url: '/api/v1/admin/hubs/preview', payload: { url: hubUrl }, bearer: token });
    expect(known.body.registeredAs).toBe(HUB_ID);
  });

  it('approves a hub: it is scheduled, and once pulled its events are listed', async () => {
    const approved = await call<{ status: string; scheduled: boolean }>({ method: 'POST', url: `/api/v1/admin/hubs/${HUB_ID}/approve`, bearer: token });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', scheduled: true });
    expect(await services.queues.scheduledHubs()).toEqual([HUB_ID]);
    await pullAll(HUB_ID, '24');
    expect(visibleEvents()).toBe(2);
    const list = await call<{ items: { id: string; status: string; health: { events: number; records: number; lagSeq: number } }[] }>({ method: 'GET', url: '/api/v1/admin/hubs', bearer: token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: HUB_ID, status: 'approved', health: expect.objectContaining({ events: 2, records: 3, lagSeq: 0 }) })]);
  });

  it('refreshes a hub\'s descriptor', async () => {
    const refreshed = await call({ method: 'POST', url: `/api/v1/admin/hubs/${HUB_ID}/refresh`, bearer: token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ id: HUB_ID, status: 'approved' });
  });

  it('gives a hub\'s health hour by hour from its pulls\' verdicts, quiet hours as zeros, and refuses a bad window by its field', async () => {
    hubApp.services.content.create('event', eventInput(actorId, 'Atelier robots', '2027-06-02T14:00:00+02:00', '2027-06-02T16:00:00+02:00'), hubAdmin, { submit: true });
    expect(await pullHub(services, HUB_ID, { lane: 'live' })).toMatchObject({ status: 'pulled', applied: 1 });
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    // Nothing new: a 304, still a pull with a verdict, counted in that earlier hour.
    expect(await pullHub(services, HUB_ID, { lane: 'live', now: () => twoHoursAgo })).toMatchObject({ status: 'not-modified' });
    const history = await call<{ hub: string; hours: number; items: { hour: string; pulls: number; failures: number; applied: number; rejected: number; maxLagSeq: number }[] }>({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/health?hours=6`, bearer: token });
    expect(history.status).toBe(200);
    expect(history.body.hours).toBe(6);
    expect(history.body.items).toHaveLength(6);
    const hourOf = (at: number) => new Date(at - (at % 3_600_000)).toISOString();
    const byHour = new Map(history.body.items.map((item) => [item.hour, item]));
    expect(byHour.get(hourOf(twoHoursAgo))).toEqual({ hour: hourOf(twoHoursAgo), pulls: 1, failures: 0, applied: 0, rejected: 0, maxLagSeq: 0 });
    expect(history.body.items.at(-1)).toMatchObject({ pulls: 1, failures: 0, applied: 1, rejected: 0 });
    expect(history.body.items.filter((item) => item.pulls === 0)).toHaveLength(4);
    expect(history.body.items.map((item) => item.hour)).toEqual([...history.body.items.map((item) => item.hour)].sort());

    const bad = await call({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/health?hours=0`, bearer: token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: expect.stringContaining('hours') });
    expect((await call({ method: 'GET', url: '/api/v1/admin/hubs/grand-est/health', bearer: token })).body).toMatchObject({ error: 'not_found', field: 'id' });
    expect((await call({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/health` })).status).toBe(401);
  });

  it('lists the items the pipeline refused from a hub, newest first, and 404 for an unknown hub', async () => {
    const before = await call<{ items: unknown[] }>({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/rejected`, bearer: token });
    expect(before.body).toEqual({ items: [] });
    const at = Date.parse('2026-12-01T10:00:00Z');
    const insert = services.store.sqlite.prepare('INSERT INTO rejected_items (hub, seq, item_id, field, message, at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(HUB_ID, 7, 'ev-1', 'data.title', 'must not be empty', at);
    insert.run(HUB_ID, 9, 'ev-2', 'data.timings', 'must have at least 1 item', at + 1000);
    const after = await call<{ items: { seq: number; field: string }[] }>({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/rejected?limit=1`, bearer: token });
    expect(after.status).toBe(200);
    expect(after.body.items).toEqual([{ seq: 9, itemId: 'ev-2', field: 'data.timings', message: 'must have at least 1 item', at: '2026-12-01T10:00:01.000Z' }]);
    expect((await call({ method: 'GET', url: '/api/v1/admin/hubs/grand-est/rejected', bearer: token })).status).toBe(404);
    expect((await call({ method: 'GET', url: `/api/v1/admin/hubs/${HUB_ID}/rejected?limit=0`, bearer: token })).status).toBe(400);
  });

  it('suspends a hub with the reason given, refusing an empty one by its field: its events leave national answers at once and it is no longer scheduled', async () => {
    const empty = await call({ method: 'POST', url: `/api/v1/admin/hubs/${HUB_ID}/suspend`, payload: { reason: '  ' }, bearer: token });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ field: 'reason' });
    const suspended = await call({ method: 'POST', url: `/api/v1/admin/hubs/${HUB_ID}/suspend`, payload: { reason: ' Flux signé avec une clé révoquée ' }, bearer: token });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', scheduled: true, suspendedAt: expect.any(String), suspendReason: 'Flux signé avec une clé révoquée' });
    const listed = await call<{ items: { suspendReason: string | null }[] }>({ method: 'GET', url: '/api/v1/admin/hubs', bearer: token });
    expect(listed.body.items[0]?.suspendReason).toBe('Flux signé avec une clé révoquée');
    expect(visibleEvents()).toBe(0);
    // The records stay (approving again shows them at once); only what is shown changes.
    expect(liveRecords()).toBe(4);
    expect(await services.queues.scheduledHubs()).toEqual([]);
  });

  it('removes a hub: its records become tombstones and it leaves the registry', async () => {
    const removed = await call<{ removed: number }>({ method: 'DELETE', url: `/api/v1/admin/hubs/${HUB_ID}`, bearer: token });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: HUB_ID, removed: 4, scheduled: true });
    expect(liveRecords()).toBe(0);
    const tombstones = services.store.sqlite.prepare('SELECT count(*) FROM records WHERE hub = ? AND deleted = 1 AND data IS NULL').pluck().get(HUB_ID);
    expect(tombstones).toBe(4);
    expect(services.store.sqlite.prepare('SELECT count(*) FROM hub_health_samples WHERE hub = ?').pluck().get(HUB_ID)).toBe(0);
    expect(services.store.sqlite.prepare('SELECT count(*) FROM events_index WHERE hub = ?').pluck().get(HUB_ID)).toBe(0);
    expect((await call<{ items: unknown[] }>({ method: 'GET', url: '/api/v1/admin/hubs', bearer: token })).body.items).toEqual([]);
    expect((await call({ method: 'DELETE', url: `/api/v1/admin/hubs/${HUB_ID}`, bearer: token })).status).toBe(404);
  });
});

describe('the national admins\' audit log', () => {
  it('lists each registry change newest first: who, what, on which hub by its name as it was, and the reason given; pages and filters by hub', async () => {
    const log = await call<{ items: { id: number; at: string; admin: { email: string }; action: string; target: { id: string; name: string }; detail: string | null }[] }>({ method: 'GET', url: '/api/v1/admin/audit', bearer: token });
    expect(log.status).toBe(200);
    expect(log.body.items.map((entry) => entry.action)).toEqual(['hub.remove', 'hub.suspend', 'hub.refresh', 'hub.approve', 'hub.add']);
    for (const entry of log.body.items) expect(entry).toMatchObject({ admin: { email: EMAIL }, target: { id: 'centre-val-de-loire', name: 'Echosciences Centre-Val de Loire' }, at: expect.any(String) });
    expect(log.body.items[0]?.detail).toBe('4');
    expect(log.body.items[1]?.detail).toBe('Flux signé avec une clé révoquée');
    expect(log.body.items[4]?.detail).toBe(hubUrl);
    // Refused actions leave nothing: the duplicate add, the empty reason, the unknown hub.
    const page = await call<{ items: { id: number; action: string }[] }>({ method: 'GET', url: `/api/v1/admin/audit?limit=2&before=${log.body.items[1]?.id ?? 0}`, bearer: token });
    expect(page.body.items.map((entry) => entry.action)).toEqual(['hub.refresh', 'hub.approve']);
    expect((await call<{ items: unknown[] }>({ method: 'GET', url: '/api/v1/admin/audit?hub=grand-est', bearer: token })).body.items).toEqual([]);
    const bad = await call({ method: 'GET', url: '/api/v1/admin/audit?limit=500', bearer: token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: expect.stringContaining('limit') });
    expect((await call({ method: 'GET', url: '/api/v1/admin/audit' })).status).toBe(401);
  });
});

describe('cross-hub duplicates to confirm or split', () => {
  type Group = { listed: { hub: string; hubName: string; id: string; title: string; start: string; end: string; place: string | null }; copies: { hub: string; id: string; verdict: string }[] };
  const served = (item: ChangesPage['items'][number], hub: string, id: string, version = item.version) => ({ ...item, id, version, data: { ...(item.data as object), hub, id } });

  it('lists the suspected groups side by side, splits one for good (re-pulls included), audit-logged, and refuses bad requests by their field', async () => {
    for (const [id, name, region] of [['grand-est', 'Echosciences Grand Est', '44'], ['bretagne', 'Echosciences Bretagne', '53']] as const) {
      await services.engine.hubs.insert({ id, baseUrl: `http://${id}.test`, name, region, status: 'approved', descriptor: '{}', addedAt: 0 });
    }
    const page = (await (await fetch(`${hubUrl}/federation/v1/changes?after=0&limit=1000`)).json()) as ChangesPage;
    const nuit = page.items.find((item) => item.type === 'event' && (item.data as { title?: string } | undefined)?.title === 'Nuit des étoiles');
    if (nuit === undefined) throw new Error('no event to copy');
    const original = served(nuit, 'grand-est', '01960000-0000-7000-8000-0000000000a1');
    const copy = served(nuit, 'bretagne', '01960000-0000-7000-8000-0000000000b2');
    services.writer.apply({ id: 'grand-est', region: '44' }, [original], { cursor: '1', latest: 1 });
    services.writer.apply({ id: 'bretagne', region: '53' }, [copy], { cursor: '1', latest: 1 });

    const pending = await call<{ items: Group[]; counts: Record<string, number> }>({ method: 'GET', url: '/api/v1/admin/duplicates', bearer: token });
    expect(pending.status).toBe(200);
    expect(pending.body.counts).toEqual({ pending: 1, confirmed: 0, split: 0 });
    expect(pending.body.items).toEqual([
      {
        listed: expect.objectContaining({ hub: 'grand-est', hubName: 'Echosciences Grand Est', id: original.id, title: 'Nuit des étoiles', start: '2027-06-01T16:00:00.000Z', end: '2027-06-01T18:00:00.000Z' }),
        copies: [expect.objectContaining({ hub: 'bretagne', hubName: 'Echosciences Bretagne', id: copy.id, title: 'Nuit des étoiles', verdict: 'pending', decidedBy: null })],
      },
    ]);

    const body = { listed: { hub: 'grand-est', id: original.id }, copy: { hub: 'bretagne', id: copy.id } };
    const bad = await call({ method: 'GET', url: '/api/v1/admin/duplicates?status=maybe', bearer: token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: expect.stringContaining('status') });
    const missing = await call({ method: 'POST', url: '/api/v1/admin/duplicates/split', payload: { listed: body.listed }, bearer: token });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: expect.stringContaining('copy') });
    const unknown = await call({ method: 'POST', url: '/api/v1/admin/duplicates/split', payload: { ...body, listed: { hub: 'grand-est', id: 'nope' } }, bearer: token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ field: 'listed' });
    const reversed = await call({ method: 'POST', url: '/api/v1/admin/duplicates/confirm', payload: { listed: body.copy, copy: body.listed }, bearer: token });
    expect(reversed.status).toBe(409);
    expect(reversed.body).toMatchObject({ field: 'copy' });

    const split = await call<{ verdict: string; copyListedUnder: unknown }>({ method: 'POST', url: '/api/v1/admin/duplicates/split', payload: body, bearer: token });
    expect(split.status).toBe(200);
    expect(split.body).toMatchObject({ verdict: 'split', copyListedUnder: null });
    const listedCount = () => services.store.sqlite.prepare("SELECT count(*) FROM events_index WHERE hub IN ('grand-est', 'bretagne') AND duplicate_of IS NULL").pluck().get();
    expect(listedCount()).toBe(2);
    // Bretagne serves its copy again (an edit): the finder leaves the pair apart.
    services.writer.apply({ id: 'bretagne', region: '53' }, [{ ...copy, seq: copy.seq + 1, version: copy.version + 1 }], { cursor: '2', latest: 2 });
    expect(listedCount()).toBe(2);
    const after = await call<{ items: Group[]; counts: Record<string, number> }>({ method: 'GET', url: '/api/v1/admin/duplicates?status=split', bearer: token });
    expect(after.body.counts).toEqual({ pending: 0, confirmed: 0, split: 1 });
    expect(after.body.items[0]?.copies[0]).toMatchObject({ id: copy.id, verdict: 'split', decidedBy: EMAIL });
    // A split pair cannot be confirmed afterwards: they are no longer grouped.
    expect((await call({ method: 'POST', url: '/api/v1/admin/duplicates/confirm', payload: body, bearer: token })).status).toBe(409);

    const log = await call<{ items: { action: string; target: { id: string; name: string }; detail: string | null }[] }>({ method: 'GET', url: '/api/v1/admin/audit?limit=1', bearer: token });
    expect(log.body.items[0]).toMatchObject({ action: 'duplicate.split', target: { id: `bretagne/${copy.id}`, name: 'Echosciences Bretagne · Nuit des étoiles' }, detail: 'Echosciences Grand Est · Nuit des étoiles' });
  });
});

describe('national admins managed by national admins', () => {
  type Listed = { id: string; email: string; createdAt: string; you: boolean };

  it('lists, adds and removes admins (never oneself, never the last one), audit-logged, refusing bad input by its field', async () => {
    const list = async (bearer = token) => (await call<{ items: Listed[] }>({ method: 'GET', url: '/api/v1/admin/admins', bearer })).body.items;
    const before = (await list()).map((admin) => admin.email);
    expect((await list()).map((admin) => [admin.email, admin.you])).toContainEqual([EMAIL, true]);

    for (const [payload, field] of [
      [{ email: 'new@national.example.org' }, 'password'],
      [{ email: 'new@national.example.org', password: 'short' }, 'password'],
      [{ email: 'not an email', password: 'a long enough password' }, 'email'],
      [{ email: EMAIL.toUpperCase(), password: 'a long enough password' }, 'email'],
    ] as const) {
      const refused = await call({ method: 'POST', url: '/api/v1/admin/admins', payload, bearer: token });
      expect(refused.status, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(refused.status, JSON.stringify(payload)).toBeLessThan(500);
      expect(refused.body, JSON.stringify(payload)).toMatchObject({ field: expect.stringContaining(field) });
    }
    // The existing admin's password was not reset by the refused add.
    expect((await login()).status).toBe(200);

    const added = await call<Listed>({ method: 'POST', url: '/api/v1/admin/admins', payload: { email: ' New@National.example.org ', password: 'a long enough password' }, bearer: token });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'new@national.example.org', you: false });
    const theirs = await login('new@national.example.org', 'a long enough password');
    expect(theirs.status).toBe(200);
    const seen = (await list(theirs.body.accessToken)).map((admin) => [admin.email, admin.you]);
    expect(seen).toContainEqual([EMAIL, false]);
    expect(seen).toContainEqual(['new@national.example.org', true]);

    const self = await call({ method: 'DELETE', url: `/api/v1/admin/admins/${theirs.body.admin.id}`, bearer: theirs.body.accessToken });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ field: 'id', message: expect.stringContaining('yourself') });
    expect((await call({ method: 'DELETE', url: '/api/v1/admin/admins/nobody', bearer: token })).body).toMatchObject({ error: 'not_found', field: 'id' });
    const removed = await call<Listed>({ method: 'DELETE', url: `/api/v1/admin/admins/${theirs.body.admin.id}`, bearer: token });
    expect(removed.status).toBe(200);
    expect((await call({ method: 'GET', url: '/api/v1/admin/me', bearer: theirs.body.accessToken })).status).toBe(401);
    expect((await list()).map((admin) => admin.email)).toEqual(before);

    const log = await call<{ items: { action: string; admin: { email: string }; target: { name: string } }[] }>({ method: 'GET', url: '/api/v1/admin/audit?limit=2', bearer: token });
    expect(log.body.items.map((entry) => [entry.action, entry.target.name])).toEqual([['admin.remove', 'new@national.example.org'], ['admin.add', 'new@national.example.org']]);
  });

  it('never removes the last admin', async () => {
    const accounts = new AdminAccounts(services.engine.admin.admins);
    const me = await accounts.findByEmail(EMAIL);
    const other = (await accounts.createOrReset('other@national.example.org', PASSWORD)).admin;
    if (me === undefined) throw new Error('no admin');
    // Only these two left (other tests of this file added admins).
    for (const admin of await accounts.list()) if (admin.id !== me.id && admin.id !== other.id) await accounts.remove(admin.id, me);
    // The other admin removes the first; then nobody else is left to remove them.
    await accounts.remove(me.id, other);
    await expect(accounts.remove(other.id, me)).rejects.toMatchObject({ field: 'id', reason: 'last' });
    expect((await accounts.list()).map((admin) => admin.email)).toEqual(['other@national.example.org']);
    // The file's admin again, for what follows.
    await accounts.createOrReset(EMAIL, PASSWORD);
    token = (await login()).body.accessToken;
  });
});

describe('the queue dashboard', () => {
  it('is served at /admin/queues to an admin, by bearer or by the login cookie, and lists both pull queues', async () => {
    const byBearer = await call({ method: 'GET', url: '/admin/queues', bearer: token });
    expect(byBearer.status).toBe(200);
    expect(String(byBearer.headers['content-type'])).toMatch(/text\/html/);
    const byCookie = await call({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: `constellation_admin=${token}` } });
    expect(byCookie.status).toBe(200);
    const names = (byCookie.body as { queues: { name: string; readOnlyMode: boolean }[] }).queues.map((queue) => [queue.name, queue.readOnlyMode]);
    expect(names.sort()).toEqual([
      ['pulls-bulk', true],
      ['pulls-live', true],
    ]);
    const forged = await call({ method: 'GET', url: '/admin/queues', headers: { cookie: `constellation_admin=${forge({ alg: 'none' }, claims())}` } });
    expect(forged.status).toBe(401);
  });
});
