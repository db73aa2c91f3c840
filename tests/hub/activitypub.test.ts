/**
 * ActivityPub publishing, proved with a follower the project does not share code with
 * (tests/hub/ap-follower.ts: node:crypto by hand): over real HTTP it finds
 * @maison-des-sciences by WebFinger, follows it, and receives the signed Accept, then
 * Create, Update (changed), Update (cancelled) and Delete of an event, in that order, with
 * date, time and place in words in each summary, signed with RFC 9421; a second follower
 * that reads only draft-cavage receives the same, the hub having learnt (and kept across a
 * restart) which kind each peer takes. Also: the inbox takes RFC 9421 and draft-cavage and
 * refuses unsigned, tampered, replayed and oversized requests; the outbox and followers are
 * paged; the delivery queue keeps what it could not deliver across a restart.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadHubConfig, type HubConfig } from '@constellation/hub';
import { actorInput, eventInput } from './fixtures.ts';
import { parseSignatureInput, signatureBase, TestFollower, verifyRfc9421 } from './ap-follower.ts';
import { startTestHub, TEST_SECRET, type TestHub } from './support.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const POLL = { timeout: 20_000, interval: 50 };

describe('RFC 9421 as the follower verifies it', () => {
  // RFC 9421 appendix B.2.6: a request signed with the RFC's Ed25519 test key (B.1.4).
  const publicKey = createPublicKey('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n');
  const headers = {
    host: 'example.com',
    date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    'content-type': 'application/json',
    'content-digest': 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    'content-length': '18',
    'signature-input': 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    signature: 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
  };
  const message = { method: 'POST', url: 'https://example.com/foo?param=Value&Pet=dog', headers };

  it('builds the RFC’s signature base and verifies its signature; refuses it altered', () => {
    const input = parseSignatureInput(headers['signature-input'])[0];
    expect(input?.params).toEqual({ created: 1618884473, keyid: 'test-key-ed25519' });
    expect(signatureBase(message, input as never)).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    expect(verifyRfc9421(message, publicKey, 'ed25519').ok).toBe(true);
    expect(verifyRfc9421({ ...message, headers: { ...headers, 'content-length': '19' } }, publicKey, 'ed25519').ok).toBe(false);
    expect(verifyRfc9421({ ...message, method: 'PUT' }, publicKey, 'ed25519').ok).toBe(false);
    expect(verifyRfc9421({ ...message, url: 'https://example.org/foo' }, publicKey, 'ed25519').ok).toBe(false);
  });
});

describe('ActivityPub: a follower of another implementation', () => {
  let dataDir: string;
  let config: HubConfig;
  let app: FastifyInstance;
  let base: string;
  const follower = new TestFollower('alice');
  /** Reads draft-cavage only (401 to RFC 9421), as servers that predate RFC 9421 do. */
  const legacy = new TestFollower('bob', { accepts: ['draft-cavage'] });
  const peerSchemes = () => Object.fromEntries((app.store.sqlite.prepare('SELECT origin, scheme FROM ap_peer_signatures').all() as { origin: string; scheme: string }[]).map((row) => [row.origin, row.scheme]));
  let token: string;
  let actorId: string;

  async function start(): Promise<void> {
    app = await buildApp(config, { activityPub: { retryBaseMs: 200, pollMs: 100 } });
    await app.listen({ port: Number(new URL(base).port), host: '127.0.0.1' });
  }

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  const activities = () => follower.received.map((item) => item.activity);
  const typesOf = () => activities().map((activity) => activity.type);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'constellation-ap-'));
    base = `http://127.0.0.1:${await freePort()}`;
    config = loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_BASE_URL: base, HUB_DATA_DIR: dataDir, HUB_JWT_SECRET: TEST_SECRET, HUB_LOG_LEVEL: 'silent', HUB_ALLOW_PRIVATE_NETWORK: 'true' } });
    await start();
    await follower.listen();
    await legacy.listen();
    const account = await app.services.accounts.register({ email: 'moderation@example.org', password: 'correct horse battery staple', displayName: 'Modération' }, 'moderator');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: 'correct horse battery staple' }) });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    const actor = await api<{ id: string }>('POST', '/api/v1/actors?submit=true', actorInput('Maison des sciences'));
    expect(actor.status).toBe(201);
    actorId = actor.body.id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await follower.close();
    await legacy.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds @maison-des-sciences by WebFinger and reads its actor document', async () => {
    const host = new URL(base).host;
    const finger = await fetch(`${base}/.well-known/webfinger?resource=${encodeURIComponent(`acct:maison-des-sciences@${host}`)}`);
    expect(finger.status).toBe(200);
    expect(finger.headers.get('content-type')).toMatch(/application\/jrd\+json/);
    const jrd = (await finger.json()) as { subject: string; links: { rel: string; type?: string; href: string }[] };
    expect(jrd.subject).toBe(`acct:maison-des-sciences@${host}`);
    const self = jrd.links.find((link) => link.rel === 'self');
    expect(self?.href).toBe(`${base}/ap/actors/maison-des-sciences`);

    const actor = (await (await fetch(self?.href as string, { headers: { accept: 'application/activity+json' } })).json()) as Record<string, unknown>;
    expect(actor).toMatchObject({ type: 'Organization', preferredUsername: 'maison-des-sciences', name: 'Maison des sciences', inbox: `${self?.href}/inbox`, followers: `${self?.href}/followers` });
    expect((actor.publicKey as { publicKeyPem: string; owner: string }).owner).toBe(self?.href);
    expect((actor.publicKey as { publicKeyPem: string }).publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);

    // The hub itself answers to its id; unknown names and other hosts are 404s.
    const hub = await fetch(`${base}/.well-known/webfinger?resource=${encodeURIComponent(`acct:centre-val-de-loire@${host}`)}`);
    expect(((await hub.json()) as { links: { href: string }[] }).links[0]?.href).toBe(`${base}/ap/hub`);
    expect((await fetch(`${base}/.well-known/webfinger?resource=acct:nobody@${host}`)).status).toBe(404);
    expect((await fetch(`${base}/.well-known/webfinger?resource=acct:maison-des-sciences@elsewhere.example`)).status).toBe(404);
    const bad = await fetch(`${base}/.well-known/webfinger?resource=maison`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('resource');
  });

  it('refuses unsigned, tampered, replayed and oversized inbox requests', async () => {
    const inbox = `${base}/ap/actors/maison-des-sciences/inbox`;
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${follower.id}#follows/0`, type: 'Follow', actor: follower.id, object: `${base}/ap/actors/maison-des-sciences` };

    const unsigned = await fetch(inbox, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: JSON.stringify(follow) });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toBe('signature_invalid');

    const tampered = follower.signedPost(inbox, follow);
    const changed = { ...tampered, body: tampered.body.replace('follows/0', 'follows/X') };
    expect((await follower.send(changed)).status).toBe(401);

    // Signed with a key the actor does not own.
    const stranger = new TestFollower('mallory');
    stranger.origin = follower.origin;
    expect((await follower.send(stranger.signedPost(inbox, follow))).status).toBe(401);

    // Too old to be fresh.
    expect((await follower.send(follower.signedPost(inbox, follow, { date: new Date(Date.now() - 3 * 3_600_000) }))).status).toBe(401);

    // Without the digest among the signed headers.
    expect((await follower.send(follower.signedPost(inbox, follow, { headers: ['(request-target)', 'host', 'date'] }))).status).toBe(401);

    const huge = follower.signedPost(inbox, { ...follow, padding: 'x'.repeat(300 * 1024) });
    expect((await follower.send(huge)).status).toBe(413);

    expect(app.activityPub.deliveries.pending()).toBe(0);
    expect(follower.received).toHaveLength(0);

    // RFC 9421: a changed body is refused, even with a Content-Digest made for it (the
    // signature covers the digest); so is a signature that does not cover the digest.
    const rfc = follower.signedPost(inbox, follow, { scheme: 'rfc9421' });
    const rfcChanged = rfc.body.replace('follows/0', 'follows/X');
    expect((await follower.send({ ...rfc, body: rfcChanged })).status).toBe(401);
    expect((await follower.send({ ...rfc, body: rfcChanged, headers: { ...rfc.headers, 'content-digest': `sha-256=:${createHash('sha256').update(rfcChanged).digest('base64')}:` } })).status).toBe(401);
    expect((await follower.send(follower.signedPost(inbox, follow, { scheme: 'rfc9421', headers: ['@method', '@target-uri', 'date'] }))).status).toBe(401);
    expect((await follower.send(follower.signedPost(inbox, follow, { scheme: 'rfc9421', date: new Date(Date.now() - 3 * 3_600_000) }))).status).toBe(401);
    // draft-cavage signs the Digest header: a Content-Digest added for a changed body does not
    // stand in for it.
    const cavage = follower.signedPost(inbox, follow);
    const cavageChanged = cavage.body.replace('follows/0', 'follows/X');
    expect((await follower.send({ ...cavage, body: cavageChanged, headers: { ...cavage.headers, 'content-digest': `sha-256=:${createHash('sha256').update(cavageChanged).digest('base64')}:` } })).status).toBe(401);
    expect(app.activityPub.deliveries.pending()).toBe(0);

    // A valid Follow signed with RFC 9421 is taken once; the very same request again is a replay.
    const once = follower.signedPost(inbox, follow, { scheme: 'rfc9421' });
    expect((await follower.send(once)).status).toBe(202);
    expect((await follower.send(once)).status).toBe(401);
    await expect.poll(() => typesOf(), POLL).toEqual(['Accept']);
    const accept = follower.received[0];
    expect(accept).toMatchObject({ verified: true, scheme: 'rfc9421' });
    expect((accept?.activity.object as { id: string }).id).toBe(follow.id);
  });

  it('signs for a follower that reads draft-cavage only: RFC 9421 is refused once, then draft-cavage is kept for its server', async () => {
    const inbox = `${base}/ap/actors/maison-des-sciences/inbox`;
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${legacy.id}#follows/0`, type: 'Follow', actor: legacy.id, object: `${base}/ap/actors/maison-des-sciences` };
    expect((await legacy.send(legacy.signedPost(inbox, follow))).status).toBe(202);
    await expect.poll(() => legacy.received.map((item) => item.activity.type), POLL).toEqual(['Accept']);
    expect(legacy.received[0]).toMatchObject({ verified: true, scheme: 'draft-cavage' });
    expect(legacy.refused).toBe(1);
    expect(peerSchemes()).toEqual({ [follower.origin]: 'rfc9421', [legacy.origin]: 'draft-cavage' });
  });

  it('delivers Create, Update, cancellation and Delete of an event, signed and in order', async () => {
    const created = await api<{ id: string; data: Record<string, unknown> }>('POST', '/api/v1/events?submit=true', eventInput(actorId, 'Nuit des étoiles à Orléans', 30));
    expect(created.status).toBe(201);
    const id = created.body.id;
    await expect.poll(() => typesOf(), POLL).toEqual(['Accept', 'Create']);

    const input = { ...created.body.data, title: 'Nuit des étoiles au parc Pasteur' };
    expect((await api('PUT', `/api/v1/events/${id}`, input)).status).toBe(200);
    await expect.poll(() => typesOf(), POLL).toEqual(['Accept', 'Create', 'Update']);
    expect((await api('PUT', `/api/v1/events/${id}`, { ...input, eventStatus: 'cancelled' })).status).toBe(200);
    await expect.poll(() => typesOf(), POLL).toEqual(['Accept', 'Create', 'Update', 'Update']);
    expect((await api('DELETE', `/api/v1/events/${id}`)).status).toBe(204);
    await expect.poll(() => typesOf(), POLL).toEqual(['Accept', 'Create', 'Update', 'Update', 'Delete']);

    expect(follower.received.every((item) => item.verified && item.scheme === 'rfc9421')).toBe(true);
    expect(follower.received.every((item) => item.keyId === `${base}/ap/actors/maison-des-sciences#main-key`)).toBe(true);
    // The follower that reads draft-cavage only got the same, in order, without another refusal.
    await expect.poll(() => legacy.received.map((item) => item.activity.type), POLL).toEqual(['Accept', 'Create', 'Update', 'Update', 'Delete']);
    expect(legacy.received.every((item) => item.verified && item.scheme === 'draft-cavage')).toBe(true);
    expect(legacy.refused).toBe(1);

    const [, create, update, cancel, remove] = activities() as Record<string, unknown>[];
    const event = create?.object as Record<string, unknown>;
    const objectId = `${base}/ap/objects/event/${id}`;
    expect(event).toMatchObject({ id: objectId, type: 'Event', name: 'Nuit des étoiles à Orléans', timezone: 'Europe/Paris', attributedTo: `${base}/ap/actors/maison-des-sciences` });
    expect(event.url).toMatch(/\/events\/nuit-des-etoiles-a-orleans$/);
    const timing = (created.body.data.timings as { start: string; end: string }[])[0];
    expect(event.startTime).toBe(new Date(timing?.start as string).toISOString());
    expect(event.endTime).toBe(new Date(timing?.end as string).toISOString());
    expect(event.location).toMatchObject({ type: 'Place', name: 'Parc Pasteur', address: { type: 'PostalAddress', postalCode: '45000', addressLocality: 'Orléans' }, latitude: 47.90248, longitude: 1.90407 });
    // Date, time and place in words: what Mastodon shows.
    const summary = String(event.summary);
    const start = new Date(String(event.startTime));
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' }).format(start);
    const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(start);
    expect(summary).toContain(day);
    expect(summary).toContain(time);
    expect(summary).toContain('Parc Pasteur');
    expect(summary).toContain('Orléans');
    expect(String(event.content)).toContain('Observation du ciel');

    expect((update?.object as { name: string }).name).toBe('Nuit des étoiles au parc Pasteur');
    expect(cancel?.object).toMatchObject({ 'ical:status': 'CANCELLED' });
    expect(String((cancel?.object as { summary: string }).summary)).toMatch(/^ANNULÉ/);
    expect(remove?.object).toMatchObject({ id: objectId, type: 'Tombstone' });

    // The deleted object is gone for anyone who looks it up.
    expect((await fetch(objectId)).status).toBe(410);
  });

  it('pages the outbox and the followers collection', async () => {
    const outbox = (await (await fetch(`${base}/ap/actors/maison-des-sciences/outbox`)).json()) as { type: string; totalItems: number; first: string };
    expect(outbox).toMatchObject({ type: 'OrderedCollection', totalItems: 4 });
    const page = (await (await fetch(outbox.first)).json()) as { orderedItems: { type: string }[] };
    expect(page.orderedItems.map((item) => item.type)).toEqual(['Delete', 'Update', 'Update', 'Create']);
    const followers = (await (await fetch(`${base}/ap/actors/maison-des-sciences/followers`)).json()) as { totalItems: number; first: string };
    expect(followers.totalItems).toBe(2);
    expect(((await (await fetch(followers.first)).json()) as { orderedItems: string[] }).orderedItems.toSorted()).toEqual([follower.id, legacy.id].toSorted());
    // The hub actor relays events to its own followers (none here) and keeps its own outbox.
    expect(((await (await fetch(`${base}/ap/hub/outbox`)).json()) as { totalItems: number }).totalItems).toBe(4);
    expect((await fetch(`${base}/ap/actors/maison-des-sciences/outbox?page=abc`)).status).toBe(400);
  });

  it('keeps undelivered activities across a restart and delivers them once the follower answers', async () => {
    follower.inboxStatus = 503;
    const before = follower.received.length;
    const created = await api<{ id: string }>('POST', '/api/v1/events?submit=true', eventInput(actorId, 'Atelier fusées à eau', 40));
    expect(created.status).toBe(201);
    await expect.poll(() => (app.store.sqlite.prepare('SELECT max(attempts) AS n FROM ap_deliveries').get() as { n: number | null }).n ?? 0, POLL).toBeGreaterThan(0);
    await app.close();
    expect(follower.received.length).toBe(before);

    follower.inboxStatus = 202;
    await start();
    await expect.poll(() => typesOf().slice(before), POLL).toEqual(['Create']);
    expect(follower.received.at(-1)?.verified).toBe(true);
    expect((follower.received.at(-1)?.activity.object as { name: string }).name).toBe('Atelier fusées à eau');
    await expect.poll(() => app.activityPub.deliveries.pending(), POLL).toBe(0);
    // After the restart each peer is still signed for in its own kind, without knocking again.
    expect(follower.received.at(-1)?.scheme).toBe('rfc9421');
    expect(legacy.received.at(-1)).toMatchObject({ scheme: 'draft-cavage', verified: true });
    expect(legacy.refused).toBe(1);
  });

  it('writes nothing when a delivery ends after the hub closed, and sends the row again after a restart', async () => {
    // A peer that answers only after the hub has shut down: the post was in flight when the
    // queue (and the SQLite store) closed. Writing its outcome then threw on the closed
    // store, outside any request: an unhandled rejection that failed a CI run.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    let release = () => {};
    follower.hold = new Promise<void>((resolve) => (release = resolve));
    const before = follower.received.length;
    try {
      const created = await api<{ id: string }>('POST', '/api/v1/events?submit=true', eventInput(actorId, 'Club de robotique', 50));
      expect(created.status).toBe(201);
      await expect.poll(() => follower.holding, POLL).toBe(1);
      await app.close();
      const answered = follower.answered;
      release();
      await expect.poll(() => follower.answered, POLL).toBe(answered + 1);
      // The hub read the answer on a closed store: give its continuation a few turns to run.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(rejections).toEqual([]);
    } finally {
      follower.hold = undefined;
      release();
      process.off('unhandledRejection', onRejection);
    }
    // The peer had it once; the row, untouched, is posted again after the restart (the same
    // activity id, which receivers treat as one).
    const first = follower.received.at(-1)?.activity;
    expect(follower.received.length).toBe(before + 1);
    expect(first?.type).toBe('Create');
    await start();
    await expect.poll(() => follower.received.length, POLL).toBe(before + 2);
    expect(follower.received.at(-1)?.activity.id).toBe(first?.id);
    expect(follower.received.at(-1)?.verified).toBe(true);
    await expect.poll(() => app.activityPub.deliveries.pending(), POLL).toBe(0);
  });

  it('forgets the follower on Undo', async () => {
    const undo = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${follower.id}#undo/1`, type: 'Undo', actor: follower.id, object: { id: `${follower.id}#follows/0`, type: 'Follow', actor: follower.id, object: `${base}/ap/actors/maison-des-sciences` } };
    expect((await follower.send(follower.signedPost(`${base}/ap/inbox`, undo))).status).toBe(202);
    const undoLegacy = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${legacy.id}#undo/1`, type: 'Undo', actor: legacy.id, object: { id: `${legacy.id}#follows/0`, type: 'Follow', actor: legacy.id, object: `${base}/ap/actors/maison-des-sciences` } };
    expect((await legacy.send(legacy.signedPost(`${base}/ap/inbox`, undoLegacy, { scheme: 'rfc9421' }))).status).toBe(202);
    const followers = (await (await fetch(`${base}/ap/actors/maison-des-sciences/followers`)).json()) as { totalItems: number };
    expect(followers.totalItems).toBe(0);
  });

  // Last of this hub's tests: it spends the address's inbox budget for the minute.
  it('rate-limits an inbox per client address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index <= 300; index += 1) {
      const response = await fetch(`${base}/ap/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: '{}' });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    // Unsigned, so refused (401) until the 300 a minute are spent (earlier tests spent some), then 429.
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThan(200);
    expect(statuses.slice(0, firstLimited).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(firstLimited).every((status) => status === 429)).toBe(true);
    // Reading is not an inbox: the rest of the hub still answers.
    expect((await fetch(`${base}/ap/actors/maison-des-sciences`)).status).toBe(200);
  });
});

describe('ActivityPub: announcing to many followers', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    // Nothing is posted here: the test reads the queue, not the network.
    hub.app.activityPub.deliveries.close();
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('queues one delivery per follower and spreads a burst of changes over several turns of the event loop', async () => {
    const account = await hub.app.services.accounts.register({ email: 'burst@example.org', password: 'correct horse battery staple', displayName: 'Modération' }, 'moderator');
    const viewer = { id: account.id, role: 'moderator' as const, actorIds: [] };
    const actorId = hub.app.services.content.create('actor', actorInput('Maison des sciences') as never, viewer, { submit: true }).id;
    hub.app.activityPub.publisher.drain();
    const insert = hub.app.store.sqlite.prepare('INSERT INTO ap_followers (actor_key, follower_id, inbox, shared_inbox, follow_activity_id, created_at) VALUES (?, ?, ?, NULL, ?, ?)');
    hub.app.store.sqlite.transaction(() => {
      for (let index = 0; index < 1_500; index += 1) insert.run(actorId, `https://fedi.example/users/${index}`, `https://fedi.example/users/${index}/inbox`, `follow-${index}`, new Date().toISOString());
    })();
    const creates = () => hub.app.store.sqlite.prepare("SELECT a.seq, count(d.id) AS deliveries FROM ap_activities a LEFT JOIN ap_deliveries d ON d.activity_seq = a.seq WHERE a.type = 'Create' AND a.actor_key = ? GROUP BY a.seq ORDER BY a.seq").all(actorId) as { deliveries: number }[];
    const before = creates().length;
    // Three events at once: 4,500 deliveries. One turn of the publisher stops at its budget
    // (2,000) rather than holding the event loop for all of them.
    for (const title of ['Nuit des étoiles', 'Café des sciences', 'Fête de la science']) hub.app.services.content.create('event', eventInput(actorId, title) as never, viewer, { submit: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(creates().length - before).toBe(2);
    await expect.poll(() => creates().length - before, POLL).toBe(3);
    expect(creates().slice(before).map((row) => row.deliveries)).toEqual([1_500, 1_500, 1_500]);
  });
});
