/**
 * The region's campaign coordination: the events contributors submitted to a national
 * campaign (the Fête de la science…), awaiting first, each labelled or refused with a reason
 * for its organiser, apart from moderation. A refusal the hub turns down is said at its field.
 */
import '../i18n/strings-console.ts';
import { moderationStatuses, type Locale } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { apiMessage } from '../i18n/api-messages.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { dateTime } from './format.ts';
import { ReasonForm } from './reason-form.tsx';

/** One event submitted to a campaign (the hub's campaign-submissions answer). */
export interface SubmissionItem {
  id: string;
  slug: string;
  title: string;
  status: string;
  campaign: string;
  state: 'submitted' | 'labelled' | 'refused';
  reason: string | null;
  decidedAt: string | null;
}

const STATES = ['submitted', 'labelled', 'refused', ''] as const;
type StateFilter = (typeof STATES)[number];
const STATE_LABELS: Record<StateFilter, StringKey> = { submitted: 'coordStateSubmitted', labelled: 'coordStateLabelled', refused: 'coordStateRefused', '': 'coordStateAll' };

/** Campaign names by slug, from the list the hub learnt; a campaign it no longer lists keeps its slug. */
function useCampaignNames(attempt: number): Map<string, string> {
  const session = useSession();
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    const controller = new AbortController();
    session.request<{ items: { slug: string; name: string }[] }>('GET', '/api/v1/campaigns', { signal: controller.signal }).then(
      (body) => {
        if (!controller.signal.aborted) setNames(new Map(body.items.map((item) => [item.slug, item.name])));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [attempt]);
  return names;
}

function Submission({ item, campaign, busy, refusal, locale, onLabel, onRefuse }: { item: SubmissionItem; campaign: string; busy: boolean; refusal: string | undefined; locale: Locale; onLabel: () => void; onRefuse: (reason: string) => void }) {
  const router = useRouter();
  const [refusing, setRefusing] = useState(false);
  return (
    <li class="console-item" data-testid="submission">
      <h3 class="console-item-title">{item.title}</h3>
      <dl class="console-meta">
        <div>
          <dt>{t('coordCampaign', {}, locale)}</dt>
          <dd>{campaign}</dd>
        </div>
        <div>
          <dt>{t('coordLabel', {}, locale)}</dt>
          <dd class={`coord-state coord-${item.state}`}>{t(STATE_LABELS[item.state], {}, locale)}</dd>
        </div>
        <div>
          <dt>{t('coordModeration', {}, locale)}</dt>
          <dd>{moderationStatuses.label(item.status as never, locale)}</dd>
        </div>
        {item.decidedAt === null ? null : (
          <div>
            <dt>{t('coordDecidedAt', {}, locale)}</dt>
            <dd>
              <time dateTime={item.decidedAt}>{dateTime(item.decidedAt, locale)}</time>
            </dd>
          </div>
        )}
      </dl>
      {item.reason === null ? null : (
        <blockquote class="console-quote">
          <p>{t('coordRefusedBecause', { reason: item.reason }, locale)}</p>
        </blockquote>
      )}
      <p>
        {item.status === 'published' ? (
          <a href={viewHref({ name: 'event', hub: '', id: '', slug: item.slug })} onClick={followLink(router)}>
            {t('coordOpenEvent', {}, locale)}
            <span class="visually-hidden"> « {item.title} »</span>
          </a>
        ) : (
          <span class="hint">{t('coordNotPublished', {}, locale)}</span>
        )}
      </p>
      <div class="console-actions">
        {item.state === 'labelled' ? null : (
          <button type="button" class="primary" disabled={busy} onClick={onLabel}>
            {t('coordLabelAction', {}, locale)}
            <span class="visually-hidden"> « {item.title} »</span>
          </button>
        )}
        {item.state === 'refused' || refusing ? null : (
          <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
            {t('coordRefuseAction', {}, locale)}
            <span class="visually-hidden"> « {item.title} »</span>
          </button>
        )}
      </div>
      {refusing || refusal !== undefined ? (
        <ReasonForm id={`refuse-${item.id}`} label={t('coordRefuseReason', {}, locale)} submitLabel={t('coordRefuseAction', {}, locale)} busy={busy} locale={locale} onSubmit={onRefuse} onCancel={() => setRefusing(false)} {...(refusal === undefined ? {} : { error: refusal })} />
      ) : null}
    </li>
  );
}

export function CampaignsTab({ params, locale, announce }: { params: Record<string, string>; locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const router = useRouter();
  const raw = params.etat ?? 'submitted';
  const state: StateFilter = raw === 'tous' ? '' : raw !== '' && (STATES as readonly string[]).includes(raw) ? (raw as StateFilter) : 'submitted';
  const [synced, setSynced] = useState(0);
  const names = useCampaignNames(synced);
  const list = usePagedList<SubmissionItem>(`campaign-submissions:${state}`, async (_cursor, signal) => {
    const page = await session.request<{ items: SubmissionItem[] }>('GET', '/api/v1/campaign-submissions', { signal, query: { state } });
    return { items: page.items, next: null };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  /** A refusal the hub turned down, by event: said under its reason box. */
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);

  async function decide(item: SubmissionItem, action: 'label' | 'refuse', reason?: string): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const decided = await session.request<SubmissionItem>('POST', `/api/v1/campaign-submissions/${encodeURIComponent(item.id)}/${action}`, reason === undefined ? {} : { body: { reason } });
      setRefusals(({ [item.id]: _gone, ...rest }) => rest);
      // Decided events leave the awaiting list; elsewhere they show their new state.
      list.update((items) => (state === '' ? items.map((each) => (each.id === item.id ? decided : each)) : items.filter((each) => each.id !== item.id)));
      announce(t(action === 'label' ? 'coordLabelled' : 'coordRefused', { title: item.title }, locale));
      heading.current?.focus();
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof ApiError && failure.status === 400 && action === 'refuse') {
        const issue = failure.issues.find((each) => each.field === 'reason' || each.field === 'body.reason') ?? failure.issues[0];
        const said = issue === undefined ? message : apiMessage(issue, locale);
        setRefusals((current) => ({ ...current, [item.id]: said }));
        announce(t('coordRefusalRefused', { message: said }, locale));
      } else {
        const text = t('consoleActionFailed', { message }, locale);
        setError(text);
        announce(text);
      }
    } finally {
      setBusy(false);
    }
  }

  async function sync(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const { count } = await session.request<{ count: number }>('POST', '/api/v1/admin/campaigns/sync');
      setSynced((value) => value + 1);
      announce(t('coordSynced', { count }, locale));
    } catch (failure) {
      const text = t('consoleActionFailed', { message: failure instanceof Error ? failure.message : String(failure) }, locale);
      setError(text);
      announce(text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="coord-tab">
      <p class="hint">{t('coordIntro', {}, locale)}</p>
      <div class="coord-tools">
        <nav aria-label={t('coordFilter', {}, locale)}>
          <ul class="coord-filter">
            {STATES.map((each) => (
              <li key={each}>
                <a href={viewHref({ name: 'console', tab: 'campaigns', params: each === 'submitted' ? {} : { etat: each === '' ? 'tous' : each } })} onClick={followLink(router)} aria-current={each === state ? 'page' : undefined}>
                  {t(STATE_LABELS[each], {}, locale)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" disabled={busy} onClick={() => void sync()}>
          {t('coordSync', {}, locale)}
        </button>
      </div>
      <p class="hint">{names.size === 0 ? t('coordNoCampaign', {}, locale) : t('coordKnown', { names: [...names.values()].join(', ') }, locale)}</p>
      <h2 ref={heading} tabIndex={-1} class="console-section-title">
        {t(state === 'submitted' ? 'coordHeadingAwaiting' : 'coordHeading', {}, locale)}
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t(state === 'submitted' ? 'coordEmptyAwaiting' : 'coordEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((item) => (
          <Submission
            key={item.id}
            item={item}
            campaign={names.get(item.campaign) ?? item.campaign}
            busy={busy}
            refusal={refusals[item.id]}
            locale={locale}
            onLabel={() => void decide(item, 'label')}
            onRefuse={(reason) => void decide(item, 'refuse', reason)}
          />
        ))}
      </ul>
    </div>
  );
}
