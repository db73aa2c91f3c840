import type { AppliedChange } from '../ingest/apply.ts';
import { RegistryError } from '../registry/registry.ts';
import { announceChanges } from '../live/changes-bus.ts';
import type { AggregatorServices } from '../services.ts';
import { adminHubView, type AdminHubView, type HubPreview, type RejectedItemView } from './hub-view.ts';

/** Whether Redis took the scheduling change now; when not, the worker applies it at its next start. */
export interface Scheduling {
  scheduled: boolean;
}

/** How long a registry command waits on Redis before leaving scheduling to the worker's next start. */
const REDIS_DEADLINE_MS = 5_000;

/**
 * Registry operations with their consequences, shared by the admin API and the CLI:
 * the store first (the record), then the change log (so live streams and every API
 * process see the visibility change), then Redis (schedulers, an immediate pull). The
 * store is enough: when Redis is down, the worker re-creates schedulers from the store.
 * Everything goes through the engine (services.engine), so the console and the CLI work
 * the same on SQLite and PostgreSQL.
 */
export class HubAdmin {
  constructor(
    private readonly services: Pick<AggregatorServices, 'engine' | 'registry' | 'redis' | 'queues'>,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<AdminHubView[]> {
    return listHubs(this.services.engine, this.services.registry, this.now());
  }

  async view(id: string): Promise<AdminHubView> {
    const hub = await this.services.registry.get(id);
    if (hub === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    return adminHubView(hub, (await this.services.engine.admin.hubOperations.counts()).get(id), this.now());
  }

  /** Registers a hub by URL (descriptor fetched through the guarded fetcher); it starts pending. */
  async add(url: string): Promise<AdminHubView> {
    const hub = await this.services.registry.add(url, this.now());
    return this.view(hub.id);
  }

  /** Approves a hub: it gets a job scheduler and is pulled at once; content it had shows again. */
  async approve(id: string): Promise<AdminHubView & Scheduling> {
    await this.services.registry.approve(id, this.now());
    await this.announce(await this.services.engine.admin.hubOperations.republish(id));
    const scheduled = await this.schedule(async () => {
      await this.services.queues.syncSchedulers(await this.services.registry.approved());
      await this.services.queues.requestPull(id, 'approved');
    });
    return { ...(await this.view(id)), scheduled };
  }

  /**
   * Suspends a hub: national answers filter on status, so its content is hidden at once;
   * its records move to the head of the change log, which live streams turn into deletes.
   */
  async suspend(id: string, reason: string | null = null): Promise<AdminHubView & Scheduling> {
    await this.services.registry.suspend(id, this.now(), reason);
    await this.announce(await this.services.engine.admin.hubOperations.republish(id));
    const scheduled = await this.schedule(async () => this.services.queues.syncSchedulers(await this.services.registry.approved()));
    return { ...(await this.view(id)), scheduled };
  }

  /** What registering `url` would add (its descriptor, checked as `add` checks it), without adding it. */
  async preview(url: string): Promise<HubPreview> {
    const { baseUrl, descriptor, registeredAs } = await this.services.registry.preview(url);
    return {
      baseUrl,
      id: descriptor.id,
      name: descriptor.name,
      region: descriptor.region,
      protocol: descriptor.protocol,
      contact: { email: descriptor.contact?.email ?? null, url: descriptor.contact?.url ?? null },
      software: descriptor.software === undefined ? null : `${descriptor.software.name} ${descriptor.software.version}`,
      keyIds: descriptor.keys.map((key) => key.kid),
      registeredAs,
    };
  }

  /** The last items the pipeline refused from a hub, newest first, with the field at fault. */
  async rejected(id: string, limit = 50): Promise<RejectedItemView[]> {
    if ((await this.services.registry.get(id)) === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    return (await this.services.engine.admin.hubOperations.rejected(id, limit)).map((row) => ({ seq: row.seq, itemId: row.itemId, field: row.field, message: row.message, at: new Date(row.at).toISOString() }));
  }

  /** Fetches the descriptor again and pins its keys (after the hub rotated its key). */
  async refresh(id: string): Promise<AdminHubView> {
    await this.services.registry.refresh(id);
    return this.view(id);
  }

  /** Removes a hub: its records become tombstones (announced), then the registry row and its scheduler go. */
  async remove(id: string): Promise<{ id: string; removed: number } & Scheduling> {
    if ((await this.services.registry.get(id)) === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    const changes = await this.services.engine.writer.removeHub(id, this.now());
    await this.announce(changes);
    await this.services.registry.delete(id);
    // Its health history goes with it: a hub registered again under this id starts afresh.
    await this.services.engine.admin.hubOperations.forget(id);
    const scheduled = await this.schedule(async () => this.services.queues.syncSchedulers(await this.services.registry.approved()));
    return { id, removed: changes.filter((change) => change.hub === id).length, scheduled };
  }

  private async announce(changes: readonly AppliedChange[]): Promise<void> {
    if (this.services.redis.status === 'ready') await announceChanges(this.services.redis, changes);
    // Otherwise API processes find the changes by reading the log on their timer.
  }

  private async schedule(work: () => Promise<void>): Promise<boolean> {
    if (this.services.redis.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), REDIS_DEADLINE_MS);
      });
      return await Promise.race([work().then(() => true), deadline]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Every registered hub with its health, as operators see them. */
export async function listHubs(engine: AggregatorServices['engine'], registry: AggregatorServices['registry'], now = Date.now()): Promise<AdminHubView[]> {
  const [counts, hubs] = await Promise.all([engine.admin.hubOperations.counts(), registry.list()]);
  return hubs.map((hub) => adminHubView(hub, counts.get(hub.id), now));
}
