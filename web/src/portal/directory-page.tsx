import '../i18n/strings-portal.ts';
import type { Locale, PlacePublic } from '@constellation/shared';
import { useContext, useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { Page, SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { SessionContext } from '../session/session.ts';
import { useFetch } from '../components/use-fetch.ts';
import { directoryHubsKey } from '../ssr/page-keys.ts';
import { useRouter } from '../state/router.ts';
import { DIRECTORY_PATHS, EMPTY_FILTERS, type DirectoryType } from '../state/url-state.ts';
import { CardList } from './content-card.tsx';
import { typed, type DirectoryItem } from './content-item.ts';
import { DirectoryFilters } from './directory-filters.tsx';
import { DIRECTORY_FILTERS, directoryApiPath, directoryApiQuery, directoryListKey } from './directory-query.ts';
import { PlacesMap } from './places-map.tsx';
import { SECTION_INTROS, SECTION_TITLES } from './section-titles.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { useDebounced } from './use-debounced.ts';

const TYPING_PAUSE_MS = 300;

function resultLabel(count: number, more: boolean, locale: Locale): string {
  if (more) return t('portalResultsMore', { count }, locale);
  if (count === 0) return t('portalResultsNone', {}, locale);
  return count === 1 ? t('portalResultsOne', {}, locale) : t('portalResultsShown', { count }, locale);
}

/**
 * The national directory's items as open data, for the filters shown: the aggregator's
 * exports (GET /places.csv, /places.geojson, the JSON API), every matching item at once.
 */
function OpenDataLinks({ type, query, locale }: { type: 'place' | 'project'; query: URLSearchParams; locale: Locale }) {
  const filters = new URLSearchParams(query);
  filters.delete('limit');
  filters.delete('cursor');
  const search = filters.toString() === '' ? '' : `?${filters.toString()}`;
  const path = DIRECTORY_PATHS[type];
  return (
    <details class="subscribe open-data">
      <summary>{t('portalOpenData', {}, locale)}</summary>
      <ul>
        <li>
          <a href={`/${path}.csv${search}`} type="text/csv" download>
            {t('portalOpenDataCsv', {}, locale)}
          </a>
        </li>
        <li>
          <a href={`/${path}.geojson${search}`} type="application/geo+json">
            {t('portalOpenDataGeoJson', {}, locale)}
          </a>
        </li>
        <li>
          <a href={`/api/v1/${path}${search}`} type="application/json">
            {t('portalOpenDataJson', {}, locale)}
          </a>
        </li>
      </ul>
    </details>
  );
}

/**
 * A directory of published content (the magazine, actors, places, projects, announcements,
 * dossiers, resources): a search and filters kept in the URL, cards, and "load more".
 * Places also show on a map, beside the list that stays the primary view.
 */
export function DirectoryPage({ api, config, type, params, locale }: { api: ApiClient; config: SiteConfig; type: DirectoryType; params: Record<string, string> } & { locale: Locale }) {
  const router = useRouter();
  // The national site has no accounts: its directories (places, projects) are the aggregator's, read through the API client.
  const session = useContext(SessionContext);
  const national = config.mode === 'national';
  const [hubs] = useFetch(national ? directoryHubsKey : 'no-hubs', (signal) => (national ? api.hubs(signal) : Promise.resolve([])));
  const hubNames = new Map(hubs.status === 'done' ? hubs.value.map((hub) => [hub.id, hub.name] as const) : []);
  const title = t(SECTION_TITLES[type], {}, locale);
  const siteName = config.name ?? t('siteName', {}, locale);
  useEffect(() => {
    document.title = `${title} · ${siteName}`;
  }, [title, siteName]);

  const query = directoryApiQuery(type, params);
  const queryKey = useDebounced(query.toString(), TYPING_PAUSE_MS);
  const list = usePagedList<DirectoryItem>(directoryListKey(type, queryKey), (cursor, signal) => {
    const page = new URLSearchParams(queryKey);
    if (cursor !== undefined) page.set('cursor', cursor);
    return session === undefined ? api.directory<DirectoryItem>(DIRECTORY_PATHS[type], page, signal) : session.request<Page<DirectoryItem>>('GET', directoryApiPath(type), { query: page, signal });
  });
  const entries = list.items.map((item) => typed(type, item as never));

  const onChange = (next: Record<string, string>, typing: boolean) => {
    const view = router.state.value.view;
    if (view.name !== 'directory') return;
    router.navigate({ view: { ...view, params: next }, filters: EMPTY_FILTERS }, { replace: typing });
  };

  return (
    <div class={`portal-directory portal-directory-${type}`}>
      <h1 class="page-title">{title}</h1>
      <p class="intro">{t(SECTION_INTROS[type], {}, locale)}</p>
      <DirectoryFilters type={type} params={params} filters={DIRECTORY_FILTERS[type]} locale={locale} onChange={onChange} />
      <div class="list-status">
        <p class="result-count" role="status">
          {list.status === 'done' ? resultLabel(list.items.length, list.next !== null, locale) : list.status === 'loading' ? t('portalLoading', {}, locale) : ''}
        </p>
      </div>
      {national && (type === 'place' || type === 'project') ? <OpenDataLinks type={type} query={query} locale={locale} /> : null}
      {list.error === undefined ? null : (
        <p class="error" role="alert">
          {t('portalLoadError', { message: list.error.message }, locale)}{' '}
          <button type="button" onClick={list.status === 'failed' ? list.reload : list.loadMore}>
            {t('portalRetry', {}, locale)}
          </button>
        </p>
      )}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('portalNoResults', {}, locale)}</p> : null}
      <div class={type === 'place' ? 'portal-places-layout' : undefined}>
        <div aria-busy={list.status === 'loading'} data-testid="directory-list">
          <CardList entries={entries} locale={locale} label={title} {...(national ? { elsewhere: { hubName: (hub: string) => hubNames.get(hub) ?? hub } } : {})} />
          {list.status === 'done' && list.next !== null ? (
            <p class="load-more">
              <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? t('portalLoading', {}, locale) : t('portalLoadMore', {}, locale)}
              </button>
            </p>
          ) : null}
        </div>
        {type === 'place' ? <PlacesMap config={config} places={list.items as PlacePublic[]} locale={locale} /> : null}
      </div>
    </div>
  );
}
