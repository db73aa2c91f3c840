import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BaseAdapter } from '@bull-board/api/dist/queueAdapters/base.js';
import { STATUSES } from '@bull-board/api/dist/constants/statuses.js';
import type { HTTPStatus, JobCleanStatus, JobCounts, JobStatus, MetricsType, QueueJob, QueueMetrics, Status } from '@bull-board/api/typings/app';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { ErrorBody } from '@constellation/shared';
import { HttpError } from '../http-errors.ts';
import type { PullLane } from '../pipeline/jobs.ts';
import type { PullQueues } from '../pipeline/queues.ts';
import type { RedisConnection } from '../redis/connect.ts';

export const DASHBOARD_PATH = '/admin/queues';
/** The pipeline's two lanes: `pulls-live` and `pulls-bulk`. */
const LANES: readonly PullLane[] = ['live', 'bulk'];

/**
 * A read-only view of a BullMQ queue for bull-board. bull-board's own BullMQ adapter
 * requires `bullmq` from where bull-board is installed, which is not where this package's
 * bullmq 6 is; this one takes the queue it is given. Read-only: scheduling is the
 * pipeline's, and the CLI and admin API are where operators act.
 */
class ReadOnlyQueueAdapter extends BaseAdapter {
  constructor(
    private readonly queue: Queue<unknown>,
    private readonly connection: RedisConnection,
  ) {
    super('bullmq', { readOnlyMode: true });
  }

  getRedisInfo(): Promise<string> {
    return this.connection.info();
  }

  getName(): string {
    return this.queue.name;
  }

  getJob(id: string): Promise<QueueJob | undefined> {
    return this.queue.getJob(id) as Promise<QueueJob | undefined>;
  }

  getJobs(jobStatuses: JobStatus[], start?: number, end?: number): Promise<QueueJob[]> {
    // BullMQ 6 has no paused state (a paused queue's jobs wait), so it is not asked for.
    const states = jobStatuses.filter((status): status is Exclude<JobStatus, 'paused'> => status !== STATUSES.paused);
    return this.queue.getJobs(states, start, end) as unknown as Promise<QueueJob[]>;
  }

  getJobCounts(): Promise<JobCounts> {
    return this.queue.getJobCounts() as Promise<JobCounts>;
  }

  async getJobLogs(id: string): Promise<string[]> {
    return (await this.queue.getJobLogs(id)).logs;
  }

  getMetrics(type: MetricsType, start?: number, end?: number): Promise<QueueMetrics> {
    return this.queue.getMetrics(type, start, end) as Promise<QueueMetrics>;
  }

  isPaused(): Promise<boolean> {
    return this.queue.isPaused();
  }

  async getGlobalConcurrency(): Promise<number | null> {
    return (await this.queue.getGlobalConcurrency()) ?? null;
  }

  getStatuses(): Status[] {
    return [STATUSES.latest, STATUSES.active, STATUSES.waiting, STATUSES.waitingChildren, STATUSES.prioritized, STATUSES.completed, STATUSES.failed, STATUSES.delayed];
  }

  getJobStatuses(): JobStatus[] {
    return [STATUSES.active, STATUSES.waiting, STATUSES.waitingChildren, STATUSES.prioritized, STATUSES.completed, STATUSES.failed, STATUSES.delayed];
  }

  // bull-board refuses these itself for a read-only queue; they are here for its interface.
  clean(_status: JobCleanStatus, _graceTimeMs: number): Promise<void> {
    return readOnly();
  }
  addJob(): Promise<QueueJob> {
    return readOnly();
  }
  pause(): Promise<void> {
    return readOnly();
  }
  resume(): Promise<void> {
    return readOnly();
  }
  empty(): Promise<void> {
    return readOnly();
  }
  obliterate(): Promise<void> {
    return readOnly();
  }
  promoteAll(): Promise<void> {
    return readOnly();
  }
  removeJobScheduler(): Promise<boolean> {
    return readOnly();
  }
  setGlobalConcurrency(): Promise<void> {
    return readOnly();
  }
}

function readOnly(): Promise<never> {
  return Promise.reject(new HttpError(405, 'read_only', 'the queue dashboard is read-only; use the CLI or the admin API'));
}

/**
 * The bull-board dashboard at /admin/queues, behind `guard` (admin bearer or cookie),
 * over the pipeline's own queue objects (same names, prefix and connection). They are
 * opened on the first authenticated request, so an API process that never serves the
 * dashboard opens none.
 */
export async function registerDashboard(
  app: FastifyInstance,
  options: { queues: PullQueues; redis: RedisConnection; guard: (request: FastifyRequest, reply: FastifyReply) => Promise<void> },
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'Constellation pulls' } } });
  // bull-board's default handler answers every error as "Internal server error" with its message.
  serverAdapter.setErrorHandler((error: Error & { statusCode?: number }) => {
    if (error instanceof HttpError) {
      const body: ErrorBody = { error: error.code, message: error.message };
      return { status: error.statusCode as HTTPStatus, body };
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const body: ErrorBody = status === 500 ? { error: 'internal_error', message: 'the queue dashboard failed; is Redis reachable?' } : { error: 'bad_request', message: error.message };
    return { status: status as HTTPStatus, body };
  });

  let opened = false;
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      await options.guard(request, reply);
      if (opened) return;
      opened = true;
      board.replaceQueues(LANES.map((lane) => new ReadOnlyQueueAdapter(options.queues.queue(lane), options.redis)));
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
