import { sql } from 'drizzle-orm';
import type { Store } from '../db/client.ts';

/** An event as the programme and editions lists show it: published only. */
export interface RelatedEvent {
  id: string;
  slug: string;
  title: string;
  /** First start, RFC 3339 UTC; null when it has no occurrence indexed. */
  start: string | null;
}

const MAX_EDITIONS = 30;

/**
 * What an event's page shows around it: its programme (published children of an
 * umbrella, by start) and its editions (the chain of previousEditionId backwards, and the
 * editions that name it as theirs), oldest first. Drafts and pending events never appear.
 */
export function relatedEvents(store: Store, id: string): { programme: RelatedEvent[]; editions: RelatedEvent[] } {
  const one = (eventId: string) =>
    store.db.get<{ id: string; slug: string; title: string; start: number | null; previous: string | null }>(sql`
      SELECT c.id, c.slug, c.title, i.first_start AS start, json_extract(c.data, '$.previousEditionId') AS previous
      FROM content c LEFT JOIN events_index i ON i.id = c.id
      WHERE c.id = ${eventId} AND c.type = 'event' AND c.status = 'published'`);
  const view = (row: { id: string; slug: string; title: string; start: number | null }): RelatedEvent => ({ id: row.id, slug: row.slug, title: row.title, start: row.start === null ? null : new Date(row.start).toISOString() });
  const programme = store.db
    .all<{ id: string; slug: string; title: string; start: number | null }>(sql`
      SELECT c.id, c.slug, c.title, i.first_start AS start
      FROM content c LEFT JOIN events_index i ON i.id = c.id
      WHERE c.type = 'event' AND c.status = 'published' AND json_extract(c.data, '$.parentEventId') = ${id}
      ORDER BY i.first_start, c.title LIMIT 500`)
    .map(view);
  const editions: RelatedEvent[] = [];
  const seen = new Set<string>([id]);
  let previous = one(id)?.previous ?? null;
  while (previous !== null && !seen.has(previous) && editions.length < MAX_EDITIONS) {
    seen.add(previous);
    const row = one(previous);
    if (row === undefined) break;
    editions.unshift(view(row));
    previous = row.previous;
  }
  let current = id;
  for (let step = 0; step < MAX_EDITIONS; step += 1) {
    const next = store.db.get<{ id: string; slug: string; title: string; start: number | null }>(sql`
      SELECT c.id, c.slug, c.title, i.first_start AS start
      FROM content c LEFT JOIN events_index i ON i.id = c.id
      WHERE c.type = 'event' AND c.status = 'published' AND json_extract(c.data, '$.previousEditionId') = ${current}
      ORDER BY c.created_at LIMIT 1`);
    if (next === undefined || seen.has(next.id)) break;
    seen.add(next.id);
    editions.push(view(next));
    current = next.id;
  }
  return { programme, editions };
}
