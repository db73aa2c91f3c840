/**
 * What the reader is looking at, as it appears in the address bar: the view (a path),
 * the filters and the map position (query parameters). The URL is the single source of
 * truth: a shared link or a reload shows the same filtered view. Parsing is lenient
 * (unknown values are dropped, never an error) and formatting is canonical (vocabulary
 * order, defaults left out), so parse(format(state)) is state.
 */
import { EMPTY_FILTERS, parseFilters, filterParams, type Filters } from './filters.ts';
import { formatMap, parseMap, type MapPosition } from './map-position.ts';
import { hasParams, parseView, viewHref, viewPath, type View } from './views.ts';
import { MAX_QUERY } from './query-values.ts';

export {
  DIRECTORY_PATHS,
  DIRECTORY_TYPES,
  getSiteMode,
  setSiteMode,
  viewHref,
  viewPath,
  type AccountAction,
  type CampaignTab,
  type ConsoleTab,
  type DirectoryType,
  type EditableType,
  type View,
} from './views.ts';
export { activeFilterCount, DEFAULT_RADIUS_KM, EMPTY_FILTERS, filterParams, parseFilters, RADIUS_CHOICES_KM, type Filters, type WhenPreset } from './filters.ts';
export { formatMap, type MapPosition } from './map-position.ts';

export interface AppState {
  view: View;
  filters: Filters;
  map?: MapPosition;
  /** The agenda's page: the API's keyset cursor for it. */
  cursor?: string;
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
