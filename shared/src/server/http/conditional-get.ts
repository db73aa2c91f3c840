/**
 * Conditional GET for the exports and pages of hubs and the aggregator. Pollers (calendar
 * apps, feed readers, aggregators) ask every few minutes; most of the time nothing
 * changed, and a 304 costs one indexed read instead of a query and a render.
 *
 * ETag = `"<seq>-<hash of what else the body depends on>"`: the seq (a hub's feed seq, the
 * aggregator's national seq) moves with every change to public content, so an edit
 * refreshes every export at once; the hash covers the route, the query and whatever else
 * the server says (the hour a window defaulting to "now" starts at, the hubs shown).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** How long shared caches and clients may reuse a response without asking. */
export const CACHE_CONTROL = 'public, max-age=300';

export function etagFor(seq: number, parts: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
  return `"${seq}-${hash}"`;
}

/** A query object with sorted keys, so ?a=1&b=2 and ?b=2&a=1 share a cache entry. */
export function canonicalQuery(query: object): [string, unknown][] {
  return Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether If-None-Match names this ETag (weak comparison, RFC 9110 13.1.2), or is `*`. */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

/** Sets the caching headers (open data: any origin may read it); true when the client's copy is current. */
export function cacheHeaders(reply: FastifyReply, etag: string): boolean {
  void reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('access-control-allow-origin', '*');
  return notModified(reply.request.headers['if-none-match'], etag);
}

/** Sets the caching headers and answers 304 when the client's copy is current; false when the caller must send the body. */
export function answeredFromCache(reply: FastifyReply, etag: string): boolean {
  if (!cacheHeaders(reply, etag)) return false;
  void reply.code(304).send();
  return true;
}
