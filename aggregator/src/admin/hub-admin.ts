import type { AppliedChange } from '../ingest/apply.ts';
import { RegistryError } from '../registry/registry.ts';
import { announceChanges } from '../live/changes-bus.ts';
import type { AggregatorServices } from '../services.ts';
import { adminHubView, hubCounts, type AdminHubView, type HubPreview, type RejectedItemView } from './hub-view.ts';

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
 */
export class HubAdmin {
  constructor(
    private readonly services: Pick<AggregatorServices, 'store' | 'registry' | 'writer' | 'redis' | 'queues'>,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<AdminHubView[]> {
    return listHubs(this.services.store, this.services.registry, this.now());
  }

  async view(id: string): Promise<AdminHubView> {
    const hub = await this.services.registry.get(id);
    if (hub === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    return adminHubView(hub, hubCounts(this.services.store.sqlite).get(id), this.now());
  }

  /** Registers a hub by URL (descriptor fetched through the guarded fetcher); it starts pending. */
  async add(url: string): Promise<AdminHubView> {
    const hub = await this.services.registry.add(url, this.now());
    return this.view(hub.id);
  }

  /** Approves a hub: it gets a job scheduler and is pulled at once; content it had shows again. */
  async approve(id: string): Promise<AdminHubView & Scheduling> {
    await this.services.registry.approve(id, this.now());
    await this.announce(republishHub(this.services.store, id));
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
    await this.announce(republishHub(this.services.store, id));
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
    return this.services.store.sqlite
      .prepare<[string, number], { seq: number | null; itemId: string | null; field: string; message: string; at: number }>(
        'SELECT seq, item_id AS itemId, field, message, at FROM rejected_items WHERE hub = ? ORDER BY row_id DESC LIMIT ?',
      )
      .all(id, limit)
      .map((row) => ({ seq: row.seq, itemId: row.itemId, field: row.field, message: row.message, at: new Date(row.at).toISOString() }));
  }

  /** Fetches the descriptor again and pins its keys (after the hub rotated its key). */
  async refresh(id: string): Promise<AdminHubView> {
    await this.services.registry.refresh(id);
    return this.view(id);
  }

  /** Removes a hub: its records become tombstones (announced), then the registry row and its scheduler go. */
  async remove(id: string): Promise<{ id: string; removed: number } & Scheduling> {
    if ((await this.services.registry.get(id)) === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    const changes = this.services.writer.removeHub(id, this.now());
    await this.announce(changes);
    await this.services.registry.delete(id);
    // Its health history goes with it: a hub registered again under this id starts afresh.
    this.services.store.sqlite.prepare('DELETE FROM hub_health_samples WHERE hub = ?').run(id);
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
export async function listHubs(store: AggregatorServices['store'], registry: AggregatorServices['registry'], now = Date.now()): Promise<AdminHubView[]> {
  const counts = hubCounts(store.sqlite);
  return (await registry.list()).map((hub) => adminHubView(hub, counts.get(hub.id), now));
}

/**
 * Moves every live record of a hub to the head of the national change log (new nseqs, in
 * chunks so readers are not held back): nothing in them changed but whether they are shown,
 * and readers of the log (the live stream) re-read each one against the hub's status. Other
 * hubs' copies of its events move too: whether they are listed depends on it.
 */
export function republishHub(store: AggregatorServices['store'], hubId: string, chunk = 500): AppliedChange[] {
  const { sqlite } = store;
  const select = sqlite.prepare<[string, number, string, number, number], { row_id: number; hub: string; id: string; type: string }>(
    `SELECT row_id, hub, id, type FROM (
       SELECT row_id, hub, id, type FROM records WHERE hub = ? AND deleted = 0 AND row_id > ?
       UNION
       SELECT r.row_id, r.hub, r.id, r.type FROM events_index copy JOIN records r ON r.row_id = copy.row_id
       WHERE copy.duplicate_of IN (SELECT row_id FROM events_index WHERE hub = ?) AND r.row_id > ?
     ) ORDER BY row_id LIMIT ?`,
  );
  const head = sqlite.prepare<[], { value: number }>("SELECT value FROM national_state WHERE key = 'nseq'");
  const setHead = sqlite.prepare<[number]>("UPDATE national_state SET value = ? WHERE key = 'nseq'");
  const touch = sqlite.prepare<[number, number]>('UPDATE records SET nseq = ? WHERE row_id = ?');
  const changes: AppliedChange[] = [];
  let after = 0;
  for (;;) {
    const batch = store.immediate(() => {
      const rows = select.all(hubId, after, hubId, after, chunk);
      let nseq = head.get()?.value ?? 0;
      const done: AppliedChange[] = rows.map((row) => {
        touch.run(++nseq, row.row_id);
        return { nseq, hub: row.hub, id: row.id, type: row.type, op: 'upsert' as const };
      });
      if (rows.length > 0) setHead.run(nseq);
      after = rows.at(-1)?.row_id ?? after;
      return done;
    });
    changes.push(...batch);
    if (batch.length < chunk) return changes;
  }
}
