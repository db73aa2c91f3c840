import { IndexQuery, SCAN_BY_PLACE_MAX } from './index-query.ts';
import { TopHits, type After, type Hit } from './top-hits.ts';
import type { EventFilter, SortOrder, TextQuery } from './filter.ts';
import type { MapIndex } from './map-index.ts';
import type { TextSearch } from './text-search.ts';

/** FTS5 matches read newest first before a text counts as common (a few ms). */
export const TEXT_SCAN = 4_096;
/** With a common text, the index's candidates are checked in JavaScript when there are at most this many (~10 µs each). */
export const CANDIDATES_CHECKED = 1_000;
/** With a common text and a broad filter, relevance ranks this many of the newest matches that pass the filter. */
export const RANKED_NEWEST = 400;
/** Reading a row id from FTS5 costs about this share of checking one candidate's text in JavaScript. */
const READ_VS_CHECK = 1 / 50;
/** Candidates taken from the index at a time when a common text is matched in date order. */
const WALK_BATCH = 256;
/**
 * Candidates checked in date order before giving up for reading every match: matches are
 * not spread evenly in time (a word of exhibition titles fills the ongoing events first).
 */
const WALK_MAX = 2_048;

/** A found event with its sort value: the start (date order) or minus its relevance. */
export interface Ranked extends Hit {
  value: number;
}

export interface Found {
  hits: Ranked[];
  /** More events follow the ones returned. */
  more: boolean;
  /**
   * Relevance was computed over the newest matches only (a word in a large share of the
   * events and filters that keep most of them): the best of those come first.
   */
  approximate: boolean;
}

/**
 * Finding events: the map index for every filter but the text, FTS5 for the text, combined
 * by the cheapest exact plan available (text-search.ts says why it is not one plan):
 * 1. the text matches few events (at most TEXT_SCAN): FTS5 lists them, the index filters them;
 * 2. the filters keep few events (at most CANDIDATES_CHECKED): the index lists them, their
 *    text is matched in JavaScript;
 * 3. both are large: in date order, every match is read from FTS5 (exact, slower); by
 *    relevance, the newest RANKED_NEWEST matches passing the filters are ranked.
 */
export interface SearchLimits {
  textScan: number;
  candidatesChecked: number;
  rankedNewest: number;
  /** See IndexQuery: the largest map view scanned in key order. */
  scanByPlaceMax: number;
}

export const SEARCH_LIMITS: SearchLimits = { textScan: TEXT_SCAN, candidatesChecked: CANDIDATES_CHECKED, rankedNewest: RANKED_NEWEST, scanByPlaceMax: SCAN_BY_PLACE_MAX };

export class EventSearch {
  constructor(
    private readonly index: MapIndex,
    private readonly text: TextSearch,
    private readonly limits: SearchLimits = SEARCH_LIMITS,
  ) {}

  /** The umbrella event's id behind a cell's `parent` (see Cell). */
  umbrellaId(parent: number): string | undefined {
    return this.index.parentId(parent);
  }

  query(filter: EventFilter, shown: ReadonlySet<string>): IndexQuery {
    return new IndexQuery(this.index, filter, shown, this.limits.scanByPlaceMax);
  }

  /** The events after `after` in `sort` order, at most `limit`. */
  find(filter: EventFilter, shown: ReadonlySet<string>, sort: SortOrder, limit: number, after?: After): Found {
    const query = this.query(filter, shown);
    if (query.empty) return { hits: [], more: false, approximate: false };
    const text = filter.text;
    if (text === undefined || text === null) return page(query.byDate(limit + 1, after).map((hit) => ({ ...hit, value: hit.start })), limit, false);
    const newest = this.text.newest(text, this.limits.textScan);
    if (newest.complete) {
      const hits = query.amongRows(newest.rows);
      return ranked(hits, sort === 'relevance' ? this.text.relevance(text, hits.map((hit) => hit.row)) : undefined, limit, after, false);
    }
    const few = query.all(this.limits.candidatesChecked);
    if (few !== undefined) {
      const scores = this.text.matchAndScore(text, few.map((hit) => hit.row));
      return ranked(few.filter((hit) => scores.has(hit.row)), sort === 'relevance' ? scores : undefined, limit, after, false);
    }
    if (sort === 'relevance') {
      const hits = query.amongRows(newest.rows).slice(0, this.limits.rankedNewest);
      // FTS5 matched them all: one the JavaScript matcher would cut differently keeps score 0.
      return ranked(hits, this.text.matchAndScore(text, hits.map((hit) => hit.row)), limit, after, true);
    }
    // In date order: walk the index by date checking each candidate's text when the text is
    // common enough for that to be cheaper than reading every match from FTS5.
    const density = newest.rows.length / Math.max(1, (newest.rows[0] ?? 0) - (newest.rows.at(-1) ?? 0) + 1);
    if ((limit + 1) / density < density * this.index.count * READ_VS_CHECK) {
      const walked = this.walkMatching(query, text, limit, after);
      if (walked !== undefined) return walked;
    }
    return ranked(query.amongRows(this.text.all(text)), undefined, limit, after, false);
  }

  /**
   * Candidates in date order, their text checked in batches, until the page is full;
   * undefined when WALK_MAX candidates did not fill it.
   */
  private walkMatching(query: IndexQuery, text: TextQuery, limit: number, after?: After): Found | undefined {
    const found: Ranked[] = [];
    let position = after;
    for (let checked = 0; found.length <= limit; checked += WALK_BATCH) {
      if (checked >= WALK_MAX) return undefined;
      const batch = query.byDate(WALK_BATCH, position);
      const matched = this.text.matchAndScore(text, batch.map((hit) => hit.row));
      for (const hit of batch) if (matched.has(hit.row)) found.push({ ...hit, value: hit.start });
      const last = batch.at(-1);
      if (last === undefined || batch.length < WALK_BATCH) break;
      position = { value: last.start, row: last.row };
    }
    return page(found, limit, false);
  }

  /** The record rows of the events matching the filter and the text (for the clusters). */
  textRows(query: IndexQuery, text: TextQuery): number[] {
    const newest = this.text.newest(text, this.limits.textScan);
    if (newest.complete) return query.amongRows(newest.rows).map((hit) => hit.row);
    const few = query.all(this.limits.candidatesChecked);
    if (few !== undefined) return [...this.text.matchAndScore(text, few.map((hit) => hit.row)).keys()];
    return query.amongRows(this.text.all(text)).map((hit) => hit.row);
  }
}

function page(hits: Ranked[], limit: number, approximate: boolean): Found {
  return { hits: hits.slice(0, limit), more: hits.length > limit, approximate };
}

/** Hits in order of relevance (when scored) or date, after the cursor, paged. */
function ranked(hits: Hit[], scores: Map<number, number> | undefined, limit: number, after: After | undefined, approximate: boolean): Found {
  const top = new TopHits(limit + 1, after);
  for (const hit of hits) top.offer(scores === undefined ? hit.start : -(scores.get(hit.row) ?? 0), hit.row, hit.slot, hit.end, hit.start);
  return page(top.ranked(), limit, approximate);
}
