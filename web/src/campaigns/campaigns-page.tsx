import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { CampaignSummary } from '../api/types.ts';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { campaignsKey } from '../ssr/page-keys.ts';
import { pageOrigin } from '../ssr/page-location.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewPath } from '../state/url-state.ts';
import { campaignDays, campaignPhase, franceToday, localLogo, type CampaignPhase } from './campaign-days.ts';

const PHASES: [CampaignPhase, 'campaignsRunning' | 'campaignsComing' | 'campaignsPast'][] = [
  ['running', 'campaignsRunning'],
  ['coming', 'campaignsComing'],
  ['past', 'campaignsPast'],
];

function CampaignCard({ campaign, locale }: { campaign: CampaignSummary; locale: Locale }) {
  const router = useRouter();
  const href = viewPath({ name: 'campaign', slug: campaign.slug, tab: 'map' });
  const logo = localLogo(campaign, pageOrigin());
  const regions = campaign.regions.length;
  return (
    <li class="campaign-card">
      {logo === undefined ? null : <img class="campaign-logo" src={logo.url} alt="" width={64} height={64} loading="lazy" />}
      <div>
        <h3>
          <a href={href} onClick={followLink(router)}>
            {campaign.name}
          </a>
        </h3>
        <p class="campaign-when">
          {campaignDays(campaign, locale)}
          {regions > 0 ? ` · ${regions === 1 ? t('campaignRegionsOne', {}, locale) : t('campaignRegionsCount', { count: regions }, locale)}` : ''}
        </p>
      </div>
    </li>
  );
}

/** Every national campaign: running ones first, then those coming, then the past ones. */
export function CampaignsPage({ api, locale }: { api: ApiClient; locale: Locale }) {
  const [list, reload] = useFetch(campaignsKey, (signal) => api.campaigns(signal));
  const today = franceToday();
  return (
    <div class="campaigns-page">
      <h1 class="page-title">{t('campaignsTitle', {}, locale)}</h1>
      <p class="intro">{t('campaignsIntro', {}, locale)}</p>
      {list.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.message }, locale)}{' '}
          <button type="button" onClick={reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {list.status === 'done' && list.value.length === 0 ? <p class="empty">{t('campaignsNone', {}, locale)}</p> : null}
      {list.status === 'done'
        ? PHASES.map(([phase, title]) => {
            const items = list.value.filter((campaign) => campaignPhase(campaign, today) === phase);
            // Coming campaigns open soonest first; the others newest first, as the API lists them.
            if (phase === 'coming') items.sort((a, b) => a.startDate.localeCompare(b.startDate));
            return items.length === 0 ? null : (
              <section key={phase} aria-labelledby={`campaigns-${phase}`}>
                <h2 id={`campaigns-${phase}`}>{t(title, {}, locale)}</h2>
                <ul class="campaign-cards">
                  {items.map((campaign) => (
                    <CampaignCard key={campaign.slug} campaign={campaign} locale={locale} />
                  ))}
                </ul>
              </section>
            );
          })
        : null}
    </div>
  );
}
