import { gunzipSync } from 'node:zlib';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyDigest, rotateKey } from '@constellation/hub';
import { publicKeyFromJwk, verifyJwt } from '@constellation/shared/server';
import { ChangesPage, HubDescriptor, SIGNATURE_HEADER, validate, validateChangeItem, type ErrorBody } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { eventInput } from './event-inputs.ts';

/*
 * Federation protocol v1 as the hub serves it: the descriptor and its keys, the
 * signed changes feed, conditional and compressed reads, and the bad cursors.
 */

let hub: TestHub;
let admin: { token: string };
let actorId = '';

async function descriptorKeys(target: TestHub): Promise<Map<string, KeyObject>> {
  const response = await target.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' });
  return new Map(response.body.keys.map((jwk) => [jwk.kid, publicKeyFromJwk(jwk)]));
}

async function publishEvent(title: string): Promise<string> {
  const response = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/events?submit=true', token: admin.token, payload: eventInput(actorId, title, '2027-03-02T18:00:00+01:00', '2027-03-02T20:00:00+01:00') });
  expect(response.status).toBe(201);
  return response.body.id;
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  const actor = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors?submit=true', token: admin.token, payload: { name: 'Centre-Sciences', kind: 'ccsti', email: 'private@centre-sciences.example.org' } });
  actorId = actor.body.id;
  await publishEvent('Nuit des étoiles');
  await publishEvent('Fête de la science au Muséum');
});

afterAll(async () => {
  await hub.close();
});

describe('the descriptor', () => {
  it('names the hub, its region and base URL, and lists an Ed25519 key', async () => {
    const response = await hub.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' });
    expect(response.status).toBe(200);
    const checked = validate(HubDescriptor, response.body);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(response.body).toMatchObject({ protocol: 'constellation/1', id: 'centre-val-de-loire', region: '24', baseUrl: 'http://hub.test' });
    expect(response.body.keys).toHaveLength(1);
    expect(response.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
  });

  it('keeps the same key across a restart on the same data dir', async () => {
    const before = (await hub.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' })).body.keys;
    const again = await startTestHub({ HUB_DATA_DIR: hub.dataDir });
    try {
      const after = (await again.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' })).body.keys;
      expect(after).toEqual(before);
    } finally {
      await again.app.close();
    }
  });
});

describe('the changes feed', () => {
  it('serves a valid page whose signature verifies against the descriptor and digests the exact body', async () => {
    const response = await hub.request<ChangesPage>({ method: 'GET', url: '/federation/v1/changes?after=0' });
    expect(response.status).toBe(200);
    const checked = validate(ChangesPage, response.body);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(response.body.items.map((item) => item.type)).toEqual(['actor', 'event', 'event']);
    for (const item of response.body.items) expect(validateChangeItem(item, 'centre-val-de-loire').ok).toBe(true);

    const token = String(response.headers[SIGNATURE_HEADER]);
    const claims = verifyJwt(token, await descriptorKeys(hub));
    expect(claims.iss).toBe('centre-val-de-loire');
    expect(claims.digest).toBe(bodyDigest(response.text));
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(300);
  });

  it('never carries private fields', async () => {
    const response = await hub.request({ method: 'GET', url: '/federation/v1/changes' });
    expect(response.text).not.toContain('private@centre-sciences.example.org');
    expect(response.text).not.toContain('contactEmail');
  });

  it('pages in seq order: next and hasMore lead through every item exactly once', async () => {
    const seen: number[] = [];
    let after = '0';
    for (let guard = 0; guard < 10; guard += 1) {
      const page = (await hub.request<ChangesPage>({ method: 'GET', url: `/federation/v1/changes?after=${after}&limit=1` })).body;
      seen.push(...page.items.map((item) => item.seq));
      after = page.next;
      if (!page.hasMore) break;
    }
    const whole = (await hub.request<ChangesPage>({ method: 'GET', url: '/federation/v1/changes?after=0&limit=1000' })).body;
    expect(seen).toEqual(whole.items.map((item) => item.seq));
    expect(seen).toHaveLength(3);
  });

  it('answers 304 to If-None-Match with the latest seq, and a new ETag after a change', async () => {
    const first = await hub.request({ method: 'GET', url: '/federation/v1/changes' });
    const etag = String(first.headers.etag);
    expect((await hub.request({ method: 'GET', url: '/federation/v1/changes', headers: { 'if-none-match': etag } })).status).toBe(304);
    await publishEvent('Café des sciences');
    const after = await hub.request({ method: 'GET', url: '/federation/v1/changes', headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('clamps the limit to 1000 and refuses bad cursors with 400 naming query.after', async () => {
    expect((await hub.request({ method: 'GET', url: '/federation/v1/changes?limit=100000' })).status).toBe(200);
    for (const after of ['-1', 'abc', '1.5', '01', '99999999999999999']) {
      const response = await hub.request<ErrorBody>({ method: 'GET', url: `/federation/v1/changes?after=${after}` });
      expect(response.status, after).toBe(400);
      expect(response.body.field, after).toBe('query.after');
    }
    expect((await hub.request<ErrorBody>({ method: 'GET', url: '/federation/v1/changes?limit=0' })).body.field).toBe('query.limit');
  });

  it('gzips when asked; the signature digests the uncompressed body', async () => {
    for (let index = 0; index < 5; index += 1) await publishEvent(`Atelier ${index}`);
    const response = await hub.app.inject({ method: 'GET', url: '/federation/v1/changes', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    const body = gunzipSync(response.rawPayload).toString('utf8');
    expect(JSON.parse(body).items.length).toBeGreaterThan(5);
    const claims = verifyJwt(String(response.headers[SIGNATURE_HEADER]), await descriptorKeys(hub));
    expect(claims.digest).toBe(bodyDigest(body));
  });
});

describe('key rotation', () => {
  it('lists the new key first and the previous one during the overlap; both verify', async () => {
    const rotating = await startTestHub();
    try {
      const before = await rotating.request({ method: 'GET', url: '/federation/v1/changes' });
      const oldToken = String(before.headers[SIGNATURE_HEADER]);
      const oldKid = JSON.parse(Buffer.from(oldToken.split('.')[0] ?? '', 'base64url').toString()).kid as string;

      const ring = rotateKey(rotating.dataDir);
      expect(ring.published.map((key) => key.kid)).toEqual([ring.current.kid, oldKid]);
      // The running hub re-reads keys.json; a fresh one certainly does.
      const restarted = await startTestHub({ HUB_DATA_DIR: rotating.dataDir });
      try {
        const descriptor = (await restarted.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' })).body;
        expect(descriptor.keys.map((key) => key.kid)).toEqual([ring.current.kid, oldKid]);
        const keys = await descriptorKeys(restarted);
        expect(verifyJwt(oldToken, keys).iss).toBe('centre-val-de-loire');
        const after = await restarted.request({ method: 'GET', url: '/federation/v1/changes' });
        const newToken = String(after.headers[SIGNATURE_HEADER]);
        expect(JSON.parse(Buffer.from(newToken.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(ring.current.kid);
        expect(verifyJwt(newToken, keys).iss).toBe('centre-val-de-loire');
      } finally {
        await restarted.app.close();
      }
    } finally {
      await rotating.close();
    }
  });
});
