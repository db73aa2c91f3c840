import { regions, type Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { HubHealth } from '../api/types.ts';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';

function lag(seconds: number | undefined, locale: Locale): string {
  if (seconds === undefined) return '—';
  if (seconds < 90) return t('seconds', { n: Math.round(seconds) }, locale);
  if (seconds < 5400) return t('minutes', { n: Math.round(seconds / 60) }, locale);
  return t('hours', { n: Math.round(seconds / 3600) }, locale);
}

function status(hub: HubHealth, locale: Locale): string {
  switch (hub.status) {
    case 'approved':
      return t('statusApproved', {}, locale);
    case 'pending':
      return t('statusPending', {}, locale);
    case 'suspended':
      return t('statusSuspended', {}, locale);
    default:
      return hub.status ?? '—';
  }
}

/** Which hubs feed the national map, when each last synced and how far behind it is. */
export function HubsPage({ api, locale }: { api: ApiClient; locale: Locale }) {
  const [hubs, reload] = useFetch('hubs', (signal) => api.hubs(signal));
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  return (
    <div class="hubs-page">
      <h1 class="page-title">{t('hubsTitle', {}, locale)}</h1>
      <p class="intro">{t('hubsIntro', {}, locale)}</p>
      {hubs.status === 'loading' ? <p>{t('loading', {}, locale)}</p> : null}
      {hubs.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: hubs.message }, locale)}{' '}
          <button type="button" onClick={reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {hubs.status === 'done' ? (
        <div class="table-scroll">
          <table class="hubs">
            <thead>
              <tr>
                <th scope="col">{t('hubName', {}, locale)}</th>
                <th scope="col">{t('hubRegion', {}, locale)}</th>
                <th scope="col">{t('hubStatus', {}, locale)}</th>
                <th scope="col">{t('hubLastSync', {}, locale)}</th>
                <th scope="col">{t('hubLag', {}, locale)}</th>
                <th scope="col">{t('hubEvents', {}, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {hubs.value.map((hub) => (
                <tr key={hub.id}>
                  <th scope="row">{hub.baseUrl === undefined ? hub.name : <a href={hub.baseUrl}>{hub.name}</a>}</th>
                  <td>{hub.region !== undefined && regions.has(hub.region) ? regions.label(hub.region, locale) : (hub.region ?? '—')}</td>
                  <td>
                    {status(hub, locale)}
                    {hub.lastError === undefined ? null : <span class="hub-error"> — {hub.lastError}</span>}
                  </td>
                  <td>{hub.lastSyncAt === undefined ? t('never', {}, locale) : <time dateTime={hub.lastSyncAt}>{dateTime.format(new Date(hub.lastSyncAt))}</time>}</td>
                  <td>{lag(hub.lagSeconds, locale)}</td>
                  <td>{hub.events === undefined ? '—' : number.format(hub.events)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
