import { NOTIFY_PATH, PROTOCOL_VERSION, type NotifyBody } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import type { FastifyBaseLogger } from 'fastify';
import type { KeyRingFile } from './keys.ts';

export interface NotifierOptions {
  hubId: string;
  aggregatorUrls: readonly string[];
  keys: KeyRingFile;
  latest: () => number;
  log: FastifyBaseLogger;
  /** A burst of writes within this window makes one notify. */
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

/**
 * Tells each configured aggregator, after commit, that this hub has news. It is an
 * accelerator only (aggregators also poll), so it never runs inside a write: writes
 * call `changed()`, which only arms a timer. Bursts are debounced into one notify,
 * failures retried with exponential backoff, and nothing it does can fail a write.
 */
export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | undefined;
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private readonly options: Required<Omit<NotifierOptions, 'log'>> & { log: FastifyBaseLogger };

  constructor(options: NotifierOptions) {
    this.options = { debounceMs: 200, maxWaitMs: 2_000, timeoutMs: 5_000, retryBaseMs: 1_000, retryMaxMs: 60_000, maxAttempts: 8, ...options };
  }

  /** Called after a commit that changed public content. Cheap and synchronous. */
  changed(): void {
    if (this.closed || this.options.aggregatorUrls.length === 0) return;
    const now = Date.now();
    this.firstPendingAt ??= now;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.options.debounceMs, this.firstPendingAt + this.options.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const retry of this.retries.values()) clearTimeout(retry);
    this.retries.clear();
  }

  private flush(): void {
    this.timer = undefined;
    this.firstPendingAt = undefined;
    for (const url of this.options.aggregatorUrls) {
      // A newer notify supersedes a pending retry: it carries the newer latest.
      const pending = this.retries.get(url);
      if (pending !== undefined) clearTimeout(pending);
      this.retries.delete(url);
      void this.send(url, 0);
    }
  }

  private async send(aggregatorUrl: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const latest = this.options.latest();
    const key = this.options.keys.get().current;
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ iss: this.options.hubId, aud: aggregatorUrl, latest, iat: now, exp: now + NOTIFY_TOKEN_SECONDS }, key.privateKey, key.kid);
    const body: NotifyBody = { protocol: PROTOCOL_VERSION, hub: this.options.hubId, latest };
    let failure: string | undefined;
    try {
      // The target is the operator's own configuration, not remote input, so this is a
      // plain fetch; it follows no redirect and gives up after the timeout.
      const response = await fetch(new URL(NOTIFY_PATH, `${aggregatorUrl.replace(/\/+$/, '')}/`), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 500 || response.status === 429) failure = `HTTP ${response.status}`;
      else if (!response.ok) {
        // A 4xx will not get better by retrying: the aggregator does not know or trust us.
        this.options.log.warn({ aggregatorUrl, status: response.status }, 'aggregator refused the notify; not retrying');
        return;
      }
    } catch (error) {
      failure = (error as Error).message;
    }
    if (failure === undefined || this.closed) return;
    if (attempt + 1 >= this.options.maxAttempts) {
      this.options.log.warn({ aggregatorUrl, failure, attempts: attempt + 1 }, 'notify failed; the aggregator will catch up by polling');
      return;
    }
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** attempt);
    this.options.log.info({ aggregatorUrl, failure, retryInMs: delay }, 'notify failed; retrying');
    const retry = setTimeout(() => {
      this.retries.delete(aggregatorUrl);
      void this.send(aggregatorUrl, attempt + 1);
    }, delay);
    retry.unref();
    this.retries.set(aggregatorUrl, retry);
  }
}
