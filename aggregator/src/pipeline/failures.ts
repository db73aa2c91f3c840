import { FetchRefused } from '@constellation/shared/server';

/**
 * Why a pull stopped. Transient failures (the network, a 5xx, the deadline) are worth
 * retrying with backoff; permanent ones (a 4xx, a bad signature, a page from the wrong
 * hub, a refused address or redirect) will fail the same way again, so the job stops at
 * once and the next scheduled poll tries afresh. Both are recorded on the hub.
 */
export class PullFailure extends Error {
  constructor(
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'PullFailure';
  }
}

/** Statuses a server sends when it is busy or briefly broken, rather than refusing us. */
const RETRIABLE_STATUSES = new Set([408, 425, 429]);

/** Classifies anything a pull threw; unknown errors count as transient (the store, a hiccup). */
export function asPullFailure(error: unknown): PullFailure {
  if (error instanceof PullFailure) return error;
  if (error instanceof FetchRefused) {
    switch (error.reason) {
      case 'http-status': {
        const status = error.status ?? 0;
        return new PullFailure(!(status >= 500 || RETRIABLE_STATUSES.has(status)), `the hub answered ${status}`);
      }
      case 'deadline':
      case 'network':
      case 'dns':
        return new PullFailure(false, error.message);
      default:
        // private-address, too-many-redirects, cross-origin-redirect, scheme, credentials, invalid-url, too-large, encoding
        return new PullFailure(true, error.message);
    }
  }
  return new PullFailure(false, `pull failed: ${(error as Error)?.message ?? String(error)}`);
}
