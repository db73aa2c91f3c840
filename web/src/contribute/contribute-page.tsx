import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { contentTypes, moderationStatuses, type ContentType, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { campaignAnswerText } from './campaign-answer.tsx';
import { apiPath, dashboardQuery, eventFirstDate, isPastEdition, itemActions, itemTitle, type ManagedItem, type ManagedPage } from './content-items.ts';
import type { CampaignChoice } from './field-env.ts';
import { setFlash, takeFlash } from './flash.ts';
import { useOpenCampaigns } from './my-campaigns.ts';
import { FORM_SECTIONS } from './type-specs.ts';

/** The types with a form, in the order a contributor reaches for them. */
export const CREATABLE_TYPES: readonly ContentType[] = (['event', 'article', 'place', 'project', 'announcement', 'resource', 'dossier', 'actor'] as const).filter((type) => FORM_SECTIONS[type] !== undefined);

export function newLabel(type: ContentType): StringKey {
  return `contribNew_${type}`;
}

function ItemRow({ item, locale, campaigns, repeated, onDone }: { item: ManagedItem; locale: Locale; campaigns: readonly CampaignChoice[]; repeated: boolean; onDone(message: string): void }) {
  const session = useSession();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const title = itemTitle(item.data) ?? t('contribUntitled', {}, locale);
  const act = async (run: () => Promise<unknown>, done: StringKey) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await run();
      onDone(t(done, { title }, locale));
    } catch (error) {
      setFailure(t('contribActionFailed', { message: error instanceof Error ? error.message : String(error) }, locale));
    } finally {
      setBusy(false);
    }
  };
  // Repeat for this year's edition: the hub copies the event into a new draft linked to this one; its form opens.
  const repeat = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const view = await session.request<{ id: string }>('POST', `/api/v1/events/${encodeURIComponent(item.id)}/repeat`);
      setFlash(t('contribRepeated', {}, locale));
      router.navigate({ view: { name: 'edit', type: 'event', id: view.id }, filters: router.state.value.filters });
    } catch (error) {
      setFailure(t('contribActionFailed', { message: error instanceof Error ? error.message : String(error) }, locale));
      setBusy(false);
    }
  };
  const label = item.campaignLabel;
  const on = item.type === 'event' ? eventFirstDate(item.data, locale) : undefined;
  const headingId = `item-${item.id}`;
  return (
    <li class="content-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p class="event-tags">
        <span class="tag">{contentTypes.label(item.type, locale)}</span> <span class={`status-badge status-${item.status}`}>{moderationStatuses.label(item.status, locale)}</span>{' '}
        {on === undefined ? null : <span class="event-when">{t('contribEventOn', { date: on }, locale)} · </span>}
        <span class="event-source">{t('contribUpdated', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(item.updatedAt)) }, locale)}</span>
      </p>
      {item.status === 'rejected' && item.rejectReason !== null && <p class="error">{t('contribRejectedBecause', { reason: item.rejectReason }, locale)}</p>}
      {label === undefined ? null : (
        <p class={label.state === 'refused' ? 'error campaign-answer' : 'notice campaign-answer'} data-state={label.state}>
          {campaignAnswerText(label, campaigns.find((campaign) => campaign.slug === label.campaign)?.name ?? label.campaign, locale)}
        </p>
      )}
      <div class="content-actions" role="group" aria-label={t('contribActionsFor', { title }, locale)}>
        {itemActions(item.status).map((action) => {
          if (action === 'edit') {
            return (
              <a key={action} href={viewHref({ name: 'edit', type: item.type, id: item.id })} onClick={followLink(router)}>
                {t('contribActionEdit', {}, locale)}
              </a>
            );
          }
          if (action === 'submit') {
            return (
              <button key={action} type="button" disabled={busy} onClick={() => void act(() => session.request('POST', apiPath(item.type, item.id, 'submit')), 'contribSubmittedItem')}>
                {t('contribActionSubmit', {}, locale)}
              </button>
            );
          }
          if (action === 'unpublish') {
            return (
              <button key={action} type="button" disabled={busy} onClick={() => void act(() => session.request('POST', apiPath(item.type, item.id, 'unpublish')), 'contribUnpublishedItem')}>
                {t('contribActionUnpublish', {}, locale)}
              </button>
            );
          }
          return confirming ? null : (
            <button key={action} type="button" disabled={busy} onClick={() => setConfirming(true)}>
              {t('contribActionDelete', {}, locale)}
            </button>
          );
        })}
        {item.type === 'event' && !repeated && isPastEdition(item.data) && (
          <button type="button" disabled={busy} onClick={() => void repeat()}>
            {t('contribRepeat', {}, locale)}
          </button>
        )}
      </div>
      {confirming && (
        <div class="notice notice-warning" role="alertdialog" aria-label={t('contribConfirmDelete', { title }, locale)}>
          <p>{t('contribConfirmDelete', { title }, locale)}</p>
          <div class="content-actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void act(() => session.request('DELETE', apiPath(item.type, item.id)), 'contribDeleted')}>
              {t('contribConfirm', {}, locale)}
            </button>
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              {t('contribCancel', {}, locale)}
            </button>
          </div>
        </div>
      )}
      {failure !== undefined && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </li>
  );
}

export function ContributePage({ params, locale }: { params: Record<string, string>; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const account = session.account.value;
  const query = dashboardQuery(params);
  const key = JSON.stringify(query);
  const [items, setItems] = useState<ManagedItem[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(() => takeFlash());
  const [reloads, setReloads] = useState(0);
  const [type, setType] = useState<string>(query.type ?? '');
  const [state, setState] = useState<string>(query.status ?? '');
  const campaigns = useOpenCampaigns();

  const load = (cursor: string | undefined, signal?: AbortSignal) =>
    session.request<ManagedPage>('GET', '/api/v1/me/content', { query: { ...query, cursor }, ...(signal === undefined ? {} : { signal }) }).then(
      (page) => {
        setItems((current) => (cursor === undefined ? page.items : [...(current ?? []), ...page.items]));
        setNext(page.next);
        setFailure(undefined);
      },
      (error: unknown) => {
        if (signal?.aborted !== true) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  useEffect(() => {
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
  }, [key, reloads]);

  if (account === null || account === undefined) return null;
  const noActor = account.actorIds.length === 0 && !session.can('moderator');
  const onFilter = (event: Event) => {
    event.preventDefault();
    router.navigate({ view: { name: 'contribute', params: { ...(type === '' ? {} : { type }), ...(state === '' ? {} : { status: state }) } }, filters: router.state.value.filters });
  };

  return (
    <div class="contribute-page">
      <h1 class="page-title">{t('contribDashTitle', {}, locale)}</h1>
      <p class="intro">{t('contribDashIntro', {}, locale)}</p>
      <p role="status" class={status === undefined ? 'visually-hidden' : 'notice'}>
        {status ?? ''}
      </p>
      {noActor ? (
        <section class="notice notice-warning" aria-labelledby="no-actor-title">
          <h2 id="no-actor-title">{t('contribNoActorTitle', {}, locale)}</h2>
          <p>{t('contribNoActor', {}, locale)}</p>
          <p>
            <a href={viewHref({ name: 'edit', type: 'actor' })} onClick={followLink(router)}>
              {t('contribCreateActor', {}, locale)}
            </a>
          </p>
        </section>
      ) : (
        <section aria-labelledby="create-title">
          <h2 id="create-title">{t('contribCreateTitle', {}, locale)}</h2>
          <ul class="create-links">
            {CREATABLE_TYPES.map((creatable) => (
              <li key={creatable}>
                <a href={viewHref({ name: 'edit', type: creatable })} onClick={followLink(router)}>
                  {t(newLabel(creatable), {}, locale)}
                </a>
              </li>
            ))}
            <li>
              <a href={viewHref({ name: 'import' })} onClick={followLink(router)}>
                {t('contribImportLink', {}, locale)}
              </a>
            </li>
          </ul>
        </section>
      )}
      <section aria-labelledby="my-content-title">
        <h2 id="my-content-title">{t('contribMyContent', {}, locale)}</h2>
        <form class="inline-form" onSubmit={onFilter}>
          <div class="field">
            <label for="content-type">{t('contribFilterType', {}, locale)}</label>
            <select id="content-type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
              <option value="">{t('contribFilterAll', {}, locale)}</option>
              {contentTypes.values.map((value) => (
                <option key={value} value={value}>
                  {contentTypes.label(value, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="content-status">{t('contribFilterStatus', {}, locale)}</label>
            <select id="content-status" value={state} onChange={(event) => setState(event.currentTarget.value)}>
              <option value="">{t('contribFilterAll', {}, locale)}</option>
              {moderationStatuses.values.map((value) => (
                <option key={value} value={value}>
                  {moderationStatuses.label(value, locale)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('contribFilterApply', {}, locale)}</button>
        </form>
        {failure !== undefined && (
          <p class="error" role="alert">
            {t('loadError', { message: failure }, locale)}
          </p>
        )}
        {items === undefined && failure === undefined && <p role="status">{t('loading', {}, locale)}</p>}
        {items !== undefined && items.length === 0 && <p class="empty">{t('contribEmpty', {}, locale)}</p>}
        {items !== undefined && items.length > 0 && (
          <ul class="content-list">
            {items.map((item) => (
              <ItemRow
                key={`${item.id}-${item.version}-${item.status}`}
                item={item}
                locale={locale}
                campaigns={campaigns}
                repeated={items.some((other) => other.data.previousEditionId === item.id)}
                onDone={(message) => {
                  setStatus(message);
                  setReloads((count) => count + 1);
                  // Deleting or creating my first actor changes what the account acts for.
                  if (item.type === 'actor') void session.reload();
                }}
              />
            ))}
          </ul>
        )}
        {next !== null && (
          <button type="button" class="load-more" onClick={() => void load(next)}>
            {t('contribMore', {}, locale)}
          </button>
        )}
      </section>
    </div>
  );
}
