/**
 * The operators' statistics, counted on the hub (no cookie, no third party, nothing kept
 * about readers): published per type and month, the queue, decisions per moderator, the
 * most viewed events and articles with their views per day, the searches that found
 * nothing. Each chart is followed by its numbers as a table and can be saved as CSV.
 * The period is in the URL.
 */
import '../i18n/strings-console.ts';
import { contentTypes, roles, type ContentType, type Locale, type StatsReport } from '@constellation/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { TableScroll } from '../components/table-scroll.tsx';
import { BarChart } from './bar-chart.tsx';
import { describedBy, Field } from './console-form.tsx';
import { csvText, downloadCsv } from './csv.ts';
import { dateTime } from './format.ts';
import { targetHref } from './audit-tab.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function statsPeriod(params: Record<string, string>): { from?: string; to?: string } {
  return { ...(params.from !== undefined && DAY.test(params.from) ? { from: params.from } : {}), ...(params.to !== undefined && DAY.test(params.to) ? { to: params.to } : {}) };
}

const AGE_LABELS: Record<string, StringKey> = { day: 'consoleStatsAgeDay', 'three-days': 'consoleStatsAgeThreeDays', week: 'consoleStatsAgeWeek', older: 'consoleStatsAgeOlder' };

function monthLabel(month: string, locale: Locale): string {
  const date = new Date(`${month}-01T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function dayLabel(day: string, locale: Locale): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Published per month: one row per month of the report, one column per type that has any. */
export function publishedTable(report: StatsReport): { months: string[]; types: ContentType[]; count: (month: string, type: ContentType) => number } {
  const months = [...new Set(report.published.map((row) => row.month))].sort();
  const types = contentTypes.values.filter((type) => report.published.some((row) => row.type === type));
  const counts = new Map(report.published.map((row) => [`${row.month} ${row.type}`, row.count] as const));
  return { months, types, count: (month, type) => counts.get(`${month} ${type}`) ?? 0 };
}

/** Every section's numbers as CSV, in the reader's language. */
export function statsCsv(section: 'published' | 'queue' | 'decisions' | 'viewed' | 'searches', report: StatsReport, locale: Locale): string {
  const w = (key: StringKey) => t(key, {}, locale);
  switch (section) {
    case 'published': {
      const table = publishedTable(report);
      return csvText([w('consoleStatsMonth'), ...table.types.map((type) => contentTypes.label(type, locale)), w('consoleStatsTotal')], table.months.map((month) => [month, ...table.types.map((type) => table.count(month, type)), table.types.reduce((sum, type) => sum + table.count(month, type), 0)]));
    }
    case 'queue':
      return csvText([w('consoleStatsWaited'), w('consoleStatsItems')], report.queue.ages.map((age) => [w(AGE_LABELS[age.bucket] ?? 'consoleStatsAgeOlder'), age.count]));
    case 'decisions':
      return csvText([w('consoleStatsModerator'), w('consoleAuditRole'), w('consoleStatsApproved'), w('consoleStatsRejected')], report.decisions.map((row) => [row.name ?? w('consoleAuditAccountGone'), roleLabel(row.role, locale), row.approved, row.rejected]));
    case 'viewed':
      return csvText([w('consoleStatsTitle'), w('consoleType'), w('consoleStatsDay'), w('consoleStatsViews')], report.mostViewed.flatMap((item) => item.days.map((day) => [item.title, contentTypes.label(item.type, locale), day.day, day.views])));
    case 'searches':
      return csvText([w('consoleStatsSearch'), w('consoleStatsSearches')], report.searchMisses.map((row) => [row.query, row.count]));
  }
}

function roleLabel(code: string | null, locale: Locale): string {
  const role = roles.values.find((value) => value === code);
  return role === undefined ? '' : roles.label(role, locale);
}

function Section({ id, title, note, csv, locale, children }: { id: string; title: string; note?: string; csv: () => string; locale: Locale; children: ComponentChildren }) {
  return (
    <section class="stats-section" aria-labelledby={`${id}-title`}>
      <div class="stats-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button type="button" onClick={() => downloadCsv(`${id}.csv`, csv())}>
          {t('consoleStatsCsv', {}, locale)}
          <span class="visually-hidden"> : {title}</span>
        </button>
      </div>
      {note === undefined ? null : <p class="console-hint">{note}</p>}
      {children}
    </section>
  );
}

function PeriodForm({ period, locale, onApply }: { period: { from?: string; to?: string }; locale: Locale; onApply: (period: { from?: string; to?: string }) => void }) {
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  const [wrong, setWrong] = useState(false);
  const errors = wrong ? [t('consoleAuditPeriodError', {}, locale)] : [];
  return (
    <form
      class="console-filters"
      aria-label={t('consoleStatsPeriod', {}, locale)}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const backwards = from !== '' && to !== '' && to < from;
        setWrong(backwards);
        if (backwards) {
          document.getElementById('stats-to')?.focus();
          return;
        }
        onApply(statsPeriod({ from, to }));
      }}
    >
      <div class="console-field">
        <label for="stats-from">{t('consoleAuditFrom', {}, locale)}</label>
        <input id="stats-from" type="date" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
      </div>
      <Field inputId="stats-to" label={t('consoleAuditTo', {}, locale)} errors={errors} locale={locale}>
        <input id="stats-to" type="date" value={to} {...describedBy('stats-to', false, errors)} onInput={(event) => setTo(event.currentTarget.value)} />
      </Field>
      <button type="submit">{t('consoleStatsShow', {}, locale)}</button>
    </form>
  );
}

export function StatsTab({ config, params, locale }: { config: SiteConfig; params: Record<string, string>; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const period = statsPeriod(params);
  const key = JSON.stringify(period);
  const [state, setState] = useState<{ key: string; report?: StatsReport; error?: string }>({ key });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ key });
    session.request<StatsReport>('GET', '/api/v1/moderation/stats', { query: period, signal: controller.signal }).then(
      (report) => setState({ key, report }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const number = new Intl.NumberFormat(locale);
  const format = (value: number) => number.format(value);
  const report = state.key === key ? state.report : undefined;
  const admin = session.can('admin');

  return (
    <div class="stats">
      <h2 class="console-section-title">{t('consoleStatsHeading', {}, locale)}</h2>
      <p class="console-hint">{t('consoleStatsPrivacy', {}, locale)}</p>
      <PeriodForm key={key} period={period} locale={locale} onApply={(next) => router.go(viewHref({ name: 'console', tab: 'stats', params: next }))} />
      {state.error !== undefined && state.key === key ? (
        <p class="error" role="alert">
          {t('loadError', { message: state.error }, locale)}{' '}
          <button type="button" onClick={() => setAttempt((count) => count + 1)}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {report === undefined ? (
        state.error === undefined ? <p role="status">{t('loading', {}, locale)}</p> : null
      ) : (
        <>
          <p class="stats-period">{t('consoleStatsPeriodIs', { from: dayLabel(report.from, locale), to: dayLabel(report.to, locale) }, locale)}</p>
          <Published report={report} locale={locale} format={format} />
          <Section id="queue" title={t('consoleStatsQueue', {}, locale)} csv={() => statsCsv('queue', report, locale)} locale={locale}>
            <dl class="stats-figures">
              <div>
                <dt>{t('consoleStatsPending', {}, locale)}</dt>
                <dd>{format(report.queue.pending)}</dd>
              </div>
              <div>
                <dt>{t('consoleStatsOldest', {}, locale)}</dt>
                <dd>{report.queue.oldest === null ? '—' : <time dateTime={report.queue.oldest}>{dateTime(report.queue.oldest, locale)}</time>}</dd>
              </div>
            </dl>
            <figure class="stats-figure">
              <BarChart bars={report.queue.ages.map((age) => ({ label: t(AGE_LABELS[age.bucket] ?? 'consoleStatsAgeOlder', {}, locale), value: age.count }))} format={format} />
              <TableScroll label={t('consoleStatsQueueCaption', {}, locale)}><table class="console-table">
                <caption>{t('consoleStatsQueueCaption', {}, locale)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('consoleStatsWaited', {}, locale)}</th>
                    <th scope="col" class="num">{t('consoleStatsItems', {}, locale)}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.queue.ages.map((age) => (
                    <tr key={age.bucket}>
                      <th scope="row">{t(AGE_LABELS[age.bucket] ?? 'consoleStatsAgeOlder', {}, locale)}</th>
                      <td class="num">{format(age.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table></TableScroll>
            </figure>
          </Section>
          <Section id="decisions" title={t('consoleStatsDecisions', {}, locale)} csv={() => statsCsv('decisions', report, locale)} locale={locale}>
            {report.decisions.length === 0 ? (
              <p class="empty">{t('consoleStatsNoDecision', {}, locale)}</p>
            ) : (
              <figure class="stats-figure">
                <BarChart bars={report.decisions.map((row) => ({ label: row.name ?? t('consoleAuditAccountGone', {}, locale), value: row.approved + row.rejected }))} format={format} />
                <TableScroll label={t('consoleStatsDecisionsCaption', {}, locale)}><table class="console-table">
                  <caption>{t('consoleStatsDecisionsCaption', {}, locale)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('consoleStatsModerator', {}, locale)}</th>
                      <th scope="col" class="num">{t('consoleStatsApproved', {}, locale)}</th>
                      <th scope="col" class="num">{t('consoleStatsRejected', {}, locale)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.decisions.map((row) => (
                      <tr key={row.userId}>
                        <th scope="row">
                          {row.name ?? t('consoleAuditAccountGone', {}, locale)} <span class="audit-role">{roleLabel(row.role, locale)}</span>
                        </th>
                        <td class="num">{format(row.approved)}</td>
                        <td class="num">{format(row.rejected)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></TableScroll>
              </figure>
            )}
          </Section>
          <Section id="most-viewed" title={t('consoleStatsViewed', {}, locale)} note={t('consoleStatsViewedNote', {}, locale)} csv={() => statsCsv('viewed', report, locale)} locale={locale}>
            {report.mostViewed.length === 0 ? (
              <p class="empty">{t('consoleStatsNoView', {}, locale)}</p>
            ) : (
              <figure class="stats-figure">
                <BarChart bars={report.mostViewed.map((item) => ({ label: item.title, value: item.views }))} format={format} />
                <TableScroll label={t('consoleStatsViewedCaption', {}, locale)}><table class="console-table">
                  <caption>{t('consoleStatsViewedCaption', {}, locale)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('consoleStatsTitle', {}, locale)}</th>
                      <th scope="col" class="num">{t('consoleStatsViews', {}, locale)}</th>
                      <th scope="col">{t('consoleStatsPerDay', {}, locale)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.mostViewed.map((item) => {
                      const href = targetHref({ id: 0, at: '', userId: '', action: '', details: null, targetType: item.type, targetId: item.id, target: { title: item.title, slug: item.slug } }, config, admin);
                      return (
                        <tr key={item.id}>
                          <th scope="row">
                            <span class="audit-role">{contentTypes.label(item.type, locale)}</span>
                            {href === null ? (
                              item.title
                            ) : (
                              <a href={href} onClick={followLink(router)}>
                                {item.title}
                              </a>
                            )}
                          </th>
                          <td class="num">{format(item.views)}</td>
                          <td>
                            <ul class="stats-days">
                              {item.days.map((day) => (
                                <li key={day.day}>
                                  {dayLabel(day.day, locale)}
                                  {locale === 'fr' ? ' : ' : ': '}
                                  {format(day.views)}
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table></TableScroll>
              </figure>
            )}
          </Section>
          <Section id="searches" title={t('consoleStatsSearches', {}, locale)} note={t('consoleStatsSearchesNote', {}, locale)} csv={() => statsCsv('searches', report, locale)} locale={locale}>
            {report.searchMisses.length === 0 ? (
              <p class="empty">{t('consoleStatsNoSearch', {}, locale)}</p>
            ) : (
              <figure class="stats-figure">
                <BarChart bars={report.searchMisses.map((row) => ({ label: locale === 'fr' ? `« ${row.query} »` : `“${row.query}”`, value: row.count }))} format={format} />
                <TableScroll label={t('consoleStatsSearchesCaption', {}, locale)}><table class="console-table">
                  <caption>{t('consoleStatsSearchesCaption', {}, locale)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('consoleStatsSearch', {}, locale)}</th>
                      <th scope="col" class="num">{t('consoleStatsSearchCount', {}, locale)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.searchMisses.map((row) => (
                      <tr key={row.query}>
                        <th scope="row">{row.query}</th>
                        <td class="num">{format(row.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></TableScroll>
              </figure>
            )}
          </Section>
        </>
      )}
    </div>
  );
}

function Published({ report, locale, format }: { report: StatsReport; locale: Locale; format: (value: number) => string }) {
  const table = publishedTable(report);
  const total = (month: string) => table.types.reduce((sum, type) => sum + table.count(month, type), 0);
  return (
    <Section id="published" title={t('consoleStatsPublished', {}, locale)} note={t('consoleStatsPublishedNote', {}, locale)} csv={() => statsCsv('published', report, locale)} locale={locale}>
      {table.months.length === 0 ? (
        <p class="empty">{t('consoleStatsNoPublished', {}, locale)}</p>
      ) : (
        <figure class="stats-figure">
          <BarChart bars={table.months.map((month) => ({ label: monthLabel(month, locale), value: total(month) }))} format={format} />
          <TableScroll label={t('consoleStatsPublishedCaption', {}, locale)}>
            <table class="console-table">
              <caption>{t('consoleStatsPublishedCaption', {}, locale)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('consoleStatsMonth', {}, locale)}</th>
                  {table.types.map((type) => (
                    <th scope="col" class="num" key={type}>
                      {contentTypes.label(type, locale)}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t('consoleStatsTotal', {}, locale)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.months.map((month) => (
                  <tr key={month}>
                    <th scope="row">{monthLabel(month, locale)}</th>
                    {table.types.map((type) => (
                      <td class="num" key={type}>
                        {format(table.count(month, type))}
                      </td>
                    ))}
                    <td class="num">{format(total(month))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </figure>
      )}
    </Section>
  );
}
