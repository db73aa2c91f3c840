/**
 * The national console (`/admin` on the aggregator's site): register a hub by URL after
 * reading its descriptor, approve, suspend with a reason, read its descriptor again,
 * remove it, and read each hub's health and the items it was refused. Everything the
 * aggregator CLI does for hubs. One polite live region says what was done.
 */
import '../i18n/strings-console.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { useFetch } from '../components/use-fetch.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useAdminSession, type AdminSession } from './admin-session.ts';
import { ago, duration, regionName, type AdminHub, type HubPreview, type RejectedItem } from './hub-format.ts';
import { HubHistory } from './hub-history.tsx';
import { NationalAudit } from './national-audit.tsx';
import { NationalCampaigns } from './national-campaigns.tsx';
import { NationalDuplicates } from './national-duplicates.tsx';
import { NationalAdmins } from './national-admins.tsx';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

const STATUS_LABELS: Record<AdminHub['status'], StringKey> = { pending: 'statusPending', approved: 'statusApproved', suspended: 'statusSuspended' };

function failure(error: unknown, locale: Locale): string {
  return t('nationalFailed', { message: error instanceof Error ? error.message : String(error) }, locale);
}

function AddHubForm({ session, locale, announce, onAdded }: { session: AdminSession; locale: Locale; announce: (text: string) => void; onAdded: () => void }) {
  const [url, setUrl] = useState('');
  const [preview, setPreview] = useState<HubPreview | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const inputId = 'national-hub-url';
  const label = t('nationalUrl', {}, locale);

  const refuse = (error: unknown) => {
    const message = error instanceof ApiError && error.field !== undefined ? error.message : failure(error, locale);
    setErrors([{ inputId: error instanceof ApiError && error.field !== undefined ? inputId : '', label, message }]);
    setAttempt((count) => count + 1);
  };

  const onPreview = async (event: Event) => {
    event.preventDefault();
    setPreview(undefined);
    if (url.trim() === '') {
      setErrors([{ inputId, label, message: t('nationalMissingUrl', {}, locale) }]);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      setPreview(await session.request<HubPreview>('POST', '/api/v1/admin/hubs/preview', { body: { url: url.trim() } }));
      setErrors([]);
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  };

  const onAdd = async () => {
    if (preview === undefined) return;
    setBusy(true);
    try {
      const hub = await session.request<AdminHub>('POST', '/api/v1/admin/hubs', { body: { url: preview.baseUrl } });
      announce(t('nationalAdded', { name: hub.name }, locale));
      setPreview(undefined);
      setUrl('');
      onAdded();
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  const none = t('nationalPreviewNone', {}, locale);
  return (
    <section class="national-add" aria-labelledby="national-add-heading">
      <h2 id="national-add-heading" class="console-section-title">
        {t('nationalAddHeading', {}, locale)}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <form class="national-add-form" onSubmit={(event) => void onPreview(event)} noValidate>
        <Field inputId={inputId} label={label} required hint={t('nationalUrlHint', {}, locale)} errors={fieldErrors} locale={locale}>
          <input id={inputId} type="url" name="url" inputMode="url" autoComplete="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} {...describedBy(inputId, true, fieldErrors)} />
        </Field>
        <div class="console-actions">
          <button type="submit" disabled={busy}>
            {t('nationalPreview', {}, locale)}
          </button>
        </div>
      </form>
      {preview === undefined ? null : (
        <div class="console-preview national-preview">
          <h3 class="console-section-title" tabIndex={-1} ref={previewHeading}>
            {t('nationalPreviewHeading', {}, locale)}
          </h3>
          <dl class="national-facts">
            <dt>{t('nationalPreviewName', {}, locale)}</dt>
            <dd>{preview.name}</dd>
            <dt>{t('nationalPreviewId', {}, locale)}</dt>
            <dd>{preview.id}</dd>
            <dt>{t('nationalPreviewRegion', {}, locale)}</dt>
            <dd>{regionName(preview.region, locale)}</dd>
            <dt>{t('nationalPreviewContact', {}, locale)}</dt>
            <dd>{[preview.contact.email, preview.contact.url].filter((value) => value !== null).join(' · ') || none}</dd>
            <dt>{t('nationalPreviewSoftware', {}, locale)}</dt>
            <dd>{preview.software ?? none}</dd>
            <dt>{t('nationalPreviewProtocol', {}, locale)}</dt>
            <dd>{preview.protocol}</dd>
            <dt>{t('nationalPreviewKeys', {}, locale)}</dt>
            <dd>{preview.keyIds.join(', ')}</dd>
          </dl>
          {preview.registeredAs === null ? (
            <div class="console-actions">
              <button type="button" class="console-primary" disabled={busy} onClick={() => void onAdd()}>
                {t('nationalAdd', {}, locale)}
              </button>
              <button type="button" onClick={() => setPreview(undefined)}>
                {t('nationalCancel', {}, locale)}
              </button>
            </div>
          ) : (
            <p class="console-warning">{t('nationalPreviewRegistered', { id: preview.registeredAs }, locale)}</p>
          )}
        </div>
      )}
    </section>
  );
}

function SuspendForm({ hub, session, locale, done, cancel }: { hub: AdminHub; session: AdminSession; locale: Locale; done: (updated: AdminHub) => void; cancel: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const inputId = `suspend-reason-${hub.id}`;
  const label = t('nationalReason', {}, locale);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setErrors([{ inputId, label, message: t('nationalReasonRequired', {}, locale) }]);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      done(await session.request<AdminHub>('POST', `/api/v1/admin/hubs/${encodeURIComponent(hub.id)}/suspend`, { body: { reason: reason.trim() } }));
    } catch (error) {
      setErrors([{ inputId: error instanceof ApiError && error.field === 'reason' ? inputId : '', label, message: error instanceof ApiError && error.field === 'reason' ? error.message : failure(error, locale) }]);
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  return (
    <form class="console-reason national-inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('nationalSuspendHeading', { name: hub.name }, locale)}>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <Field inputId={inputId} label={label} required hint={t('nationalSuspendHint', {}, locale)} errors={fieldErrors} locale={locale}>
        <textarea id={inputId} ref={field} rows={2} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} {...describedBy(inputId, true, fieldErrors)} />
      </Field>
      <div class="console-actions">
        <button type="submit" class="console-danger" disabled={busy}>
          {t('nationalSuspendConfirm', {}, locale)}
        </button>
        <button type="button" onClick={cancel}>
          {t('nationalCancel', {}, locale)}
        </button>
      </div>
    </form>
  );
}

function RejectedItems({ hub, session, locale }: { hub: AdminHub; session: AdminSession; locale: Locale }) {
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

type Mode = 'idle' | 'suspend' | 'remove' | 'rejected' | 'history';

function HubCard({ hub, session, locale, announce, changed }: { hub: AdminHub; session: AdminSession; locale: Locale; announce: (text: string) => void; changed: () => void }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const health = hub.health;
  const never = t('nationalNever', {}, locale);
  const headingId = `hub-${hub.id}`;

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError('');
    try {
      announce(await work());
      setMode('idle');
      changed();
    } catch (failed) {
      setError(failure(failed, locale));
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/v1/admin/hubs/${encodeURIComponent(hub.id)}`;
  const approve = () =>
    act(async () => {
      const answer = await session.request<AdminHub & { scheduled: boolean }>('POST', `${path}/approve`);
      return t(answer.scheduled ? 'nationalApproved' : 'nationalApprovedUnscheduled', { name: hub.name }, locale);
    });
  const refresh = () => act(async () => (await session.request('POST', `${path}/refresh`), t('nationalRefreshed', { name: hub.name }, locale)));
  const remove = () => act(async () => t('nationalRemoved', { name: hub.name, count: (await session.request<{ removed: number }>('DELETE', path)).removed }, locale));

  return (
    <li class={`national-hub national-hub-${hub.status}`} aria-labelledby={headingId}>
      <div class="national-hub-head">
        <h3 id={headingId} class="console-item-title">
          {hub.name}
        </h3>
        <span class={`national-status national-status-${hub.status}`}>{t(STATUS_LABELS[hub.status], {}, locale)}</span>
      </div>
      <p class="console-meta-line">
        {regionName(hub.region, locale)} · <a href={hub.baseUrl}>{hub.baseUrl.replace(/^https?:\/\//, '')}</a>
      </p>
      <dl class="national-facts">
        <dt>{t('nationalAddedAt', {}, locale)}</dt>
        <dd>{dateTime(hub.addedAt, locale)}</dd>
        {hub.approvedAt === null ? null : (
          <>
            <dt>{t('nationalApprovedAt', {}, locale)}</dt>
            <dd>{dateTime(hub.approvedAt, locale)}</dd>
          </>
        )}
        {hub.suspendedAt === null ? null : (
          <>
            <dt>{t('nationalSuspendedAt', {}, locale)}</dt>
            <dd>{dateTime(hub.suspendedAt, locale)}</dd>
          </>
        )}
        {hub.suspendReason === null ? null : (
          <>
            <dt>{t('nationalSuspendReason', {}, locale)}</dt>
            <dd class="national-reason">{hub.suspendReason}</dd>
          </>
        )}
      </dl>
      <h4 class="national-health-title">{t('nationalHealth', {}, locale)}</h4>
      <dl class="national-facts national-health">
        <dt>{t('nationalLastSuccess', {}, locale)}</dt>
        <dd>{health.lastSuccessAt === null ? never : ago(health.lastSuccessAt, locale)}</dd>
        <dt>{t('nationalLag', {}, locale)}</dt>
        <dd class={health.lagSeq > 0 ? 'national-warn' : 'national-ok'}>{health.lagSeq === 0 ? t('nationalUpToDate', {}, locale) : t('nationalLagValue', { changes: new Intl.NumberFormat(locale).format(health.lagSeq), duration: duration(health.lagSeconds, locale) }, locale)}</dd>
        <dt>{t('nationalFailures', {}, locale)}</dt>
        <dd class={health.consecutiveFailures > 0 ? 'national-warn' : undefined}>{health.consecutiveFailures}</dd>
        <dt>{t('nationalLastError', {}, locale)}</dt>
        <dd class={health.lastError === null ? undefined : 'national-error-text'}>{health.lastError === null ? t('nationalNoError', {}, locale) : t('nationalLastErrorValue', { message: health.lastError, when: health.lastErrorAt === null ? never : ago(health.lastErrorAt, locale) }, locale)}</dd>
        <dt>{t('nationalContent', {}, locale)}</dt>
        <dd>{t('nationalContentValue', { events: new Intl.NumberFormat(locale).format(health.events), records: new Intl.NumberFormat(locale).format(health.records) }, locale)}</dd>
        <dt>{t('nationalItems', {}, locale)}</dt>
        <dd>{t('nationalItemsValue', { applied: new Intl.NumberFormat(locale).format(health.appliedCount), rejected: new Intl.NumberFormat(locale).format(health.rejectedCount) }, locale)}</dd>
      </dl>
      {health.breakerUntil !== null && Date.parse(health.breakerUntil) > Date.now() ? <p class="console-warning">{t('nationalBreaker', { when: dateTime(health.breakerUntil, locale) }, locale)}</p> : null}
      {error === '' ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="console-actions">
        {hub.status === 'approved' ? null : (
          <button type="button" class="console-primary" disabled={busy} onClick={() => void approve()}>
            {t(hub.status === 'suspended' ? 'nationalApproveAgain' : 'nationalApprove', {}, locale)}
          </button>
        )}
        {hub.status === 'suspended' ? null : (
          <button type="button" disabled={busy} aria-expanded={mode === 'suspend'} onClick={() => setMode(mode === 'suspend' ? 'idle' : 'suspend')}>
            {t('nationalSuspend', {}, locale)}
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void refresh()}>
          {t('nationalRefresh', {}, locale)}
        </button>
        <button type="button" disabled={busy} aria-expanded={mode === 'remove'} onClick={() => setMode(mode === 'remove' ? 'idle' : 'remove')}>
          {t('nationalRemove', {}, locale)}
        </button>
        <button type="button" aria-expanded={mode === 'history'} onClick={() => setMode(mode === 'history' ? 'idle' : 'history')}>
          {t('nationalHistoryShow', {}, locale)}
        </button>
        <button type="button" aria-expanded={mode === 'rejected'} onClick={() => setMode(mode === 'rejected' ? 'idle' : 'rejected')}>
          {t('nationalRejectedShow', { count: new Intl.NumberFormat(locale).format(health.rejectedCount) }, locale)}
        </button>
      </div>
      {mode === 'suspend' ? (
        <SuspendForm
          hub={hub}
          session={session}
          locale={locale}
          cancel={() => setMode('idle')}
          done={(updated) => {
            announce(t('nationalSuspended', { name: updated.name }, locale));
            setMode('idle');
            changed();
          }}
        />
      ) : null}
      {mode === 'remove' ? (
        <div class="console-reason national-inline" role="group" aria-label={t('nationalRemove', {}, locale)}>
          <p>{t('nationalRemoveQuestion', { name: hub.name }, locale)}</p>
          <div class="console-actions">
            <button type="button" class="console-danger" disabled={busy} onClick={() => void remove()}>
              {t('nationalRemoveConfirm', {}, locale)}
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              {t('nationalCancel', {}, locale)}
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'rejected' ? <RejectedItems hub={hub} session={session} locale={locale} /> : null}
      {mode === 'history' ? <HubHistory hub={hub} session={session} locale={locale} /> : null}
    </li>
  );
}

/** The console's tabs, each its own address: the hubs, the campaigns, the cross-hub duplicates, the national admins. */
function ConsoleTabs({ tab, locale }: { tab: 'hubs' | 'campaigns' | 'duplicates' | 'admins'; locale: Locale }) {
  const router = useRouter();
  const tabs = [
    { key: 'hubs' as const, href: viewHref({ name: 'national-console', params: {} }), label: t('ncTabHubs', {}, locale) },
    { key: 'campaigns' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'campaigns' }), label: t('ncTab', {}, locale) },
    { key: 'duplicates' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'duplicates' }), label: t('dupTab', {}, locale) },
    { key: 'admins' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'admins' }), label: t('naTab', {}, locale) },
  ];
  return (
    <nav class="console-tabs" aria-label={t('consoleTabsNav', {}, locale)}>
      <ul>
        {tabs.map((entry) => (
          <li key={entry.key}>
            <a href={entry.href} onClick={followLink(router)} aria-current={tab === entry.key ? 'page' : undefined}>
              {entry.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function NationalConsolePage({ locale, tab }: { locale: Locale; tab?: 'campaigns' | 'duplicates' | 'admins' }) {
  const session = useAdminSession();
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [tab]);
  if (tab === 'campaigns') return <NationalCampaignsPage session={session} locale={locale} />;
  if (tab === 'duplicates') return <NationalDuplicatesPage session={session} locale={locale} />;
  if (tab === 'admins') return <NationalAdminsPage session={session} locale={locale} />;
  return <NationalHubsPage session={session} locale={locale} notice={notice} setNotice={setNotice} />;
}

function NationalCampaignsPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  useEffect(() => {
    document.title = `${t('ncTitle', {}, locale)} · ${t('siteName', {}, locale)}`;
  }, [locale]);
  return (
    <div class="console-page national-console">
      <h1 class="page-title">{t('ncTitle', {}, locale)}</h1>
      <ConsoleTabs tab="campaigns" locale={locale} />
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <NationalCampaigns session={session} locale={locale} announce={setNotice} />
    </div>
  );
}

function NationalDuplicatesPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  useEffect(() => {
    document.title = `${t('dupTitle', {}, locale)} · ${t('siteName', {}, locale)}`;
    // A notice is said in the language it was made in: it goes when the reader switches.
    setNotice('');
  }, [locale]);
  return (
    <div class="console-page national-console">
      <h1 class="page-title">{t('dupTitle', {}, locale)}</h1>
      <ConsoleTabs tab="duplicates" locale={locale} />
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <NationalDuplicates session={session} locale={locale} announce={setNotice} />
    </div>
  );
}

function NationalAdminsPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  useEffect(() => {
    document.title = `${t('naTitle', {}, locale)} · ${t('siteName', {}, locale)}`;
    setNotice('');
  }, [locale]);
  return (
    <div class="console-page national-console">
      <h1 class="page-title">{t('naTitle', {}, locale)}</h1>
      <ConsoleTabs tab="admins" locale={locale} />
      <p>{t('naIntro', {}, locale)}</p>
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <NationalAdmins session={session} locale={locale} announce={setNotice} />
    </div>
  );
}

function NationalHubsPage({ session, locale, notice, setNotice }: { session: AdminSession; locale: Locale; notice: string; setNotice: (text: string) => void }) {
  // Moves with every change the console makes, so the audit log reads its newest entries again.
  const [version, setVersion] = useState(0);
  const [loaded, reloadHubs] = useFetch('national-hubs', (signal) => session.request<{ items: AdminHub[] }>('GET', '/api/v1/admin/hubs', { signal }).then((answer) => answer.items));
  // While a change reloads the list, the previous one stays on screen (and keyboard focus in it).
  const reload = () => {
    reloadHubs();
    setVersion((count) => count + 1);
  };
  const last = useRef<AdminHub[] | undefined>(undefined);
  if (loaded.status === 'done') last.current = loaded.value;
  const hubs = loaded.status === 'loading' && last.current !== undefined ? { status: 'done' as const, value: last.current } : loaded;
  useEffect(() => {
    document.title = `${t('nationalTitle', {}, locale)} · ${t('siteName', {}, locale)}`;
  }, [locale]);
  return (
    <div class="console-page national-console">
      <h1 class="page-title">{t('nationalTitle', {}, locale)}</h1>
      <ConsoleTabs tab="hubs" locale={locale} />
      <p>{t('nationalIntro', {}, locale)}</p>
      <p>
        <a href="/admin/queues">{t('nationalQueuesLink', {}, locale)}</a>
      </p>
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <AddHubForm session={session} locale={locale} announce={setNotice} onAdded={reload} />
      <section aria-labelledby="national-list-heading">
        <h2 id="national-list-heading" class="console-section-title">
          {t('nationalListHeading', { count: hubs.status === 'done' ? hubs.value.length : 0 }, locale)}
        </h2>
        {hubs.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
        {hubs.status === 'failed' ? (
          <p class="error" role="alert">
            {t('loadError', { message: hubs.message }, locale)}{' '}
            <button type="button" onClick={reload}>
              {t('retry', {}, locale)}
            </button>
          </p>
        ) : null}
        {hubs.status === 'done' && hubs.value.length === 0 ? <p>{t('nationalEmpty', {}, locale)}</p> : null}
        {hubs.status === 'done' && hubs.value.length > 0 ? (
          <ul class="national-hubs">
            {hubs.value.map((hub) => (
              <HubCard key={hub.id} hub={hub} session={session} locale={locale} announce={setNotice} changed={reload} />
            ))}
          </ul>
        ) : null}
      </section>
      <NationalAudit session={session} locale={locale} version={version} />
    </div>
  );
}
