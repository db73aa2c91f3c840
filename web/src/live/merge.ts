/**
 * Applying a live change to a list already on screen, without reloading it: the list is
 * ordered by occurrence start, and a page that has more after it only takes an event
 * that sorts before its last row (a later one will come with the next page).
 */
import type { LiveChange, ListItem } from '../api/types.ts';
import type { Bbox } from '../api/query.ts';

const keyOf = (item: ListItem) => `${item.event.hub}/${item.event.id}`;

export function withoutEvent(items: readonly ListItem[], key: string): ListItem[] {
  return items.filter((item) => keyOf(item) !== key);
}

export function upsertEvent(items: readonly ListItem[], next: ListItem, hasMore: boolean): ListItem[] {
  const rest = withoutEvent(items, keyOf(next));
  const last = rest.at(-1);
  if (hasMore && last !== undefined && next.occurrence.start > last.occurrence.start) return rest;
  const at = rest.findIndex((item) => item.occurrence.start > next.occurrence.start);
  return at < 0 ? [...rest, next] : [...rest.slice(0, at), next, ...rest.slice(at)];
}

/** Whether an upsert falls in the area the list shows (events without a place only when online ones are asked for). */
export function inArea(change: Extract<LiveChange, { op: 'upsert' }>, bbox: Bbox | undefined): boolean {
  if (bbox === undefined) return true;
  if (change.lat === undefined || change.lat === null || change.lon === undefined || change.lon === null) return false;
  const [west, south, east, north] = bbox;
  return change.lat >= south && change.lat <= north && change.lon >= west && change.lon <= east;
}
