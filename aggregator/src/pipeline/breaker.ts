import type { HubRow } from '../db/schema/index.ts';

/*
 * The circuit breaker of a failing hub. After `threshold` failed pulls in a row the hub
 * is not pulled until `breakerUntil`; the pause doubles with each further failure, from
 * one poll interval up to an hour. When it runs out, the next pull is the trial: a
 * success closes the breaker, a failure opens it again for twice as long. Only one pull
 * runs per hub (the hub lock), so there is exactly one trial.
 */

export const BREAKER_MAX_MS = 3_600_000;

export interface BreakerPolicy {
  breakerThreshold: number;
  /** The first pause; the poll interval, so an open breaker skips a doubling number of polls. */
  pullIntervalMs: number;
}

/** Open: the hub must not be pulled before the returned instant. */
export function breakerOpenUntil(hub: Pick<HubRow, 'breakerUntil'>, now: number): number | undefined {
  return hub.breakerUntil !== null && hub.breakerUntil > now ? hub.breakerUntil : undefined;
}

/** Where the breaker stands after one more failure: `failures` counts it. */
export function breakerAfterFailure(failures: number, policy: BreakerPolicy, now: number): number | null {
  if (failures < policy.breakerThreshold) return null;
  const doublings = Math.min(failures - policy.breakerThreshold, 30);
  return now + Math.min(BREAKER_MAX_MS, policy.pullIntervalMs * 2 ** doublings);
}
