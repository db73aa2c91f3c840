import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '@constellation/shared/server';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { hubSigningKey, startLiveHub, startTestAggregator, until, type LiveHub, type TestAggregator } from './pipeline-support.ts';

/*
 * Push: a hub's commit reaches the national store through its notify, long before the
 * next poll (the poll interval here is an hour). The notify endpoint takes only a token
 * signed by an approved hub's pinned key, for this aggregator, and answers 503 quickly
 * when Redis is down.
 */

let redis: TestRedis;
let aggregator: TestAggregator;
let hub: LiveHub;
let pending: LiveHub;

beforeAll(async () => {
  redis = await startRedis();
  aggregator = await startTestAggregator(redis.url, { pullIntervalMs: 3_600_000 });
  hub = await startLiveHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [aggregator.url] });
  pending = await startLiveHub({ id: 'grand-est', region: '44', aggregatorUrls: [aggregator.url] });
  await aggregator.addHub(hub.url);
  await aggregator.addHub(pending.url, { approve: false });
  await until(() => aggregator.records(hub.id).has(hub.actorId), 'the first pull brought the hub\'s actor');
});

afterAll(async () => {
  // The aggregator first, so no pull is under way when its hubs go; Redis last.
  await aggregator?.close();
  await hub?.close();
  await pending?.close();
  await redis?.close();
});

function notifyToken(claims: Record<string, unknown>, key = hubSigningKey(hub)): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ iss: hub.id, aud: aggregator.url, latest: hub.latest(), iat: now, exp: now + 30, ...claims }, key.privateKey, key.kid);
}

async function notify(token: string | undefined, body: Record<string, unknown> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await aggregator.app.inject({
    method: 'POST',
    url: '/federation/v1/notify',
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    payload: { protocol: 'constellation/1', hub: hub.id, latest: hub.latest(), ...body },
  });
  return { status: response.statusCode, body: response.json() };
}

describe('changes reach the national store through notify', () => {
  it('shows a created event, then its edit, then removes it on delete', async () => {
    const id = hub.publish('Nuit des étoiles au Muséum');
    await until(() => aggregator.indexed(hub.id, id), 'the new event is indexed');
    const created = hub.publicState().get(id);
    expect(aggregator.record(hub.id, id)).toMatchObject({ version: created, deleted: 0 });

    hub.edit(id, 'Nuit des étoiles au Muséum (complet)');
    const edited = hub.publicState().get(id);
    expect(edited).toBeGreaterThan(created ?? 0);
    await until(() => aggregator.record(hub.id, id)?.version === edited, 'the edit is applied');
    expect(JSON.parse(aggregator.record(hub.id, id)?.data ?? '{}')).toMatchObject({ title: 'Nuit des étoiles au Muséum (complet)', hub: hub.id });
    expect(aggregator.indexed(hub.id, id)).toBe(true);

    hub.remove(id);
    await until(() => aggregator.record(hub.id, id)?.deleted === 1, 'the delete is applied');
    expect(aggregator.indexed(hub.id, id)).toBe(false);
    expect(aggregator.records(hub.id)).toEqual(hub.publicState());

    const row = aggregator.hub(hub.id);
    expect(row.cursor).toBe(String(hub.latest()));
    expect(row).toMatchObject({ consecutiveFailures: 0, breakerUntil: null, latest: hub.latest() });
    expect(row.lastSuccessAt).not.toBeNull();
    expect(row.caughtUpAt).not.toBeNull();
  });

  it('was the notify that pulled (the schedule polls only hourly)', async () => {
    // A notify either queued a pull or, finding one running, made it go once more (no job
    // then: under load every notify may land during a pull), so jobs named "notify" prove
    // nothing either way. What does: the changes above arrived, and the schedule ran once
    // at most (at start), which cannot have brought the later ones.
    const polls = await aggregator.services.queues.queue('live').getJobs(['completed', 'active', 'wait']);
    expect(polls.filter((job) => job.data.reason === 'schedule').length).toBeLessThanOrEqual(1);
  });

  it('keeps up with a burst of commits, ending with exactly the hub\'s public state', async () => {
    const ids = Array.from({ length: 25 }, (_, index) => hub.publish(`Atelier ${index}`));
    for (const id of ids.slice(0, 10)) hub.edit(id, 'Atelier modifié');
    for (const id of ids.slice(10, 15)) hub.remove(id);
    await until(() => aggregator.hub(hub.id).cursor === String(hub.latest()), 'the cursor reaches the hub\'s latest');
    expect(aggregator.records(hub.id)).toEqual(hub.publicState());
  });
});

describe('the notify endpoint', () => {
  it('answers 202 with the pacing it wants to a notify signed by the hub', async () => {
    const response = await notify(notifyToken({}));
    expect(response).toEqual({ status: 202, body: { status: 'accepted', hub: hub.id, latest: hub.latest(), debounceMs: 0 } });
  });

  it('refuses a notify without a bearer token (401)', async () => {
    const response = await notify(undefined);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a token signed by another key (401)', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const response = await notify(notifyToken({}, { privateKey, kid: hubSigningKey(hub).kid }));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_token' });
    expect(String(response.body.message)).toMatch(/bad signature/);
  });

  it('refuses a token made for another aggregator (401)', async () => {
    const response = await notify(notifyToken({ aud: 'https://autre-agregateur.example.org' }));
    expect(response.status).toBe(401);
    expect(String(response.body.message)).toMatch(/not this aggregator/);
  });

  it('refuses an expired token, and one living longer than 60 s (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await notify(notifyToken({ iat: now - 120, exp: now - 60 }))).status).toBe(401);
    expect((await notify(notifyToken({ iat: now, exp: now + 600 }))).status).toBe(401);
  });

  it('refuses a token issued in the future, so it cannot be kept to replay later (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const response = await notify(notifyToken({ iat: now + 3_600, exp: now + 3_630 }));
    expect(response.status).toBe(401);
    expect(String(response.body.message)).toMatch(/issued in the future/);
  });

  it('refuses a body naming another hub than the token (400, field hub)', async () => {
    const response = await notify(notifyToken({}), { hub: 'grand-est' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('hub');
  });

  it('refuses an unknown hub (404) and a hub not approved (403)', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const unknown = await notify(notifyToken({ iss: 'inconnu' }, { privateKey, kid: 'k1' }), { hub: 'inconnu' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'unknown_hub' });
    const notApproved = await notify(notifyToken({ iss: pending.id }, hubSigningKey(pending)), { hub: pending.id });
    expect(notApproved.status).toBe(403);
    expect(notApproved.body).toMatchObject({ error: 'hub_not_approved' });
  });

  it('refuses a malformed body with the field named (400)', async () => {
    const response = await notify(notifyToken({}), { latest: -1 });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('latest');
  });

  it('answers 503 when Redis is down, and takes notifies again once it is back', async () => {
    await redis.stop();
    try {
      const response = await notify(notifyToken({}));
      expect(response).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    } finally {
      await redis.start();
    }
    await until(() => aggregator.services.redis.status === 'ready', 'the API reconnects to Redis');
    const id = hub.publish('Après la panne');
    await until(() => aggregator.indexed(hub.id, id), 'a commit after Redis came back is indexed');
  });
});
