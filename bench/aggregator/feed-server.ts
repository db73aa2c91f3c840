/**
 * A synthetic hub for the freshness benchmark's backfill: it speaks protocol v1 (the
 * descriptor, and the changes feed with signed pages and an ETag) and serves the
 * generator's events (events.ts), so a 200,000-event feed exists without filling a real
 * hub through its services (about an hour for 100,000 events, see the hub benchmarks).
 * The aggregator cannot tell it from a hub: it fetches, verifies and applies its pages
 * as any other.
 *
 *   npx tsx --conditions=@constellation/source bench/aggregator/feed-server.ts \
 *     --id ID --region 84 --port N --events 200000 --index 1
 *   env BENCH_HUB_PRIVATE_KEY: its Ed25519 private key (PKCS#8 PEM), kid "bench"
 *
 * The feed starts empty; `POST /bench/open` makes every event available at once (a new
 * hub joining with its whole history), and the benchmark then notifies the aggregator.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { bodyDigest } from '@constellation/hub';
import { CHANGES_LIMIT, CHANGES_PATH, DESCRIPTOR_PATH, PROTOCOL_VERSION, SIGNATURE_HEADER, regions, type RegionCode } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import { flag, isMain, numberFlag } from './common.ts';
import { eventItem, prepareGazetteers, todayAnchor, type BenchHub } from './events.ts';

export const BENCH_KID = 'bench';

function main(): void {
  const argv = process.argv.slice(2);
  const id = flag(argv, 'id') ?? 'synthetic-hub';
  const region = (flag(argv, 'region') ?? '84') as RegionCode;
  if (!regions.has(region)) throw new Error(`--region ${region} is not a region code`);
  const port = numberFlag(argv, 'port', 0);
  const total = numberFlag(argv, 'events', 200_000);
  const pem = process.env.BENCH_HUB_PRIVATE_KEY;
  if (pem === undefined) throw new Error('BENCH_HUB_PRIVATE_KEY is not set');
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const hub: BenchHub = { index: numberFlag(argv, 'index', 1), id, name: `Hub synthétique ${id}`, region, baseUrl, timeZone: 'Europe/Paris' };
  prepareGazetteers([hub]);
  const anchor = todayAnchor();
  let available = 0;
  let pagesServed = 0;

  const descriptor = JSON.stringify({
    protocol: PROTOCOL_VERSION,
    id,
    name: hub.name,
    region,
    baseUrl,
    keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: BENCH_KID, alg: 'EdDSA', use: 'sig' }],
  });

  const send = (response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(body);
  };

  const changes = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const after = Number(url.searchParams.get('after') ?? '0');
    const limit = Math.min(CHANGES_LIMIT.max, Math.max(1, Number(url.searchParams.get('limit') ?? CHANGES_LIMIT.default)));
    if (!Number.isSafeInteger(after) || after < 0) return send(response, 400, JSON.stringify({ error: 'validation_failed', message: 'after must be a cursor', field: 'after' }));
    const etag = `"${available}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      return response.end();
    }
    const from = Math.min(after, available);
    const to = Math.min(available, from + limit);
    const items = [];
    for (let index = from; index < to; index += 1) items.push(eventItem(hub, index, anchor));
    const body = Buffer.from(JSON.stringify({ protocol: PROTOCOL_VERSION, hub: id, items, next: String(to), hasMore: to < available, latest: available }));
    const now = Math.floor(Date.now() / 1000);
    const signature = signJwt({ iss: id, digest: bodyDigest(body), iat: now, exp: now + 300 }, privateKey, BENCH_KID);
    pagesServed += 1;
    send(response, 200, body, { etag, [SIGNATURE_HEADER]: signature });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', baseUrl);
    if (request.method === 'GET' && url.pathname === DESCRIPTOR_PATH) return send(response, 200, descriptor);
    if (request.method === 'GET' && url.pathname === CHANGES_PATH) return changes(request, response, url);
    if (request.method === 'POST' && url.pathname === '/bench/open') {
      available = total;
      return send(response, 200, JSON.stringify({ latest: available }));
    }
    if (request.method === 'GET' && url.pathname === '/bench/status') return send(response, 200, JSON.stringify({ latest: available, pagesServed }));
    return send(response, 404, JSON.stringify({ error: 'not_found', message: 'not found' }));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => console.log(`feed-server ${id} listening on ${baseUrl} (${total} events once opened)`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (isMain(import.meta.url)) main();
