import type { AggregatorProcess } from './federation.ts';

/*
 * Reading the national API as a client would, reduced to what the federation tests
 * compare: which hub an event is credited to, its id, version and title.
 */

export interface NationalEventView {
  /** The hub the aggregator credits it to (provenance.hub). */
  hub: string;
  /** The hub the event's own data names. */
  eventHub: string;
  id: string;
  version: number;
  title: string;
  /** Its page on its hub (provenance.url). */
  url: string;
}

type Json = Record<string, unknown>;

/** A list item or a detail: `{ event, provenance, ... }`. */
function view(raw: Json): NationalEventView {
  const event = raw.event as Json;
  const provenance = raw.provenance as Json;
  return { hub: String(provenance.hub), eventHub: String(event.hub), id: String(event.id), version: Number(event.version), title: String(event.title), url: String(provenance.url) };
}

/** `GET /api/v1/events/:hub/:id`; undefined on 404. */
export async function eventDetail(api: AggregatorProcess, hub: string, id: string): Promise<NationalEventView | undefined> {
  const answer = await api.getJson<Json>(`/api/v1/events/${hub}/${id}`);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw new Error(`GET /api/v1/events/${hub}/${id} answered ${answer.status}: ${answer.text}`);
  return view(answer.body);
}

/** Every event `GET /api/v1/events` lists for `query`, following its pages. */
export async function listedEvents(api: AggregatorProcess, query: Record<string, string> = {}): Promise<NationalEventView[]> {
  const out: NationalEventView[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1_000; guard += 1) {
    const params = new URLSearchParams({ limit: '100', ...query, ...(cursor === undefined ? {} : { cursor }) });
    const answer = await api.getJson<{ items: Json[]; next: string | null }>(`/api/v1/events?${params}`);
    if (answer.status !== 200) throw new Error(`GET /api/v1/events?${params} answered ${answer.status}: ${answer.text}`);
    out.push(...answer.body.items.map(view));
    if (answer.body.next === null || answer.body.next === undefined) return out;
    cursor = answer.body.next;
  }
  throw new Error('GET /api/v1/events never ended');
}
