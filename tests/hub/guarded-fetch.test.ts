import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, FetchRefused, guardedFetch, type FetchRefusalReason, type GuardedFetchOptions } from '@constellation/shared/server';

/*
 * The guarded fetcher against real HTTP servers on 127.0.0.1. Loopback is exactly what
 * the fetcher refuses, so tests that need to reach the servers pass allowPrivate and,
 * where a hop must look forbidden, veto it with isAllowedAddress (by port).
 */

const MB = 1024 * 1024;

interface Site {
  server: Server;
  port: number;
  url: (path: string) => string;
  /** Bytes the /big route managed to write before the client went away. */
  bigSent: () => number;
  hosts: string[];
}

let gzipBomb: Buffer;

/** 1 GB of zeros, gzipped (about 1 MB on the wire). */
async function buildGzipBomb(): Promise<Buffer> {
  const zeros = Buffer.alloc(MB);
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => gzip.on('end', resolve));
  for (let index = 0; index < 1024; index += 1) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

async function startSite(): Promise<Site> {
  let bigSent = 0;
  const hosts: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://test');
    hosts.push(request.headers.host ?? '');
    response.on('error', () => {});
    switch (url.pathname) {
      case '/ok':
        return response.end('hello');
      case '/redirect':
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/ok' });
        return response.end();
      case '/chain': {
        // /chain?n=3 redirects to n=2, n=1, then /ok.
        const n = Number(url.searchParams.get('n'));
        response.writeHead(302, { location: n <= 1 ? '/ok' : `/chain?n=${n - 1}` });
        return response.end();
      }
      case '/drip': {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('.'), 1000);
        response.on('close', () => clearInterval(timer));
        return;
      }
      case '/big': {
        // 50 MB, written with backpressure so the count says what the client really took.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 97);
        let left = 50 * MB;
        const pump = () => {
          while (left > 0 && !response.destroyed) {
            left -= chunk.length;
            bigSent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      case '/bomb':
        response.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) });
        return response.end(gzipBomb);
      case '/status':
        response.writeHead(404);
        return response.end('nope');
      case '/echo': {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => response.end(`${request.method} ${request.headers['content-type'] ?? ''} ${Buffer.concat(chunks).toString()}`));
        return;
      }
      default:
        response.writeHead(404);
        return response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, url: (path) => `http://127.0.0.1:${port}${path}`, bigSent: () => bigSent, hosts };
}

let site: Site;
let forbidden: Site;

beforeAll(async () => {
  gzipBomb = await buildGzipBomb();
  [site, forbidden] = await Promise.all([startSite(), startSite()]);
});

afterAll(async () => {
  for (const each of [site, forbidden]) {
    each.server.closeAllConnections();
    await new Promise((resolve) => each.server.close(resolve));
  }
});

const base: GuardedFetchOptions = { deadlineMs: 5_000, maxBytes: MB, allowPrivate: false };
/** Reaches the test servers, except the `forbidden` one, as if it were a private address. */
const local = (extra: Partial<GuardedFetchOptions> = {}): GuardedFetchOptions => ({ ...base, allowPrivate: true, isAllowedAddress: (check) => check.port !== forbidden.port, ...extra });

async function refusal(url: string, options: GuardedFetchOptions): Promise<FetchRefused> {
  try {
    await guardedFetch(url, options);
  } catch (error) {
    if (error instanceof FetchRefused) return error;
    throw error;
  }
  throw new Error(`${url} was fetched`);
}

async function expectRefused(url: string, options: GuardedFetchOptions, reason: FetchRefusalReason): Promise<FetchRefused> {
  const error = await refusal(url, options);
  expect(error.reason, error.message).toBe(reason);
  return error;
}

describe('the address policy', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['100.63.255.255', true],
    ['100.128.0.0', true],
    ['172.15.255.255', true],
    ['172.32.0.0', true],
    ['192.167.255.255', true],
    ['223.255.255.255', true],
    ['::ffff:8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['2606:4700:4700::1111', true],
    ['2a01:e0a:1:2::3', true],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['10.0.0.1', false],
    ['100.64.0.0', false],
    ['100.127.255.255', false],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['169.254.169.254', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.0.0.8', false],
    ['192.0.2.1', false],
    ['192.168.1.1', false],
    ['198.18.0.1', false],
    ['198.51.100.7', false],
    ['203.0.113.9', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['240.0.0.1', false],
    ['255.255.255.255', false],
    ['::', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::7f00:1', false],
    ['64:ff9b::808:808', true],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fec0::1', false],
    ['ff02::1', false],
    ['100::1', false],
    ['2001::1', false],
    ['2001:db8::1', false],
    ['2002:7f00:1::1', false],
    ['3fff::1', false],
    ['localhost', false],
    ['not an address', false],
  ])('%s → allowed: %s', (address, allowed) => {
    expect(checkAddress(address).allowed).toBe(allowed);
  });

  it('names the range it refused', () => {
    expect(checkAddress('169.254.169.254')).toEqual({ allowed: false, range: 'link-local (cloud metadata)' });
    expect(checkAddress('::ffff:127.0.0.1')).toEqual({ allowed: false, range: 'IPv4-mapped loopback' });
  });
});

describe('addresses', () => {
  it('refuses a URL on 127.0.0.1 unless allowPrivate is set', async () => {
    const error = await expectRefused(site.url('/ok'), base, 'private-address');
    expect(error.message).toContain('loopback');
    const response = await guardedFetch(site.url('/ok'), { ...base, allowPrivate: true });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello');
    expect(response.finalUrl).toBe(site.url('/ok'));
  });

  it('refuses IPv4-mapped IPv6 loopback and the cloud metadata address', async () => {
    await expectRefused(`http://[::ffff:127.0.0.1]:${site.port}/ok`, base, 'private-address');
    await expectRefused('http://169.254.169.254/latest/meta-data/', base, 'private-address');
    await expectRefused('http://[::1]/', base, 'private-address');
  });

  it('refuses a host name when any of its addresses is private, before connecting', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 as const }, { address: '127.0.0.1', family: 4 as const }];
    await expectRefused(`http://mixed.example:${site.port}/ok`, { ...base, resolve }, 'private-address');
  });

  it('connects to the address it checked, sending the URL host: a resolver that changes its answer is not asked twice', async () => {
    let calls = 0;
    const resolve = async () => {
      calls += 1;
      return calls === 1 ? [{ address: '127.0.0.1', family: 4 as const }] : [{ address: '10.0.0.1', family: 4 as const }];
    };
    const response = await guardedFetch(`http://rebind.example:${site.port}/ok`, { ...base, allowPrivate: true, resolve });
    expect(response.body.toString()).toBe('hello');
    expect(calls).toBe(1);
    expect(site.hosts.at(-1)).toBe(`rebind.example:${site.port}`);
  });

  it('checks the connected socket too', async () => {
    const seen: string[] = [];
    const isAllowedAddress = (check: { stage: string; address: string }) => {
      seen.push(`${check.stage} ${check.address}`);
      return check.stage !== 'connected';
    };
    await expectRefused(site.url('/ok'), { ...base, allowPrivate: true, isAllowedAddress }, 'private-address');
    expect(seen).toEqual(['resolved 127.0.0.1', 'connected 127.0.0.1']);
  });

  it('refuses a name that does not resolve', async () => {
    await expectRefused('http://no-such-host.invalid/', base, 'dns');
  });
});

describe('URLs and redirects', () => {
  it('refuses other schemes and credentials', async () => {
    await expectRefused('file:///etc/passwd', base, 'scheme');
    await expectRefused('ftp://ftp.example.org/agenda.ics', base, 'scheme');
    await expectRefused(`http://user:secret@127.0.0.1:${site.port}/ok`, local(), 'credentials');
    await expectRefused('not a url', base, 'invalid-url');
  });

  it('follows a redirect, re-checking the target', async () => {
    const response = await guardedFetch(site.url(`/redirect?to=${encodeURIComponent(site.url('/ok'))}`), local());
    expect(response.body.toString()).toBe('hello');
    expect(response.finalUrl).toBe(site.url('/ok'));
  });

  it('refuses a redirect to a forbidden address after an allowed first hop', async () => {
    const error = await expectRefused(site.url(`/redirect?to=${encodeURIComponent(forbidden.url('/ok'))}`), local(), 'private-address');
    expect(error.url).toBe(forbidden.url('/ok'));
  });

  it('with sameOriginRedirects, refuses a redirect to another origin before any request reaches it, even with allowPrivate', async () => {
    const before = forbidden.hosts.length;
    const error = await expectRefused(site.url(`/redirect?to=${encodeURIComponent(forbidden.url('/ok'))}`), { ...base, allowPrivate: true, sameOriginRedirects: true }, 'cross-origin-redirect');
    expect(error.url).toBe(forbidden.url('/ok'));
    expect(forbidden.hosts.length).toBe(before);
    // Same origin still follows.
    expect((await guardedFetch(site.url('/chain?n=2'), { ...base, allowPrivate: true, sameOriginRedirects: true })).body.toString()).toBe('hello');
  });

  it('refuses redirects to file: and ftp:', async () => {
    await expectRefused(site.url(`/redirect?to=${encodeURIComponent('file:///etc/passwd')}`), local(), 'scheme');
    await expectRefused(site.url(`/redirect?to=${encodeURIComponent('ftp://ftp.example.org/x.ics')}`), local(), 'scheme');
  });

  it('follows at most two redirects', async () => {
    expect((await guardedFetch(site.url('/chain?n=2'), local())).body.toString()).toBe('hello');
    await expectRefused(site.url('/chain?n=3'), local(), 'too-many-redirects');
  });

  it('refuses an error status', async () => {
    const error = await expectRefused(site.url('/status'), local(), 'http-status');
    expect(error.status).toBe(404);
  });
});

describe('POST (ActivityPub deliveries)', () => {
  it('sends the body once, with its headers', async () => {
    const response = await guardedFetch(site.url('/echo'), local({ method: 'POST', body: '{"type":"Create"}', headers: { 'content-type': 'application/activity+json' } }));
    expect(response.body.toString()).toBe('POST application/activity+json {"type":"Create"}');
  });

  it('never follows a redirect of a POST (a signed body is not replayed elsewhere)', async () => {
    const error = await expectRefused(site.url(`/redirect?to=${encodeURIComponent(site.url('/echo'))}`), local({ method: 'POST', body: '{}' }), 'http-status');
    expect(error.status).toBe(302);
  });

  it('refuses a private address like a GET', async () => {
    await expectRefused(site.url('/echo'), { ...base, method: 'POST', body: '{}' }, 'private-address');
  });
});

describe('limits', () => {
  it('stops a server that drips one byte a second at the deadline', async () => {
    await expectRefused(site.url('/drip'), local({ deadlineMs: 300 }), 'deadline');
  });

  it('stops a 50 MB body at the cap', async () => {
    await expectRefused(site.url('/big'), local(), 'too-large');
    expect(site.bigSent()).toBeLessThan(50 * MB);
  });

  it('stops a gzip bomb at the cap on decoded bytes', async () => {
    expect(gzipBomb.length).toBeLessThan(2 * MB);
    await expectRefused(site.url('/bomb'), local(), 'too-large');
    // The same bomb under a cap above its size on the wire is still refused: decoded bytes count.
    await expectRefused(site.url('/bomb'), local({ maxBytes: 4 * MB }), 'too-large');
  });
});
