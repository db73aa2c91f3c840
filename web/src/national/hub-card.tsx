/**
 * One hub in the national console: its dates, its health, and what the admin may do with
 * it (approve, suspend with a reason, read its descriptor again, remove it, read its
 * history and the items it was refused), one panel open at a time.
 */
import '../i18n/strings-console.ts';
import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { AdminSession } from './admin-session.ts';
import { ago, duration, failure, regionName, type AdminHub } from './hub-format.ts';
import { HubHistory } from './hub-history.tsx';
import { RejectedItems } from './rejected-items.tsx';
import { SuspendForm } from './suspend-form.tsx';

const STATUS_LABELS: Record<AdminHub['status'], StringKey> = { pending: 'statusPending', approved: 'statusApproved', suspended: 'statusSuspended' };

type Mode = 'idle' | 'suspend' | 'remove' | 'rejected' | 'history';

export function HubCard({ hub, session, locale, announce, changed }: { hub: AdminHub; session: AdminSession; locale: Locale; announce: (text: string) => void; changed: () => void }) {
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
