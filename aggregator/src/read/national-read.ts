import { contentTypes } from '@constellation/shared';
import { hubs } from '../db/schema/index.ts';
import type { NationalStore } from '../db/client.ts';
import { Clusters, type ClusterAnswer, type ClusterQuery } from './clusters.ts';
import { EventDetail } from './event-detail.ts';
import { EventJson } from './event-json.ts';
import { listPage } from './event-list.ts';
import { EventSearch, SEARCH_LIMITS, type SearchLimits } from './event-search.ts';
import { ExportEvents, type ExportedEvent, type ExportQuery, type FeedQuery } from './export-events.ts';
import type { EventListQuery } from './filter.ts';
import { publicHubs, type HubList } from './hub-health.ts';
import { MapIndex } from './map-index.ts';
import { TextSearch } from './text-search.ts';
import type { ReadView, ShownHub } from './view.ts';

interface HubRowRaw {
  id: string;
  name: string;
  base_url: string;
  status: string;
}

/**
 * The national read side of one API process: the map index and everything that answers
 * from it. Each call reads one snapshot of the store (a deferred read transaction: WAL
 * lets the worker go on writing), with the index first brought up to that snapshot and
 * the hubs' status read in it, so a suspended hub's events are gone from the very next
 * answer. The bench calls these methods directly; the routes only add HTTP.
 */
export class NationalRead {
  readonly index: MapIndex;
  readonly text: TextSearch;
  readonly search: EventSearch;
  readonly json: EventJson;
  private readonly detail: EventDetail;
  private readonly clusterer: Clusters;
  private readonly exporter: ExportEvents;
  private readonly statements;
  /** Live records other than events per hub, as of a national seq. */
  private otherRecords: { seq: number; counts: ReadonlyMap<string, number> } = { seq: -1, counts: new Map() };

  constructor(
    private readonly store: NationalStore,
    limits: Partial<SearchLimits> = {},
  ) {
    const sqlite = store.sqlite;
    this.index = new MapIndex(store);
    this.text = new TextSearch(sqlite);
    this.search = new EventSearch(this.index, this.text, { ...SEARCH_LIMITS, ...limits });
    this.json = new EventJson(sqlite);
    this.detail = new EventDetail(sqlite, this.json);
    this.clusterer = new Clusters(sqlite, this.search);
    this.exporter = new ExportEvents(sqlite, this.search, this.json);
    this.statements = {
      hubs: sqlite.prepare<[], HubRowRaw>('SELECT id, name, base_url, status FROM hubs'),
      // Events are counted by the index; the other types through the (type, hub) index.
      otherRecords: sqlite.prepare<[], { hub: string; n: number }>(
        `SELECT hub, count(*) AS n FROM records WHERE type IN (${contentTypes.values.filter((type) => type !== 'event').map((type) => `'${type}'`).join(', ')}) AND deleted = 0 GROUP BY hub`,
      ),
    };
  }

  /**
   * Runs `work` on one snapshot of the store, the index synced to it (unless `work` reads
   * the store only: a detail, asked back to back by pollers, then costs no index work).
   */
  read<T>(work: (view: ReadView, hubRows: readonly HubRowRaw[]) => T, options: { index?: boolean } = {}): T {
    return this.store.sqlite
      .transaction(() => {
        if (options.index !== false) this.index.sync();
        const rows = this.statements.hubs.all();
        const shown = new Map<string, ShownHub>();
        for (const row of rows) if (row.status === 'approved') shown.set(row.id, { name: row.name, baseUrl: row.base_url });
        return work({ hubs: shown, shown: new Set(shown.keys()), seq: this.index.seq }, rows);
      })
      .deferred();
  }

  /** Loads the map index now (it otherwise loads on the first read). */
  warm(): void {
    this.read(() => undefined);
  }

  /** GET /api/v1/events: the page as JSON text. */
  list(query: EventListQuery, now = Date.now()): string {
    return this.read((view) => listPage(this.search, this.json, view, query, now));
  }

  /** GET /api/v1/events/:hub/:id as JSON text; undefined when not found (or its hub is not shown). */
  event(hub: string, id: string, now = Date.now()): string | undefined {
    return this.read((view) => this.detail.body(view, hub, id, now), { index: false });
  }

  /** GET /api/v1/clusters. */
  clusters(query: ClusterQuery, now = Date.now()): ClusterAnswer {
    return this.read((view) => this.clusterer.compute(view, query, now));
  }

  /** GET /api/v1/hubs. */
  hubs(now = Date.now()): HubList {
    return this.read((view) => {
      if (this.otherRecords.seq !== view.seq) this.otherRecords = { seq: view.seq, counts: new Map(this.statements.otherRecords.all().map((row) => [row.hub, row.n])) };
      return publicHubs(this.store.db.select().from(hubs).all(), this.index, this.otherRecords.counts, now);
    });
  }

  /** What an export serialises, or nothing when `fresh(view)` says the client's copy is current. */
  exportEvents(query: ExportQuery, max: number, now: number, fresh: (view: ReadView) => boolean): { view: ReadView; events: ExportedEvent[] } | undefined {
    return this.read((view) => (fresh(view) ? undefined : { view, events: this.exporter.load(view, query, max, now) }));
  }

  /** A feed's page, unless `fresh` says the client's copy is current. */
  feedPage(query: FeedQuery, now: number, fresh: (view: ReadView) => boolean): { view: ReadView; events: ExportedEvent[]; next: string | undefined } | undefined {
    return this.read((view) => (fresh(view) ? undefined : { view, ...this.exporter.page(view, query, now) }));
  }
}

const reads = new WeakMap<NationalStore, NationalRead>();

/** The process's read side for this store (one map index per store connection). */
export function nationalRead(store: NationalStore): NationalRead {
  let read = reads.get(store);
  if (read === undefined) reads.set(store, (read = new NationalRead(store)));
  return read;
}
