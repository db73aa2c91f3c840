import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type Job } from 'bullmq';
import { pino, type Logger } from 'pino';
import { connectRedis } from '../redis/connect.ts';
import type { AggregatorServices } from '../services.ts';
import type { HubLocks } from './hub-lock.ts';
import { queueName, taggedPrefix, type PullJobData, type PullLane } from './jobs.ts';
import { LiveFirst } from './live-first.ts';
import { pullHub, type PullOutcome, type PullServices } from './puller.ts';
import { PullQueues } from './queues.ts';

/** What a pull job returns (kept on the finished job, shown by the dashboard). */
export type PullJobResult =
  | PullOutcome
  /** Another pull of the hub was running: it was asked to pull once more, and will. */
  | { status: 'deferred' }
  | { status: 'rounds'; rounds: number; last: PullOutcome };

export interface RunningWorkers {
  /** Resolves once the schedulers were first made to match the registry. */
  ready: Promise<void>;
  /** Re-makes the schedulers from the registry now (after an approval, a flushed Redis). */
  resync(): Promise<void>;
  /** The producer side the workers use (bulk hand-offs, resumes, schedulers). */
  queues: PullQueues;
  locks: HubLocks;
  /**
   * Stops taking jobs, lets each running pull commit its current batch (for CLOSE_GRACE_MS
   * at most), closes queues and connections. Always finishes, Redis up or not.
   */
  close(): Promise<void>;
}

/**
 * How long close() waits for the running pulls to end their batch and be recorded done
 * before it closes the workers anyway. A batch takes about 10 ms; what outlasts this is a
 * worker waiting on a Redis that is away. The whole shutdown has 15 s (server.ts).
 */
const CLOSE_GRACE_MS = 5_000;

export interface WorkerOptions {
  log?: Logger;
  /** How often the schedulers are re-made from the registry (default: the schedulerResyncMs setting, else every poll interval, at least 10 s). */
  resyncIntervalMs?: number;
  /** BullMQ key prefix (default QUEUE_PREFIX; hash-tagged if it is not). */
  prefix?: string;
}

/**
 * Starts the pull workers (the `worker` role): one BullMQ Worker per lane with its own
 * concurrency, so live pulls never queue behind a bulk catch-up; each job takes the
 * hub's lock (or asks its holder to pull once more) and pulls. The schedulers are made to
 * match the registry in the store at start and then periodically, so Redis can be lost.
 */
export async function startWorkers(services: AggregatorServices, options: WorkerOptions = {}): Promise<RunningWorkers> {
  const { config } = services;
  const log = options.log ?? pino({ name: 'aggregator-worker', level: config.logLevel });
  // Workers wait for Redis rather than fail: BullMQ wants maxRetriesPerRequest null. The
  // queues and both BullMQ Workers share this connection (each Worker opens its own
  // blocking one from it), on one server as on a cluster.
  const redis = connectRedis(config.redisUrl, 'blocking');
  redis.on('error', () => undefined);
  const queues = new PullQueues(config, redis, options.prefix === undefined ? {} : { prefix: options.prefix });
  const locks = queues.locks;
  const stopping = new AbortController();
  const pullServices: PullServices = services;
  const liveFirst = new LiveFirst();
  // A catch-up waits this long at most between two batches for live pulls to end.
  const giveWay = () => liveFirst.giveWay(50);

  async function runPull(lane: PullLane, job: Job<PullJobData>): Promise<PullJobResult> {
    const end = lane === 'live' ? liveFirst.begin() : undefined;
    try {
      return await pullWithLock(lane, job);
    } finally {
      end?.();
    }
  }

  async function pullWithLock(lane: PullLane, job: Job<PullJobData>): Promise<PullJobResult> {
    const hubId = job.data.hub;
    const hub = await services.registry.get(hubId);
    if (hub === undefined || hub.status !== 'approved') {
      // A scheduler outlived its hub's approval (suspended from another process): drop it.
      if (job.data.reason === 'schedule') await queues.removeScheduler(hubId).catch(() => undefined);
      return { status: 'skipped', reason: hub === undefined ? 'unknown-hub' : 'not-approved' };
    }
    const lock = await locks.acquire(hubId);
    if (lock === undefined) return { status: 'deferred' };
    let rounds = 0;
    let outcome: PullOutcome;
    try {
      for (;;) {
        rounds += 1;
        outcome = await pullHub(pullServices, hubId, { lane, signal: stopping.signal, ...(lane === 'bulk' ? { between: giveWay } : {}) });
        if (outcome.status !== 'pulled' && outcome.status !== 'not-modified') break;
        // Someone asked for a pull while this one ran: go again, still holding the lock.
        if (!(await lock.round())) return rounds === 1 ? outcome : { status: 'rounds', rounds, last: outcome };
      }
    } finally {
      // A request made while this pull failed is queued again rather than dropped with it.
      if (await lock.release()) {
        await queues.requestPull(hubId, 'resume', 'live').catch((error: unknown) => log.warn({ hub: hubId, err: error }, 'could not queue a pull asked for during a failed one; the next poll serves it'));
      }
    }
    // Released first, so the next job finds the hub free.
    if (outcome.status === 'needs-bulk') {
      log.info({ hub: hubId, cursor: outcome.cursor, latest: outcome.latest }, 'hub far behind: catching it up on the bulk lane');
      await queues.requestPull(hubId, 'catch-up', 'bulk');
    } else if (outcome.status === 'interrupted' || outcome.status === 'partial') {
      await queues.requestPull(hubId, 'resume', lane).catch((error: unknown) => log.warn({ hub: hubId, err: error }, 'could not queue the rest of a pull; the next poll resumes it'));
    } else if (outcome.status === 'breaker-open') {
      log.info({ hub: hubId, until: new Date(outcome.until).toISOString() }, 'circuit breaker open: pull skipped');
    }
    return rounds === 1 ? outcome : { status: 'rounds', rounds, last: outcome };
  }

  const workerOptions = {
    connection: redis,
    prefix: taggedPrefix(options.prefix),
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 86_400, count: 5_000 },
    // A killed worker's job is noticed and handed on within about 15 s, not BullMQ's
    // default 30-60 s during which its hub freezes. Locks are renewed automatically every
    // lockDuration / 2 and a batch takes about 10 ms, so a live worker never loses its lock.
    lockDuration: 10_000,
    stalledInterval: 5_000,
  };
  const lanes = [
    new Worker<PullJobData, PullJobResult>(queueName('live'), (job) => runPull('live', job), { ...workerOptions, concurrency: config.liveConcurrency }),
    new Worker<PullJobData, PullJobResult>(queueName('bulk'), (job) => runPull('bulk', job), { ...workerOptions, concurrency: config.bulkConcurrency }),
  ];
  for (const worker of lanes) {
    worker.on('error', (error) => log.warn({ err: error, queue: worker.name }, 'pull worker error'));
    worker.on('failed', (job, error) => log.warn({ hub: job?.data.hub, queue: worker.name, attempt: job?.attemptsMade, err: error.message }, 'pull failed'));
  }

  const resync = async () => {
    await queues.syncSchedulers(await services.registry.approved());
  };
  // The first sync waits for Redis (it may come up after the worker): no await here.
  const ready = (async () => {
    for (let attempt = 0; !stopping.signal.aborted; attempt += 1) {
      try {
        await resync();
        return;
      } catch (error) {
        log.warn({ err: error }, 'could not sync the pull schedulers yet; retrying');
        await sleep(Math.min(10_000, 500 * 2 ** attempt), undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  })();
  const interval = setInterval(() => {
    resync().catch((error: unknown) => log.warn({ err: error }, 'scheduler sync failed'));
  }, options.resyncIntervalMs ?? config.schedulerResyncMs ?? Math.max(10_000, config.pullIntervalMs));
  interval.unref();

  let closing: Promise<void> | undefined;
  return {
    ready,
    resync,
    queues,
    locks,
    close: () =>
      (closing ??= (async () => {
        clearInterval(interval);
        stopping.abort();
        // Not BullMQ's graceful Worker.close(): it waits for its blocking connection's
        // 'end', which never comes while that connection is between two reconnect attempts
        // (Redis away, or just back after a restart: taskforcesh/bullmq#4656), and it keeps
        // its first call, so a later close(true) cannot end it. The graceful part is a
        // pause instead, which waits the same way (no new job; the running pulls end their
        // batch, as they see `stopping`, and are recorded done) but is not kept: after
        // CLOSE_GRACE_MS, close(true) drops the connections without waiting on them. A job
        // cut short is handed on as stalled, and its pull resumes from the stored cursor.
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS)));
        await Promise.race([Promise.all([...lanes.map((worker) => worker.pause().catch(() => undefined)), ready]), graceOver]);
        clearTimeout(graceTimer);
        await Promise.all(lanes.map((worker) => worker.close(true)));
        await queues.close();
        redis.disconnect();
      })()),
  };
}
