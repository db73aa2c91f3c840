import type { DirectoryType } from '../state/url-state.ts';

/** The keys of the answers a page fetches, which the server fetches ahead of it (ssr/prefetch.ts). */
export const eventKey = (hub: string, id: string, slug?: string): string => (slug === undefined ? `event:${hub}/${id}` : `event-slug:${slug}`);
export const contentKey = (type: DirectoryType, slug: string): string => `content:${type}/${slug}`;
export const actorKey = (id: string): string => `actor:${id}`;
/** A campaign with its counts for a filter query (without the reader's clock: its days are the campaign's). */
export const campaignKey = (slug: string, query: string): string => `campaign:${slug}?${query}`;
export const campaignsKey = 'campaigns';
/** A hub's home page arrangement (banner, featured content) as /api/v1/home serves it today. */
export const homeKey = 'home-page';
/** The first page of a list read by usePagedList, under the list's own key (a directory: `<type>?<api query>`). */
export const pagedKey = (listKey: string): string => `paged:${listKey}`;
/** The national hubs' names, which the national directories show on each card. */
export const directoryHubsKey = 'directory-hubs';
