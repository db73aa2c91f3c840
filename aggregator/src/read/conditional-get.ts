/**
 * Conditional GET for the national exports, as a hub does it: pollers (calendar apps,
 * feed readers) ask every few minutes and most of the time nothing changed; a 304 then
 * costs one indexed read instead of a query and a render.
 *
 * ETag = `"<national seq>-<hash>"`: the seq moves with every applied change; the hash
 * covers the route, the query, the hubs shown (a suspension changes the answer without a
 * change in the store) and, when the window defaults to "now", the hour it starts at.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** How long shared caches and clients may reuse a response without asking. */
export const CACHE_CONTROL = 'public, max-age=300';

export function etagFor(seq: number, parts: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
  return `"${seq}-${hash}"`;
}

/** A query with sorted keys, so ?a=1&b=2 and ?b=2&a=1 share a cache entry. */
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
