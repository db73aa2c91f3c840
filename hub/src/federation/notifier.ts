import { NOTIFY_PATH, PROTOCOL_VERSION, type NotifyBody } from '@constellation/shared';
import type { FastifyBaseLogger } from 'fastify';
import { FetchRefused, guardedFetch, signJwt, type Resolver } from '@constellation/shared/server';
import type { KeyRingFile } from './keys.ts';

export interface NotifierOptions {
  hubId: string;
  aggregatorUrls: readonly string[];
  keys: Pick<KeyRingFile, 'get'>;
  /**
   * The operator's own aggregator URLs (its configuration): those may be on a private
   * network. Any other (an admin's setting) is posted to public addresses only, checked
   * at each send by the guarded fetcher, not only when it was saved.
   */
  trustedUrls: readonly string[];
  /** Local development: every address is allowed. */
  allowPrivate: boolean;
  /** DNS, replaceable for tests. */
  resolve?: Resolver;
  latest: () => number;
  log: FastifyBaseLogger;
  /**
   * A burst of writes within this window makes one notify, until an aggregator says how
   * long it wants (its 202 carries `debounceMs`; 0 means "each commit, at once").
   */
  debounceMs?: number;
  /** ...but a steady stream of writes still notifies at least this often. */
  maxWaitMs?: number;
  timeoutMs?: number;
  /** Backoff of the retries after a failed notify: base * 2^n, capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
}

/** Notify tokens live at most 60 s (protocol v1); 30 s leaves room for clock skew. */
const NOTIFY_TOKEN_SECONDS = 30;

/** One aggregator's side of the notifier. */
interface Target {
  url: string;
  /** The aggregator's own pacing, once it said it; until then the configured debounce. */
  debounceMs: number | undefined;
  /** Commits not yet announced to it. */
  pending: boolean;
  firstPendingAt: number | undefined;
  timer: NodeJS.Timeout | undefined;
  immediate: NodeJS.Immediate | undefined;
  inFlight: boolean;
  retry: NodeJS.Timeout | undefined;
  /** Dropped from the settings: whatever it had under way stops. */
  removed: boolean;
}

const normaliseUrl = (url: string) => url.replace(/\/+$/, '');

function newTarget(url: string): Target {
  return { url, debounceMs: undefined, pending: false, firstPendingAt: undefined, timer: undefined, immediate: undefined, inFlight: false, retry: undefined, removed: false };
}

/**
 * Tells each configured aggregator, after commit, that this hub has news. It is an
 * accelerator only (aggregators also poll), so it never runs inside a write: writes
 * call `changed()`, which only arms a timer. Bursts are merged into one notify (within
 * the debounce window, or while a notify to that aggregator is on its way), failures
 * retried with exponential backoff, and nothing it does can fail a write.
 *
 * An aggregator that pulls on the spot and merges notifies itself answers with
 * `debounceMs: 0`; the notifier then sends at once, so a commit reaches the national
 * index in milliseconds instead of after a debounce window.
 */
export class Notifier {
  private targets: Target[];
  private closed = false;
  private readonly options: Required<Omit<NotifierOptions, 'log' | 'resolve'>> & Pick<NotifierOptions, 'resolve'> & { log: FastifyBaseLogger };
  private readonly trusted: Set<string>;

  constructor(options: NotifierOptions) {
    this.options = { debounceMs: 200, maxWaitMs: 2_000, timeoutMs: 5_000, retryBaseMs: 1_000, retryMaxMs: 60_000, maxAttempts: 8, ...options };
    this.targets = [...new Set(this.options.aggregatorUrls.map(normaliseUrl))].map(newTarget);
    this.trusted = new Set(this.options.trustedUrls.map(normaliseUrl));
  }

  /**
   * Switches to these aggregators (an admin changed the hub's settings): the ones kept
   * keep their pacing and pending news, the ones dropped stop at once, and new ones hear
   * of the hub's latest change now rather than at its next write.
   */
  setAggregatorUrls(urls: readonly string[]): void {
    if (this.closed) return;
    const wanted = [...new Set(urls.map(normaliseUrl))];
    const kept = new Map(this.targets.map((target) => [target.url, target]));
    for (const target of this.targets) {
      if (!wanted.includes(target.url)) this.stop(target);
    }
    this.targets = wanted.map((url) => kept.get(url) ?? newTarget(url));
    for (const target of this.targets) if (!kept.has(target.url)) this.arm(target);
  }

  /** Called after a commit that changed public content. Cheap and synchronous. */
  changed(): void {
    if (this.closed) return;
    for (const target of this.targets) this.arm(target);
  }

  close(): void {
    this.closed = true;
    for (const target of this.targets) this.stop(target);
  }

  private stop(target: Target): void {
    target.removed = true;
    if (target.timer !== undefined) clearTimeout(target.timer);
    if (target.immediate !== undefined) clearImmediate(target.immediate);
    if (target.retry !== undefined) clearTimeout(target.retry);
    target.timer = target.immediate = target.retry = undefined;
  }

  /** Notes news for one aggregator and plans its notify. */
  private arm(target: Target): void {
    const now = Date.now();
    target.pending = true;
    target.firstPendingAt ??= now;
    // One notify on its way at a time: what comes meanwhile goes in the next one.
    if (target.inFlight) return;
    const debounce = target.debounceMs ?? this.options.debounceMs;
    if (debounce === 0) {
      // The same tick's commits still make one notify.
      target.immediate ??= setImmediate(() => this.flush(target));
      return;
    }
    if (target.timer !== undefined) clearTimeout(target.timer);
    const wait = Math.max(0, Math.min(debounce, target.firstPendingAt + this.options.maxWaitMs - now));
    target.timer = setTimeout(() => this.flush(target), wait);
  }

  private flush(target: Target): void {
    target.timer = undefined;
    target.immediate = undefined;
    if (this.closed || target.removed || !target.pending || target.inFlight) return;
    target.pending = false;
    target.firstPendingAt = undefined;
    // A newer notify supersedes a pending retry: it carries the newer latest.
    if (target.retry !== undefined) clearTimeout(target.retry);
    target.retry = undefined;
    void this.send(target, 0);
  }

  private async send(target: Target, attempt: number): Promise<void> {
    if (this.closed || target.removed) return;
    target.inFlight = true;
    let failure: string | undefined;
    try {
      failure = await this.post(target);
    } finally {
      target.inFlight = false;
    }
    if (this.closed || target.removed) return;
    if (failure !== undefined && !target.pending) this.scheduleRetry(target, attempt, failure);
    // Commits made while it was on its way: announce them now (their notify supersedes a retry).
    if (target.pending) this.arm(target);
  }

  /** One notify; resolves to why it should be retried, or undefined when done (sent, or refused for good). */
  private async post(target: Target): Promise<string | undefined> {
    const latest = this.options.latest();
    const key = this.options.keys.get().current;
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ iss: this.options.hubId, aud: target.url, latest, iat: now, exp: now + NOTIFY_TOKEN_SECONDS }, key.privateKey, key.kid);
    const body: NotifyBody = { protocol: PROTOCOL_VERSION, hub: this.options.hubId, latest };
    try {
      // Through the guarded fetcher at every send: an admin's URL was checked when saved,
      // but its name may resolve elsewhere now (DNS rebinding). The operator's own URLs may
      // be private. A POST follows no redirect.
      const response = await guardedFetch(new URL(NOTIFY_PATH, `${target.url}/`).href, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        deadlineMs: this.options.timeoutMs,
        maxBytes: 64 * 1024,
        allowPrivate: this.options.allowPrivate || this.trusted.has(target.url),
        okStatus: () => true,
        ...(this.options.resolve === undefined ? {} : { resolve: this.options.resolve }),
      });
      const text = response.body.toString('utf8');
      if (response.status >= 500 || response.status === 429) return `HTTP ${response.status}`;
      if (response.status < 200 || response.status >= 300) {
        // A 4xx will not get better by retrying: the aggregator does not know or trust us.
        this.options.log.warn({ aggregatorUrl: target.url, status: response.status }, 'aggregator refused the notify; not retrying');
        return undefined;
      }
      target.debounceMs = pacingOf(text, this.options.maxWaitMs) ?? target.debounceMs;
      return undefined;
    } catch (error) {
      if (error instanceof FetchRefused && (error.reason === 'private-address' || error.reason === 'scheme' || error.reason === 'credentials' || error.reason === 'invalid-url')) {
        // A rule, not a failure: retrying would not change it.
        this.options.log.warn({ aggregatorUrl: target.url, reason: error.message }, 'notify not sent: the aggregator URL is refused');
        return undefined;
      }
      return (error as Error).message;
    }
  }

  private scheduleRetry(target: Target, attempt: number, failure: string): void {
    if (attempt + 1 >= this.options.maxAttempts) {
      this.options.log.warn({ aggregatorUrl: target.url, failure, attempts: attempt + 1 }, 'notify failed; the aggregator will catch up by polling');
      return;
    }
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** attempt);
    this.options.log.info({ aggregatorUrl: target.url, failure, retryInMs: delay }, 'notify failed; retrying');
    const retry = setTimeout(() => {
      target.retry = undefined;
      if (target.inFlight) return; // a newer notify is on its way
      void this.send(target, attempt + 1);
    }, delay);
    retry.unref();
    target.retry = retry;
  }
}

/** The aggregator's `debounceMs` from a 202 body, when it gave a sensible one. */
function pacingOf(text: string, maxWaitMs: number): number | undefined {
  try {
    const value = (JSON.parse(text) as { debounceMs?: unknown }).debounceMs;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, maxWaitMs) : undefined;
  } catch {
    return undefined;
  }
}
