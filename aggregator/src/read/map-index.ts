import type Database from 'better-sqlite3';
import { eventFormats, regions } from '@constellation/shared';
import type { NationalStore } from '../db/client.ts';
import { mortonKey } from './morton.ts';
import { carve } from './arena.ts';
import { radixSortBy } from './radix.ts';

/*
 * The national events as columns of typed arrays, one slot per live indexed event, held
 * by each API process: lists, map clusters and exports read it instead of scanning SQL
 * (at a million events a Morton-ordered scan of the view, or a walk by start date, costs
 * milliseconds; SQLite's GROUP BY over an R*Tree result does not).
 *
 * It follows the store through the store's own change log: `records.nseq` rises with
 * every applied change (a record keeps only its latest nseq), so reading the records with
 * `nseq > lastSeen` at the start of a request brings it up to date; when nothing changed
 * that is one indexed probe. Every API process does the same, so several stay correct
 * with no pub/sub. Hub status (approved or not) is read per request, not cached here, so
 * a suspension hides a hub's events at once.
 *
 * Layout. Slots [0, sortedEnd) are in Morton order of their place (events without a place
 * last), so a map view is a few contiguous runs and a cluster cell at any zoom is one run.
 * A changed event takes a new slot at the end (the tail, scanned whole) and its old slot
 * dies; when the tail or the dead grow too many, the slots are compacted and sorted again.
 * Occurrences are also listed by start for lists in date order, in tiers by duration: a
 * tier whose occurrences last at most D is walked from `from - D`, so an exhibition of two
 * months does not make every walk start two months early. Events with several occurrences
 * keep them in `pool` (count, longest duration, then start/end pairs by start).
 */

export const LIVE = 1;
export const PLACED = 2;
export const FREE = 4;
export const ONLINE = 8;

const DAY_MS = 86_400_000;
/**
 * Bounds of the duration tiers; the last is the contract's longest timing (366 days), so
 * every occurrence has a tier.
 */
export const TIER_BOUNDS_MS = [2, 7, 21, 64, 367].map((days) => days * DAY_MS);
/** Changes read from the log per query while catching up. */
const SYNC_BATCH = 5_000;
const NO_REGION = 255;

const COLUMNS = {
  rowId: Int32Array,
  lat: Float64Array,
  lon: Float64Array,
  /** Morton key of the place (morton.ts); Infinity without a place. */
  key: Float64Array,
  /** Earliest start and latest end of all occurrences (epoch ms). */
  first: Float64Array,
  last: Float64Array,
  disciplines: Int32Array,
  audiences: Int32Array,
  accessibility: Int32Array,
  /** Index in eventFormats.values. */
  format: Uint8Array,
  /** Index in regions.values (of the publishing hub). */
  region: Uint8Array,
  /** Index in hubIds. */
  hub: Uint16Array,
  /** For a cross-hub copy: 1 + the hub index of the event it copies; 0 when listed in its own right. */
  copyOf: Uint16Array,
  /** 1 + index in the actor dictionary. */
  actor: Int32Array,
  /** 1 + index in the campaign dictionary; 0 without a campaign. */
  campaign: Int32Array,
  /** 1 + index in the umbrella dictionary (the parent event's id); 0 when not part of an umbrella. */
  parent: Int32Array,
  flags: Uint8Array,
  /** Offset of the event's occurrences in `pool`; -1 with a single occurrence (first..last). */
  occ: Int32Array,
} as const;

type ColumnName = keyof typeof COLUMNS;
export type Columns = { [Name in ColumnName]: InstanceType<(typeof COLUMNS)[Name]> };

function allocate(capacity: number): Columns {
  return carve(Object.fromEntries(Object.entries(COLUMNS).map(([name, Kind]) => [name, [Kind, capacity] as const])) as { [Name in ColumnName]: readonly [(typeof COLUMNS)[Name], number] }) as Columns;
}

/** One event row as the index reads it from events_index (and its twin's hub). */
type EventRow = [
  rowId: number,
  hub: string,
  region: string,
  actorId: string,
  format: string,
  audiences: number,
  disciplines: number,
  accessibility: number,
  free: number,
  online: number,
  lat: number | null,
  lon: number | null,
  firstStart: number,
  lastEnd: number,
  campaign: string | null,
  parent: string | null,
  copyOfHub: string | null,
];

const EVENT_COLUMNS = `e.row_id, e.hub, e.region, e.actor_id, e.format, e.audiences, e.disciplines, e.accessibility, e.free, e.online, e.lat, e.lon,
  e.first_start, e.last_end, e.campaign, e.parent, t.hub`;

interface ChangeRow {
  nseq: number;
  row_id: number;
  hub: string;
  type: string;
  deleted: number;
  occurrences: number;
}

export class MapIndex {
  columns: Columns = allocate(0);
  /** Slots in use (live or dead). */
  size = 0;
  /** Slots [0, sortedEnd) are in key order; [sortedEnd, size) is the tail. */
  sortedEnd = 0;
  /** Slots [0, placedEnd) have a place (a finite key). */
  placedEnd = 0;
  /** Occurrences of sorted slots by start, one list per duration tier (TIER_BOUNDS_MS). */
  tiers: StartTier[] = [];
  pool = new Float64Array(0);
  poolLength = 0;
  /** Pool entries no slot points at any more (events rewritten or gone). */
  private poolGarbage = 0;


  readonly hubIds: string[] = [];
  private readonly hubIndexes = new Map<string, number>();
  private readonly actors = new Map<string, number>();
  private readonly campaigns = new Map<string, number>();
  private readonly parents = new Map<string, number>();
  private parentIds: string[] = [];
  /** Live indexed events per hub index. */
  private readonly eventsByHub: number[] = [];

  /** By record row id: the slot of a live event (-1 otherwise). */
  private slotOfRow = new Int32Array(0);
  private live = 0;
  private deadSorted = 0;
  private loaded = false;
  private lastSeen = 0;
  private rebuildQueued = false;
  private readonly statements;

  constructor(private readonly store: NationalStore) {
    const sqlite: Database.Database = store.sqlite;
    this.statements = {
      head: sqlite.prepare<[], number>('SELECT coalesce(max(nseq), 0) FROM records').pluck(),
      count: sqlite.prepare<[], number>('SELECT count(*) FROM events_index').pluck(),
      occurrenceCount: sqlite.prepare<[], number>('SELECT count(*) FROM event_occurrences').pluck(),
      events: sqlite.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events_index e LEFT JOIN events_index t ON t.row_id = e.duplicate_of`).raw(),
      // In table order: a sequential read, where the event_row index would jump around.
      allOccurrences: sqlite.prepare<[], [number, number, number]>('SELECT event_row, start, "end" FROM event_occurrences').raw(),
      changes: sqlite.prepare<[number, number], ChangeRow>(
        `SELECT r.nseq, r.row_id, r.hub, r.type, r.deleted,
           CASE WHEN r.type = 'event' THEN (SELECT count(*) FROM event_occurrences o WHERE o.event_row = r.row_id) ELSE 0 END AS occurrences
         FROM records r WHERE r.nseq > ? ORDER BY r.nseq LIMIT ?`,
      ),
      event: sqlite.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events_index e LEFT JOIN events_index t ON t.row_id = e.duplicate_of WHERE e.row_id = ?`).raw(),
      occurrences: sqlite.prepare<[number], [number, number]>('SELECT start, "end" FROM event_occurrences WHERE event_row = ? ORDER BY start').raw(),
    };
  }

  /** Live indexed events. */
  get count(): number {
    return this.live;
  }

  /** The national seq the index reflects. */
  get seq(): number {
    return this.lastSeen;
  }

  hubIndex(hub: string): number | undefined {
    return this.hubIndexes.get(hub);
  }

  actorIndex(actorId: string): number | undefined {
    return this.actors.get(actorId);
  }

  campaignIndex(campaign: string): number | undefined {
    return this.campaigns.get(campaign);
  }

  /** The dictionary index of an umbrella event's id, if any event names it as its parent. */
  parentIndex(parent: string): number | undefined {
    return this.parents.get(parent);
  }

  /** The umbrella event's id behind a dictionary index (the other way round from parentIndex). */
  parentId(index: number): string | undefined {
    // The dictionary only grows: rebuild the reverse array when it has (umbrellas are few).
    if (this.parentIds.length !== this.parents.size) {
      this.parentIds = [];
      for (const [id, at] of this.parents) this.parentIds[at - 1] = id;
    }
    return this.parentIds[index - 1];
  }

  rowOf(slot: number): number {
    return this.columns.rowId[slot] as number;
  }

  /**
   * Brings the index up to the store's latest committed change. Call it inside the read
   * transaction that then reads the store, so both see the same snapshot.
   */
  sync(): void {
    if (!this.loaded) {
      this.load();
      return;
    }
    for (;;) {
      const changes = this.statements.changes.all(this.lastSeen, SYNC_BATCH);
      for (const change of changes) this.apply(change);
      const last = changes.at(-1);
      if (last !== undefined) this.lastSeen = last.nseq;
      if (changes.length < SYNC_BATCH) break;
    }
    const tail = this.size - this.sortedEnd;
    if (tail > Math.max(16_384, this.live / 4) || this.deadSorted > Math.max(16_384, this.sortedEnd / 2)) this.rebuild();
    else if ((tail > Math.max(2_048, this.live / 16) || this.deadSorted > Math.max(2_048, this.sortedEnd / 8)) && !this.rebuildQueued) {
      // Soon, but not on this request's time.
      this.rebuildQueued = true;
      setImmediate(() => {
        this.rebuildQueued = false;
        if (this.store.sqlite.open) this.rebuild();
      });
    }
  }

  /** Reads the whole index from the store, in one snapshot. */
  private load(): void {
    const s = this.statements;
    this.store.sqlite
      .transaction(() => {
        this.lastSeen = s.head.get() ?? 0;
        const events = s.count.get() ?? 0;
        this.resize(Math.ceil(events * 1.05) + 1_024);
        // Room for every event's occurrences: pages never written cost no memory.
        this.pool = new Float64Array(Math.max(4_096, 2 * (s.occurrenceCount.get() ?? 0) + 2 * events));
        this.poolLength = 0;
        for (const row of s.events.iterate()) this.write(this.append(), row, []);
        this.loadOccurrences(s.allOccurrences.iterate());
      })
      .deferred();
    this.loaded = true;
    this.rebuild();
    // Loading read every page of the event tables through this connection's cache; queries
    // need few of them again, so give that memory back.
    this.store.sqlite.pragma('shrink_memory');
  }

  /**
   * Keeps the occurrences of the events that have several (a first pass gave every event
   * its slot). Rows come in table order, where the writer puts an event's occurrences
   * together; an event met again further on (not expected) is read again by itself.
   */
  private loadOccurrences(rows: Iterable<[number, number, number]>): void {
    const met = new Uint8Array(this.size);
    const again = new Set<number>();
    let current = -1;
    let group: number[] = [];
    const flush = () => {
      const slot = this.slotOf(current);
      if (slot < 0) return;
      if (met[slot] === 1) again.add(slot);
      met[slot] = 1;
      this.writeOccurrences(slot, byStart(group));
    };
    for (const [row, start, end] of rows) {
      if (row !== current) {
        flush();
        current = row;
        group = [];
      }
      group.push(start, end);
    }
    flush();
    for (const slot of again) {
      const offset = this.columns.occ[slot] as number;
      if (offset >= 0) this.poolGarbage += 2 + 2 * (this.pool[offset] as number);
      this.columns.occ[slot] = -1;
      this.writeOccurrences(slot, this.statements.occurrences.all(this.columns.rowId[slot] as number).flat());
    }
  }

  private apply(change: ChangeRow): void {
    if (change.type !== 'event') return;
    const existing = change.row_id < this.slotOfRow.length ? (this.slotOfRow[change.row_id] as number) : -1;
    const row = change.deleted === 0 ? this.statements.event.get(change.row_id) : undefined;
    if (row === undefined) {
      if (existing >= 0) this.kill(existing);
      return;
    }
    const occurrences = change.occurrences > 1 ? this.statements.occurrences.all(change.row_id).flat() : [];
    // A tail slot is unordered: rewrite it in place. A sorted one keeps its place in the
    // order only if nothing moves, which is not known: it dies and the event joins the tail.
    let slot = existing;
    if (existing < this.sortedEnd) {
      if (existing >= 0) this.kill(existing);
      slot = this.append();
    } else this.release(existing);
    this.write(slot, row, occurrences);
  }

  private internHub(hub: string): number {
    let index = this.hubIndexes.get(hub);
    if (index === undefined) {
      index = this.hubIds.length;
      this.hubIds.push(hub);
      this.hubIndexes.set(hub, index);
    }
    return index;
  }

  private intern(map: Map<string, number>, value: string): number {
    let index = map.get(value);
    if (index === undefined) map.set(value, (index = map.size + 1));
    return index;
  }

  /** A new slot at the end of the tail. */
  private append(): number {
    if (this.size === this.columns.rowId.length) this.resize(Math.max(1_024, Math.ceil(this.size * 1.5)));
    return this.size++;
  }

  private resize(capacity: number): void {
    const next = allocate(capacity);
    for (const name of Object.keys(COLUMNS) as ColumnName[]) (next[name] as { set(from: ArrayLike<number>): void }).set(this.columns[name].subarray(0, this.size));
    this.columns = next;
  }

  private write(slot: number, row: EventRow, occurrences: number[]): void {
    const [rowId, hub, region, actorId, format, audienceMask, disciplineMask, accessibilityMask, free, online, lat, lon, firstStart, lastEnd, campaign, parent, copyOfHub] = row;
    const c = this.columns;
    const placed = lat !== null && lon !== null;
    c.rowId[slot] = rowId;
    c.lat[slot] = lat ?? Number.NaN;
    c.lon[slot] = lon ?? Number.NaN;
    c.key[slot] = placed ? mortonKey(lat, lon) : Infinity;
    c.first[slot] = firstStart;
    c.last[slot] = lastEnd;
    c.disciplines[slot] = disciplineMask;
    c.audiences[slot] = audienceMask;
    c.accessibility[slot] = accessibilityMask;
    c.format[slot] = Math.max(0, eventFormats.values.indexOf(format as (typeof eventFormats.values)[number]));
    const regionIndex = regions.values.indexOf(region as (typeof regions.values)[number]);
    c.region[slot] = regionIndex < 0 ? NO_REGION : regionIndex;
    c.hub[slot] = this.internHub(hub);
    c.copyOf[slot] = copyOfHub === null ? 0 : this.internHub(copyOfHub) + 1;
    c.actor[slot] = this.intern(this.actors, actorId);
    c.campaign[slot] = campaign === null ? 0 : this.intern(this.campaigns, campaign);
    c.parent[slot] = parent === null ? 0 : this.intern(this.parents, parent);
    c.flags[slot] = LIVE | (placed ? PLACED : 0) | (free === 1 ? FREE : 0) | (online === 1 ? ONLINE : 0);
    c.occ[slot] = -1;
    this.writeOccurrences(slot, occurrences);
    if (rowId >= this.slotOfRow.length) {
      const grown = new Int32Array(Math.max(rowId + 1, Math.ceil(this.slotOfRow.length * 1.5), 1_024)).fill(-1);
      grown.set(this.slotOfRow);
      this.slotOfRow = grown;
    }
    this.slotOfRow[rowId] = slot;
    this.live += 1;
    const hubIndex = c.hub[slot] as number;
    this.eventsByHub[hubIndex] = (this.eventsByHub[hubIndex] ?? 0) + 1;
  }

  /** The slot no longer counts as a live event (it is rewritten or dies). */
  private release(slot: number): void {
    const offset = this.columns.occ[slot] as number;
    if (offset >= 0) this.poolGarbage += 2 + 2 * (this.pool[offset] as number);
    const hubIndex = this.columns.hub[slot] as number;
    this.eventsByHub[hubIndex] = (this.eventsByHub[hubIndex] ?? 0) - 1;
    this.live -= 1;
  }

  /** Keeps an event's occurrences (start, end pairs by start) when it has more than one. */
  private writeOccurrences(slot: number, pairs: ArrayLike<number>): void {
    const count = pairs.length / 2;
    if (count <= 1) return;
    const needed = this.poolLength + 2 + pairs.length;
    if (needed > this.pool.length) {
      const grown = new Float64Array(Math.max(needed, Math.ceil(this.pool.length * 1.5), 4_096));
      grown.set(this.pool.subarray(0, this.poolLength));
      this.pool = grown;
    }
    let longest = 0;
    for (let i = 0; i < pairs.length; i += 2) longest = Math.max(longest, (pairs[i + 1] as number) - (pairs[i] as number));
    const offset = this.poolLength;
    this.pool[offset] = count;
    this.pool[offset + 1] = longest;
    this.pool.set(pairs as ArrayLike<number>, offset + 2);
    this.poolLength = needed;
    this.columns.occ[slot] = offset;
  }

  private kill(slot: number): void {
    const c = this.columns;
    this.release(slot);
    c.flags[slot] = 0;
    this.slotOfRow[c.rowId[slot] as number] = -1;
    if (slot < this.sortedEnd) this.deadSorted += 1;
  }

  /**
   * Listed events per hub, as the lists show them: hubs in `shown` only, and a copy of
   * another hub's event only while that hub is not shown.
   */
  listedByHub(shown: ReadonlySet<string>): Map<string, number> {
    const visible = this.hubIds.map((hub) => shown.has(hub));
    const counts = new Array<number>(this.hubIds.length).fill(0);
    const c = this.columns;
    for (let slot = 0; slot < this.size; slot += 1) {
      if (((c.flags[slot] as number) & LIVE) === 0) continue;
      const hub = c.hub[slot] as number;
      const copyOf = c.copyOf[slot] as number;
      if (!visible[hub] || (copyOf !== 0 && visible[copyOf - 1])) continue;
      counts[hub] = (counts[hub] ?? 0) + 1;
    }
    return new Map(this.hubIds.map((hub, i) => [hub, counts[i] ?? 0]));
  }

  /** Live indexed events of a hub, listed or not. */
  eventsOf(hub: string): number {
    const index = this.hubIndexes.get(hub);
    return index === undefined ? 0 : (this.eventsByHub[index] ?? 0);
  }

  /** The slot of a record row, or -1 when it is not a live indexed event. */
  slotOf(rowId: number): number {
    return rowId >= 0 && rowId < this.slotOfRow.length ? (this.slotOfRow[rowId] as number) : -1;
  }

  /**
   * Compacts the live slots into key order: the sorted part is already in order, so only
   * the tail is sorted (all of it after a load) and merged in; the occurrence lists by
   * start are kept, renumbered, with the tail's merged in. Linear in the index, plus a sort
   * of the tail: a fraction of a full sort at a million events.
   */
  rebuild(): void {
    const old = this.columns;
    const keys = old.key;
    let sortedLive = 0;
    for (let slot = 0; slot < this.sortedEnd; slot += 1) if (((old.flags[slot] as number) & LIVE) !== 0) sortedLive += 1;
    const { head, tailSlots } = carve({ head: [Int32Array, sortedLive], tailSlots: [Int32Array, this.live - sortedLive] });
    let h = 0;
    let t = 0;
    for (let slot = 0; slot < this.size; slot += 1) {
      if (((old.flags[slot] as number) & LIVE) === 0) continue;
      if (slot < this.sortedEnd) head[h++] = slot;
      else tailSlots[t++] = slot;
    }
    const tail = radixSortBy(tailSlots.subarray(0, t), (slot) => keys[slot] as number);
    // Merge by key; on a tie the sorted part first.
    const count = h + t;
    const { order, renumber } = carve({ order: [Int32Array, count], renumber: [Int32Array, this.size] });
    renumber.fill(-1);
    for (let i = 0, j = 0, n = 0; n < count; n += 1) {
      const takeHead = j >= t || (i < h && (keys[head[i] as number] as number) <= (keys[tail[j] as number] as number));
      const slot = takeHead ? (head[i++] as number) : (tail[j++] as number);
      order[n] = slot;
      renumber[slot] = n;
    }
    const next = allocate(Math.ceil(count * 1.02) + 1_024);
    for (const name of Object.keys(COLUMNS) as ColumnName[]) {
      const from = old[name];
      const to = next[name];
      for (let i = 0; i < count; i += 1) to[i] = from[order[i] as number] as number;
    }
    this.columns = next;
    let placedEnd = count;
    for (let i = 0; i < count; i += 1) {
      this.slotOfRow[next.rowId[i] as number] = i;
      if (placedEnd === count && next.key[i] === Infinity) placedEnd = i;
    }
    // The pool is rewritten in slot order too: scans then read it in order, not scattered.
    {
      const oldPool = this.pool;
      this.pool = new Float64Array(Math.max(4_096, this.poolLength - this.poolGarbage));
      this.poolLength = 0;
      this.poolGarbage = 0;
      for (let i = 0; i < count; i += 1) {
        const offset = next.occ[i] as number;
        if (offset < 0) continue;
        next.occ[i] = -1;
        this.writeOccurrences(i, oldPool.subarray(offset + 2, offset + 2 + 2 * (oldPool[offset] as number)));
      }
    }
    const newTail = new Int32Array(t);
    for (let j = 0; j < t; j += 1) newTail[j] = renumber[tail[j] as number] as number;
    this.size = count;
    this.sortedEnd = count;
    this.placedEnd = placedEnd;
    this.deadSorted = 0;
    this.tiers = this.mergeTiers(renumber, newTail);
  }

  /**
   * The occurrence lists by start after a rebuild: the old entries renumbered (those of
   * dead slots dropped) merged with the entries of the former tail's events.
   */
  private mergeTiers(renumber: Int32Array, tailSlots: Int32Array): StartTier[] {
    const c = this.columns;
    const pool = this.pool;
    const tierOf = (duration: number) => {
      let tier = 0;
      while (tier < TIER_BOUNDS_MS.length - 1 && duration > (TIER_BOUNDS_MS[tier] as number)) tier += 1;
      return tier;
    };
    const eachOccurrence = (slot: number, visit: (start: number, tier: number) => void) => {
      const offset = c.occ[slot] as number;
      if (offset < 0) {
        const start = c.first[slot] as number;
        visit(start, tierOf((c.last[slot] as number) - start));
        return;
      }
      const occurrences = pool[offset] as number;
      for (let i = 0; i < occurrences; i += 1) {
        const start = pool[offset + 2 + 2 * i] as number;
        visit(start, tierOf((pool[offset + 3 + 2 * i] as number) - start));
      }
    };
    const sizes = TIER_BOUNDS_MS.map(() => 0);
    for (const slot of tailSlots) eachOccurrence(slot, (_start, tier) => (sizes[tier] = (sizes[tier] ?? 0) + 1));
    const added = sizes.map((size) => ({ ...carve({ slot: [Int32Array, size], start: [Float64Array, size] }), n: 0 }));
    for (const slot of tailSlots) {
      eachOccurrence(slot, (start, tier) => {
        const list = added[tier] as (typeof added)[number];
        list.slot[list.n] = slot;
        list.start[list.n++] = start;
      });
    }
    // Starts are integer ms; offset into non-negative integers for the radix sort.
    const OFFSET = 2 ** 51;
    return TIER_BOUNDS_MS.map((bound, tier) => {
      const list = added[tier] as (typeof added)[number];
      const positions = new Int32Array(list.n);
      for (let i = 0; i < list.n; i += 1) positions[i] = i;
      const sorted = radixSortBy(positions, (i) => Math.min(2 ** 52, Math.max(0, (list.start[i] as number) + OFFSET)));
      const before = this.tiers[tier];
      let kept = 0;
      if (before !== undefined) for (let i = 0; i < before.slot.length; i += 1) if ((renumber[before.slot[i] as number] as number) >= 0) kept += 1;
      const merged = carve({ start: [Float64Array, kept + list.n], slot: [Int32Array, kept + list.n] });
      let i = 0;
      let j = 0;
      let n = 0;
      const oldLength = before?.slot.length ?? 0;
      while (i < oldLength || j < list.n) {
        // Skip the entries of dead slots.
        if (before !== undefined && i < oldLength && (renumber[before.slot[i] as number] as number) < 0) {
          i += 1;
          continue;
        }
        const oldStart = before !== undefined && i < oldLength ? (before.start[i] as number) : Infinity;
        const newStart = j < list.n ? (list.start[sorted[j] as number] as number) : Infinity;
        if (oldStart <= newStart && before !== undefined && i < oldLength) {
          merged.start[n] = oldStart;
          merged.slot[n++] = renumber[before.slot[i++] as number] as number;
        } else {
          merged.start[n] = newStart;
          merged.slot[n++] = list.slot[sorted[j++] as number] as number;
        }
      }
      return { bound, start: merged.start, slot: merged.slot };
    });
  }
}

/** Occurrences of one duration tier, by start: those lasting at most `bound`. */
export interface StartTier {
  bound: number;
  start: Float64Array;
  slot: Int32Array;
}

/** Start, end pairs ordered by start (as the writer inserts them; sorted when they are not). */
function byStart(pairs: number[]): number[] {
  for (let i = 2; i < pairs.length; i += 2) {
    if ((pairs[i] as number) < (pairs[i - 2] as number)) {
      const sorted: [number, number][] = [];
      for (let k = 0; k < pairs.length; k += 2) sorted.push([pairs[k] as number, pairs[k + 1] as number]);
      return sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
    }
  }
  return pairs;
}

/** The first index in `values[lo, hi)` whose value is >= `target` (values ascending). */
export function lowerBound(values: Float64Array, target: number, lo = 0, hi = values.length): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
