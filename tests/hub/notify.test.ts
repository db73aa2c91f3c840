import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publicKeyFromJwk, verifyJwt } from '@constellation/shared/server';
import type { HubDescriptor, NotifyBody } from '@constellation/shared';
import { eventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';
import { loadKeyRing, Notifier } from '@constellation/hub';

/*
 * Push: after a commit that changes public content, the hub notifies each configured
 * aggregator with a signed token. A real HTTP server plays the aggregator.
 */

interface Received {
  authorization: string;
  body: NotifyBody;
}

class FakeAggregator {
  readonly received: Received[] = [];
  /** Status codes to answer, in order; 202 once they run out. */
  script: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response) => {
      // A hub also reads its aggregators' campaign list (GET): only notifies are recorded.
      if (request.method !== 'POST') return void response.writeHead(404).end();
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        this.received.push({ authorization: String(request.headers.authorization), body: JSON.parse(text) as NotifyBody });
        response.statusCode = this.script.shift() ?? 202;
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let aggregator: FakeAggregator;
let hub: TestHub;
let token = '';
let actorId = '';

async function publish(title: string): Promise<number> {
  const response = await hub.request({ method: 'POST', url: '/api/v1/events?submit=true', token, payload: eventInput(actorId, title, '2027-06-01T18:00:00+02:00', '2027-06-01T20:00:00+02:00') });
  return response.status;
}

beforeAll(async () => {
  aggregator = new FakeAggregator();
  await aggregator.start();
  hub = await startTestHub({ HUB_AGGREGATOR_URLS: aggregator.url });
  token = (await hub.user('admin')).token;
  actorId = (await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors?submit=true', token, payload: { name: 'La Casemate', kind: 'ccsti' } })).body.id;
  await until(() => aggregator.received.length > 0);
});

beforeEach(() => {
  aggregator.received.length = 0;
  aggregator.script = [];
});

afterAll(async () => {
  await hub.close();
  await aggregator.stop();
});

describe('notify', () => {
  it('sends a token signed by the hub key, for this aggregator, living at most 60 s, with the latest seq', async () => {
    expect(await publish('Conférence sur les glaciers')).toBe(201);
    const latest = Number((await hub.request({ method: 'GET', url: '/federation/v1/changes?limit=1' })).headers.etag?.toString().replaceAll('"', ''));
    await until(() => aggregator.received.some((received) => received.body.latest === latest));
    const notify = aggregator.received.find((received) => received.body.latest === latest);
    const descriptor = (await hub.request<HubDescriptor>({ method: 'GET', url: '/.well-known/constellation' })).body;
    const keys = new Map(descriptor.keys.map((jwk) => [jwk.kid, publicKeyFromJwk(jwk)]));
    const claims = verifyJwt(String(notify?.authorization).replace(/^Bearer /, ''), keys);
    expect(claims).toMatchObject({ iss: 'centre-val-de-loire', aud: aggregator.url });
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(60);
    expect(notify?.body).toEqual({ protocol: 'constellation/1', hub: 'centre-val-de-loire', latest });
    expect(claims.latest).toBe(latest);
  });

  it('turns a burst of writes into one notify carrying the last seq', async () => {
    for (let index = 0; index < 10; index += 1) expect(await publish(`Atelier ${index}`)).toBe(201);
    await until(() => aggregator.received.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a second notify would have come by now
    const latest = Number((await hub.request({ method: 'GET', url: '/federation/v1/changes?limit=1' })).headers.etag?.toString().replaceAll('"', ''));
    expect(aggregator.received.length).toBeLessThanOrEqual(2);
    expect(aggregator.received.at(-1)?.body.latest).toBe(latest);
  });

  it('retries after a 5xx with backoff', async () => {
    aggregator.script = [503];
    expect(await publish('Nuit des chercheurs')).toBe(201);
    await until(() => aggregator.received.length >= 2);
    expect(aggregator.received[0]?.body.latest).toBe(aggregator.received[1]?.body.latest);
  });

  it('never fails or blocks a write when the aggregator is unreachable', async () => {
    const lonely = await startTestHub({ HUB_AGGREGATOR_URLS: 'http://127.0.0.1:9' });
    try {
      const admin = await lonely.user('admin');
      const created = await lonely.request({ method: 'POST', url: '/api/v1/actors?submit=true', token: admin.token, payload: { name: 'Muséum', kind: 'museum' } });
      expect(created.status).toBe(201);
    } finally {
      await lonely.close();
    }
  });

  it('posts to an admin\'s URL through the guarded fetcher: a name that now resolves to a private address (DNS rebinding) is not reached', async () => {
    const ring = loadKeyRing(hub.dataDir);
    const warnings: string[] = [];
    const log = { warn: (_fields: unknown, message: string) => warnings.push(message), info: () => {} } as unknown as ConstructorParameters<typeof Notifier>[0]['log'];
    // Saved when it resolved to a public address; DNS now answers loopback.
    const rebound = `http://aggregator.example:${new URL(aggregator.url).port}`;
    const resolve = async () => [{ address: '127.0.0.1', family: 4 as const }];
    const admins = new Notifier({ hubId: 'centre-val-de-loire', aggregatorUrls: [rebound], trustedUrls: [], allowPrivate: false, resolve, keys: { get: () => ring }, latest: () => 1, log, debounceMs: 0 });
    admins.changed();
    await until(() => warnings.length > 0);
    expect(warnings[0]).toMatch(/refused/);
    expect(aggregator.received).toEqual([]);
    admins.close();

    // The operator's own configuration may point at a private network (a control).
    const operators = new Notifier({ hubId: 'centre-val-de-loire', aggregatorUrls: [rebound], trustedUrls: [rebound], allowPrivate: false, resolve, keys: { get: () => ring }, latest: () => 1, log, debounceMs: 0 });
    operators.changed();
    await until(() => aggregator.received.length > 0);
    operators.close();
  });
});
