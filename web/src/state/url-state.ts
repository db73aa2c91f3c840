/**
 * What the reader is looking at, as it appears in the address bar: the view (a path),
 * the filters and the map position (query parameters). The URL is the single source of
 * truth: a shared link or a reload shows the same filtered view. Parsing is lenient
 * (unknown values are dropped, never an error) and formatting is canonical (vocabulary
 * order, defaults left out), so parse(format(state)) is state.
 */
import {
  accessibilityFlags,
  audiences,
  disciplines,
  eventFormats,
  regions,
  sitePageSlugs,
  type AccessibilityFlag,
  type ContentType,
  type Audience,
  type Discipline,
  type EventFormat,
  type RegionCode,
  type SitePageSlug,
  type Vocabulary,
} from '@constellation/shared';

/** Content types with a directory and pages of their own (events have the map and agenda). */
export type DirectoryType = Exclude<ContentType, 'event'>;
export const DIRECTORY_TYPES: readonly DirectoryType[] = ['article', 'actor', 'place', 'project', 'announcement', 'dossier', 'resource'];
/** The path segment of each directory: the same as the hub API's (/api/v1/<segment>). */
export const DIRECTORY_PATHS: Readonly<Record<DirectoryType, string>> = {
  article: 'articles',
  actor: 'actors',
  place: 'places',
  project: 'projects',
  announcement: 'announcements',
  dossier: 'dossiers',
  resource: 'resources',
};
/** What can be written in the contribute forms. */
export type EditableType = ContentType;
export type CampaignTab = 'map' | 'agenda';
export type ConsoleTab = 'queue' | 'reports' | 'memberships' | 'audit' | 'stats' | 'sources' | 'settings' | 'home' | 'users' | 'actors' | 'pages' | 'campaigns';
/** Account pages reached from a mailed link or the login page, without being logged in. */
export type AccountAction = 'forgot' | 'reset' | 'confirm' | 'confirm-email-change' | 'follow';
const ACCOUNT_ACTIONS: readonly AccountAction[] = ['forgot', 'reset', 'confirm', 'confirm-email-change', 'follow'];

/**
 * The views. National and regional sites share the event views; the portal views
 * (home, directories, accounts, contribute, moderation) exist on a hub's site only.
 * `params` holds a view's own query parameters (a directory's search, a console's
 * filters), kept verbatim so each page owns their meaning.
 */
export type View =
  | { name: 'map' }
  | { name: 'agenda' }
  | { name: 'hubs' }
  /** The national campaigns, running ones first (`/campagnes`). */
  | { name: 'campaigns' }
  /** A campaign's national page (`/campagnes/<slug>`, its agenda at `/campagnes/<slug>/agenda`); the event filters apply. */
  | { name: 'campaign'; slug: string; tab: CampaignTab }
  /** An event by hub and id; on a hub's portal also by its slug alone, at its canonical `/events/<slug>` (then hub and id are empty). */
  | { name: 'event'; hub: string; id: string; slug?: string }
  | { name: 'home' }
  | { name: 'directory'; type: DirectoryType; params: Record<string, string> }
  | { name: 'content'; type: DirectoryType; slug: string }
  | { name: 'login'; params: Record<string, string> }
  | { name: 'signup' }
  | { name: 'account' }
  | { name: 'account-action'; action: AccountAction; params: Record<string, string> }
  | { name: 'members'; params: Record<string, string> }
  | { name: 'member'; id: string }
  | { name: 'contribute'; params: Record<string, string> }
  | { name: 'edit'; type: EditableType; id?: string }
  | { name: 'import' }
  | { name: 'console'; tab: ConsoleTab; params: Record<string, string> }
  /** The national console (the aggregator's hubs registry), for national admins. */
  /** The national console: the hubs (`/admin`), the campaigns (`/admin/campagnes`) or the cross-hub duplicates (`/admin/doublons`) or the national admins (`/admin/administrateurs`). */
  | { name: 'national-console'; params: Record<string, string>; tab?: 'campaigns' | 'duplicates' | 'admins' }
  /** The operator's pages (about, legal notice, privacy, accessibility), linked from every page's footer. */
  | { name: 'site-page'; slug: SitePageSlug }
  | { name: 'not-found' };

/** Views whose query string is theirs (`params`), not the event filters. */
type ParamView = Extract<View, { params: Record<string, string> }>;

/**
 * 'national' (the aggregator's site: the map is the home) or 'regional' (a hub's portal:
 * a home page at /, the map at /map). Set once at start, before the router reads the URL.
 */
let siteMode: 'national' | 'regional' = 'national';
export function setSiteMode(mode: 'national' | 'regional'): void {
  siteMode = mode;
}
export function getSiteMode(): 'national' | 'regional' {
  return siteMode;
}

export type WhenPreset = 'today' | 'weekend';

export interface Filters {
  /** A preset window, relative to the reader's today; wins over from/to. */
  when?: WhenPreset;
  /** Calendar days (YYYY-MM-DD) in the reader's time zone, both inclusive. */
  from?: string;
  to?: string;
  q?: string;
  discipline: Discipline[];
  audience: Audience[];
  format: EventFormat[];
  accessibility: AccessibilityFlag[];
  region: RegionCode[];
  free: boolean;
  online: boolean;
  near?: { lat: number; lon: number };
  /** Kilometres around `near`. */
  radius?: number;
}

export interface MapPosition {
  zoom: number;
  lat: number;
  lon: number;
}

export interface AppState {
  view: View;
  filters: Filters;
  map?: MapPosition;
  /** The agenda's page: the API's keyset cursor for it. */
  cursor?: string;
}

export const EMPTY_FILTERS: Filters = { discipline: [], audience: [], format: [], accessibility: [], region: [], free: false, online: false };
export const DEFAULT_RADIUS_KM = 10;
export const RADIUS_CHOICES_KM = [2, 5, 10, 25, 50, 100] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The campaigns' path on the national site, in French as the campaigns are (their public address, printed on posters). */
const CAMPAIGNS_SEGMENT = 'campagnes';
const DUPLICATES_SEGMENT = 'doublons';
const ADMINS_SEGMENT = 'administrateurs';
const CAMPAIGN_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/;
const MAX_QUERY = 200;

/** Values of a vocabulary from a comma list, deduplicated, in the vocabulary's order. */
function vocabularyList<Value extends string>(text: string | null, vocabulary: Vocabulary<Value>): Value[] {
  if (text === null) return [];
  const wanted = new Set(text.split(','));
  return vocabulary.values.filter((value) => wanted.has(value));
}

function finite(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

const CONSOLE_TABS: Record<string, ConsoleTab> = {
  'moderation/': 'queue',
  'moderation/reports': 'reports',
  'moderation/memberships': 'memberships',
  'moderation/audit': 'audit',
  'moderation/stats': 'stats',
  'moderation/sources': 'sources',
  'admin/': 'settings',
  'admin/users': 'users',
  'admin/actors': 'actors',
  'admin/pages': 'pages',
  'admin/home': 'home',
  'coordination/': 'campaigns',
};
const DIRECTORY_BY_PATH = new Map(DIRECTORY_TYPES.map((type) => [DIRECTORY_PATHS[type], type] as const));
const EDITABLE_BY_PATH = new Map<string, EditableType>([...DIRECTORY_BY_PATH, ['events', 'event']]);

function parseView(pathname: string, params: Record<string, string>): View {
  const parts = pathname.split('/').filter((part) => part !== '').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  const [first = '', second, third] = parts;
  if (parts.length === 0) return siteMode === 'regional' ? { name: 'home' } : { name: 'map' };
  if (parts.length === 1) {
    if (first === 'map' && siteMode === 'regional') return { name: 'map' };
    if (first === 'agenda') return { name: 'agenda' };
    if (first === 'hubs' && siteMode === 'national') return { name: 'hubs' };
  }
  if (parts.length === 3 && first === 'events' && second !== undefined && third !== undefined && SEGMENT.test(second) && SEGMENT.test(third)) return { name: 'event', hub: second, id: third };
  if (siteMode === 'regional' && parts.length === 2 && first === 'events' && second !== undefined && SEGMENT.test(second)) return { name: 'event', hub: '', id: '', slug: second };
  if (siteMode === 'national') {
    if (first === CAMPAIGNS_SEGMENT && parts.length === 1) return { name: 'campaigns' };
    if (first === CAMPAIGNS_SEGMENT && second !== undefined && CAMPAIGN_SLUG.test(second)) {
      if (parts.length === 2) return { name: 'campaign', slug: second, tab: 'map' };
      if (parts.length === 3 && third === 'agenda') return { name: 'campaign', slug: second, tab: 'agenda' };
    }
    if (parts.length === 1 && first === 'login') return { name: 'login', params };
    if (parts.length === 1 && first === 'admin') return { name: 'national-console', params };
    if (parts.length === 2 && first === 'admin' && second === CAMPAIGNS_SEGMENT) return { name: 'national-console', params, tab: 'campaigns' };
    if (parts.length === 2 && first === 'admin' && second === DUPLICATES_SEGMENT) return { name: 'national-console', params, tab: 'duplicates' };
    if (parts.length === 2 && first === 'admin' && second === ADMINS_SEGMENT) return { name: 'national-console', params, tab: 'admins' };
    // The national directories: places to visit and participatory projects of every hub (their pages stay on their hubs).
    const indexed = DIRECTORY_BY_PATH.get(first);
    if (parts.length === 1 && (indexed === 'place' || indexed === 'project')) return { name: 'directory', type: indexed, params };
    if (parts.length === 1 && sitePageSlugs.has(first)) return { name: 'site-page', slug: first };
    return { name: 'not-found' };
  }
  const directory = DIRECTORY_BY_PATH.get(first);
  if (directory !== undefined && parts.length === 1) return { name: 'directory', type: directory, params };
  if (directory !== undefined && parts.length === 2 && second !== undefined && SEGMENT.test(second)) return { name: 'content', type: directory, slug: second };
  if (parts.length === 1) {
    if (first === 'login') return { name: 'login', params };
    if (first === 'signup') return { name: 'signup' };
    if (first === 'account') return { name: 'account' };
    if (first === 'members') return { name: 'members', params };
    if (first === 'contribute') return { name: 'contribute', params };
    if (sitePageSlugs.has(first)) return { name: 'site-page', slug: first };
  }
  if (first === 'members' && parts.length === 2 && second !== undefined && SEGMENT.test(second)) return { name: 'member', id: second };
  const action = ACCOUNT_ACTIONS.find((candidate) => candidate === second);
  if (first === 'account' && parts.length === 2 && action !== undefined) return { name: 'account-action', action, params };
  if (first === 'contribute' && parts.length === 2 && second === 'import') return { name: 'import' };
  const editable = second === undefined ? undefined : EDITABLE_BY_PATH.get(second);
  if (first === 'contribute' && parts.length === 3 && editable !== undefined && third !== undefined) {
    if (third === 'new') return { name: 'edit', type: editable };
    if (SEGMENT.test(third)) return { name: 'edit', type: editable, id: third };
  }
  const tab = parts.length <= 2 ? CONSOLE_TABS[`${first}/${second ?? ''}`] : undefined;
  if (tab !== undefined) return { name: 'console', tab, params };
  return { name: 'not-found' };
}

const TAB_PATHS: Record<ConsoleTab, string> = {
  queue: '/moderation',
  reports: '/moderation/reports',
  memberships: '/moderation/memberships',
  audit: '/moderation/audit',
  stats: '/moderation/stats',
  sources: '/moderation/sources',
  settings: '/admin',
  users: '/admin/users',
  actors: '/admin/actors',
  pages: '/admin/pages',
  home: '/admin/home',
  campaigns: '/coordination',
};

export function viewPath(view: View): string {
  const segment = encodeURIComponent;
  switch (view.name) {
    case 'map':
      return siteMode === 'regional' ? '/map' : '/';
    case 'home':
    case 'not-found':
      return '/';
    case 'agenda':
      return '/agenda';
    case 'hubs':
      return '/hubs';
    case 'campaigns':
      return `/${CAMPAIGNS_SEGMENT}`;
    case 'campaign':
      return `/${CAMPAIGNS_SEGMENT}/${segment(view.slug)}${view.tab === 'agenda' ? '/agenda' : ''}`;
    case 'event':
      return view.slug === undefined ? `/events/${segment(view.hub)}/${segment(view.id)}` : `/events/${segment(view.slug)}`;
    case 'directory':
      return `/${DIRECTORY_PATHS[view.type]}`;
    case 'content':
      return `/${DIRECTORY_PATHS[view.type]}/${segment(view.slug)}`;
    case 'login':
      return '/login';
    case 'signup':
      return '/signup';
    case 'account':
      return '/account';
    case 'account-action':
      return `/account/${view.action}`;
    case 'members':
      return '/members';
    case 'member':
      return `/members/${segment(view.id)}`;
    case 'contribute':
      return '/contribute';
    case 'edit':
      return `/contribute/${view.type === 'event' ? 'events' : DIRECTORY_PATHS[view.type]}/${view.id === undefined ? 'new' : segment(view.id)}`;
    case 'import':
      return '/contribute/import';
    case 'console':
      return TAB_PATHS[view.tab];
    case 'national-console':
      return view.tab === 'campaigns' ? `/admin/${CAMPAIGNS_SEGMENT}` : view.tab === 'duplicates' ? `/admin/${DUPLICATES_SEGMENT}` : view.tab === 'admins' ? `/admin/${ADMINS_SEGMENT}` : '/admin';
    case 'site-page':
      return `/${view.slug}`;
  }
}

/** A view with its own parameters, as a link (the event filters are left behind). */
export function viewHref(view: View): string {
  if (!hasParams(view)) return viewPath(view);
  const query = new URLSearchParams(Object.entries(view.params).filter(([, value]) => value !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString();
  return `${viewPath(view)}${query === '' ? '' : `?${query.replaceAll('%2C', ',')}`}`;
}

function hasParams(view: View): view is ParamView {
  return 'params' in view;
}

export function parseFilters(params: URLSearchParams): Filters {
  const filters: Filters = {
    ...EMPTY_FILTERS,
    discipline: vocabularyList(params.get('discipline'), disciplines),
    audience: vocabularyList(params.get('audience'), audiences),
    format: vocabularyList(params.get('format'), eventFormats),
    accessibility: vocabularyList(params.get('accessibility'), accessibilityFlags),
    region: vocabularyList(params.get('region'), regions),
    free: params.get('free') === 'true',
    online: params.get('online') === 'true',
  };
  const when = params.get('when');
  if (when === 'today' || when === 'weekend') filters.when = when;
  else {
    const from = params.get('from');
    const to = params.get('to');
    if (from !== null && DAY.test(from)) filters.from = from;
    if (to !== null && DAY.test(to) && (filters.from === undefined || to >= filters.from)) filters.to = to;
  }
  const q = params.get('q')?.trim();
  if (q !== undefined && q !== '') filters.q = q.slice(0, MAX_QUERY);
  const near = params.get('near')?.split(',');
  const lat = finite(near?.[0], -90, 90);
  const lon = finite(near?.[1], -180, 180);
  if (near?.length === 2 && lat !== undefined && lon !== undefined) {
    filters.near = { lat, lon };
    filters.radius = finite(params.get('radius') ?? undefined, 0.1, 500) ?? DEFAULT_RADIUS_KM;
  }
  return filters;
}

/** The filters as query parameters, in a fixed order, leaving defaults out. */
export function filterParams(filters: Filters): [string, string][] {
  const params: [string, string][] = [];
  if (filters.when !== undefined) params.push(['when', filters.when]);
  else {
    if (filters.from !== undefined) params.push(['from', filters.from]);
    if (filters.to !== undefined) params.push(['to', filters.to]);
  }
  if (filters.q !== undefined && filters.q.trim() !== '') params.push(['q', filters.q.trim()]);
  const lists: [string, readonly string[], Vocabulary<string>][] = [
    ['discipline', filters.discipline, disciplines],
    ['audience', filters.audience, audiences],
    ['format', filters.format, eventFormats],
    ['accessibility', filters.accessibility, accessibilityFlags],
    ['region', filters.region, regions],
  ];
  for (const [name, values, vocabulary] of lists) {
    const ordered = vocabulary.values.filter((value) => values.includes(value));
    if (ordered.length > 0) params.push([name, ordered.join(',')]);
  }
  if (filters.free) params.push(['free', 'true']);
  if (filters.online) params.push(['online', 'true']);
  if (filters.near !== undefined) {
    params.push(['near', `${round(filters.near.lat, 4)},${round(filters.near.lon, 4)}`]);
    params.push(['radius', String(filters.radius ?? DEFAULT_RADIUS_KM)]);
  }
  return params;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function parseMap(text: string | null): MapPosition | undefined {
  const parts = text?.split('/');
  if (parts?.length !== 3) return undefined;
  const zoom = finite(parts[0], 0, 22);
  const lat = finite(parts[1], -85.06, 85.06);
  const lon = finite(parts[2], -180, 180);
  return zoom === undefined || lat === undefined || lon === undefined ? undefined : { zoom, lat, lon };
}

/** zoom/lat/lon, with as many decimals as the zoom makes visible (as OpenStreetMap does). */
export function formatMap(position: MapPosition): string {
  const decimals = Math.max(2, Math.ceil(Math.log10(2 ** position.zoom)) + 1);
  return `${round(position.zoom, 2)}/${round(position.lat, decimals)}/${round(position.lon, decimals)}`;
}

export function parseLocation(pathname: string, search: string): AppState {
  const params = new URLSearchParams(search);
  const own: Record<string, string> = {};
  for (const [key, value] of params) if (value !== '' && key.length <= 50) own[key] = value.slice(0, MAX_QUERY);
  const view = parseView(pathname, own);
  // A page with its own parameters does not read them as event filters.
  const state: AppState = { view, filters: hasParams(view) ? { ...EMPTY_FILTERS } : parseFilters(params) };
  const map = parseMap(params.get('map'));
  if (map !== undefined) state.map = map;
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '' && cursor.length <= 200) state.cursor = cursor;
  return state;
}

/** The path and query string for a state: what goes in the address bar. */
export function formatLocation(state: AppState): string {
  if (hasParams(state.view)) return viewHref(state.view);
  const params = new URLSearchParams(filterParams(state.filters));
  const { view } = state;
  if (state.map !== undefined && (view.name === 'map' || (view.name === 'campaign' && view.tab === 'map'))) params.set('map', formatMap(state.map));
  if (state.cursor !== undefined && (view.name === 'agenda' || (view.name === 'campaign' && view.tab === 'agenda'))) params.set('cursor', state.cursor);
  const query = params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
  return `${viewPath(state.view)}${query === '' ? '' : `?${query}`}`;
}

/** How many filters narrow the list (a shown count on the filters button). */
export function activeFilterCount(filters: Filters): number {
  return (
    (filters.when !== undefined || filters.from !== undefined || filters.to !== undefined ? 1 : 0) +
    filters.discipline.length +
    filters.audience.length +
    filters.format.length +
    filters.accessibility.length +
    filters.region.length +
    (filters.free ? 1 : 0) +
    (filters.online ? 1 : 0) +
    (filters.q !== undefined ? 1 : 0) +
    (filters.near !== undefined ? 1 : 0)
  );
}
