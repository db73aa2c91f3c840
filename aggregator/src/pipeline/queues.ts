import type { Redis } from 'ioredis';
import type { AggregatorConfig } from '../config.ts';
import type { HubRow } from '../db/schema/index.ts';

/**
 * STUB, replaced by the pipeline work: the BullMQ queues (live and bulk pulls) and the
 * per-hub job schedulers, as seen from the API (producers) and the worker.
 */
export class PullQueues {
  constructor(
    readonly config: AggregatorConfig,
    readonly redis: Redis,
  ) {}

  /** Asks for a pull of one hub now (a notify, an approval); deduplicated per hub. */
  async requestPull(_hubId: string, _reason: 'notify' | 'approved' | 'admin'): Promise<void> {}

  /** Makes the job schedulers match the approved hubs: one per approved hub, none for others. */
  async syncSchedulers(_approved: readonly HubRow[]): Promise<void> {}

  async close(): Promise<void> {}
}
