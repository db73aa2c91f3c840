import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { checkAddress } from './address-policy.ts';
import { FetchRefused } from './fetch-refused.ts';
import { ACCEPTED_ENCODINGS, readBody } from './read-body.ts';
import { bareHostname, pinnedLookup, resolveHost, systemResolver, type ResolvedAddress, type Resolver } from './resolve.ts';

/*
 * The one way a server (a hub, the aggregator) fetches a URL it was given by someone
 * else: an iCal feed to import, a hub's descriptor or changes feed. A URL from outside
 * must not reach the server's own network: every address is checked before connecting and again once connected, the
 * socket is pinned to the checked address, redirects are re-checked hop by hop, and
 * time and decoded size are bounded.
 */

/** Where an address check happens: on DNS's answer, or on the connected socket. */
export interface AddressCheck {
  address: string;
  port: number;
  stage: 'resolved' | 'connected';
}

export interface GuardedFetchOptions {
  /** Total time for DNS, connections, redirects and the body, in milliseconds. */
  deadlineMs: number;
  /** Largest body, counted after content decoding. */
  maxBytes: number;
  maxRedirects?: number;
  /**
   * Refuse a redirect to another origin before following it (a caller that would refuse
   * the answer of another origin anyway: with allowPrivate, as in development, following
   * it first would already have sent a request into the local network).
   */
  sameOriginRedirects?: boolean;
  /** Local development only: let loopback and private addresses through. */
  allowPrivate: boolean;
  accept?: string;
  /** Who is asking, sent as User-Agent (default DEFAULT_USER_AGENT). */
  userAgent?: string;
  headers?: Record<string, string>;
  /**
   * POST sends `body` once: its redirects are not followed (a 3xx is an http-status
   * refusal), since replaying a signed body elsewhere is never what the caller meant.
   */
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  /** Statuses that are an answer rather than a failure (default 2xx); a poller adds 304. */
  okStatus?: (status: number) => boolean;
  /** An extra veto on addresses, on top of the policy: tests forbid one port this way. */
  isAllowedAddress?: (check: AddressCheck) => boolean;
  /** DNS, replaceable for tests. */
  resolve?: Resolver;
}

export interface GuardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
export const DEFAULT_USER_AGENT = 'Constellation (+https://github.com/constellation)';

function checkUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FetchRefused('invalid-url', 'not a valid URL', base === undefined ? undefined : base.href);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused('scheme', `${url.protocol} URLs are not fetched; only http and https`, url.href);
  if (url.username !== '' || url.password !== '') throw new FetchRefused('credentials', 'URLs with a user name or password are not fetched', url.origin);
  return url;
}

function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

function makeGuard(options: GuardedFetchOptions) {
  return (check: AddressCheck, url: URL): void => {
    const verdict = options.allowPrivate ? ({ allowed: true } as const) : checkAddress(check.address);
    if (!verdict.allowed) throw new FetchRefused('private-address', `${url.hostname} is at ${check.address} (${verdict.range}), which this server does not fetch from`, url.href);
    if (options.isAllowedAddress !== undefined && !options.isAllowedAddress(check)) {
      throw new FetchRefused('private-address', `${url.hostname} is at ${check.address}, which this server does not fetch from`, url.href);
    }
  };
}

/** One GET to a checked address; resolves with the response head. */
function requestOnce(url: URL, checked: readonly ResolvedAddress[], headers: Record<string, string>, guard: ReturnType<typeof makeGuard>, signal: AbortSignal, method: 'GET' | 'POST', body: string | Buffer | undefined): Promise<IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request({
      protocol: url.protocol,
      hostname: bareHostname(url),
      port: portOf(url),
      path: `${url.pathname}${url.search}`,
      method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      // A fresh socket per request: a pooled one would skip the connected-address check.
      agent: false,
      lookup: pinnedLookup(checked),
      signal,
    });
    request.on('socket', (socket: Socket) => {
      // The pinned lookup makes this the checked address; checking the socket itself also
      // covers whatever the platform's connect did (proxies, odd resolvers, literals).
      const verify = () => {
        try {
          guard({ address: socket.remoteAddress ?? '', port: socket.remotePort ?? portOf(url), stage: 'connected' }, url);
        } catch (error) {
          request.destroy(error as Error);
        }
      };
      // Prepended, so it runs before the listeners that flush the request (or start TLS) on connect.
      if (socket.connecting) socket.prependOnceListener('connect', verify);
      else verify();
    });
    request.once('response', resolve);
    request.once('error', (error) => {
      if (error instanceof FetchRefused) reject(error);
      else if (signal.aborted) reject(signal.reason);
      else reject(new FetchRefused('network', `the connection to ${url.host} failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`, url.href));
    });
    request.end(body);
  });
}

/**
 * GET (or POST) `target` under the rules above. Throws FetchRefused, whose `reason` says which rule
 * stopped it; resolves only with a status that `okStatus` accepts.
 */
export async function guardedFetch(target: string, options: GuardedFetchOptions): Promise<GuardedResponse> {
  const maxRedirects = options.maxRedirects ?? 2;
  const okStatus = options.okStatus ?? ((status: number) => status >= 200 && status < 300);
  const resolver = options.resolve ?? systemResolver;
  const guard = makeGuard(options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchRefused('deadline', `no complete answer within ${options.deadlineMs} ms`, target)), options.deadlineMs);
  const signal = controller.signal;
  let headers: Record<string, string> = { 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT, 'accept-encoding': ACCEPTED_ENCODINGS, ...(options.accept === undefined ? {} : { accept: options.accept }), ...options.headers };
  try {
    let url = checkUrl(target);
    for (let redirects = 0; ; redirects += 1) {
      const addresses = await resolveHost(url, resolver, signal);
      // Every answer is checked, not just the one used: a name that also points inside is refused.
      for (const { address } of addresses) guard({ address, port: portOf(url), stage: 'resolved' }, url);
      const method = options.method ?? 'GET';
      const response = await requestOnce(url, addresses, headers, guard, signal, method, options.body);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location !== undefined && method === 'GET') {
        response.destroy();
        if (redirects >= maxRedirects) throw new FetchRefused('too-many-redirects', `more than ${maxRedirects} redirects`, url.href);
        const next = checkUrl(location, url);
        if (options.sameOriginRedirects === true && next.origin !== url.origin) throw new FetchRefused('cross-origin-redirect', `${url.origin} redirected to ${next.origin}, another origin, which is not followed`, next.href);
        if (next.origin !== url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !ORIGIN_BOUND_HEADERS.includes(name.toLowerCase())));
        url = next;
        continue;
      }
      if (!okStatus(status)) {
        response.destroy();
        throw new FetchRefused('http-status', `the server answered ${status}`, url.href, status);
      }
      const body = await readBody(response, options.maxBytes, url.href);
      return { status, headers: response.headers, body, finalUrl: url.href };
    }
  } catch (error) {
    // A rule that fired says more than the deadline; anything else in flight when the
    // deadline fired (DNS, connect, body) surfaces as the deadline.
    if (error instanceof FetchRefused && error.reason !== 'network') throw error;
    if (signal.aborted) throw signal.reason;
    if (error instanceof FetchRefused) throw error;
    throw new FetchRefused('network', (error as Error).message, target);
  } finally {
    clearTimeout(timer);
  }
}
