import type { FastifyReply } from 'fastify';

/**
 * Sends JSON that was serialised once, when the content was written (public shapes are
 * stored as text), so a read never parses and re-serialises it. The route's response
 * schema still documents the shape; the write path is what guarantees it.
 */
export function sendStoredJson(reply: FastifyReply, json: string | Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** A list page built as text that holds no item (how the list builders write an empty page). */
export function isEmptyPage(json: string | Buffer): boolean {
  const head = typeof json === 'string' ? json.slice(0, 11) : json.subarray(0, 11).toString('utf8');
  return head === '{"items":[]';
}

/** Sends bytes already encoded (a gzipped page) with the headers the route set. */
export function sendBytes(reply: FastifyReply, body: Buffer | string): FastifyReply {
  return reply.send(body);
}
