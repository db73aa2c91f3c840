import { eventFormats, regions } from '@constellation/shared';
import type { NationalStore } from '../db/client.ts';
import { mortonKey } from './morton.ts';
import { carve } from './arena.ts';
import { allocate, COLUMNS, FREE, LIVE, ONLINE, PLACED, type ColumnName, type Columns } from './index-columns.ts';
import { IndexDictionaries } from './index-dictionaries.ts';
import { indexStatements, type ChangeRow, type EventRow, type IndexStatements } from './index-statements.ts';
import { radixSortBy } from './radix.ts';
import { byStart, mergeTiers, type StartTier } from './start-tiers.ts';

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

/** Changes read from the log per query while catching up. */
const SYNC_BATCH = 5_000;
const NO_REGION = 255;

export class MapIndex extends IndexDictionaries {
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

  /** Live indexed events per hub index. */
  private readonly eventsByHub: number[] = [];

  /** By record row id: the slot of a live event (-1 otherwise). */
  private slotOfRow = new Int32Array(0);
  private live = 0;
  private deadSorted = 0;
  private loaded = false;
  private lastSeen = 0;
  private rebuildQueued = false;
  private readonly statements: IndexStatements;

  constructor(private readonly store: NationalStore) {
    super();
    this.statements = indexStatements(store.sqlite);
  }

  /** Live indexed events. */
  get count(): number {
    return this.live;
  }

  /** The national seq the index reflects. */
  get seq(): number {
    return this.lastSeen;
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
    this.tiers = mergeTiers(this.tiers, this.columns, this.pool, renumber, newTail);
  }
}
