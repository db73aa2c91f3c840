import type { Locale } from '@constellation/shared';
import { useMemo } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { listQuery } from '../api/query.ts';
import type { SiteConfig } from '../api/types.ts';
import { EventList } from '../components/event-list.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { SubscribeLinks } from '../components/subscribe-links.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { countLabel, t } from '../i18n/locale.ts';
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
          <p class="result-count">{page.status === 'done' ? countLabel(page.value.items.length, page.value.next !== null, locale) : page.status === 'loading' ? t('loading', {}, locale) : null}</p>
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
      {page.status === 'done' && page.value.items.length === 0 ? <p class="empty">{t('noResults', {}, locale)}</p> : null}
      <div aria-busy={page.status === 'loading'} data-testid="agenda-list">
        {page.status === 'done' ? <EventList items={page.value.items} locale={locale} /> : null}
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
