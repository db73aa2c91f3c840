import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { NationalStore } from '../client.ts';
import { admins, campaigns, eventOccurrences, eventsIndex, hubs, records } from '../schema/index.ts';
import type { PgNationalStore } from './client.ts';
import * as pgSchema from './schema.ts';

/*
 * An API process's local read model of the PostgreSQL national store: a SQLite file of its
 * own holding the rows its read side uses (records, the event index, occurrences, the text
 * index's source, the registry, campaigns, admins), copied from PostgreSQL with their row
 * ids and national seqs unchanged, then kept in step by following PostgreSQL's change log
 * (records by nseq). The read code, the in-memory map index and the live stream then run
 * unchanged on it, synchronously, and they follow the local file's change log, which holds
 * the same seqs as PostgreSQL's. Why this rather than porting each read query: see
 * docs/scaling.md, "API processes on PostgreSQL".
 *
 * Consistency: each step reads PostgreSQL in one REPEATABLE READ snapshot (the head, then
 * every record changed after the local head up to it, and the small tables whole) and
 * writes a page of it in one local transaction that also moves the local head, so a local
 * reader sees either a page whole or not at all, and never a head above the records it
 * covers (the log is compacted: a record's latest state is at its latest seq).
 *
 * Read replicas (AGGREGATOR_DATABASE_REPLICA_URLS): a step reads the primary's head first
 * (one row), then takes its snapshot on a replica (round robin) and copies from it only
 * if that snapshot holds at least that head; a replica that lags or fails costs the step
 * a copy from the primary instead. So a step copies at least what the primary held when
 * it started, whichever server serves it (the freshness rule, docs/scaling.md "Read
 * replicas"), and the bulk of the reads (the first fill, the small tables every step, the
 * changed records) leaves the primary when the replicas keep up.
 */

/** Records copied per local transaction: local readers never wait long behind a step. */
const PAGE = 2_000;
/** Rows per local INSERT statement (SQLite's bound-variable limit). */
const INSERT_CHUNK = 400;
const SNAPSHOT = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

type PgDb = PgNationalStore['db'];
type Snapshot = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Which server served the steps so far (the tests and the operator's logs read it). */
export interface ReadModelSources {
  replica: number;
  primary: number;
  /** Steps a replica could not serve: behind the primary's head, or unreachable. */
  replicaBehind: number;
  replicaFailed: number;
}

export class PgReadModel {
  private readonly listeners = new Set<(nseq: number) => void>();
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly primary: PgDb;
  private readonly replicas: readonly PgDb[];
  private nextReplica = 0;
  private readonly statements;
  readonly sources: ReadModelSources = { replica: 0, primary: 0, replicaBehind: 0, replicaFailed: 0 };

  constructor(
    source: PgNationalStore,
    readonly local: NationalStore,
  ) {
    // drizzle's withReplicas: `$primary` alone, `$replicas` each (a snapshot must stay on one server).
    const routed = source.db as unknown as { $primary?: PgDb; $replicas?: PgDb[] };
    this.primary = routed.$primary ?? source.db;
    this.replicas = routed.$replicas ?? [];
    const sqlite = local.sqlite;
    this.statements = {
      head: sqlite.prepare<[], number>("SELECT value FROM national_state WHERE key = 'nseq'").pluck(),
      setHead: sqlite.prepare<[number]>("UPDATE national_state SET value = ? WHERE key = 'nseq'"),
      deleteRecord: sqlite.prepare<[number, string, string]>('DELETE FROM records WHERE row_id = ? OR (hub = ? AND id = ?)'),
      deleteIndex: sqlite.prepare<[number]>('DELETE FROM events_index WHERE row_id = ?'),
      deleteOccurrences: sqlite.prepare<[number]>('DELETE FROM event_occurrences WHERE event_row = ?'),
      deleteText: sqlite.prepare<[number]>('DELETE FROM events_fts WHERE rowid = ?'),
      insertText: sqlite.prepare<[number, string, string, string, string]>('INSERT INTO events_fts (rowid, title, summary, body, place) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** The national seq the local file holds: every answer of this process is built on it. */
  head(): number {
    return this.statements.head.get() ?? 0;
  }

  /** Called after each step that moved the local head (the live stream wakes on it). */
  onAdvance(listener: (nseq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Brings the local file up to PostgreSQL's head as it is now; resolves with the local
   * head. Calls made while a step runs share one more step after it, so a caller always
   * gets a step that started after its call.
   */
  sync(): Promise<number> {
    if (this.running !== undefined) {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.sync();
        });
      return this.queued;
    }
    const run = this.step().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Resolves once the local head is at least `nseq` (or PostgreSQL's head is below it). */
  async reach(nseq: number): Promise<number> {
    if (this.head() >= nseq) return this.head();
    return this.sync();
  }

  /**
   * Follows PostgreSQL: a step every `pollMs`, and one at once when `wake` is called (the
   * workers' Redis announcement). A failed step (PostgreSQL unreachable) is retried by the
   * next one; the process keeps answering from what it holds.
   */
  follow(pollMs: number, onError: (error: unknown) => void): void {
    const tick = () => {
      if (this.closed) return;
      this.sync()
        .catch(onError)
        .finally(() => {
          if (!this.closed) this.timer = setTimeout(tick, pollMs);
        });
    };
    this.timer = setTimeout(tick, pollMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private async step(): Promise<number> {
    const before = this.head();
    const head = (await this.fromReplica()) ?? (await this.fromPrimary());
    if (head > before) for (const listener of this.listeners) listener(head);
    return head;
  }

  private async fromPrimary(): Promise<number> {
    const head = await this.primary.transaction(async (tx) => this.copy(tx, await snapshotHead(tx)), SNAPSHOT);
    this.sources.primary += 1;
    return head;
  }

  /** A step served by a replica whose snapshot holds the primary's head as of now; undefined when none does. */
  private async fromReplica(): Promise<number | undefined> {
    if (this.replicas.length === 0) return undefined;
    const replica = this.replicas[this.nextReplica++ % this.replicas.length] as PgDb;
    const [state] = await this.primary.select({ value: pgSchema.nationalState.value }).from(pgSchema.nationalState).where(eq(pgSchema.nationalState.key, 'nseq'));
    const wanted = state?.value ?? 0;
    try {
      const head = await replica.transaction(async (tx) => {
        const held = await snapshotHead(tx);
        return held < wanted ? undefined : this.copy(tx, held);
      }, SNAPSHOT);
      if (head === undefined) this.sources.replicaBehind += 1;
      else this.sources.replica += 1;
      return head;
    } catch (error) {
      // A replica down or cut off: the primary serves this step (a local write failing is not the replica's fault).
      if (this.closed || !isPgError(error)) throw error;
      this.sources.replicaFailed += 1;
      return undefined;
    }
  }

  /** One snapshot of PostgreSQL into the local file up to `target` (the snapshot's head): the small tables whole, then the changed records by pages. */
  private async copy(tx: Snapshot, target: number): Promise<number> {
    const [hubRows, campaignRows, adminRows] = await Promise.all([
      tx.select().from(pgSchema.hubs),
      tx.select().from(pgSchema.campaigns),
      tx.select().from(pgSchema.admins),
    ]);
    const db = this.local.db;
    // The registry first: a suspension renumbers the hub's records, so its new status and
    // their seqs arrive in the same step.
    this.local.immediate(() => {
      db.delete(hubs).run();
      db.delete(campaigns).run();
      db.delete(admins).run();
      // PostgreSQL keeps a campaign's logo and regions as JSON text; SQLite's columns take the values.
      const campaignValues = campaignRows.map((row) => ({ ...row, logo: row.logo === null ? null : (JSON.parse(row.logo) as unknown), regions: JSON.parse(row.regions) as unknown }));
      for (const [table, rows] of [[hubs, hubRows], [campaigns, campaignValues], [admins, adminRows]] as const) {
        for (let at = 0; at < rows.length; at += INSERT_CHUNK) db.insert(table).values(rows.slice(at, at + INSERT_CHUNK) as never).run();
      }
    });
    let head = this.head();
    while (head < target && !this.closed) {
      const changed = await tx
        .select()
        .from(pgSchema.records)
        .where(and(gt(pgSchema.records.nseq, head), lte(pgSchema.records.nseq, target)))
        .orderBy(asc(pgSchema.records.nseq))
        .limit(PAGE);
      if (changed.length === 0) break;
      const rowIds = changed.map((row) => row.rowId);
      const [indexRows, occurrenceRows, textRows] = await Promise.all([
        tx.select().from(pgSchema.eventsIndex).where(inArray(pgSchema.eventsIndex.rowId, rowIds)),
        tx.select().from(pgSchema.eventOccurrences).where(inArray(pgSchema.eventOccurrences.eventRow, rowIds)).orderBy(asc(pgSchema.eventOccurrences.id)),
        tx
          .select({ rowId: pgSchema.eventsText.rowId, title: pgSchema.eventsText.title, summary: pgSchema.eventsText.summary, body: pgSchema.eventsText.body, place: pgSchema.eventsText.place })
          .from(pgSchema.eventsText)
          .where(inArray(pgSchema.eventsText.rowId, rowIds)),
      ]);
      // The whole page, or the whole snapshot's end when this is the last page.
      const pageHead = changed.length < PAGE ? target : (changed.at(-1)?.nseq ?? target);
      const s = this.statements;
      this.local.immediate(() => {
        for (const row of changed) {
          s.deleteOccurrences.run(row.rowId);
          s.deleteText.run(row.rowId);
          s.deleteIndex.run(row.rowId);
          s.deleteRecord.run(row.rowId, row.hub, row.id);
        }
        for (const [table, rows] of [[records, changed], [eventsIndex, indexRows], [eventOccurrences, occurrenceRows]] as const) {
          for (let at = 0; at < rows.length; at += INSERT_CHUNK) db.insert(table).values(rows.slice(at, at + INSERT_CHUNK) as never).run();
        }
        for (const text of textRows) s.insertText.run(text.rowId, text.title, text.summary, text.body, text.place);
        s.setHead.run(pageHead);
      });
      head = pageHead;
    }
    // The head may be above every record left (a row removed whole): the snapshot is copied.
    if (head < target && !this.closed) this.local.immediate(() => this.statements.setHead.run(target));
    return this.head();
  }
}

async function snapshotHead(tx: Snapshot): Promise<number> {
  const [state] = await tx.select({ value: pgSchema.nationalState.value }).from(pgSchema.nationalState).where(eq(pgSchema.nationalState.key, 'nseq'));
  return state?.value ?? 0;
}

/** An error from PostgreSQL or the connection to it, not from the local SQLite file (better-sqlite3's SqliteError). */
function isPgError(error: unknown): boolean {
  for (let at: unknown = error; at instanceof Error; at = at.cause) if (at.name === 'SqliteError' || at.constructor.name === 'SqliteError') return false;
  return error instanceof Error;
}
