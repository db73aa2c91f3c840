import { disciplineNames, type LogEntry } from './change-log.ts';

/**
 * The Server-Sent Events the live stream writes. Every change carries `id: <nseq>` (the
 * national change seq), so a reconnecting EventSource resumes with Last-Event-ID.
 *
 * - `upsert`: the item is live and matches the stream's filter; data is a summary
 *   (events: title, next occurrence, place, facets, listed, url).
 * - `delete`: the client must drop the item if it shows it; `reason` says why
 *   (`deleted` on its hub, `hidden`: its hub is suspended or removed, `filtered`: it
 *   changed and no longer matches this stream's filter).
 * - `ready` (after the replay, if any): live from here; `reset`: the client is too far
 *   behind (or names a position this store never had) and must reload what it shows.
 */
export type DeleteReason = 'deleted' | 'hidden' | 'filtered';

export interface EventSummary {
  hub: string;
  id: string;
  type: 'event';
  title: string;
  /** The next occurrence (the first not over when the change is read; the last when all are over). */
  start: string;
  end: string;
  lat: number | null;
  lon: number | null;
  format: string;
  disciplines: string[];
  region: string;
  /** False for another hub's copy of an event listed once under that hub. */
  listed: boolean;
  /** The event's page on its hub. */
  url: string;
}

export interface ItemSummary {
  hub: string;
  id: string;
  type: string;
}

function message(id: number | undefined, event: string, data: unknown): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The next occurrence of an event at `now`, from its occurrences by start. */
export function nextOccurrence(occurrences: readonly { start: number; end: number }[], now: number): { start: number; end: number } | undefined {
  return occurrences.find((occurrence) => occurrence.end > now) ?? occurrences.at(-1);
}

export function upsertMessage(entry: LogEntry, occurrences: () => readonly { start: number; end: number }[], now: number): string {
  const event = entry.event;
  if (event === undefined) return message(entry.nseq, 'upsert', { hub: entry.hub, id: entry.id, type: entry.type } satisfies ItemSummary);
  const next = nextOccurrence(occurrences(), now) ?? { start: event.firstStart, end: event.lastEnd };
  const summary: EventSummary = {
    hub: entry.hub,
    id: entry.id,
    type: 'event',
    title: event.title,
    start: new Date(next.start).toISOString(),
    end: new Date(next.end).toISOString(),
    lat: event.lat,
    lon: event.lon,
    format: event.format,
    disciplines: disciplineNames(event.disciplines),
    region: event.region,
    listed: event.listed,
    url: event.url,
  };
  return message(entry.nseq, 'upsert', summary);
}

export function deleteMessage(entry: LogEntry, reason: DeleteReason): string {
  return message(entry.nseq, 'delete', { hub: entry.hub, id: entry.id, type: entry.type, reason });
}

export function readyMessage(nseq: number, retryMs: number): string {
  return `retry: ${retryMs}\n${message(nseq, 'ready', { nseq })}`;
}

export function resetMessage(nseq: number, reason: 'too-far-behind' | 'unknown-position'): string {
  return message(nseq, 'reset', { nseq, reason });
}

/**
 * A comment keeps proxies from closing an idle stream. When changes were skipped for
 * this client (another hub or type), a bare `id:` line moves its Last-Event-ID on without
 * dispatching an event, so a reconnect does not replay them again.
 */
export function heartbeat(advanceTo: number | undefined): string {
  return `${advanceTo === undefined ? '' : `id: ${advanceTo}\n`}: ping\n\n`;
}
