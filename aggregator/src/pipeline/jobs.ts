import type { JobsOptions } from 'bullmq';

/*
 * The pull jobs, in one place: queue names, the one job name and its payload, and every
 * id built from a hub id. BullMQ refuses job ids with ':' and all-digit ones; hub ids are
 * slugs (letters, digits, dashes), so a fixed prefix and a dash keep every id valid.
 */

/** Scheduled polls and pulls asked for by a notify, an approval or an operator. */
export const LIVE_QUEUE = 'pulls-live';
/** Catch-up of a hub far behind (a new hub's backfill), so live pulls never wait behind it. */
export const BULK_QUEUE = 'pulls-bulk';

export type PullLane = 'live' | 'bulk';

/**
 * BullMQ's key prefix. The braces are a Redis Cluster hash tag: only `constellation` is
 * hashed, so every key of both queues lands in one slot, as BullMQ's scripts need (each
 * touches several keys of its queue at once, and a cluster refuses a script whose keys
 * sit in different slots). The same prefix on one server, so moving to a cluster
 * changes REDIS_URL and nothing else.
 */
export const QUEUE_PREFIX = '{constellation}';

/**
 * A prefix given for one test or deployment, hash-tagged as QUEUE_PREFIX is: kept as it
 * is when it already holds a `{tag}`, else wrapped in braces.
 */
export function taggedPrefix(prefix: string | undefined): string {
  if (prefix === undefined) return QUEUE_PREFIX;
  return /\{[^{}]+\}/.test(prefix) ? prefix : `{${prefix}}`;
}

/** Why a pull was asked for; kept on the job, for the dashboard and the logs. */
export type PullReason = 'schedule' | 'notify' | 'approved' | 'admin' | 'catch-up' | 'resume';

export const PULL_JOB = 'pull';

export interface PullJobData {
  hub: string;
  reason: PullReason;
}

export function queueName(lane: PullLane): string {
  return lane === 'live' ? LIVE_QUEUE : BULK_QUEUE;
}

/** The job scheduler polling one hub on the live queue. */
export function schedulerId(hubId: string): string {
  return `poll-${hubId}`;
}

/** The hub a scheduler id polls, or undefined for a scheduler this code did not make. */
export function hubOfScheduler(id: string): string | undefined {
  return id.startsWith('poll-') ? id.slice('poll-'.length) : undefined;
}

/**
 * At most one waiting on-demand pull per hub and lane: more requests while one waits
 * are the same request. While one runs, BullMQ keeps the newest and starts it when the
 * running one ends (`keepLastIfActive`), so a notify arriving mid-pull is never lost.
 */
export function deduplicationId(lane: PullLane, hubId: string): string {
  return `${lane}-${hubId}`;
}

/**
 * Transient failures (network, 5xx, deadline) are retried: 1 s, 2 s, 4 s. Finished jobs
 * are kept a while for the dashboard, then trimmed so Redis does not grow with time.
 */
export const PULL_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 86_400, count: 5_000 },
} as const satisfies JobsOptions;
