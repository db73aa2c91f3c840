/**
 * The audit log as an operator reads it: when (local time), who (name and role), what (a
 * verb), on what (its title, linked to its page), and each changed field before and after.
 * Filters are in the URL; the CSV export writes the same words for the whole filtered log.
 */
import '../i18n/strings-console.ts';
import { contentTypes, type Locale } from '@constellation/shared';
import { useEffect, useState } from 'preact/hooks';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { DIRECTORY_TYPES, viewHref, type DirectoryType } from '../state/url-state.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import type { AuditItem, AuditPersonItem, ListPage } from './console-api.ts';
import { auditFilters, AuditFiltersForm, auditParams, type AuditFilters } from './audit-filters.tsx';
import { actionLabel, changeRows, changeText, targetTitle, targetTypeLabel, whoName, whoRole } from './audit-words.ts';
import { csvText, downloadCsv } from './csv.ts';
import { dateTime } from './format.ts';

/** The export reads the log a page at a time, up to this many entries. */
const EXPORT_MAX = 10_000;
const PAGE = 100;

/** Where an entry's target can be seen: its public page, else its edit page; null for what has neither. */
export function targetHref(entry: AuditItem, config: SiteConfig, admin: boolean): string | null {
  const type = contentTypes.values.find((value) => value === entry.targetType);
  if (type !== undefined) {
    if (entry.target === null || entry.target === undefined) return null;
    const slug = entry.target.slug;
    if (slug !== null && type === 'event' && config.hubId !== undefined) return viewHref({ name: 'event', hub: config.hubId, id: entry.targetId });
    const directory = DIRECTORY_TYPES.find((value): value is DirectoryType => value === type);
    if (slug !== null && directory !== undefined) return viewHref({ name: 'content', type: directory, slug });
    return viewHref({ name: 'edit', type, id: entry.targetId });
  }
  if (!admin) return null;
  if (entry.targetType === 'user' && entry.target !== null && entry.target !== undefined) return viewHref({ name: 'console', tab: 'users', params: { q: entry.target.title } });
  if (entry.targetType === 'hub') return viewHref({ name: 'console', tab: entry.action === 'update-home' ? 'home' : 'settings', params: {} });
  if (entry.targetType === 'page') return viewHref({ name: 'console', tab: 'pages', params: {} });
  return null;
}

/** The log's entries as CSV rows, in the reader's language. */
export function auditCsv(entries: readonly AuditItem[], siteName: string, locale: Locale): string {
  const header = ['consoleAuditCsvInstant', 'consoleAuditWhen', 'consoleAuditWho', 'consoleAuditRole', 'consoleAuditWhat', 'consoleType', 'consoleAuditTarget', 'consoleAuditCsvTargetId', 'consoleAuditChange'] as const;
  return csvText(
    header.map((key) => t(key, {}, locale)),
    entries.map((entry) => [
      entry.at,
      dateTime(entry.at, locale),
      whoName(entry, locale),
      whoRole(entry, locale),
      actionLabel(entry.action, locale),
      targetTypeLabel(entry.targetType, locale),
      targetTitle(entry, siteName, locale),
      entry.targetId,
      changeRows(entry, locale)
        .map((row) => changeText(row, locale))
        .join(' ; '),
    ]),
  );
}

function ChangeList({ entry, locale }: { entry: AuditItem; locale: Locale }) {
  const rows = changeRows(entry, locale);
  if (rows.length === 0) return null;
  return (
    <ul class="audit-changes">
      {rows.map((row) => (
        <li key={row.field}>
          <span class="audit-field">
            {row.label}
            {locale === 'fr' ? ' :' : ':'}
          </span>{' '}
          {row.before === undefined ? (
            <span class="audit-after">{row.after}</span>
          ) : (
            <>
              <del class="audit-before">
                <span class="visually-hidden">{t('consoleAuditBefore', {}, locale)} </span>
                {row.before}
              </del>{' '}
              <span aria-hidden="true">→</span>{' '}
              <ins class="audit-after">
                <span class="visually-hidden">{t('consoleAuditAfter', {}, locale)} </span>
                {row.after}
              </ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function usePeople(): AuditPersonItem[] {
  const session = useSession();
  const [people, setPeople] = useState<AuditPersonItem[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // Without the list the filter still works by a linked id: a failure here is not worth a message.
    session.request<AuditPersonItem[]>('GET', '/api/v1/moderation/audit/people', { signal: controller.signal }).then(setPeople, () => undefined);
    return () => controller.abort();
  }, [session]);
  return people;
}

export function AuditTab({ config, params, locale }: { config: SiteConfig; params: Record<string, string>; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const me = session.account.value?.id;
  const admin = session.can('admin');
  const people = usePeople();
  const filters = auditFilters(params);
  const query = auditParams(filters);
  const key = JSON.stringify(query);
  const siteName = config.name ?? t('siteName', {}, locale);
  const list = usePagedList<AuditItem>(`audit ${key}`, (cursor, signal) => session.request<ListPage<AuditItem>>('GET', '/api/v1/moderation/audit', { query: { ...query, ...(cursor === undefined ? {} : { cursor }) }, signal }));
  const [exporting, setExporting] = useState<'idle' | 'busy' | 'failed'>('idle');
  const apply = (next: AuditFilters) => router.go(viewHref({ name: 'console', tab: 'audit', params: auditParams(next) }));
  const filtered = Object.keys(query).length > 0;

  const exportCsv = async () => {
    setExporting('busy');
    try {
      const entries: AuditItem[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await session.request<ListPage<AuditItem>>('GET', '/api/v1/moderation/audit', { query: { ...query, limit: String(PAGE), ...(cursor === undefined || cursor === null ? {} : { cursor }) } });
        entries.push(...page.items);
        cursor = page.next;
      } while (cursor !== null && entries.length < EXPORT_MAX);
      downloadCsv(`${t('consoleAuditCsvName', {}, locale)}.csv`, auditCsv(entries, siteName, locale));
      setExporting('idle');
    } catch {
      setExporting('failed');
    }
  };

  return (
    <div>
      <h2 class="console-section-title">{t('consoleAuditHeading', {}, locale)}</h2>
      <AuditFiltersForm key={key} filters={filters} people={people} locale={locale} onApply={apply} />
      <div class="console-actions audit-tools">
        {filtered ? (
          <a href={viewHref({ name: 'console', tab: 'audit', params: {} })} onClick={followLink(router)}>
            {t('consoleAuditClear', {}, locale)}
          </a>
        ) : null}
        <button type="button" disabled={exporting === 'busy' || list.items.length === 0} onClick={() => void exportCsv()}>
          {t(exporting === 'busy' ? 'consoleAuditExporting' : 'consoleAuditExport', {}, locale)}
        </button>
        {exporting === 'failed' ? (
          <span class="error" role="alert">
            {t('consoleAuditExportFailed', {}, locale)}
          </span>
        ) : null}
      </div>
      {list.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t(filtered ? 'consoleAuditNoMatch' : 'consoleAuditEmpty', {}, locale)}</p> : null}
      {list.items.length === 0 ? null : (
        <TableScroll label={t('consoleAuditHeading', {}, locale)}>
          <table class="console-table audit-table">
            <caption class="visually-hidden">{t('consoleAuditHeading', {}, locale)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consoleAuditWhen', {}, locale)}</th>
                <th scope="col">{t('consoleAuditWho', {}, locale)}</th>
                <th scope="col">{t('consoleAuditWhat', {}, locale)}</th>
                <th scope="col">{t('consoleAuditTarget', {}, locale)}</th>
                <th scope="col">{t('consoleAuditChange', {}, locale)}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((entry) => {
                const href = targetHref(entry, config, admin);
                const title = targetTitle(entry, siteName, locale);
                return (
                  <tr key={entry.id}>
                    <td class="audit-when" data-label={t('consoleAuditWhen', {}, locale)}>
                      <time dateTime={entry.at}>{dateTime(entry.at, locale)}</time>
                    </td>
                    <td data-label={t('consoleAuditWho', {}, locale)}>
                      <div>
                        <span class="audit-who">
                          {whoName(entry, locale)}
                          {entry.userId === me ? ` (${t('consoleAuditYou', {}, locale)})` : ''}
                        </span>
                        <span class="audit-role">{whoRole(entry, locale)}</span>
                      </div>
                    </td>
                    <td data-label={t('consoleAuditWhat', {}, locale)}>{actionLabel(entry.action, locale)}</td>
                    <td data-label={t('consoleAuditTarget', {}, locale)}>
                      <div>
                        <span class="audit-role">{targetTypeLabel(entry.targetType, locale)}</span>
                        {href === null ? (
                          <span class="audit-target">{title}</span>
                        ) : (
                          <a class="audit-target" href={href} onClick={followLink(router)}>
                            {title}
                          </a>
                        )}
                      </div>
                    </td>
                    <td data-label={t('consoleAuditChange', {}, locale)}>
                      <ChangeList entry={entry} locale={locale} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
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
