import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import { subscriptionQuery } from '../api/query.ts';
import { t } from '../i18n/locale.ts';
import type { Filters } from '../state/url-state.ts';

/** Subscribe to the current filters: a calendar (webcal), an RSS feed, an iCal file. */
export function SubscribeLinks({ api, filters, locale, label = 'subscribe' }: { api: ApiClient; filters: Filters; locale: Locale; label?: 'subscribe' | 'subscribeSimilar' }) {
  const query = subscriptionQuery(filters);
  const ics = api.exportUrl('ics', query);
  const webcal = ics.replace(/^https?:/, 'webcal:');
  return (
    <details class="subscribe">
      <summary>{t(label, {}, locale)}</summary>
      <ul>
        <li>
          <a href={webcal}>{t('subscribeCalendar', {}, locale)}</a>
        </li>
        <li>
          <a href={api.exportUrl('rss', query)} type="application/rss+xml">
            {t('subscribeRss', {}, locale)}
          </a>
        </li>
        <li>
          <a href={ics} type="text/calendar" download>
            {t('subscribeIcs', {}, locale)}
          </a>
        </li>
      </ul>
    </details>
  );
}
