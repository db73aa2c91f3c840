import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { UnrecoverableError } from 'bullmq';
import type { AddressCheck } from '@constellation/shared/server';
import type { AggregatorConfig } from '../config.ts';
import { announceChanges } from '../live/changes-bus.ts';
import type { NationalEngine } from '../db/engine.ts';
import type { RedisConnection } from '../redis/connect.ts';
import type { Registry } from '../registry/registry.ts';
import { breakerOpenUntil } from './breaker.ts';
import { asPullFailure } from './failures.ts';
import type { HubBookkeeping } from './health.ts';
import type { PullLane } from './jobs.ts';
import { fetchPage, pinnedKeysOf } from './page.ts';

/** What a pull needs from the aggregator's services. */
export interface PullServices {
  config: AggregatorConfig;
  registry: Registry;
  /** The store, whichever the engine: its writer and the hubs' health bookkeeping. */
  engine: NationalEngine;
  /** Announces applied changes (pub/sub); never fails a pull. */
  redis: RedisConnection;
  /** Test-only extra veto on the addresses the fetcher connects to. */
  addressCheck?: ((check: AddressCheck) => boolean) | undefined;
}

const healthByEngine = new WeakMap<NationalEngine, HubBookkeeping>();

/** One bookkeeper (its prepared statements) per store. */
function healthOf(services: PullServices): HubBookkeeping {
  let health = healthByEngine.get(services.engine);
  if (health === undefined) {
    health = services.engine.health(services.config);
    healthByEngine.set(services.engine, health);
  }
  return health;
}

export interface PullOptions {
  lane: PullLane;
  /** Aborted at shutdown: the pull stops once the batch being committed is in. */
  signal?: AbortSignal;
  /** Awaited between two batches (default: one turn of the event loop). */
  between?: () => Promise<void>;
  now?: () => number;
}

export interface PullTotals {
  pages: number;
  applied: number;
  unchanged: number;
  rejected: number;
}

export type PullOutcome =
  /** Read up to `cursor`; `caughtUp` when that is all the hub had. */
  | ({ status: 'pulled'; cursor: string; latest: number; caughtUp: boolean } & PullTotals)
  /** The hub answered 304: nothing new since the last page at its head. */
  | { status: 'not-modified'; cursor: string }
  /** A live pull found the hub further behind than bulkThreshold: the bulk lane catches it up. */
  | ({ status: 'needs-bulk'; cursor: string; latest: number } & PullTotals)
  /** Shutdown: stopped between batches with the cursor matching the data. */
  | ({ status: 'interrupted'; cursor: string } & PullTotals)
  /** Read as many pages as one pull may: the rest is another job's, so the lock and the worker turn over. */
  | ({ status: 'partial'; cursor: string; latest: number } & PullTotals)
  | { status: 'breaker-open'; until: number }
  | { status: 'skipped'; reason: 'unknown-hub' | 'not-approved' };

/**
 * Pulls one hub's changes from its saved cursor until the feed has no more (or, on the
 * live lane, until the hub proves to be far behind): every page fetched, verified and
 * applied in batches of at most `batchSize` (fewer when a batch would hold the event
 * loop longer than BATCH_BUDGET_MS), each batch one transaction that also moves the
 * cursor, then announced. Between batches the event loop gets a turn (`between`), so
 * other hubs' pulls interleave with a long catch-up. The caller holds the hub's lock.
 *
 * Failures are recorded on the hub and thrown: a transient one as a PullFailure (BullMQ
 * retries it with backoff), a permanent one as an UnrecoverableError (not retried).
 */
export async function pullHub(services: PullServices, hubId: string, options: PullOptions): Promise<PullOutcome> {
  const clock = options.now ?? Date.now;
  const { config, registry } = services;
  const health = healthOf(services);
  const hub = await registry.get(hubId);
  if (hub === undefined) return { status: 'skipped', reason: 'unknown-hub' };
  if (hub.status !== 'approved') return { status: 'skipped', reason: 'not-approved' };
  const openUntil = breakerOpenUntil(hub, clock());
  if (openUntil !== undefined) return { status: 'breaker-open', until: openUntil };

  const source = { id: hub.id, baseUrl: hub.baseUrl, keys: pinnedKeysOf(hub.descriptor) };
  const policy = { ...config, addressCheck: services.addressCheck };
  const owner = { id: hub.id, region: hub.region };
  const totals: PullTotals = { pages: 0, applied: 0, unchanged: 0, rejected: 0 };
  const pace: Pace = { msPerItem: undefined };
  let cursor = hub.cursor;
  let latest = hub.latest;
  let etag = hub.etag;

  try {
    for (;;) {
      if (options.signal?.aborted === true) {
        await health.touched(hub.id, clock(), totals);
        return { status: 'interrupted', cursor, ...totals };
      }
      if (options.lane === 'live' && latest - Number(cursor) > config.bulkThreshold) {
        await health.touched(hub.id, clock(), totals);
        return { status: 'needs-bulk', cursor, latest, ...totals };
      }
      // Ask "anything new?" only at the head: a notify that raised `latest` skips the 304.
      const atHead = etag !== null && Number(cursor) >= latest;
      const page = await unlessStopped(fetchPage(source, cursor, atHead ? etag : null, policy), options.signal);
      if (page === STOPPED) {
        await health.touched(hub.id, clock(), totals);
        return { status: 'interrupted', cursor, ...totals };
      }
      if (page.notModified) {
        await health.succeeded(hub.id, clock(), true, totals);
        return totals.pages === 0 ? { status: 'not-modified', cursor } : { status: 'pulled', cursor, latest, caughtUp: true, ...totals };
      }
      totals.pages += 1;
      latest = Math.max(latest, page.latest);
      if (options.lane === 'live' && page.latest - Number(cursor) > config.bulkThreshold) {
        await health.sawLatest(hub.id, page.latest);
        await health.touched(hub.id, clock(), totals);
        return { status: 'needs-bulk', cursor, latest, ...totals };
      }
      // Only a page read at the head keeps its ETag: that is when it answers "nothing new".
      etag = page.hasMore ? null : page.etag;
      const stopped = await applyPage(services, owner, page, cursor, etag, totals, pace, options);
      cursor = stopped ?? page.next;
      if (stopped !== undefined) {
        await health.touched(hub.id, clock(), totals);
        return { status: 'interrupted', cursor, ...totals };
      }
      if (!page.hasMore) {
        const caughtUp = Number(cursor) >= page.latest;
        await health.succeeded(hub.id, clock(), caughtUp, totals);
        return { status: 'pulled', cursor, latest, caughtUp, ...totals };
      }
      if (totals.pages >= MAX_PAGES[options.lane]) {
        await health.succeeded(hub.id, clock(), false, totals);
        return { status: 'partial', cursor, latest, ...totals };
      }
    }
  } catch (error) {
    const failure = asPullFailure(error);
    await health.failed(hub.id, failure.message, clock(), totals);
    throw failure.permanent ? new UnrecoverableError(failure.message) : failure;
  }
}

/**
 * Pages one pull reads at most before handing the rest to a new job: a feed that never
 * ends (a broken or hostile hub) cannot keep a worker forever, and a long catch-up
 * releases its hub's lock now and then.
 */
export const MAX_PAGES: Record<PullLane, number> = { live: 20, bulk: 200 };

const STOPPED = Symbol('stopped');

/**
 * A fetch raced against shutdown: a hanging hub must not hold a stopping worker until
 * its deadline. The abandoned request still ends at that deadline, on its own.
 */
async function unlessStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof STOPPED> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return STOPPED;
  }
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<typeof STOPPED>((resolve) => {
    onAbort = () => resolve(STOPPED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([work, stopped]);
    if (result === STOPPED) work.catch(() => undefined);
    return result;
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A batch should hold the event loop (and the store's write lock) about this long at
 * most: at `batchSize` items, heavy events (long texts, many occurrences) or a slow disk
 * would otherwise stall live pulls and readers for a whole big transaction.
 */
export const BATCH_BUDGET_MS = 10;

/** How fast this pull applies items, measured as it goes, to size the next batch. */
interface Pace {
  msPerItem: number | undefined;
}

/**
 * Applies a page in batches; resolves to undefined when all of it is in, or to the
 * cursor reached when the signal stopped it between two batches.
 */
async function applyPage(
  services: PullServices,
  owner: { id: string; region: string },
  page: { items: unknown[]; next: string; latest: number },
  from: string,
  etag: string | null,
  totals: PullTotals,
  pace: Pace,
  options: PullOptions,
): Promise<string | undefined> {
  const { batchSize } = services.config;
  let cursor = from;
  let start = 0;
  // An empty page still moves the cursor and records the ETag.
  do {
    const size = pace.msPerItem === undefined ? Math.min(batchSize, 50) : Math.max(1, Math.min(batchSize, Math.floor(BATCH_BUDGET_MS / pace.msPerItem)));
    const batch = page.items.slice(start, start + size);
    start += batch.length;
    const last = start >= page.items.length;
    const position = last ? { cursor: page.next, latest: page.latest, etag } : { cursor: batchCursor(batch, cursor, page.next), latest: page.latest, etag: null };
    const began = performance.now();
    const result = await services.engine.writer.apply(owner, batch, position);
    if (batch.length > 0) {
      const measured = (performance.now() - began) / batch.length;
      pace.msPerItem = pace.msPerItem === undefined ? measured : pace.msPerItem * 0.5 + measured * 0.5;
    }
    cursor = position.cursor;
    totals.applied += result.applied.length;
    totals.unchanged += result.unchanged;
    totals.rejected += result.rejected.length;
    await announceChanges(services.redis, result.applied);
    if (last) return undefined;
    await (options.between ?? yieldToEventLoop)();
    if (options.signal?.aborted === true) return cursor;
  } while (start < page.items.length);
  return undefined;
}

/**
 * The cursor after an intermediate batch: its last item's seq. Items are unchecked, so a
 * seq that is not a whole number between the cursor and the page's `next` is ignored and
 * the cursor stays put; reading a few items again is harmless, skipping some is not.
 */
function batchCursor(batch: readonly unknown[], cursor: string, next: string): string {
  const last = batch.at(-1);
  const seq = last !== null && typeof last === 'object' ? (last as { seq?: unknown }).seq : undefined;
  if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq > Number(cursor) && seq <= Number(next)) return String(seq);
  return cursor;
}

