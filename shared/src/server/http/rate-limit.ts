import ipaddr from 'ipaddr.js';
import type { FastifyRequest } from 'fastify';

/*
 * The @fastify/rate-limit settings both servers register. Its default key reads
 * `request.ip`, which is undefined once the client has reset the connection (the socket
 * is gone before the hook runs): the default then throws in normalizeIP and every such
 * reset on a limited route logged a 500 with a stack trace. Nobody is left to answer, so
 * those requests share one key and are refused quietly.
 */

/** Key for requests whose connection closed before the limit was checked. */
export const CLOSED_CONNECTION_KEY = 'closed-connection';

/** One IPv6 customer is usually a /64: counting by address would let it rotate through 2^64 of them. */
const IPV6_PREFIX_BITS = 64;

/** The rate-limit bucket of a request: its IPv4 address, or its IPv6 /64. */
export function rateLimitKey(request: Pick<FastifyRequest, 'ip'>): string {
  const ip = request.ip as string | undefined;
  if (ip === undefined || !ipaddr.isValid(ip)) return CLOSED_CONNECTION_KEY;
  const address = ipaddr.process(ip); // IPv4-mapped IPv6 becomes IPv4
  if (address.kind() === 'ipv4') return address.toString();
  const bytes = address.toByteArray().map((byte, index) => (index < IPV6_PREFIX_BITS / 8 ? byte : 0));
  return `${ipaddr.fromByteArray(bytes).toString()}/${IPV6_PREFIX_BITS}`;
}

export const rateLimitOptions = {
  global: false,
  keyGenerator: rateLimitKey,
  errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) => ({ statusCode: 429, error: 'too_many_requests', message: `too many requests; try again in ${context.after}` }),
};
