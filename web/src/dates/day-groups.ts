import { dayKey } from './zoned.ts';

export interface DayGroup<Item> {
  /** YYYY-MM-DD: the day the items start on, each in its own event's time zone. */
  key: string;
  items: Item[];
}

/**
 * Groups items by the calendar day they start on where they happen (an event at 23:30 in
 * Paris is on that day, even for a reader elsewhere), days in order, items in their order.
 */
export function groupByDay<Item>(items: readonly Item[], start: (item: Item) => string, timeZone: (item: Item) => string): DayGroup<Item>[] {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = dayKey(start(item), timeZone(item));
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, grouped]) => ({ key, items: grouped }));
}
