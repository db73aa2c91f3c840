import { ApiError, type ApiClient } from '../api/client.ts';
import type { CampaignDetail, EventDetail, Page } from '../api/types.ts';
import { countsQuery, hasOwnWindow } from '../campaigns/campaign-query.ts';
import type { Loaded } from '../components/use-fetch.ts';
import { actorIdOf, typed, type DirectoryItem, type TypedItem } from '../portal/content-item.ts';
import { directoryApiPath, directoryApiQuery, directoryListKey } from '../portal/directory-query.ts';
import type { Session } from '../session/session.ts';
import { DIRECTORY_PATHS, type Filters, type View } from '../state/url-state.ts';
import { actorKey, campaignKey, campaignsKey, contentKey, directoryHubsKey, eventKey, homeKey, pagedKey } from './page-keys.ts';

/** What a page is about, when it is about one item: the server names it in the page's head. */
export type Subject = { kind: 'event'; detail: EventDetail } | { kind: 'content'; entry: TypedItem } | { kind: 'campaign'; detail: CampaignDetail };

export interface Prefetched {
  answers: Record<string, Loaded<unknown>>;
  subject?: Subject;
  /** The item was not found (the page says so, with a 404). */
  missing: boolean;
}

async function settle<Value>(load: () => Promise<Value>): Promise<Loaded<Value>> {
  try {
    return { status: 'done', value: await load() };
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error), ...(error instanceof ApiError ? { code: error.status } : {}) };
  }
}

/**
 * The answers a view's page fetches first, fetched ahead with the same client code the
 * page uses (the server passes a fetcher that answers from its own routes), under the
 * keys the page reads them by (page-keys.ts).
 */
export async function prefetch(view: View, api: ApiClient, session: Session | undefined, filters?: Filters): Promise<Prefetched> {
  if (view.name === 'campaigns') return { answers: { [campaignsKey]: await settle(() => api.campaigns()) }, missing: false };
  // A chosen window depends on the reader's clock and zone: the browser counts it.
  if (view.name === 'campaign' && filters !== undefined && !hasOwnWindow(filters)) {
    const query = countsQuery(filters, new Date());
    const detail = await settle(() => api.campaign(view.slug, query));
    return {
      answers: { [campaignKey(view.slug, query.toString())]: detail },
      ...(detail.status === 'done' ? { subject: { kind: 'campaign', detail: detail.value } } : {}),
      missing: detail.status === 'failed' && (detail.code === 404 || detail.code === 400),
    };
  }
  if (view.name === 'event') {
    const { hub, id, slug } = view;
    const detail = await settle(() => (slug === undefined ? api.event(hub, id) : api.eventBySlug(slug)));
    const answers: Record<string, Loaded<unknown>> = { [eventKey(hub, id, slug)]: detail };
    // A hub's page names the organiser (the national page links to the hub instead).
    const actorId = detail.status === 'done' ? detail.value.event.actorId : undefined;
    if (session !== undefined && actorId !== undefined) {
      const actor = await settle(() => session.request('GET', `/api/v1/actors/${encodeURIComponent(actorId)}`));
      if (actor.status === 'done') answers[actorKey(actorId)] = actor;
    }
    return {
      answers,
      ...(detail.status === 'done' ? { subject: { kind: 'event', detail: detail.value } } : {}),
      // An id that cannot exist (400) is as missing as an unknown one.
      missing: detail.status === 'failed' && (detail.code === 404 || detail.code === 400),
    };
  }
  if (view.name === 'content' && session !== undefined) {
    const { type, slug } = view;
    const item = await settle(() => session.request<DirectoryItem>('GET', `/api/v1/${DIRECTORY_PATHS[type]}/by-slug/${encodeURIComponent(slug)}`));
    const answers: Record<string, Loaded<unknown>> = { [contentKey(type, slug)]: item };
    if (item.status !== 'done') return { answers, missing: item.status === 'failed' && (item.code === 404 || item.code === 400) };
    const entry = typed(type, item.value as never);
    const actorId = actorIdOf(entry);
    if (actorId !== undefined) {
      const actor = await settle(() => session.request('GET', `/api/v1/actors/${encodeURIComponent(actorId)}`));
      if (actor.status === 'done') answers[actorKey(actorId)] = actor;
    }
    return { answers, subject: { kind: 'content', entry }, missing: false };
  }
  // A directory's first page is in the first paint (and in the page without JavaScript):
  // fetched as the page fetches it, under the key its list reads (usePagedList).
  if (view.name === 'directory' && (session !== undefined || view.type === 'place' || view.type === 'project')) {
    const { type } = view;
    const query = directoryApiQuery(type, view.params);
    const page = settle(() => (session === undefined ? api.directory<DirectoryItem>(DIRECTORY_PATHS[type], query) : session.request<Page<DirectoryItem>>('GET', directoryApiPath(type), { query })));
    const hubs = session === undefined ? settle(() => api.hubs()) : undefined;
    const answers: Record<string, Loaded<unknown>> = { [pagedKey(directoryListKey(type, query.toString()))]: await page };
    if (hubs !== undefined) answers[directoryHubsKey] = await hubs;
    return { answers, missing: false };
  }
  // A hub's home: its banner and featured content are in the first paint.
  if (view.name === 'home' && session !== undefined) return { answers: { [homeKey]: await settle(() => session.request('GET', '/api/v1/home')) }, missing: false };
  return { answers: {}, missing: false };
}
