import type { After, Hit } from './index-query.ts';
import { IndexQuery, SCAN_BY_PLACE_MAX } from './index-query.ts';
import type { EventFilter, SortOrder, TextQuery } from './filter.ts';
import type { MapIndex } from './map-index.ts';
import type { TextSearch } from './text-search.ts';

/** FTS5 matches read newest first before a text counts as common (a few ms). */
export const TEXT_SCAN = 16_384;
/** With a common text, the index's candidates are checked in JavaScript when there are at most this many. */
export const CANDIDATES_CHECKED = 2_000;
/** With a common text and a broad filter, relevance ranks this many of the newest matches that pass the filter. */
export const RANKED_NEWEST = 1_000;

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

  query(filter: EventFilter, shown: ReadonlySet<string>): IndexQuery {
    return new IndexQuery(this.index, filter, shown, this.limits.scanByPlaceMax);
  }

  /** The events after `after` in `sort` order, at most `limit`. */
  find(filter: EventFilter, shown: ReadonlySet<string>, sort: SortOrder, limit: number, after?: After): Found {
    const query = this.query(filter, shown);
    if (query.empty) return { hits: [], more: false, approximate: false };
    const text = filter.text;
    if (text === undefined || text === null) {
      const hits = query.byDate(limit + 1, after).map((hit) => ({ ...hit, value: hit.start }));
      return { hits: hits.slice(0, limit), more: hits.length > limit, approximate: false };
    }
    const matched = this.textHits(query, text, sort === 'relevance');
    const scores = matched.scores;
    const ranked = matched.hits
      .map((hit) => ({ ...hit, value: scores === undefined ? hit.start : -(scores.get(hit.row) ?? 0) }))
      .filter((hit) => after === undefined || hit.value > after.value || (hit.value === after.value && hit.row > after.row))
      .sort((a, b) => a.value - b.value || a.row - b.row);
    return { hits: ranked.slice(0, limit), more: ranked.length > limit, approximate: matched.approximate };
  }

  /** The record rows of the events matching the filter and the text (for the clusters). */
  textRows(query: IndexQuery, text: TextQuery): number[] {
    return this.textHits(query, text, false).hits.map((hit) => hit.row);
  }

  private textHits(query: IndexQuery, text: TextQuery, rank: boolean): { hits: Hit[]; scores?: Map<number, number>; approximate: boolean } {
    const newest = this.text.newest(text, this.limits.textScan);
    if (newest.complete) {
      const hits = query.amongRows(newest.rows);
      return rank ? { hits, scores: this.text.relevance(text, hits.map((hit) => hit.row)), approximate: false } : { hits, approximate: false };
    }
    const few = query.all(this.limits.candidatesChecked);
    if (few !== undefined) {
      const scores = this.text.matchAndScore(text, few.map((hit) => hit.row));
      return { hits: few.filter((hit) => scores.has(hit.row)), scores, approximate: false };
    }
    if (!rank) return { hits: query.amongRows(this.text.all(text)), approximate: false };
    const hits = query.amongRows(newest.rows).slice(0, this.limits.rankedNewest);
    // FTS5 matched them all: one the JavaScript matcher would cut differently keeps score 0.
    return { hits, scores: this.text.matchAndScore(text, hits.map((hit) => hit.row)), approximate: true };
  }
}
