/**
 * Open reports, oldest first: why, about what (with a link to manage that content), and a
 * resolution to close each. A closed report leaves the list and is announced.
 */
import '../i18n/strings-console.ts';
import { contentTypes, type Locale, type ReportRequest } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import type { ReportItem } from './console-api.ts';
import { dateTime } from './format.ts';
import { ReasonForm } from './reason-form.tsx';
import { usePagedList } from '../components/use-paged-list.ts';

const REASON_LABELS: Record<ReportRequest['reason'], StringKey> = {
  spam: 'consoleReportSpam',
  inaccurate: 'consoleReportInaccurate',
  offensive: 'consoleReportOffensive',
  illegal: 'consoleReportIllegal',
  duplicate: 'consoleReportDuplicate',
  other: 'consoleReportOther',
};

export function reasonLabel(reason: string, locale: Locale): string {
  const key = REASON_LABELS[reason as keyof typeof REASON_LABELS] as StringKey | undefined;
  return key === undefined ? reason : t(key, {}, locale);
}

function Report({ report, busy, locale, onResolve }: { report: ReportItem; busy: boolean; locale: Locale; onResolve: (resolution: string) => void }) {
  const router = useRouter();
  const type = report.contentType ?? undefined;
  const about = report.contentTitle ?? report.contentId;
  return (
    <li class="console-item">
      <h3 class="console-item-title">{t('consoleReportAbout', { reason: reasonLabel(report.reason, locale), title: about }, locale)}</h3>
      <dl class="console-meta">
        <div>
          <dt>{t('consoleReportReason', {}, locale)}</dt>
          <dd>{reasonLabel(report.reason, locale)}</dd>
        </div>
        <div>
          <dt>{t('consoleReportContent', {}, locale)}</dt>
          <dd>
            {type === undefined ? '' : `${contentTypes.label(type, locale)} — `}
            {report.contentTitle ?? (report.contentType === null ? t('consoleReportGone', {}, locale) : report.contentId)}
          </dd>
        </div>
        <div>
          <dt>{t('consoleReportedAt', {}, locale)}</dt>
          <dd>
            <time dateTime={report.createdAt}>{dateTime(report.createdAt, locale)}</time>
          </dd>
        </div>
      </dl>
      {report.details === null || report.details === '' ? null : (
        <blockquote class="console-quote">
          <p>{report.details}</p>
        </blockquote>
      )}
      {type === undefined ? null : (
        <p>
          <a href={viewHref({ name: 'edit', type, id: report.contentId })} onClick={followLink(router)}>
            {t('consoleReportOpen', {}, locale)}
            <span class="visually-hidden"> « {about} »</span>
          </a>
        </p>
      )}
      <ReasonForm id={`resolve-${report.id}`} label={t('consoleResolution', {}, locale)} submitLabel={t('consoleResolve', {}, locale)} busy={busy} locale={locale} onSubmit={onResolve} />
    </li>
  );
}

export function ReportsTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const list = usePagedList<ReportItem>('reports', async (_cursor, signal) => {
    const page = await session.request<{ items: ReportItem[] }>('GET', '/api/v1/moderation/reports', { signal });
    return { items: page.items, next: null };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  async function resolve(report: ReportItem, resolution: string): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await session.request('POST', `/api/v1/moderation/reports/${encodeURIComponent(report.id)}/resolve`, { body: { resolution } });
      list.update((items) => items.filter((item) => item.id !== report.id));
      announce(t('consoleResolved', {}, locale));
      heading.current?.focus();
    } catch (failure) {
      const message = t('consoleActionFailed', { message: failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure) }, locale);
      setError(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h2 ref={heading} tabIndex={-1} class="console-section-title">
        {t('consoleReportsHeading', {}, locale)}
      </h2>
      {list.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleReportsEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((report) => (
          <Report key={report.id} report={report} busy={busy} locale={locale} onResolve={(resolution) => void resolve(report, resolution)} />
        ))}
      </ul>
    </div>
  );
}
