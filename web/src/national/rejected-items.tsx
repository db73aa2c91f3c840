/** The items of a hub the aggregator refused, with the field and the reason, newest first. */
import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useFetch } from '../components/use-fetch.ts';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { AdminSession } from './admin-session.ts';
import { failure, type AdminHub, type RejectedItem } from './hub-format.ts';

export function RejectedItems({ hub, session, locale }: { hub: AdminHub; session: AdminSession; locale: Locale }) {
  const [items] = useFetch(`rejected/${hub.id}/${hub.health.rejectedCount}`, (signal) => session.request<{ items: RejectedItem[] }>('GET', `/api/v1/admin/hubs/${encodeURIComponent(hub.id)}/rejected`, { signal }).then((answer) => answer.items));
  if (items.status === 'loading') return <p role="status">{t('loading', {}, locale)}</p>;
  if (items.status === 'failed') return <p class="error">{failure(new Error(items.message), locale)}</p>;
  if (items.value.length === 0) return <p>{t('nationalRejectedEmpty', {}, locale)}</p>;
  return (
    <div class="table-scroll">
      <table class="console-table national-rejected">
        <caption>{t('nationalRejectedHeading', { name: hub.name }, locale)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nationalRejectedWhen', {}, locale)}</th>
            <th scope="col">{t('nationalRejectedItem', {}, locale)}</th>
            <th scope="col">{t('nationalRejectedField', {}, locale)}</th>
            <th scope="col">{t('nationalRejectedWhy', {}, locale)}</th>
          </tr>
        </thead>
        <tbody>
          {items.value.map((item, index) => (
            <tr key={index}>
              <td>{dateTime(item.at, locale)}</td>
              <td>{[item.itemId, item.seq === null ? null : t('nationalRejectedSeq', { seq: item.seq }, locale)].filter((part) => part !== null).join(' · ')}</td>
              <td>{item.field}</td>
              <td>{item.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
