/**
 * The audit log: who did what, when, to what, newest first, a page at a time. Details are
 * shown as short "name: value" text (a rejection's reason, a new role).
 */
import { contentTypes, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import type { AuditItem, ListPage } from './console-api.ts';
import { dateTime } from './format.ts';
import { usePagedList } from '../components/use-paged-list.ts';

const ACTION_LABELS: Record<string, StringKey> = {
  approve: 'consoleActionApprove',
  reject: 'consoleActionReject',
  update: 'consoleActionUpdate',
  delete: 'consoleActionDelete',
  unpublish: 'consoleActionUnpublish',
  submit: 'consoleActionSubmit',
  verify: 'consoleActionVerify',
  unverify: 'consoleActionUnverify',
  'set-role': 'consoleActionSetRole',
  'add-actor-member': 'consoleActionAddMember',
  'resolve-report': 'consoleActionResolve',
  'update-settings': 'consoleActionSettings',
};

export function actionLabel(action: string, locale: Locale): string {
  const key = ACTION_LABELS[action];
  return key === undefined ? action : t(key, {}, locale);
}

function targetLabel(type: string, locale: Locale): string {
  const known = contentTypes.values.find((value) => value === type);
  return known === undefined ? type : contentTypes.label(known, locale);
}

/** An entry's details as short text, whatever shape the hub gave them. */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  if (Array.isArray(details)) return details.map(detailsText).join(', ');
  return Object.entries(details as Record<string, unknown>)
    .map(([name, value]) => `${name}: ${typeof value === 'object' && value !== null ? (Array.isArray(value) ? value.map(detailsText).join(', ') : JSON.stringify(value)) : String(value)}`)
    .join(' · ');
}

export function AuditTab({ locale }: { locale: Locale }) {
  const session = useSession();
  const me = session.account.value?.id;
  const list = usePagedList<AuditItem>('audit', (cursor, signal) => session.request<ListPage<AuditItem>>('GET', '/api/v1/moderation/audit', { query: { cursor }, signal }));
  return (
    <div>
      <h2 class="console-section-title">{t('consoleAuditHeading', {}, locale)}</h2>
      {list.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleAuditEmpty', {}, locale)}</p> : null}
      {list.items.length === 0 ? null : (
        <div class="table-scroll">
          <table class="console-table">
            <caption class="visually-hidden">{t('consoleAuditHeading', {}, locale)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consoleAuditWhen', {}, locale)}</th>
                <th scope="col">{t('consoleAuditWho', {}, locale)}</th>
                <th scope="col">{t('consoleAuditWhat', {}, locale)}</th>
                <th scope="col">{t('consoleAuditTarget', {}, locale)}</th>
                <th scope="col">{t('consoleAuditDetails', {}, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{dateTime(entry.at, locale)}</time>
                  </td>
                  <td>{entry.userId === me ? t('consoleAuditYou', {}, locale) : entry.userId}</td>
                  <td>{actionLabel(entry.action, locale)}</td>
                  <td>
                    {targetLabel(entry.targetType, locale)} <span class="console-id">{entry.targetId}</span>
                  </td>
                  <td>{detailsText(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.error !== undefined && list.status === 'done' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error.message }, locale)}
        </p>
      ) : null}
      {list.next !== null ? (
        <button type="button" class="load-more" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('consoleLoadMore', {}, locale)}
        </button>
      ) : null}
    </div>
  );
}
