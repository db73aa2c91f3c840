import type { Locale } from '@constellation/shared';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { listQuery } from '../api/query.ts';
import type { ListItem, SiteConfig } from '../api/types.ts';
import { EventList } from '../components/event-list.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { SubscribeLinks } from '../components/subscribe-links.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { countLabel, t } from '../i18n/locale.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { followLink, useRouter } from '../state/router.ts';
import { filterParams, formatLocation } from '../state/url-state.ts';

const PAGE_SIZE = 50;

/** Every event matching the filters, in order, a page at a time (the page's cursor is in the URL). */
export function AgendaPage({ api, config, locale, narrowed = false }: { api: ApiClient; config: SiteConfig; locale: Locale; narrowed?: boolean }) {
  const router = useRouter();
  const state = router.state.value;
  const filtersKey = new URLSearchParams(filterParams(state.filters)).toString();
  const now = useMemo(() => new Date(), [filtersKey]);
  const query = listQuery(state.filters, { now, national: config.mode === 'national', limit: PAGE_SIZE });
  if (state.cursor !== undefined) query.set('cursor', state.cursor);
  const [page, reload] = useFetch(query.toString(), (signal) => api.events(query, signal));
  const loadedOnce = useRef(false);
  if (page.status === 'done') loadedOnce.current = true;
  // What the page shows: the fetched page, then the live changes applied to that page.
  const fetched: readonly ListItem[] = page.status === 'done' ? page.value.items : [];
  const [live, setLive] = useState<{ of: readonly ListItem[]; items: readonly ListItem[] }>({ of: fetched, items: fetched });
  const shown = live.of === fetched ? live.items : fetched;
  const fresh = useLiveList({
    api,
    query: listQuery(state.filters, { now, national: config.mode === 'national', limit: PAGE_SIZE }),
    locale,
    // The first page only: a later page starts after events a live one could sort before.
    // Open from the first answer on, through reloads (see `loading`).
    enabled: state.cursor === undefined && loadedOnce.current,
    loading: page.status === 'loading',
    items: shown,
    hasMore: page.status === 'done' && page.value.next !== null,
    setItems: (update) => setLive((current) => ({ of: fetched, items: update(current.of === fetched ? current.items : fetched) })),
    reload,
  });
  const { cursor: _cursor, ...first } = state;
  return (
    <div class="agenda-page">
      {narrowed ? null : (
        <div class="agenda-head">
          <h1 class="page-title">{t('agendaTitle', {}, locale)}</h1>
          <p class="intro">{t('agendaIntro', {}, locale)}</p>
        </div>
      )}
      <div class="no-print">
        <FilterBar filters={state.filters} locale={locale} national={config.mode === 'national'} />
        <div class="list-status">
          <p class="result-count">{page.status === 'done' ? countLabel(shown.length, page.value.next !== null, locale) : page.status === 'loading' ? t('loading', {}, locale) : null}</p>
          <SubscribeLinks api={api} filters={state.filters} locale={locale} />
          <button type="button" class="link-button" onClick={() => window.print()}>
            {t('print', {}, locale)}
          </button>
        </div>
      </div>
      {page.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: page.message }, locale)}{' '}
          <button type="button" onClick={reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {page.status === 'done' && shown.length === 0 ? <p class="empty">{t('noResults', {}, locale)}</p> : null}
      <div aria-busy={page.status === 'loading'} data-testid="agenda-list">
        {page.status === 'done' ? <EventList items={[...shown]} locale={locale} fresh={fresh} /> : null}
      </div>
      <nav class="pager no-print" aria-label={t('agendaTitle', {}, locale)}>
        {state.cursor !== undefined ? (
          <a href={formatLocation(first)} onClick={followLink(router)}>
            {t('firstPage', {}, locale)}
          </a>
        ) : null}
        {page.status === 'done' && page.value.next !== null ? (
          <a href={formatLocation({ ...state, cursor: page.value.next })} onClick={followLink(router)} rel="next">
            {t('nextPage', {}, locale)}
          </a>
        ) : null}
      </nav>
    </div>
  );
}
