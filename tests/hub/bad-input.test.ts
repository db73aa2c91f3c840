import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypes, SERVER_OWNED_FIELDS, type ContentType } from '@constellation/shared';
import { create, eventInput, managedContent, PATHS, validInputs, type View } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * What the hub does with requests it must refuse: fields only the server sets, broken
 * JSON, oversized bodies, wrong media types, bad ids, bad query parameters and values
 * the contract forbids. Every refusal is a 4xx with a JSON body naming the field, and
 * leaves nothing behind.
 */

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  issues?: { field: string; message: string }[];
}

let hub: TestHub;
let adminToken = '';
let adminId = '';
let actorId = '';
/** One stored item of each type, for the update routes. */
const existing = {} as Record<ContentType, string>;
let addresses = 0;

/** Values an attacker would send for each server-owned field. */
const ATTACK_VALUES: Record<(typeof SERVER_OWNED_FIELDS)[number], unknown> = {
  id: '01935c1e-4b2a-7f10-9c3d-2e8f5a6b7c01',
  hub: 'grand-est',
  slug: 'a-la-une',
  version: 99,
  seq: 1,
  status: 'published',
  author: 'admin',
  authorId: '01935c1e-5d71-7a02-8b14-93c0d1e2f302',
  role: 'admin',
  verified: true,
  createdAt: '2020-01-01T00:00:00Z',
  updatedAt: '2020-01-01T00:00:00Z',
  publishedAt: '2020-01-01T00:00:00Z',
  url: 'https://evil.example/phishing',
};

async function count(): Promise<number> {
  return (await managedContent(hub, adminToken)).length;
}

function post(url: string, payload: unknown) {
  return hub.request<ErrorBody>({ method: 'POST', url, payload: payload as Record<string, unknown>, token: adminToken });
}

/** The stored state of content as its owner (the admin) reads it. */
async function stored(type: ContentType, id: string): Promise<View> {
  return (await hub.request<View>({ method: 'GET', url: `/api/v1/${PATHS[type]}/${id}/manage`, token: adminToken })).body;
}

beforeAll(async () => {
  hub = await startTestHub();
  const admin = await hub.user('admin');
  adminToken = admin.token;
  adminId = admin.id;
  actorId = (await create(hub, adminToken, 'actor', { name: 'Centre•Sciences', kind: 'ccsti' })).id;
  const inputs = validInputs(actorId);
  for (const type of contentTypes.values) existing[type] = (await create(hub, adminToken, type, inputs[type])).id;
});

afterAll(async () => {
  await hub.close();
});

describe('mass assignment: server-owned fields are refused, never obeyed', () => {
  const cases = contentTypes.values.flatMap((type) => SERVER_OWNED_FIELDS.map((field) => [type, field] as const));

  it.each(cases)('creating a %s with %s: 400 on that field, nothing created', async (type, field) => {
    const before = await count();
    const response = await post(`/api/v1/${PATHS[type]}`, { ...validInputs(actorId)[type], [field]: ATTACK_VALUES[field] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed', field });
    expect(await count()).toBe(before);
  });

  it.each(cases)('updating a %s with %s: 400 on that field, content unchanged', async (type, field) => {
    const id = existing[type];
    const before = await stored(type, id);
    const response = await hub.request<ErrorBody>({ method: 'PUT', url: `/api/v1/${PATHS[type]}/${id}`, payload: { ...validInputs(actorId)[type], [field]: ATTACK_VALUES[field] }, token: adminToken });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed', field });
    expect(await stored(type, id)).toEqual(before);
  });

  it.each(SERVER_OWNED_FIELDS.map((field) => [field]))('registering with %s: 400 on that field, no account', async (field) => {
    addresses += 1;
    const email = `mass-${field.toLowerCase()}@example.org`;
    const response = await hub.request<ErrorBody>({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: 'a long enough password', displayName: 'Mallory', [field]: ATTACK_VALUES[field] },
      remoteAddress: `10.2.0.${addresses}`,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed', field });
    expect(hub.app.services.accounts.findByEmail(email)).toBeUndefined();
  });

  it.each(contentTypes.values.map((type) => [type]))('the same %s input without them is accepted on create and update (control)', async (type) => {
    const input = validInputs(actorId)[type];
    const created = await post(`/api/v1/${PATHS[type]}`, input);
    expect(created.status).toBe(201);
    const updated = await hub.request<View>({ method: 'PUT', url: `/api/v1/${PATHS[type]}/${existing[type]}`, payload: input, token: adminToken });
    expect(updated.status).toBe(200);
    // The server, not the body, decides these: a new version, the hub's own author.
    expect(updated.body).toMatchObject({ id: existing[type], status: 'draft', authorId: adminId });
    expect(updated.body.version).toBeGreaterThan(1);
  });
});

describe('bodies the hub cannot read', () => {
  it('malformed JSON: 400 malformed_json, nothing created', async () => {
    const before = await count();
    const response = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: '{"title": "Nuit des étoiles",', headers: { 'content-type': 'application/json' }, token: adminToken });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('malformed_json');
    expect(await count()).toBe(before);
  });

  it('a prototype-poisoning body is refused as malformed, not merged', async () => {
    const before = await count();
    const body = JSON.stringify(eventInput(actorId)).replace(/^\{/, '{"__proto__":{"role":"admin"},');
    const response = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: body, headers: { 'content-type': 'application/json' }, token: adminToken });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('malformed_json');
    // Nested as deep as a field's value, too.
    const nested = JSON.stringify({ ...eventInput(actorId), place: { name: 'Muséum' } }).replace('{"name"', '{"__proto__":{"x":1},"name"');
    const deep = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: nested, headers: { 'content-type': 'application/json' }, token: adminToken });
    expect(deep.status).toBe(400);
    expect(deep.body.error).toBe('malformed_json');
    expect(await count()).toBe(before);
  });

  it.each([['application/xml', '<event/>'], ['application/x-www-form-urlencoded', 'title=Nuit'], ['multipart/form-data; boundary=x', '--x--']])(
    'a %s body: 415 unsupported_media_type',
    async (type, body) => {
      const before = await count();
      const response = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: body, headers: { 'content-type': type }, token: adminToken });
      expect(response.status).toBe(415);
      expect(response.body.error).toBe('unsupported_media_type');
      expect(await count()).toBe(before);
    },
  );

  // text/plain is one of the body types a cross-site form can POST without a CORS preflight.
  it('a text/plain body, even holding valid JSON: 415 unsupported_media_type', async () => {
    const response = await hub.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: JSON.stringify(eventInput(actorId)), headers: { 'content-type': 'text/plain' }, token: adminToken });
    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported_media_type');
  });

  describe('on a hub with a 2 KB body limit', () => {
    let small: TestHub;
    let token = '';
    let smallActor = '';

    beforeAll(async () => {
      small = await startTestHub({ HUB_BODY_LIMIT: '2048' });
      token = (await small.user('admin')).token;
      smallActor = (await create(small, token, 'actor', { name: 'La Casemate', kind: 'ccsti' })).id;
    });

    afterAll(async () => {
      await small.close();
    });

    it('a 4 KB body: 413 payload_too_large, nothing created; a 1 KB one is accepted', async () => {
      const big = { ...eventInput(smallActor), description: 'x'.repeat(4096) };
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(4096);
      const refused = await small.request<ErrorBody>({ method: 'POST', url: '/api/v1/events', payload: big, token });
      expect(refused.status).toBe(413);
      expect(refused.body.error).toBe('payload_too_large');
      expect(await managedContent(small, token)).toHaveLength(1);

      const fits = await small.request({ method: 'POST', url: '/api/v1/events', payload: { ...big, description: 'x'.repeat(1024) }, token });
      expect(fits.status).toBe(201);
    });
  });
});

describe('ids, routes and query parameters', () => {
  const unknownId = '01935c1e-4b2a-7f10-9c3d-2e8f5a6b7c01';

  it.each([
    ['GET', `/api/v1/events/${unknownId}`],
    ['GET', `/api/v1/events/${unknownId}/manage`],
    ['PUT', `/api/v1/events/${unknownId}`],
    ['DELETE', `/api/v1/events/${unknownId}`],
    ['POST', `/api/v1/events/${unknownId}/submit`],
  ] as const)('%s %s (unknown id): 404 not_found on id', async (method, url) => {
    const response = await hub.request<ErrorBody>({ method, url, token: adminToken, ...(method === 'PUT' ? { payload: eventInput(actorId) } : {}) });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found', field: 'id' });
  });

  it('an id of another type is 404 too: an actor is not an event', async () => {
    const response = await hub.request<ErrorBody>({ method: 'GET', url: `/api/v1/events/${actorId}/manage`, token: adminToken });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('not_found');
  });

  it.each([['not-a-uuid'], ['01935C1E-4B2A-7F10-9C3D-2E8F5A6B7C01'], ['1']])('the id %j: 400 on params.id', async (id) => {
    for (const url of [`/api/v1/events/${id}`, `/api/v1/events/${id}/manage`]) {
      const response = await hub.request<ErrorBody>({ method: 'GET', url, token: adminToken });
      expect(response.status, url).toBe(400);
      expect(response.body).toMatchObject({ error: 'validation_failed', field: 'params.id' });
    }
  });

  it('an unknown route: 404 with a JSON error body', async () => {
    const response = await hub.request<ErrorBody>({ method: 'GET', url: '/api/v1/nowhere?x=1' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ error: 'not_found', message: 'no route GET /api/v1/nowhere' });
  });

  it.each([
    ['/api/v1/events?colour=blue', 'query.colour'],
    ['/api/v1/actors?sort=name', 'query.sort'],
    ['/api/v1/me/content?owner=me', 'query.owner'],
    ['/api/v1/events?limit=0', 'query.limit'],
    ['/api/v1/events?limit=-5', 'query.limit'],
    ['/api/v1/events?limit=ten', 'query.limit'],
    ['/api/v1/actors?limit=0', 'query.limit'],
    ['/api/v1/events?cursor=not-a-cursor', 'query.cursor'],
    ['/api/v1/actors?cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
    [`/api/v1/me/content?cursor=${Buffer.from('[1,2]').toString('base64url')}`, 'query.cursor'],
    ['/api/v1/events?free=perhaps', 'query.free'],
  ])('GET %s: 400 on %s', async (url, field) => {
    const response = await hub.request<ErrorBody>({ method: 'GET', url, token: adminToken });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('limit=100000 is clamped: 200 with 100 items and a next cursor', async () => {
    for (let n = 0; n < 101; n += 1) await create(hub, adminToken, 'event', eventInput(actorId, `Conférence n° ${n}`, 10 + n), { submit: true });
    const response = await hub.request<{ items: unknown[]; next: string | null }>({ method: 'GET', url: '/api/v1/events?limit=100000' });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(100);
    expect(response.body.next).toEqual(expect.any(String));
    const rest = await hub.request<{ items: unknown[]; next: string | null }>({ method: 'GET', url: `/api/v1/events?limit=100000&cursor=${encodeURIComponent(response.body.next ?? '')}` });
    expect(rest.status).toBe(200);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.next).toBeNull();
  });
});

describe('values the contract forbids', () => {
  const event = () => eventInput(actorId);

  it.each([
    ['a start after its end', { timings: [{ start: '2026-10-10T18:00:00+02:00', end: '2026-10-10T14:00:00+02:00' }] }, 'timings.0.end'],
    ['a latitude above 90', { place: { commune: 'Orléans', lat: 91, lon: 1.9 } }, 'place.lat'],
    ['a longitude below -180', { place: { commune: 'Orléans', lat: 47.9, lon: -181 } }, 'place.lon'],
    ['an unknown format', { format: 'party' }, 'format'],
    ['an unknown audience', { audiences: ['aliens'] }, 'audiences.0'],
    ['an unknown time zone', { timeZone: 'Europe/Orleans' }, 'timeZone'],
    ['a title over 200 characters', { title: 'T'.repeat(201) }, 'title'],
    ['a title of 101 emoji (202 UTF-16 units)', { title: '🔭'.repeat(101) }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a title of zero-width spaces only', { title: '\u200b\u200b\u2060' }, 'title'],
    ['a title with a lone surrogate', { title: 'Nuit des étoiles \ud83d' }, 'title'],
    ['an all-day event not starting at midnight', { allDay: true, timings: [{ start: '2026-10-10T10:00:00+02:00', end: '2026-10-11T00:00:00+02:00' }] }, 'timings.0.start'],
    ['an all-day event of no day', { allDay: true, timings: [{ start: '2026-10-10T00:00:00+02:00', end: '2026-10-10T00:00:00+02:00' }] }, 'timings.0.end'],
    ['a title with a line break', { title: 'Nuit\ndes étoiles' }, 'title'],
    ['a javascript: URL', { attendanceMode: 'mixed', onlineUrl: 'javascript:alert(document.cookie)' }, 'onlineUrl'],
    ['a data: image URL', { image: { url: 'data:image/png;base64,iVBORw0KGgo=' } }, 'image.url'],
    ['a URL with credentials', { attendanceMode: 'online', onlineUrl: 'https://user:pass@visio.example.org/' }, 'onlineUrl'],
    ['an unknown nested field', { place: { commune: 'Orléans', floor: 2 } }, 'place.floor'],
    ['a missing actorId', { actorId: undefined }, 'actorId'],
  ])('%s: 400 on %s, nothing created', async (_label, change, field) => {
    const before = await count();
    const response = await post('/api/v1/events', { ...event(), ...change });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed', field });
    expect(response.body.issues?.map((issue) => issue.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('a title of exactly 200 characters is accepted (control)', async () => {
    const response = await post('/api/v1/events', { ...event(), title: 'T'.repeat(200) });
    expect(response.status).toBe(201);
  });

  it.each([
    ['actor', 'website', 'javascript:alert(1)'],
    ['project', 'website', 'ftp://files.example.org/'],
    ['resource', 'link', 'data:text/html,<script>alert(1)</script>'],
    ['announcement', 'applyUrl', 'javascript:void(0)'],
  ] as const)('a %s with a non-http %s: 400 on that field', async (type, field, url) => {
    const response = await post(`/api/v1/${PATHS[type]}`, { ...validInputs(actorId)[type], [field]: url });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

describe('random bodies', () => {
  it('random JSON posted as an event never gives a 5xx and never creates anything', async () => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await hub.request({ method: 'POST', url: '/api/v1/events', payload: JSON.stringify(value), headers: { 'content-type': 'application/json' }, token: adminToken });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(await count()).toBe(before);
      }),
      { numRuns: 50 },
    );
  });

  it('a valid event with one field replaced by random JSON gives 201 or 400, never a 5xx', async () => {
    const keys = Object.keys(eventInput(actorId));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue(), async (key, value) => {
        const response = await post('/api/v1/events', { ...eventInput(actorId), [key]: value });
        expect([201, 400]).toContain(response.status);
        // A "__proto__" key anywhere is refused by the JSON parser before any schema runs
        // (see the prototype-poisoning test above), so no field can be named.
        const poisoned = JSON.stringify(value).includes('"__proto__":');
        if (response.status === 400 && poisoned) expect(response.body.error).toBe('malformed_json');
        if (response.status === 400 && !poisoned) expect(response.body.field ?? '').toMatch(new RegExp(`^${key}(\\.|$)`));
      }),
      { numRuns: 50 },
    );
  });
});

describe('a client that resets its connection on a rate-limited route', () => {
  it('is not a 500 (the rate limiter used to throw on the vanished address, logging a stack trace each time)', async () => {
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = hub.app.server.address() as { port: number };
    const statuses: number[] = [];
    hub.app.server.on('request', (_request, response: { statusCode: number; once(event: 'close', listener: () => void): void }) => response.once('close', () => statuses.push(response.statusCode)));
    const resets = 5;
    for (let i = 0; i < resets; i += 1) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: hub.test\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
          socket.resetAndDestroy();
          resolve();
        });
        socket.once('error', reject);
      });
    }
    await expect.poll(() => statuses.length, { timeout: 10_000 }).toBe(resets);
    expect(statuses).not.toContain(500);
  });
});
