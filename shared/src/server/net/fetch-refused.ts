/**
 * Why the guarded fetcher gave up. Callers branch on `reason`; the message is for people
 * and never carries the body of the response.
 */
export type FetchRefusalReason =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'dns'
  | 'private-address'
  | 'too-many-redirects'
  | 'cross-origin-redirect'
  | 'deadline'
  | 'http-status'
  | 'encoding'
  | 'too-large'
  | 'network';

export class FetchRefused extends Error {
  constructor(
    readonly reason: FetchRefusalReason,
    message: string,
    /** The URL being fetched when it stopped: after redirects, the hop at fault. */
    readonly url?: string,
    /** The response status, for http-status. */
    readonly status?: number,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'FetchRefused';
  }
}
