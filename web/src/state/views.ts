/**
 * The views of the app and their addresses: each view is a path (its own query
 * parameters kept verbatim in `params`), parsed leniently (an unknown path is the
 * not-found view, never an error) and formatted back to the same path.
 */
import { sitePageSlugs, type ContentType, type SitePageSlug } from '@constellation/shared';

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
export type ParamView = Extract<View, { params: Record<string, string> }>;

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

/** The campaigns' path on the national site, in French as the campaigns are (their public address, printed on posters). */
const CAMPAIGNS_SEGMENT = 'campagnes';
const DUPLICATES_SEGMENT = 'doublons';
const ADMINS_SEGMENT = 'administrateurs';
const CAMPAIGN_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/;

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

export function parseView(pathname: string, params: Record<string, string>): View {
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

export function hasParams(view: View): view is ParamView {
  return 'params' in view;
}
