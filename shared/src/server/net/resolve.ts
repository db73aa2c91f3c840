import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { FetchRefused } from './fetch-refused.ts';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; replaceable so tests can play DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

/** URL.hostname keeps IPv6 literals in brackets; sockets and address checks want them bare. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * The addresses to check for a URL's host: the literal itself, or what DNS says, raced
 * against the deadline (a DNS lookup cannot be cancelled, only abandoned).
 */
export async function resolveHost(url: URL, resolver: Resolver, signal: AbortSignal): Promise<ResolvedAddress[]> {
  const host = bareHostname(url);
  const literal = isIP(host);
  if (literal !== 0) return [{ address: host, family: literal === 6 ? 6 : 4 }];
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const answers = await Promise.race([resolver(host), aborted]);
    if (answers.length === 0) throw new FetchRefused('dns', `${host} has no address`, url.href);
    return answers;
  } catch (error) {
    if (error instanceof FetchRefused) throw error;
    throw new FetchRefused('dns', `${host} could not be resolved`, url.href);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A `lookup` for the socket that answers with the addresses already checked, so DNS is
 * not asked a second time: a rebinding answer between the check and the connection
 * never reaches the socket. All of them, so Node can still fall back from IPv6 to IPv4.
 */
export function pinnedLookup(checked: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = checked[0];
    if (options.all === true) callback(null, checked.map(({ address, family }) => ({ address, family })));
    else if (first === undefined) callback(new Error('no checked address'), '', 4);
    else callback(null, first.address, first.family);
  };
}
