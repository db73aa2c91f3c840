import { and, eq, lt, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { FastifyBaseLogger } from 'fastify';
import { FetchRefused, guardedFetch } from '@constellation/shared/server';
import type { Store } from '../db/client.ts';
import { apActivities, apDeliveries, apPeerSignatures, type ApDeliveryRow } from '../db/schema/index.ts';
import type { ActorKeys } from './actor-keys.ts';
import type { LocalActors } from './local-actors.ts';
import { signedHeaders, type SignatureScheme } from './signatures.ts';
import { keyIdOf } from './uris.ts';

export interface DeliveryOptions {
  allowPrivate: boolean;
  /** Posts in flight at once (each to a different inbox). */
  concurrency?: number;
  /** Posts in flight at once while the hub is answering requests. */
  busyConcurrency?: number;
  /** Whether the hub is answering requests now: deliveries then leave it the processor. */
  busy?: () => boolean;
  /** Backoff: base * 4^attempt, capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** After this many failed attempts a delivery is dropped (about 3 days with the defaults). */
  maxAttempts?: number;
  /** How often the loop looks for due deliveries when nothing woke it. */
  pollMs?: number;
  timeoutMs?: number;
  isBlocked: (host: string) => boolean;
}

type Outcome = { done: true } | { done: false; error: string; retry: boolean };

/** What every delivery of one activity needs: its body and who signs it. */
type Sending = { json: string; keyId: string; privateKeyPem: string } | { refused: string } | undefined;

/** How long an activity's body and signer are reused across its deliveries. */
const SENDING_CACHE_MS = 10_000;

/** A peer that took only draft-cavage is offered RFC 9421 again after this long (it may have upgraded). */
const CAVAGE_RECHECK_MS = 30 * 24 * 3_600_000;
/** A confirmed choice is written back at most this often (not once per delivery). */
const PEER_TOUCH_MS = 24 * 3_600_000;

const otherScheme = (scheme: SignatureScheme): SignatureScheme => (scheme === 'rfc9421' ? 'draft-cavage' : 'rfc9421');

/**
 * The persistent outgoing queue: rows of ap_deliveries, posted by a background loop with
 * HTTP Signatures (RFC 9421 or draft-cavage, whichever the peer takes) through the
 * guarded fetcher. Per inbox, deliveries go strictly in
 * order (a Create before its Update before its Delete): only the oldest pending delivery
 * of an inbox is ever sent, and a failing inbox waits its backoff without holding up the
 * others. A restart resumes from the table; nothing in a request waits on it.
 */
export class DeliveryQueue {
  private readonly inFlight = new Set<string>();
  /** By activity seq: a thousand deliveries of one activity read and parse it once. */
  private readonly sendings = new Map<number, { at: number; sending: Promise<Sending> }>();
  /** By origin: the signature kind the peer took last (read from ap_peer_signatures once per origin). */
  private readonly peers = new Map<string, { scheme: SignatureScheme; learntAt: number } | null>();
  private readonly heads;
  private readonly remove;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private closed = false;
  private readonly options: Required<DeliveryOptions>;

  constructor(
    private readonly store: Store,
    private readonly keys: ActorKeys,
    private readonly actors: LocalActors,
    private readonly log: FastifyBaseLogger,
    options: DeliveryOptions,
  ) {
    this.options = { concurrency: 8, busyConcurrency: 2, busy: () => false, retryBaseMs: 15_000, retryMaxMs: 6 * 3_600_000, maxAttempts: 14, pollMs: 1_000, timeoutMs: 15_000, ...options };
    // Prepared once: building a query costs more than running these.
    const older = alias(apDeliveries, 'older');
    this.heads = store.db
      .select()
      .from(apDeliveries)
      .where(and(lte(apDeliveries.nextAttemptAt, sql.placeholder('now')), notExists(store.db.select({ id: older.id }).from(older).where(and(eq(older.inbox, apDeliveries.inbox), lt(older.id, apDeliveries.id))))))
      .orderBy(apDeliveries.id)
      .limit(sql.placeholder('limit'))
      .prepare();
    this.remove = store.db.delete(apDeliveries).where(eq(apDeliveries.id, sql.placeholder('id'))).prepare();
  }

  start(): void {
    this.schedule(0);
  }

  /** New deliveries were queued: look now rather than at the next poll. */
  wake(): void {
    if (this.closed) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** Pending deliveries (for tests, the bench and operators). */
  pending(): number {
    return this.store.db.select({ n: sql<number>`count(*)` }).from(apDeliveries).get()?.n ?? 0;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.closed || this.running) return;
    this.running = true;
    try {
      // Signing and posting run on the event loop that answers requests: while requests are
      // in flight, fewer posts at once (never none, so a busy hub still drains).
      const limit = this.options.busy() ? this.options.busyConcurrency : this.options.concurrency;
      const free = limit - this.inFlight.size;
      if (free > 0) {
        for (const row of this.dueHeads(free)) {
          this.inFlight.add(row.inbox);
          void this.deliver(row).finally(() => {
            this.inFlight.delete(row.inbox);
            this.wake();
          });
        }
      }
    } catch (error) {
      this.log.error({ err: error }, 'activitypub: the delivery loop failed; retrying');
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.schedule(0);
    } else this.schedule(this.options.pollMs);
  }

  /**
   * The oldest pending delivery of each inbox not being posted to, when due: in id order,
   * skipping rows with an older one for the same inbox (one index probe each), so a
   * thousand pending deliveries cost a short scan rather than a grouping of the table.
   */
  private dueHeads(limit: number): ApDeliveryRow[] {
    // The heads of inboxes being posted to are still in the table: ask for that many more.
    const rows = this.heads.all({ now: Date.now(), limit: limit + this.inFlight.size });
    return rows.filter((row) => !this.inFlight.has(row.inbox)).slice(0, limit);
  }

  private async deliver(row: ApDeliveryRow): Promise<void> {
    const outcome = await this.post(row).catch((error: unknown): Outcome => ({ done: false, error: (error as Error).message, retry: true }));
    // Closed while the post was in flight: the store may be closed too. The row stays as it
    // was and is tried again after a restart (activities are idempotent by their id).
    if (this.closed) return;
    if (outcome.done) {
      this.remove.run({ id: row.id });
      return;
    }
    const attempts = row.attempts + 1;
    if (!outcome.retry || attempts >= this.options.maxAttempts) {
      this.log.warn({ inbox: row.inbox, attempts, error: outcome.error }, 'activitypub: delivery dropped');
      this.remove.run({ id: row.id });
      return;
    }
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 4 ** row.attempts);
    this.log.info({ inbox: row.inbox, attempts, error: outcome.error, retryInMs: delay }, 'activitypub: delivery failed; will retry');
    this.store.db.update(apDeliveries).set({ attempts, nextAttemptAt: Date.now() + delay, lastError: outcome.error.slice(0, 500) }).where(eq(apDeliveries.id, row.id)).run();
  }

  /** The activity's body and signer, read once per activity for all its deliveries (briefly). */
  private sending(seq: number): Promise<Sending> {
    const now = Date.now();
    const cached = this.sendings.get(seq);
    if (cached !== undefined && now - cached.at < SENDING_CACHE_MS) return cached.sending;
    for (const [key, entry] of this.sendings) if (now - entry.at >= SENDING_CACHE_MS) this.sendings.delete(key);
    const sending = (async (): Promise<Sending> => {
      const activity = this.store.db.select({ actorKey: apActivities.actorKey, json: apActivities.json }).from(apActivities).where(eq(apActivities.seq, seq)).get();
      if (activity === undefined) return undefined;
      const actor = this.actors.byKey(activity.actorKey);
      if (actor === undefined) return { refused: 'the sending actor is no longer public' };
      const key = await this.keys.get(activity.actorKey);
      return { json: activity.json, keyId: keyIdOf(actor.uri), privateKeyPem: key.privateKeyPem };
    })();
    this.sendings.set(seq, { at: now, sending });
    // A failure is not kept: the next delivery reads again.
    sending.catch(() => this.sendings.delete(seq));
    return sending;
  }

  /** The kind to sign with first for an origin: what it took last, RFC 9421 for a stranger. */
  private schemeFor(origin: string, now = Date.now()): SignatureScheme {
    let known = this.peers.get(origin);
    if (known === undefined) {
      const row = this.store.db.select().from(apPeerSignatures).where(eq(apPeerSignatures.origin, origin)).get();
      known = row === undefined ? null : { scheme: row.scheme, learntAt: row.learntAt };
      if (this.peers.size >= 10_000) this.peers.clear();
      this.peers.set(origin, known);
    }
    if (known === null) return 'rfc9421';
    if (known.scheme === 'draft-cavage' && now - known.learntAt > CAVAGE_RECHECK_MS) return 'rfc9421';
    return known.scheme;
  }

  private remember(origin: string, scheme: SignatureScheme, now = Date.now()): void {
    const known = this.peers.get(origin);
    if (known !== undefined && known !== null && known.scheme === scheme && now - known.learntAt < PEER_TOUCH_MS) return;
    this.peers.set(origin, { scheme, learntAt: now });
    this.store.db
      .insert(apPeerSignatures)
      .values({ origin, scheme, learntAt: now })
      .onConflictDoUpdate({ target: apPeerSignatures.origin, set: { scheme, learntAt: now } })
      .run();
  }

  private async post(row: ApDeliveryRow): Promise<Outcome> {
    const activity = await this.sending(row.activitySeq);
    if (activity === undefined) return { done: true };
    if (this.options.isBlocked(new URL(row.inbox).hostname)) return { done: false, error: 'blocked domain', retry: false };
    if ('refused' in activity) return { done: false, error: activity.refused, retry: false };
    const origin = new URL(row.inbox).origin;
    try {
      // Double-knocking: the kind the peer is known to take (RFC 9421 for a new one); a 400
      // or 401 may only mean it does not read that kind, so the other kind is tried once.
      let scheme = this.schemeFor(origin);
      let status = await this.postSigned(row.inbox, activity, scheme);
      if (status === 400 || status === 401) {
        scheme = otherScheme(scheme);
        status = await this.postSigned(row.inbox, activity, scheme);
      }
      if (status >= 200 && status < 300) {
        if (!this.closed) this.remember(origin, scheme);
        return { done: true };
      }
      const retry = status >= 500 || status === 429 || status === 408;
      return { done: false, error: `HTTP ${status}`, retry };
    } catch (error) {
      // Refused by the guard (a private address, a bad URL): retrying will not help.
      const retry = !(error instanceof FetchRefused) || ['deadline', 'network', 'dns', 'too-large'].includes(error.reason);
      return { done: false, error: (error as Error).message, retry };
    }
  }

  private async postSigned(inbox: string, activity: { json: string; keyId: string; privateKeyPem: string }, scheme: SignatureScheme): Promise<number> {
    const headers = await signedHeaders('POST', inbox, activity.json, { keyId: activity.keyId, privateKeyPem: activity.privateKeyPem }, undefined, scheme);
    const response = await guardedFetch(inbox, {
      method: 'POST',
      body: activity.json,
      headers,
      accept: 'application/activity+json',
      deadlineMs: this.options.timeoutMs,
      maxBytes: 64 * 1024,
      allowPrivate: this.options.allowPrivate,
      okStatus: () => true,
    });
    return response.status;
  }
}
