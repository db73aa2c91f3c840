/**
 * A directory's search, as the address bar holds it (`params`) and as the hub's list API
 * wants it. Parsing is lenient (unknown names and values are dropped, never an error) and
 * the result is canonical (vocabulary order, no empty values), so a shared link or a
 * reload shows the same list, and normalising twice changes nothing.
 */
import '../i18n/strings-portal.ts';
import {
  accessibilityFlags,
  actorKinds,
  announcementKinds,
  audiences,
  disciplines,
  involvementLevels,
  participationTypes,
  placeKinds,
  regions,
  resourceKinds,
  type Vocabulary,
} from '@constellation/shared';
import type { PortalKey } from '../i18n/strings-portal.ts';
import { DIRECTORY_PATHS, type DirectoryType } from '../state/url-state.ts';

/** One filter of a directory: one value of a vocabulary, a yes/no, or free text (at most `maxLength`). */
export type FilterSpec =
  | { name: string; kind: 'choice'; label: PortalKey; vocabulary: Vocabulary<string> }
  | { name: string; kind: 'flag'; label: PortalKey }
  | { name: string; kind: 'text'; label: PortalKey; maxLength: number };

const discipline: FilterSpec = { name: 'discipline', kind: 'choice', label: 'portalFilterDiscipline', vocabulary: disciplines };
/** A commune's name (case ignored) or INSEE code, as the hub matches it. */
const commune: FilterSpec = { name: 'commune', kind: 'text', label: 'portalFilterCommune', maxLength: 100 };

/**
 * What each directory can be narrowed by, besides the text search (`q`): the hub's list
 * filters for that type (hub/src/routes/list-filters.ts), under the hub's own query names.
 * The hub answers 400 for a query field it does not know, so nothing else is sent.
 */
export const DIRECTORY_FILTERS: Readonly<Record<DirectoryType, readonly FilterSpec[]>> = {
  article: [discipline],
  actor: [
    { name: 'kind', kind: 'choice', label: 'portalFilterActorKind', vocabulary: actorKinds },
    { name: 'verified', kind: 'flag', label: 'portalFilterVerified' },
  ],
  place: [
    { name: 'kind', kind: 'choice', label: 'portalFilterPlaceKind', vocabulary: placeKinds },
    commune,
    { name: 'accessibility', kind: 'choice', label: 'portalFilterAccessibility', vocabulary: accessibilityFlags },
  ],
  project: [
    { ...discipline, label: 'portalFilterTheme' },
    { name: 'participationType', kind: 'choice', label: 'portalFilterParticipation', vocabulary: participationTypes },
    { name: 'audience', kind: 'choice', label: 'portalFilterAudience', vocabulary: audiences },
    { name: 'involvement', kind: 'choice', label: 'portalFilterInvolvement', vocabulary: involvementLevels },
    { name: 'region', kind: 'choice', label: 'portalFilterRegion', vocabulary: regions },
    commune,
  ],
  announcement: [{ name: 'kind', kind: 'choice', label: 'portalFilterAnnouncementKind', vocabulary: announcementKinds }],
  dossier: [discipline],
  resource: [{ name: 'kind', kind: 'choice', label: 'portalFilterResourceKind', vocabulary: resourceKinds }, discipline],
};

export const MAX_TEXT = 200;
export const DIRECTORY_PAGE_SIZE = 24;

function cleanText(value: string | undefined, maxLength = MAX_TEXT): string | undefined {
  // Control characters never reach the API (its text fields refuse them).
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const text = value?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, maxLength);
  return text === undefined || text === '' ? undefined : text;
}

/** Keeps what the directory understands, in a fixed shape: the URL form of its search. */
export function normaliseDirectoryParams(type: DirectoryType, params: Readonly<Record<string, string>>): Record<string, string> {
  const clean: Record<string, string> = {};
  const q = cleanText(params.q);
  if (q !== undefined) clean.q = q;
  for (const filter of DIRECTORY_FILTERS[type]) {
    const raw = params[filter.name];
    if (raw === undefined) continue;
    switch (filter.kind) {
      case 'choice':
        if (filter.vocabulary.has(raw)) clean[filter.name] = raw;
        break;
      case 'flag':
        if (raw === 'true') clean[filter.name] = 'true';
        break;
      case 'text': {
        const text = cleanText(raw, filter.maxLength);
        if (text !== undefined) clean[filter.name] = text;
        break;
      }
    }
  }
  return clean;
}

/** The params with one value changed (undefined or '' removes it), normalised. */
export function withParam(type: DirectoryType, params: Readonly<Record<string, string>>, name: string, value: string | undefined): Record<string, string> {
  const next = Object.fromEntries(Object.entries(params).filter(([key]) => key !== name));
  if (value !== undefined && value !== '') next[name] = value;
  const normalised = normaliseDirectoryParams(type, next);
  // Typing keeps its spaces until the next key ("Saint " before "Saint-Cyr"): only the query sent to the API is trimmed.
  const typed = name === 'q' || DIRECTORY_FILTERS[type].some((filter) => filter.name === name && filter.kind === 'text');
  if (typed && value !== undefined && normalised[name] !== undefined && value.trim() === normalised[name]) normalised[name] = value;
  return normalised;
}

/** How many filters (besides the text search) narrow the list. */
export function activeFilterNames(type: DirectoryType, params: Readonly<Record<string, string>>): string[] {
  const clean = normaliseDirectoryParams(type, params);
  return DIRECTORY_FILTERS[type].map((filter) => filter.name).filter((name) => clean[name] !== undefined);
}

/** The hub's list path for a directory. */
export function directoryApiPath(type: DirectoryType): string {
  return `/api/v1/${DIRECTORY_PATHS[type]}`;
}

/** The list API's query for a directory's params. */
export function directoryApiQuery(type: DirectoryType, params: Readonly<Record<string, string>>, options: { cursor?: string; limit?: number } = {}): URLSearchParams {
  const clean = normaliseDirectoryParams(type, params);
  const query = new URLSearchParams();
  if (clean.q !== undefined) query.set('q', clean.q);
  for (const filter of DIRECTORY_FILTERS[type]) {
    const value = clean[filter.name];
    if (value !== undefined) query.set(filter.name, value);
  }
  query.set('limit', String(options.limit ?? DIRECTORY_PAGE_SIZE));
  if (options.cursor !== undefined) query.set('cursor', options.cursor);
  return query;
}

/** Reads a list query back into directory params (what a test or a saved search holds). */
export function paramsOfApiQuery(type: DirectoryType, query: URLSearchParams): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, value] of query) if (name !== 'limit' && name !== 'cursor') raw[name] = value;
  return normaliseDirectoryParams(type, raw);
}


/** The directory list's key for usePagedList (and for the first page the server fetches ahead: ssr/prefetch.ts). */
export function directoryListKey(type: DirectoryType, apiQuery: string): string {
  return `${type}?${apiQuery}`;
}
