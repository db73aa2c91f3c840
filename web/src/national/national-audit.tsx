/**
 * The national admins' audit log in the console: who did what to which hub, when, and the
 * reason they gave, newest first, fifty at a time. It follows the console's own changes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { AdminSession } from './admin-session.ts';

/** One entry (aggregator/src/admin/admin-audit.ts). */
export interface AuditEntry {
  id: number;
  at: string;
  admin: { id: string; email: string };
  action: 'hub.add' | 'hub.approve' | 'hub.suspend' | 'hub.refresh' | 'hub.remove' | 'duplicate.confirm' | 'duplicate.split' | 'admin.add' | 'admin.remove';
  target: { id: string; name: string };
  detail: string | null;
}

const ACTION_WORDS: Record<AuditEntry['action'], StringKey> = {
  'hub.add': 'nationalAuditAdd',
  'hub.approve': 'nationalAuditApprove',
  'hub.suspend': 'nationalAuditSuspend',
  'hub.refresh': 'nationalAuditRefresh',
  'hub.remove': 'nationalAuditRemove',
  'duplicate.confirm': 'nationalAuditDupConfirm',
  'duplicate.split': 'nationalAuditDupSplit',
  'admin.add': 'nationalAuditAdminAdd',
  'admin.remove': 'nationalAuditAdminRemove',
};

const PAGE = 50;

/** What the detail of an entry means, in words. */
function detailOf(entry: AuditEntry, locale: Locale): string {
  if (entry.detail === null) return '';
  if (entry.action === 'hub.remove') return t('nationalAuditRemovedCount', { count: entry.detail }, locale);
  if (entry.action === 'hub.suspend') return t('nationalAuditReason', { reason: entry.detail }, locale);
  // A duplicate's detail is "<hub name> · <title>" of the event it was listed under.
  if (entry.action === 'duplicate.confirm') return t('nationalAuditDupOf', { title: entry.detail }, locale);
  if (entry.action === 'duplicate.split') return t('nationalAuditDupApart', { title: entry.detail }, locale);
  return entry.detail;
}

export function NationalAudit({ session, locale, version }: { session: AdminSession; locale: Locale; version: number }) {
  const [entries, setEntries] = useState<AuditEntry[] | undefined>(undefined);
  const [more, setMore] = useState(false);
  const [error, setError] = useState('');

  const load = async (before?: number) => {
    try {
      const answer = await session.request<{ items: AuditEntry[] }>('GET', '/api/v1/admin/audit', { query: { limit: String(PAGE), ...(before === undefined ? {} : { before: String(before) }) } });
      setEntries((shown) => (before === undefined ? answer.items : [...(shown ?? []), ...answer.items]));
      setMore(answer.items.length === PAGE);
      setError('');
    } catch (failed) {
      setError(t('nationalFailed', { message: failed instanceof Error ? failed.message : String(failed) }, locale));
    }
  };
  // `version` moves when the console changed something: the newest entries are read again.
  useEffect(() => void load(), [version]);

  return (
    <section class="national-audit" aria-labelledby="national-audit-heading">
      <h2 id="national-audit-heading" class="console-section-title">
        {t('nationalAuditHeading', {}, locale)}
      </h2>
      {error === '' ? null : <p class="error">{error}</p>}
      {entries === undefined && error === '' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {entries !== undefined && entries.length === 0 ? <p>{t('nationalAuditEmpty', {}, locale)}</p> : null}
      {entries !== undefined && entries.length > 0 ? (
        <div class="table-scroll">
          <table class="console-table national-audit-table">
            <caption class="visually-hidden">{t('nationalAuditHeading', {}, locale)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nationalAuditWhen', {}, locale)}</th>
                <th scope="col">{t('nationalAuditWho', {}, locale)}</th>
                <th scope="col">{t('nationalAuditWhat', {}, locale)}</th>
                <th scope="col">{t('nationalAuditHub', {}, locale)}</th>
                <th scope="col">{t('nationalAuditDetail', {}, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t('nationalAuditWhen', {}, locale)}>{dateTime(entry.at, locale)}</td>
                  <td data-label={t('nationalAuditWho', {}, locale)} class="national-audit-who">
                    {entry.admin.email}
                  </td>
                  <td data-label={t('nationalAuditWhat', {}, locale)}>{t(ACTION_WORDS[entry.action], {}, locale)}</td>
                  <td data-label={t('nationalAuditHub', {}, locale)}>{entry.target.name}</td>
                  <td data-label={t('nationalAuditDetail', {}, locale)} class="national-reason">
                    {detailOf(entry, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {more && entries !== undefined ? (
        <p>
          <button type="button" onClick={() => void load(entries.at(-1)?.id)}>
            {t('nationalAuditMore', {}, locale)}
          </button>
        </p>
      ) : null}
    </section>
  );
}
