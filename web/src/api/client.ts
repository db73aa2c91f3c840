/**
 * The one place the web talks to a server. Paths are relative to the page's origin: the
 * same build is served by the aggregator (national) and by each hub (regional).
 */
import { HUB_STREAM_PARAMS, STREAM_PARAMS } from '../live/stream-params.ts';
import { decodeCampaignDetail, decodeCampaigns, decodeConfig, decodeDetail, decodeHubs, decodeMapItems, decodePage, decodePoints } from './decode.ts';
import type { CampaignDetail, CampaignSummary, DirectoryPoint, EventDetail, ProgrammeItem, RelatedEvents, NationalEvent, HubHealth, ListItem, MapItem, Page, SiteConfig } from './types.ts';

/** One refused field, as the API names it ("title", "place.lat", "query.limit"). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A refused request: the status, the API's code, and the fields it named (forms show them by their fields). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly field?: string,
    readonly issues: readonly FieldIssue[] = [],
    /** The answer's JSON body, for answers that carry more than an error (an import's refused report). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads an error answer's JSON body (the shared ErrorBody) into an ApiError; a non-JSON body keeps the status line. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { message?: unknown; error?: unknown; field?: unknown; issues?: unknown };
    if (typeof body.message === 'string') message = body.message;
    const issues = Array.isArray(body.issues)
      ? body.issues.filter((issue): issue is FieldIssue => typeof issue === 'object' && issue !== null && typeof (issue as FieldIssue).field === 'string' && typeof (issue as FieldIssue).message === 'string')
      : [];
    const field = typeof body.field === 'string' ? body.field : undefined;
    if (issues.length === 0 && field !== undefined) issues.push({ field, message });
    return new ApiError(response.status, message, typeof body.error === 'string' ? body.error : undefined, field, issues, body);
  } catch {
    return new ApiError(response.status, message);
  }
}

export type ExportKind = 'ics' | 'rss' | 'atom' | 'json' | 'csv';
const EXPORT_PATHS: Record<ExportKind, string> = { ics: '/events.ics', rss: '/feed.rss', atom: '/feed.atom', json: '/feed.json', csv: '/events.csv' };

export interface ApiClient {
  config(signal?: AbortSignal): Promise<SiteConfig>;
  events(query: URLSearchParams, signal?: AbortSignal): Promise<Page<ListItem>>;
  event(hub: string, id: string, signal?: AbortSignal): Promise<EventDetail>;
  /** A hub's event by its slug (its canonical page's address); the national API has no slugs. */
  eventBySlug(slug: string, signal?: AbortSignal): Promise<EventDetail>;
  clusters(query: URLSearchParams, signal?: AbortSignal): Promise<MapItem[]>;
  hubs(signal?: AbortSignal): Promise<HubHealth[]>;
  /** The national map's places and projects (the aggregator's; a hub answers 404). */
  points(types: readonly DirectoryPoint['type'][], signal?: AbortSignal): Promise<DirectoryPoint[]>;
  /** A page of a directory (`/api/v1/<path>`): the hub's and the national one answer the same query names. */
  directory<Item>(path: string, query: URLSearchParams, signal?: AbortSignal): Promise<Page<Item>>;
  /** Absolute URLs (a calendar app or a feed reader needs the whole address); the live stream (a hub serves its own). */
  streamUrl(query: URLSearchParams): string | undefined;
  /** The list filters the live stream applies itself (live-stream.ts streamQuery). */
  readonly streamFilters: readonly string[];
  exportUrl(kind: ExportKind, query: URLSearchParams): string;
  /** National campaigns (the aggregator's; a hub answers 404). */
  campaigns(signal?: AbortSignal): Promise<CampaignSummary[]>;
  /** A campaign with its counts by region and format, the query's filters applied. */
  campaign(slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<CampaignDetail>;
  /** A campaign's list and clusters: the cacheable answers, over the campaign's days unless from/to say otherwise. */
  campaignEvents(slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<Page<ListItem>>;
  campaignClusters(slug: string, query: URLSearchParams, signal?: AbortSignal): Promise<MapItem[]>;
  /**
   * What an event's page shows around it: an umbrella's programme (its children, by start, from
   * `from` on), its umbrella, and its other editions (on a hub, the whole chain; nationally the previous one).
   */
  related(event: NationalEvent, from: string, signal?: AbortSignal): Promise<RelatedEvents>;
}

function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * A client for the server at `origin`. `regional`: a hub's API, which names events by id
 * alone and whose live stream takes every filter of its list (the national API names
 * events by hub and id).
 */
export function createApiClient(origin: string, options: { regional?: boolean; fetcher?: typeof fetch } = {}): ApiClient {
  const fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  const regional = options.regional === true;
  const url = (path: string) => new URL(path, origin).toString();
  async function getJson(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const response = await fetcher(url(path), { headers: { accept: 'application/json' }, ...(signal === undefined ? {} : { signal }) });
    if (!response.ok) throw await apiErrorOf(response);
    return response.json() as Promise<unknown>;
  }
  return {
    async config(signal) {
      try {
        return decodeConfig(await getJson('/api/v1/config', signal));
      } catch (error) {
        // The aggregator has no config route: national mode.
        if (error instanceof ApiError && error.status === 404) return { mode: 'national' };
        throw error;
      }
    },
    async events(query, signal) {
      return decodePage(await getJson(withQuery('/api/v1/events', query), signal));
    },
    async event(hub, id, signal) {
      if (!regional) return decodeDetail(await getJson(`/api/v1/events/${encodeURIComponent(hub)}/${encodeURIComponent(id)}`, signal));
      // A hub serves the event and its dates apart (the event's JSON is its federated document).
      const path = `/api/v1/events/${encodeURIComponent(id)}`;
      const [body, dates] = await Promise.all([getJson(path, signal), getJson(`${path}/occurrences`, signal).catch(() => undefined)]);
      return decodeDetail(typeof dates === 'object' && dates !== null ? { event: body, ...dates } : body);
    },
    async eventBySlug(slug, signal) {
      if (!regional) throw new ApiError(404, 'events are named by hub and id here');
      const body = await getJson(`/api/v1/events/by-slug/${encodeURIComponent(slug)}`, signal);
      const id = typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string' ? body.id : '';
      const dates = await getJson(`/api/v1/events/${encodeURIComponent(id)}/occurrences`, signal).catch(() => undefined);
      return decodeDetail(typeof dates === 'object' && dates !== null ? { event: body, ...dates } : body);
    },
    async clusters(query, signal) {
      return decodeMapItems(await getJson(withQuery('/api/v1/clusters', query), signal));
    },
    async hubs(signal) {
      return decodeHubs(await getJson('/api/v1/hubs', signal));
    },
    async points(types, signal) {
      return decodePoints(await getJson(withQuery('/api/v1/points', new URLSearchParams({ type: types.join(',') })), signal));
    },
    async directory<Item>(path: string, query: URLSearchParams, signal?: AbortSignal) {
      const body = await getJson(withQuery(`/api/v1/${path}`, query), signal);
      if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) throw new TypeError('the directory answer has no items');
      return body as Page<Item>;
    },
    streamUrl(query) {
      return url(withQuery('/api/v1/stream', query));
    },
    streamFilters: regional ? HUB_STREAM_PARAMS : STREAM_PARAMS,
    exportUrl(kind, query) {
      return url(withQuery(EXPORT_PATHS[kind], query));
    },
    async campaigns(signal) {
      return decodeCampaigns(await getJson('/api/v1/campaigns', signal));
    },
    async campaign(slug, query, signal) {
      return decodeCampaignDetail(await getJson(withQuery(`/api/v1/campaigns/${encodeURIComponent(slug)}`, query), signal));
    },
    async campaignEvents(slug, query, signal) {
      return decodePage(await getJson(withQuery(`/api/v1/campaigns/${encodeURIComponent(slug)}/events`, query), signal));
    },
    async related(event, from, signal) {
      if (regional) {
        const body = await getJson(`/api/v1/events/${encodeURIComponent(event.id)}/related`, signal);
        const list = (key: string): ProgrammeItem[] => {
          const items = typeof body === 'object' && body !== null && key in body ? (body as Record<string, unknown>)[key] : undefined;
          return (Array.isArray(items) ? (items as unknown[]) : []).flatMap((item): ProgrammeItem[] => {
            if (typeof item !== 'object' || item === null) return [];
            const { id: childId, slug, title, start } = item as Record<string, unknown>;
            if (typeof childId !== 'string' || typeof title !== 'string') return [];
            return [{ hub: event.hub, id: childId, title, ...(typeof slug === 'string' ? { slug } : {}), ...(typeof start === 'string' ? { start } : {}) }];
          });
        };
        const umbrella = event.parentEventId === undefined ? undefined : await getJson(`/api/v1/events/${encodeURIComponent(event.parentEventId)}`, signal).catch(() => undefined);
        const parent = typeof umbrella === 'object' && umbrella !== null ? (umbrella as Record<string, unknown>) : undefined;
        return {
          programme: list('programme'),
          editions: list('editions'),
          ...(parent !== undefined && typeof parent.id === 'string' && typeof parent.title === 'string' ? { umbrella: { hub: event.hub, id: parent.id, title: parent.title, ...(typeof parent.slug === 'string' ? { slug: parent.slug } : {}) } } : {}),
        };
      }
      // Nationally: the list's parent filter; the umbrella and the previous edition by their ids on the same hub.
      const byId = (id: string | undefined) => (id === undefined ? Promise.resolve(undefined) : getJson(`/api/v1/events/${encodeURIComponent(event.hub)}/${encodeURIComponent(id)}`, signal).then(decodeDetail).then((detail): ProgrammeItem => ({ hub: detail.event.hub, id: detail.event.id, title: detail.event.title, ...(detail.occurrences[0] === undefined ? {} : { start: detail.occurrences[0].start }) }), () => undefined));
      const [page, umbrella, previous] = await Promise.all([
        event.parentEventId === undefined ? decodePage(await getJson(withQuery('/api/v1/events', new URLSearchParams({ parent: event.id, hub: event.hub, from, limit: '100' })), signal)) : { items: [], next: null },
        byId(event.parentEventId),
        byId(event.previousEditionId),
      ]);
      const programme = page.items.map(({ event: child, occurrence }): ProgrammeItem => {
        const place = [child.place?.name, child.place?.commune].filter((part): part is string => part !== undefined && part !== '');
        return { hub: child.hub, id: child.id, title: child.title, start: occurrence.start, end: occurrence.end, timeZone: child.timeZone, ...(place.length === 0 ? {} : { place: [...new Set(place)].join(', ') }) };
      });
      return { programme, editions: previous === undefined ? [] : [previous], ...(umbrella === undefined ? {} : { umbrella }) };
    },
    async campaignClusters(slug, query, signal) {
      return decodeMapItems(await getJson(withQuery(`/api/v1/campaigns/${encodeURIComponent(slug)}/clusters`, query), signal));
    },
  };
}
