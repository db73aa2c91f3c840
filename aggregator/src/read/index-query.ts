import { eventFormats, regions } from '@constellation/shared';
import { searchBox, type Box, type EventFilter, type Near } from './filter.ts';
import { FREE, LIVE, ONLINE, PLACED } from './index-columns.ts';
import type { MapIndex } from './map-index.ts';
import { cellDivisor, keyRanges } from './morton.ts';
import { CellGrid, commonParent, type Cell } from './cell-grid.ts';
import { lowerBound, type StartTier } from './start-tiers.ts';
import { TopHits, type After, type Hit } from './top-hits.ts';

/** A view whose runs in key order hold at most this many slots is scanned in key order; larger ones are walked by date. */
export const SCAN_BY_PLACE_MAX = 50_000;
/** Reading slots in date order (scattered) costs about this many reads in key order (sequential). */
const RANDOM_READ_COST = 6;

/**
 * One query over the map index: the filter resolved against the index's dictionaries,
 * then the event test (`evaluate`) and the ways to find candidates: runs of Morton keys
 * (a map view), walks of occurrence starts by duration tier (date order), the tail, or a
 * given list of rows (text matches).
 */
export class IndexQuery {
  private readonly from: number;
  private readonly to: number;
  private readonly box: Box | undefined;
  private readonly near: Near | undefined;
  private readonly disciplines: number;
  private readonly audiences: number;
  private readonly accessibility: number;
  private readonly formats: number;
  private readonly regions: number;
  private readonly free: number;
  private readonly online: number;
  private readonly actor: number;
  private readonly campaign: number;
  private readonly parent: number;
  /** Per hub index: the hub is approved and asked for. */
  private readonly hubWanted: Uint8Array;
  /** Per hub index: the hub is approved (its events are shown, so copies of them are not). */
  private readonly hubShown: Uint8Array;
  /** Nothing can match (an unknown actor, an empty box). */
  readonly empty: boolean;
  /** The end of the occurrence `evaluate` found last. */
  private hitEnd = 0;
  /** Any facet filter at all (most map views have none). */
  private readonly facets: boolean;
  // The columns `evaluate` reads, held here: a query runs between two syncs, never across a rebuild.
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  private readonly flags: Uint8Array;
  private readonly hubs: Uint16Array;
  private readonly copyOf: Uint16Array;
  private readonly lats: Float64Array;
  private readonly lons: Float64Array;
  private readonly occ: Int32Array;

  constructor(
    private readonly index: MapIndex,
    filter: EventFilter,
    shownHubs: ReadonlySet<string>,
    private readonly scanByPlaceMax = SCAN_BY_PLACE_MAX,
  ) {
    this.from = filter.from;
    this.to = filter.to;
    this.box = searchBox(filter);
    this.near = filter.near;
    this.disciplines = filter.disciplines;
    this.audiences = filter.audiences;
    this.accessibility = filter.accessibility;
    this.formats = (filter.formats ?? []).reduce((mask, format) => mask | (1 << eventFormats.values.indexOf(format as (typeof eventFormats.values)[number])), 0);
    this.regions = (filter.regions ?? []).reduce((mask, region) => mask | (1 << regions.values.indexOf(region as (typeof regions.values)[number])), 0);
    this.free = filter.free === undefined ? -1 : filter.free ? FREE : 0;
    this.online = filter.online === undefined ? -1 : filter.online ? ONLINE : 0;
    let empty = filter.text === null || (this.box !== undefined && (this.box.west > this.box.east || this.box.south > this.box.north));
    const actor = filter.actor === undefined ? 0 : index.actorIndex(filter.actor);
    const campaign = filter.campaign === undefined ? 0 : index.campaignIndex(filter.campaign);
    const parent = filter.parent === undefined ? 0 : index.parentIndex(filter.parent);
    if (actor === undefined || campaign === undefined || parent === undefined) empty = true;
    this.actor = actor ?? 0;
    this.campaign = campaign ?? 0;
    this.parent = parent ?? 0;
    const hubs = index.hubIds.length;
    this.hubShown = new Uint8Array(hubs);
    this.hubWanted = new Uint8Array(hubs);
    const wanted = filter.hubs === undefined ? undefined : new Set(filter.hubs);
    index.hubIds.forEach((hub, i) => {
      if (!shownHubs.has(hub)) return;
      this.hubShown[i] = 1;
      if (wanted === undefined || wanted.has(hub)) this.hubWanted[i] = 1;
    });
    this.empty = empty;
    this.facets = this.disciplines !== 0 || this.audiences !== 0 || this.accessibility !== 0 || this.formats !== 0 || this.regions !== 0 || this.free >= 0 || this.online >= 0 || this.actor !== 0 || this.campaign !== 0 || this.parent !== 0;
    const c = index.columns;
    this.first = c.first;
    this.last = c.last;
    this.flags = c.flags;
    this.hubs = c.hub;
    this.copyOf = c.copyOf;
    this.lats = c.lat;
    this.lons = c.lon;
    this.occ = c.occ;
  }

  /**
   * The first occurrence in the window of the event in `slot` (its start; `hitEnd` holds
   * its end) when the event passes every filter but the text; NaN otherwise.
   */
  evaluate(slot: number): number {
    // The window first: it turns away most events, from two numbers.
    const first = this.first[slot] as number;
    const last = this.last[slot] as number;
    if (first >= this.to || last < this.from) return Number.NaN;
    const flags = this.flags[slot] as number;
    if ((flags & LIVE) === 0) return Number.NaN;
    if (this.hubWanted[this.hubs[slot] as number] === 0) return Number.NaN;
    // A copy of an event listed under another hub is shown only while that hub is not.
    const copyOf = this.copyOf[slot] as number;
    if (copyOf !== 0 && this.hubShown[copyOf - 1] === 1) return Number.NaN;
    const box = this.box;
    if (box !== undefined) {
      if ((flags & PLACED) === 0) return Number.NaN;
      const lat = this.lats[slot] as number;
      const lon = this.lons[slot] as number;
      if (lat < box.south || lat > box.north || lon < box.west || lon > box.east) return Number.NaN;
      const near = this.near;
      if (near !== undefined) {
        const dLat = lat - near.lat;
        const dLon = lon - near.lon;
        if (dLat * dLat + dLon * dLon * near.lonScale2 > near.radius2) return Number.NaN;
      }
    }
    if (this.facets && !this.facetsMatch(slot, flags)) return Number.NaN;
    return this.firstOccurrence(slot, first, last);
  }

  private facetsMatch(slot: number, flags: number): boolean {
    const c = this.index.columns;
    if (this.disciplines !== 0 && ((c.disciplines[slot] as number) & this.disciplines) === 0) return false;
    if (this.audiences !== 0 && ((c.audiences[slot] as number) & this.audiences) === 0) return false;
    if (this.accessibility !== 0 && ((c.accessibility[slot] as number) & this.accessibility) !== this.accessibility) return false;
    if (this.formats !== 0 && ((1 << (c.format[slot] as number)) & this.formats) === 0) return false;
    if (this.regions !== 0 && ((1 << (c.region[slot] as number)) & this.regions) === 0) return false;
    if (this.free >= 0 && (flags & FREE) !== this.free) return false;
    if (this.online >= 0 && (flags & ONLINE) !== this.online) return false;
    if (this.actor !== 0 && c.actor[slot] !== this.actor) return false;
    if (this.campaign !== 0 && c.campaign[slot] !== this.campaign) return false;
    if (this.parent !== 0 && c.parent[slot] !== this.parent) return false;
    return true;
  }

  /**
   * The window test, as a hub counts it: an occurrence is in [from, to) when it ends after
   * `from` (or is an instant at `from`) and starts before `to`. `first` and `last` bound
   * the event's occurrences and already overlap the window.
   */
  private firstOccurrence(slot: number, first: number, last: number): number {
    const from = this.from;
    const offset = this.occ[slot] as number;
    if (offset < 0) {
      if (last > from || first === from) {
        this.hitEnd = last;
        return first;
      }
      return Number.NaN;
    }
    const pool = this.index.pool;
    // Occurrences are by start: when the first starts at or after `from`, it is the one.
    if (first >= from) {
      this.hitEnd = pool[offset + 3] as number;
      return first;
    }
    const to = this.to;
    const count = pool[offset] as number;
    const longest = pool[offset + 1] as number;
    // None that starts before from - longest can reach from.
    let low = 0;
    let high = count;
    const earliest = from - longest;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((pool[offset + 2 + 2 * middle] as number) < earliest) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < count; i += 1) {
      const start = pool[offset + 2 + 2 * i] as number;
      if (start >= to) break;
      const end = pool[offset + 3 + 2 * i] as number;
      if (end > from || start === from) {
        this.hitEnd = end;
        return start;
      }
    }
    return Number.NaN;
  }

  private hit(slot: number, start: number): Hit {
    return { slot, row: this.index.columns.rowId[slot] as number, start, end: this.hitEnd };
  }

  /** Slot runs [from, to) of the sorted part that hold the box's events. */
  private runs(box: Box): [number, number][] {
    const keys = this.index.columns.key;
    const runs: [number, number][] = [];
    let cursor = 0;
    for (const [low, high] of keyRanges(box)) {
      const from = lowerBound(keys, low, cursor, this.index.placedEnd);
      const to = lowerBound(keys, high, from, this.index.placedEnd);
      if (to > from) runs.push([from, to]);
      cursor = to;
    }
    return runs;
  }

  /**
   * The first `limit` matching events after `after`, by the start of their first
   * occurrence in the window, then row id. A small map view is scanned in key order;
   * anything larger is walked by start, which stops as soon as the page is full.
   */
  byDate(limit: number, after?: After): Hit[] {
    const top = new TopHits(limit, after);
    if (this.empty || limit <= 0) return [];
    const runs = this.box === undefined ? undefined : this.runs(this.box);
    if (runs !== undefined && runs.reduce((sum, [from, to]) => sum + to - from, 0) <= this.scanByPlaceMax) {
      for (const [from, to] of runs) for (let slot = from; slot < to; slot += 1) this.offer(top, slot);
    } else {
      const seen = new Set<number>();
      for (const tier of this.index.tiers) this.walkStarts(tier, top, seen, after);
    }
    for (let slot = this.index.sortedEnd; slot < this.index.size; slot += 1) this.offer(top, slot);
    return top.hits();
  }

  private offer(top: TopHits, slot: number): void {
    const start = this.evaluate(slot);
    if (start === start) top.offer(start, this.index.columns.rowId[slot] as number, slot, this.hitEnd);
  }

  /**
   * The view's runs in key order, cell after cell: a cell's events are consecutive, so they
   * add up in local variables and reach the grid's map once per cell (and run).
   */
  private scanCells(runs: readonly [number, number][], grid: CellGrid): void {
    const { key: keys } = this.index.columns;
    const { first: firsts, last: lasts, flags: flagsOf, hubs, copyOf: copies, lats, lons, occ, hubWanted, hubShown, from, to, near, facets } = this;
    const { parent: parents, rowId: rowIds } = this.index.columns;
    const box = this.box as Box;
    const divisor = grid.divisor;
    let cellEnd = -1;
    let cell = -1;
    let count = 0;
    let sumLat = 0;
    let sumLon = 0;
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    let minKey = Infinity;
    let maxKey = -Infinity;
    let single: Hit | undefined;
    let parent = 0;
    let loose = 0;
    let looseRow = 0;
    const flush = () => {
      if (count > 0) grid.merge({ cell, count, sumLat, sumLon, west, south, east, north, minKey, maxKey, parent, loose, looseRow, ...(count === 1 && single !== undefined ? { hit: single } : {}) });
    };
    // evaluate(), inlined for the one loop that meets every event of France.
    for (const [runFrom, runTo] of runs) {
      for (let slot = runFrom; slot < runTo; slot += 1) {
        const firstStart = firsts[slot] as number;
        const lastEnd = lasts[slot] as number;
        if (firstStart >= to || lastEnd < from) continue;
        const flags = flagsOf[slot] as number;
        if ((flags & LIVE) === 0 || hubWanted[hubs[slot] as number] === 0) continue;
        const copyOf = copies[slot] as number;
        if (copyOf !== 0 && hubShown[copyOf - 1] === 1) continue;
        const lat = lats[slot] as number;
        const lon = lons[slot] as number;
        if (lat < box.south || lat > box.north || lon < box.west || lon > box.east) continue;
        if (near !== undefined) {
          const dLat = lat - near.lat;
          const dLon = lon - near.lon;
          if (dLat * dLat + dLon * dLon * near.lonScale2 > near.radius2) continue;
        }
        if (facets && !this.facetsMatch(slot, flags)) continue;
        let start = firstStart;
        let end = lastEnd;
        if ((occ[slot] as number) >= 0 || (lastEnd <= from && firstStart !== from)) {
          start = this.firstOccurrence(slot, firstStart, lastEnd);
          if (start !== start) continue;
          end = this.hitEnd;
        }
        const key = keys[slot] as number;
        if (key >= cellEnd) {
          flush();
          cell = Math.floor(key / divisor);
          cellEnd = (cell + 1) * divisor;
          count = 0;
          sumLat = 0;
          sumLon = 0;
          west = Infinity;
          south = Infinity;
          east = -Infinity;
          north = -Infinity;
          minKey = key;
          single = undefined;
          parent = 0;
          loose = 0;
        }
        count += 1;
        sumLat += lat;
        sumLon += lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        maxKey = key;
        const parentOf = parents[slot] as number;
        if (parentOf === 0) {
          loose += 1;
          looseRow = rowIds[slot] as number;
        } else if (parent !== -1) parent = commonParent(parent, parentOf);
        if (count === 1) single = { slot, row: rowIds[slot] as number, start, end };
      }
    }
    flush();
  }

  /**
   * Whether the date walk meets this event for the first time: an event with several
   * occurrences can be met at two with the same start, in one tier or two.
   */
  private firstMeeting(slot: number, seen: Set<number>): boolean {
    if ((this.index.columns.occ[slot] as number) < 0) return true;
    if (seen.has(slot)) return false;
    seen.add(slot);
    return true;
  }

  /**
   * One tier's occurrences by start, from the earliest that can reach the window (or the
   * cursor), until the window ends or the page cannot improve any more.
   */
  private walkStarts(tier: StartTier, top: TopHits, seen: Set<number>, after?: After): void {
    const { start: starts, slot: slots } = tier;
    const columns = this.index.columns;
    const to = this.to;
    for (let i = lowerBound(starts, Math.max(this.from - tier.bound, after?.value ?? -Infinity)); i < starts.length; i += 1) {
      const start = starts[i] as number;
      if (start >= to || (top.full && start > top.worstValue)) break;
      const slot = slots[i] as number;
      // Counted at its first occurrence in the window only (the walk meets the others too).
      if (this.evaluate(slot) === start && this.firstMeeting(slot, seen)) top.offer(start, columns.rowId[slot] as number, slot, this.hitEnd);
    }
  }

  /** The [from, to) index range of each tier's occurrences that can meet the window. */
  private tierRanges(): [StartTier, number, number][] {
    return this.index.tiers.map((tier) => {
      const from = lowerBound(tier.start, this.from - tier.bound);
      return [tier, from, lowerBound(tier.start, this.to, from)];
    });
  }

  /** Every matching event, in no order, when there are at most `max` of them; undefined when there are more. */
  all(max: number): Hit[] | undefined {
    const hits: Hit[] = [];
    if (this.empty) return hits;
    const take = (slot: number, start: number): boolean => {
      hits.push(this.hit(slot, start));
      return hits.length <= max;
    };
    const runs = this.box === undefined ? undefined : this.runs(this.box);
    if (runs !== undefined && runs.reduce((sum, [from, to]) => sum + to - from, 0) <= this.scanByPlaceMax) {
      for (const [from, to] of runs) {
        for (let slot = from; slot < to; slot += 1) {
          const start = this.evaluate(slot);
          if (start === start && !take(slot, start)) return undefined;
        }
      }
    } else {
      const seen = new Set<number>();
      for (const [tier, from, to] of this.tierRanges()) {
        for (let i = from; i < to; i += 1) {
          const slot = tier.slot[i] as number;
          const start = tier.start[i] as number;
          if (this.evaluate(slot) === start && this.firstMeeting(slot, seen) && !take(slot, start)) return undefined;
        }
      }
    }
    for (let slot = this.index.sortedEnd; slot < this.index.size; slot += 1) {
      const start = this.evaluate(slot);
      if (start === start && !take(slot, start)) return undefined;
    }
    return hits;
  }

  /** The matching events among these record rows (text matches), in no order. */
  amongRows(rows: Iterable<number>): Hit[] {
    const hits: Hit[] = [];
    if (this.empty) return hits;
    for (const row of rows) {
      const slot = this.index.slotOf(row);
      if (slot < 0) continue;
      const start = this.evaluate(slot);
      if (start === start) hits.push(this.hit(slot, start));
    }
    return hits;
  }

  /**
   * Matching events with a place, grouped by cell of the clustering grid at `zoom`. Cells
   * are found in key order from the view's runs, or by walking starts when the window
   * holds fewer occurrences than the view holds events; `rows` restricts to text matches.
   */
  cells(zoom: number, rows?: Iterable<number>): Map<number, Cell> {
    const grid = new CellGrid(cellDivisor(zoom), this.index.columns);
    if (this.empty || this.box === undefined) return grid.cells;
    if (rows !== undefined) {
      for (const hit of this.amongRows(rows)) grid.add(hit.slot, hit);
      return grid.cells;
    }
    const { sortedEnd, size } = this.index;
    const runs = this.runs(this.box);
    const inView = runs.reduce((sum, [from, to]) => sum + to - from, 0);
    const ranges = this.tierRanges();
    const inWindow = ranges.reduce((sum, [, from, to]) => sum + to - from, 0);
    // A walk by date reads the columns out of order: worth it only for a much smaller set.
    if (inWindow * RANDOM_READ_COST < inView) {
      const seen = new Set<number>();
      for (const [tier, from, to] of ranges) {
        for (let i = from; i < to; i += 1) {
          const slot = tier.slot[i] as number;
          const start = tier.start[i] as number;
          if (this.evaluate(slot) === start && this.firstMeeting(slot, seen)) grid.add(slot, start, this.hitEnd);
        }
      }
    } else this.scanCells(runs, grid);
    for (let slot = sortedEnd; slot < size; slot += 1) {
      const start = this.evaluate(slot);
      if (start === start) grid.add(slot, start, this.hitEnd);
    }
    return grid.cells;
  }
}
