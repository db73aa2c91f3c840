/**
 * Requests to join the members' network, oldest first: who asks (name, address, since
 * when the account exists), accepted in one click or refused with a reason the requester
 * reads. A decided request leaves the list and is announced.
 */
import '../i18n/strings-membership.ts';
import '../i18n/strings-console.ts';
import type { Locale, MembershipRequestView } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { dateTime } from './format.ts';
import { ReasonForm } from './reason-form.tsx';

function Request({ request, busy, locale, onApprove, onRefuse }: { request: MembershipRequestView; busy: boolean; locale: Locale; onApprove: () => void; onRefuse: (reason: string) => void }) {
  const [refusing, setRefusing] = useState(false);
  return (
    <li class="console-item">
      <h3 class="console-item-title">{request.displayName}</h3>
      <p>
        <a href={`mailto:${request.email}`}>{request.email}</a>
      </p>
      <p class="console-meta-line">{t('consoleMembershipsAsked', { date: dateTime(request.requestedAt, locale), created: dateTime(request.createdAt, locale) }, locale)}</p>
      <div class="console-actions">
        <button type="button" class="console-primary" disabled={busy} onClick={onApprove}>
          {t('consoleMembershipsApprove', {}, locale)}
          <span class="visually-hidden"> — {request.displayName}</span>
        </button>
        {refusing ? null : (
          <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
            {t('consoleMembershipsRefuse', {}, locale)}
            <span class="visually-hidden"> — {request.displayName}</span>
          </button>
        )}
      </div>
      {refusing ? (
        <ReasonForm
          id={`refuse-${request.userId}`}
          label={t('consoleMembershipsReason', {}, locale)}
          submitLabel={t('consoleMembershipsRefuseSend', {}, locale)}
          busy={busy}
          locale={locale}
          onSubmit={onRefuse}
          onCancel={() => setRefusing(false)}
        />
      ) : null}
    </li>
  );
}

export function MembershipsTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const list = usePagedList<MembershipRequestView>('memberships', async (_cursor, signal) => ({ items: await session.request<MembershipRequestView[]>('GET', '/api/v1/moderation/memberships', { signal }), next: null }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  async function decide(request: MembershipRequestView, body: { decision: 'approve' } | { decision: 'refuse'; reason: string }): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await session.request('POST', `/api/v1/moderation/memberships/${encodeURIComponent(request.userId)}`, { body });
      list.update((items) => items.filter((item) => item.userId !== request.userId));
      announce(t(body.decision === 'approve' ? 'consoleMembershipsApproved' : 'consoleMembershipsRefused', { name: request.displayName }, locale));
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
        {t('consoleTabMemberships', {}, locale)}
      </h2>
      <p>{t('consoleMembershipsIntro', {}, locale)}</p>
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleMembershipsNone', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((request) => (
          <Request
            key={request.userId}
            request={request}
            busy={busy}
            locale={locale}
            onApprove={() => void decide(request, { decision: 'approve' })}
            onRefuse={(reason) => void decide(request, { decision: 'refuse', reason })}
          />
        ))}
      </ul>
    </div>
  );
}
