import type { Locale } from '@constellation/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
import { Markdown } from '../components/markdown.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { openLiveStream, streamQuery } from '../live/live-stream.ts';
import { AgendaPage } from '../pages/agenda-page.tsx';
import { MapPage } from '../pages/map-page.tsx';
import { campaignKey } from '../ssr/page-keys.ts';
import { pageOrigin } from '../ssr/page-location.ts';
import { followLink, useRouter } from '../state/router.ts';
import { filterParams, formatLocation, type CampaignTab } from '../state/url-state.ts';
import { CampaignCounts } from './campaign-counts.tsx';
import { campaignDays, localLogo } from './campaign-days.ts';
import { countsQuery, hasOwnWindow } from './campaign-query.ts';
import { campaignClient } from './scoped-client.ts';

/** Live changes come in bursts (a coordinator labels a dozen events): count again once they settle. */
const RECOUNT_MS = 1_000;

/**
 * A campaign's national page: its header (name, days, description, logo), its events
 * counted by region and by format, and the national map or the programme (agenda)
 * narrowed to it, with the same filters in the address. Live: a change on the national
 * stream counts again and reloads what is shown (answers the CDN revalidates by ETag).
 */
export function CampaignPage({ api, config, slug, tab, locale }: { api: ApiClient; config: SiteConfig; slug: string; tab: CampaignTab; locale: Locale }) {
  const router = useRouter();
  const state = router.state.value;
  const filters = state.filters;
  const filtersKey = new URLSearchParams(filterParams(filters)).toString();
  const now = useMemo(() => new Date(), [filtersKey]);
  const ownWindow = hasOwnWindow(filters);
  const scoped = useMemo(() => campaignClient(api, { slug, ownWindow }), [api, slug, ownWindow]);
  const query = countsQuery(filters, now);
  const [detail, recount] = useFetch(campaignKey(slug, query.toString()), (signal) => api.campaign(slug, query, signal));

  const name = detail.status === 'done' ? detail.value.campaign.name : undefined;
  useEffect(() => {
    if (name !== undefined) document.title = `${name} · ${config.name ?? t('siteName', {}, locale)}`;
  }, [name, locale]);

  // The programme has no stream of its own (the map page has): a change reloads it.
  const [agendaVersion, setAgendaVersion] = useState(0);
  const latest = useRef({ recount, tab });
  latest.current = { recount, tab };
  useEffect(() => {
    const url = scoped.streamUrl(streamQuery(countsQuery(filters, now), scoped.streamFilters).query);
    if (url === undefined || typeof EventSource === 'undefined') return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        latest.current.recount();
        if (latest.current.tab === 'agenda') setAgendaVersion((version) => version + 1);
      }, RECOUNT_MS);
    };
    const close = openLiveStream(url, { onChange: soon, onReset: soon });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      close();
    };
  }, [scoped, filtersKey]);

  if (detail.status === 'failed') {
    return (
      <div class="campaign-page">
        <h1 class="page-title">{t('campaignNav', {}, locale)}</h1>
        <p role={detail.code === 404 ? undefined : 'alert'}>{detail.code === 404 || detail.code === 400 ? t('campaignNotFound', {}, locale) : t('campaignLoadError', { message: detail.message }, locale)}</p>
        <p>
          <a href="/campagnes" onClick={followLink(router)}>
            {t('campaignsTitle', {}, locale)}
          </a>
        </p>
      </div>
    );
  }
  if (detail.status === 'loading') return <p role="status">{t('loading', {}, locale)}</p>;
  const { campaign, counts } = detail.value;
  const logo = localLogo(campaign, pageOrigin());
  const exportQuery = new URLSearchParams(query);
  const tabLink = (next: CampaignTab) => formatLocation({ view: { name: 'campaign', slug, tab: next }, filters });
  const apiLink = `/api/v1/campaigns/${encodeURIComponent(slug)}/events${exportQuery.toString() === '' ? '' : `?${exportQuery.toString()}`}`;
  const regionsCount = campaign.regions.length;

  return (
    <div class={`campaign-page campaign-${tab}`}>
      <header class="campaign-head">
        {logo === undefined ? null : <img class="campaign-logo" src={logo.url} alt={logo.alt ?? ''} width={96} height={96} />}
        <div class="campaign-intro">
          <h1 class="page-title">{campaign.name}</h1>
          <p class="campaign-when">
            <strong>{campaignDays(campaign, locale)}</strong>
            {regionsCount > 0 ? <span> · {regionsCount === 1 ? t('campaignRegionsOne', {}, locale) : t('campaignRegionsCount', { count: regionsCount }, locale)}</span> : null}
          </p>
          {campaign.description === undefined ? null : <Markdown source={campaign.description} class="campaign-description" />}
        </div>
        <details class="subscribe campaign-exports">
          <summary>{t('campaignExports', {}, locale)}</summary>
          <ul>
            <li>
              <a href={scoped.exportUrl('ics', exportQuery)} type="text/calendar" download>
                {t('campaignExportIcs', {}, locale)}
              </a>
            </li>
            <li>
              <a href={scoped.exportUrl('csv', exportQuery)} type="text/csv" download>
                {t('campaignExportCsv', {}, locale)}
              </a>
            </li>
            <li>
              <a href={scoped.exportUrl('json', exportQuery)} type="application/feed+json">
                {t('campaignExportJson', {}, locale)}
              </a>
            </li>
            <li>
              <a href={apiLink} type="application/json">
                {t('campaignExportApi', {}, locale)}
              </a>
            </li>
          </ul>
        </details>
      </header>
      <CampaignCounts counts={counts} filters={filters} locale={locale} />
      <nav class="campaign-tabs" aria-label={t('campaignTabs', {}, locale)}>
        {(['map', 'agenda'] as const).map((name) => (
          <a key={name} href={tabLink(name)} onClick={followLink(router)} aria-current={tab === name ? 'page' : undefined}>
            {t(name === 'map' ? 'campaignTabMap' : 'campaignTabAgenda', {}, locale)}
          </a>
        ))}
      </nav>
      {tab === 'map' ? <MapPage api={scoped} config={config} locale={locale} narrowed /> : <AgendaPage api={scoped} config={config} locale={locale} narrowed key={agendaVersion} />}
    </div>
  );
}
