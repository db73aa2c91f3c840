/*
 * Which Redis the aggregator talks to, from the one REDIS_URL setting. Three forms:
 *
 *   redis://[user:password@]host:port[/db]          one server (rediss:// for TLS)
 *   redis+cluster://[user:password@]h1:p1,h2:p2,...  a Redis Cluster: some of its nodes,
 *                                                     the client learns the rest (rediss+cluster:// for TLS)
 *   redis+sentinel://[user:password@]s1:p1,s2:p2/<master name>[/db]
 *                                                     a primary found through Sentinel
 *                                                     (rediss+sentinel:// for TLS to the data nodes)
 *
 * One setting rather than several, so that a deployment changes one line to move from one
 * server to a cluster, and so that nothing can name a cluster and a single server at once.
 * The credentials are the data nodes' (Redis ACL user, or password alone); Sentinel's own
 * port is expected to need none, as in Sentinel's default configuration.
 */

export interface RedisAddress {
  host: string;
  port: number;
}

export interface RedisCredentials {
  username?: string;
  password?: string;
  tls: boolean;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  | ({ kind: 'cluster'; nodes: RedisAddress[] } & RedisCredentials)
  | ({ kind: 'sentinel'; sentinels: RedisAddress[]; name: string; db: number } & RedisCredentials);

/** What REDIS_URL must start with (config.ts checks it, then `parseRedisTarget` checks the rest). */
export const REDIS_URL_PATTERN = '^rediss?(\\+cluster|\\+sentinel)?://';

export class RedisUrlError extends Error {}

const FORM = /^(rediss?)(?:\+(cluster|sentinel))?:\/\/(?:([^@/]*)@)?([^/]+)(?:\/(.*))?$/;

/** Reads REDIS_URL; throws RedisUrlError saying what is wrong. */
export function parseRedisTarget(url: string): RedisTarget {
  const match = FORM.exec(url);
  if (match === null) throw new RedisUrlError('must be redis://host:port, redis+cluster://host:port,host:port,... or redis+sentinel://host:port,.../<master name>');
  const [, scheme = 'redis', mode, auth, hostList = '', path] = match;
  if (mode === undefined) {
    if (hostList.includes(',')) throw new RedisUrlError('lists several hosts: write redis+cluster:// for a Redis Cluster or redis+sentinel:// for Sentinel');
    return { kind: 'single', url };
  }
  const credentials: RedisCredentials = { tls: scheme === 'rediss', ...userAndPassword(auth) };
  const addresses = hostList.split(',').map(address);
  if (mode === 'cluster') {
    if (path !== undefined && path !== '') throw new RedisUrlError('a Redis Cluster has no database number or name: drop the path');
    return { kind: 'cluster', nodes: addresses, ...credentials };
  }
  const [name = '', db = '0', ...rest] = (path ?? '').split('/');
  if (name === '') throw new RedisUrlError('redis+sentinel:// needs the master name as its path, e.g. redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/mymaster');
  if (!/^\d+$/.test(db) || rest.length > 0) throw new RedisUrlError(`"${path}" is not <master name> or <master name>/<db>`);
  return { kind: 'sentinel', sentinels: addresses, name: decodeURIComponent(name), db: Number(db), ...credentials };
}

function userAndPassword(auth: string | undefined): Pick<RedisCredentials, 'username' | 'password'> {
  if (auth === undefined || auth === '') return {};
  const colon = auth.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(auth.slice(colon + 1));
  // redis://:password@host is the password alone (the "default" user), as in redis:// URLs.
  return { ...(username === '' ? {} : { username }), ...(password === undefined || password === '' ? {} : { password }) };
}

function address(text: string): RedisAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || port < 1 || port > 65_535) throw new RedisUrlError(`"${text}" is not host:port`);
  return { host: match[1] ?? match[2] ?? '', port };
}

