import { BadRequestError } from '../http-errors.ts';
import { clampLimit, decodeCursor, encodeCursor } from './cursor.ts';
import type { EventJson } from './event-json.ts';
import type { EventSearch } from './event-search.ts';
import { parseFilter, type EventListQuery, type SortOrder } from './filter.ts';
import type { ReadView } from './view.ts';


/**
 * GET /api/v1/events: a page of national events as JSON text, `{ items, next }`, each
 * item `{ event, occurrence, provenance }`. By date: events with an occurrence in the
 * window, by that first occurrence's start then row id; by relevance (the default with
 * `q`): best text matches first. Keyset cursors either way.
 */
export function listPage(search: EventSearch, json: EventJson, view: ReadView, query: EventListQuery, now: number): string {
  const filter = parseFilter(query, now);
  const sort: SortOrder = query.sort ?? (query.q === undefined ? 'date' : 'relevance');
  if (sort === 'relevance' && query.q === undefined) throw new BadRequestError('query.sort can be relevance only with query.q', 'query.sort');
  const limit = clampLimit(query.limit);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
  const found = search.find(filter, view.shown, sort, limit, cursor === undefined ? undefined : { value: cursor.value, row: cursor.row });
  const items: string[] = [];
  for (const hit of found.hits) {
    const item = json.listItem(hit.row, hit.start, hit.end, view.hubs);
    if (item !== undefined) items.push(item);
  }
  const last = found.hits.at(-1);
  const next = found.more && last !== undefined ? encodeCursor({ sort, value: last.value, row: last.row }) : null;
  return `{"items":[${items.join(',')}],"next":${next === null ? 'null' : JSON.stringify(next)}}`;
}
