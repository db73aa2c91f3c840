import { filterQuery } from '../api/query.ts';
import type { Filters } from '../state/url-state.ts';

/** Whether the reader chose days; otherwise a campaign's answers cover its own days. */
export function hasOwnWindow(filters: Filters): boolean {
  return filters.when !== undefined || filters.from !== undefined || filters.to !== undefined;
}

/**
 * The counts' query for the page's filters: without a chosen window it holds no instant,
 * so the server (rendering the page) and the browser (hydrating it) ask the same thing.
 */
export function countsQuery(filters: Filters, now: Date): URLSearchParams {
  const query = filterQuery(filters, { now, national: true });
  if (!hasOwnWindow(filters)) {
    query.delete('from');
    query.delete('to');
  }
  query.delete('bbox');
  return query;
}
