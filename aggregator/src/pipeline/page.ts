import { createHash, type KeyObject } from 'node:crypto';
import { CHANGES_LIMIT, CHANGES_PATH, PageSignatureClaims, PROTOCOL_VERSION, SIGNATURE_HEADER, SIGNATURE_MAX_AGE_SECONDS, validate, type HubDescriptor } from '@constellation/shared';
import { guardedFetch, JwsError, publicKeyFromJwk, verifyJwt, type AddressCheck } from '@constellation/shared/server';
import { PullFailure } from './failures.ts';

/*
 * One page of a hub's changes feed, fetched and checked before anything of it is used:
 * fetched through the guarded fetcher from the hub's registered origin only, its
 * signature verified against the hub's pinned keys over the exact body bytes, and its
 * envelope checked. Items are not checked here: the writer checks each one, so one bad
 * item is refused and counted while the rest of its page applies.
 */

export interface PagePolicy {
  pageLimit: number;
  fetchDeadlineMs: number;
  maxPageBytes: number;
  allowPrivateNetwork: boolean;
  /** An extra veto on the addresses connected to (tests: only the test hubs' ports). */
  addressCheck?: ((check: AddressCheck) => boolean) | undefined;
}

export interface PageSource {
  id: string;
  baseUrl: string;
  /** The hub's pinned keys by kid (see pinnedKeysOf). */
  keys: ReadonlyMap<string, KeyObject>;
}

/** A page whose signature and envelope were checked; items are as parsed, unchecked. */
export interface CheckedPage {
  items: unknown[];
  next: string;
  hasMore: boolean;
  latest: number;
  /** The ETag the hub sent with it, for a conditional read once at the head. */
  etag: string | null;
  bytes: number;
}

export type FetchedPage = { notModified: true } | ({ notModified: false } & CheckedPage);

const CURSOR = /^(?:0|[1-9][0-9]{0,15})$/;

/** GET the page after `cursor`; `etag` (only when at the head) turns "nothing new" into a 304. */
export async function fetchPage(source: PageSource, cursor: string, etag: string | null, policy: PagePolicy): Promise<FetchedPage> {
  const url = `${source.baseUrl}${CHANGES_PATH}?after=${encodeURIComponent(cursor)}&limit=${policy.pageLimit}`;
  const response = await guardedFetch(url, {
    deadlineMs: policy.fetchDeadlineMs,
    maxBytes: policy.maxPageBytes,
    allowPrivate: policy.allowPrivateNetwork,
    accept: 'application/json',
    headers: etag === null ? {} : { 'if-none-match': etag },
    okStatus: (status) => (status >= 200 && status < 300) || status === 304,
    // Refused before it is followed, so not even a development setup requests the other origin.
    sameOriginRedirects: true,
    ...(policy.addressCheck === undefined ? {} : { isAllowedAddress: policy.addressCheck }),
  });
  // Whatever a redirect says, a hub's data is read from its registered origin only.
  if (new URL(response.finalUrl).origin !== new URL(source.baseUrl).origin) {
    throw new PullFailure(true, `the feed redirected to ${new URL(response.finalUrl).origin}, away from the hub's registered origin`);
  }
  if (response.status === 304) return { notModified: true };
  verifySignature(response.headers[SIGNATURE_HEADER], response.body, source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new PullFailure(true, 'the page is not valid JSON');
  }
  const header = response.headers.etag;
  return { notModified: false, ...checkEnvelope(parsed, source.id, cursor), etag: typeof header === 'string' ? header : null, bytes: response.body.length };
}

/** The hub's pinned keys by kid, from its registered descriptor. */
export function pinnedKeys(descriptor: HubDescriptor): Map<string, KeyObject> {
  return new Map(descriptor.keys.map((jwk) => [jwk.kid, publicKeyFromJwk(jwk)]));
}

const pinned = new Map<string, ReadonlyMap<string, KeyObject>>();

/**
 * The keys pinned in a registered descriptor (the registry's stored JSON), built once per
 * descriptor: every page and every notify checks a signature, and a refreshed descriptor
 * is a new text, so it gets its own entry.
 */
export function pinnedKeysOf(descriptorJson: string): ReadonlyMap<string, KeyObject> {
  let keys = pinned.get(descriptorJson);
  if (keys === undefined) {
    if (pinned.size >= 1_000) pinned.clear();
    keys = pinnedKeys(JSON.parse(descriptorJson) as HubDescriptor);
    pinned.set(descriptorJson, keys);
  }
  return keys;
}

export function bodyDigest(body: Buffer): string {
  return `sha-256=${createHash('sha256').update(body).digest('base64')}`;
}

function verifySignature(header: string | string[] | undefined, body: Buffer, source: PageSource): void {
  if (typeof header !== 'string' || header === '') throw new PullFailure(true, `bad page signature: the ${SIGNATURE_HEADER} header is missing`);
  let claims: Record<string, unknown>;
  try {
    claims = verifyJwt(header, source.keys, { maxLifetimeSeconds: SIGNATURE_MAX_AGE_SECONDS });
  } catch (error) {
    throw new PullFailure(true, `bad page signature: ${error instanceof JwsError ? error.message : 'unreadable'}`);
  }
  const checked = validate(PageSignatureClaims, claims);
  if (!checked.ok) {
    const issue = checked.issues[0];
    throw new PullFailure(true, `bad page signature: claim ${issue?.field ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  if (checked.value.iss !== source.id) throw new PullFailure(true, `bad page signature: signed by ${checked.value.iss}, not ${source.id}`);
  if (checked.value.digest !== bodyDigest(body)) throw new PullFailure(true, 'bad page signature: the digest does not match the body');
}

/** The envelope, field by field: a broken envelope refuses the page; items are the writer's to check. */
function checkEnvelope(parsed: unknown, hubId: string, cursor: string): Omit<CheckedPage, 'etag' | 'bytes'> {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PullFailure(true, 'the page is not a JSON object');
  const page = parsed as Record<string, unknown>;
  if (page.protocol !== PROTOCOL_VERSION) throw new PullFailure(true, `page.protocol must be ${PROTOCOL_VERSION}`);
  if (page.hub !== hubId) throw new PullFailure(true, `page.hub is ${JSON.stringify(page.hub)}, not ${hubId}: a hub serves only its own feed`);
  if (!Array.isArray(page.items)) throw new PullFailure(true, 'page.items must be an array');
  if (page.items.length > CHANGES_LIMIT.max) throw new PullFailure(true, `page.items holds ${page.items.length} items, more than ${CHANGES_LIMIT.max}`);
  if (typeof page.next !== 'string' || !CURSOR.test(page.next)) throw new PullFailure(true, 'page.next must be a cursor (decimal digits)');
  if (Number(page.next) < Number(cursor)) throw new PullFailure(true, `page.next (${page.next}) is before the cursor asked for (${cursor})`);
  if (typeof page.hasMore !== 'boolean') throw new PullFailure(true, 'page.hasMore must be true or false');
  if (typeof page.latest !== 'number' || !Number.isSafeInteger(page.latest) || page.latest < 0) throw new PullFailure(true, 'page.latest must be a whole number');
  if (page.hasMore && (page.next === cursor || page.items.length === 0)) throw new PullFailure(true, 'page.hasMore is true but the page moves the feed no further');
  return { items: page.items, next: page.next, hasMore: page.hasMore, latest: page.latest };
}
