/**
 * The moderation queue: what waits for a decision, filtered by type, text and actor (kept
 * in the URL), with a public preview of each item, per-item and bulk approve/reject. A
 * decision takes the items off the list on screen and is announced; nothing reloads.
 */
import '../i18n/strings-console.ts';
import { contentTypes, type Locale } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { noteWorkloadChanged } from '../state/workload.ts';
import { decisionBody, queueFilters, queueParams, queueQuery, titleOf, type ListPage, type ManagedItem, type QueueFilters } from './console-api.ts';
import { ContentPreview } from './content-preview.tsx';
import { dateTime } from './format.ts';
import { ReasonForm } from './reason-form.tsx';
import { useActors, type ActorChoice } from './use-actors.ts';
import { useAuthorNames } from './use-author-names.ts';
import { usePagedList } from '../components/use-paged-list.ts';

/** The API takes at most this many ids per decision. */
const MAX_IDS = 100;

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let at = 0; at < ids.length; at += MAX_IDS) out.push(ids.slice(at, at + MAX_IDS));
  return out;
}

function QueueFiltersForm({ filters, actors, locale, onApply }: { filters: QueueFilters; actors: ActorChoice[]; locale: Locale; onApply: (filters: QueueFilters) => void }) {
  const [type, setType] = useState<string>(filters.type ?? '');
  const [q, setQ] = useState(filters.q ?? '');
  const [actor, setActor] = useState(filters.actor ?? '');
  const known = actors.some((choice) => choice.id === actor);
  return (
    <form
      class="console-filters"
      role="search"
      aria-label={t('consoleQueueFilters', {}, locale)}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(queueFilters({ type, q, actor }));
      }}
    >
      <div class="console-field">
        <label for="queue-type">{t('consoleType', {}, locale)}</label>
        <select id="queue-type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
          <option value="">{t('consoleAllTypes', {}, locale)}</option>
          {contentTypes.values.map((value) => (
            <option key={value} value={value}>
              {contentTypes.label(value, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="console-field">
        <label for="queue-q">{t('consoleSearch', {}, locale)}</label>
        <input id="queue-q" type="search" value={q} maxLength={200} onInput={(event) => setQ(event.currentTarget.value)} />
      </div>
      <div class="console-field">
        <label for="queue-actor">{t('consoleActor', {}, locale)}</label>
        <select id="queue-actor" value={actor} onChange={(event) => setActor(event.currentTarget.value)}>
          <option value="">{t('consoleAllActors', {}, locale)}</option>
          {!known && actor !== '' ? <option value={actor}>{actor}</option> : null}
          {actors.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('consoleFilter', {}, locale)}</button>
    </form>
  );
}

interface Decide {
  (ids: string[], decision: 'approve'): Promise<void>;
  (ids: string[], decision: 'reject', reason: string): Promise<void>;
}

function QueueItem({
  item,
  actorName,
  authorName,
  selected,
  busy,
  locale,
  onSelect,
  decide,
}: {
  item: ManagedItem;
  actorName: string | undefined;
  authorName: string | undefined;
  selected: boolean;
  busy: boolean;
  locale: Locale;
  onSelect: (selected: boolean) => void;
  decide: Decide;
}) {
  const [previewOpen, setPreviewOpen] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const title = titleOf(item.data) || t('consoleUntitled', {}, locale);
  const previewId = `preview-${item.id}`;
  const titleId = `item-title-${item.id}`;
  return (
    <li class="console-item">
      <div class="console-item-head">
        <input type="checkbox" id={`select-${item.id}`} checked={selected} onChange={(event) => onSelect(event.currentTarget.checked)} />
        <label for={`select-${item.id}`}>
          {t('consoleSelect', {}, locale)}
          <span class="visually-hidden"> « {title} »</span>
        </label>
      </div>
      <h3 class="console-item-title" id={titleId}>
        {title}
      </h3>
      <dl class="console-meta">
        <div>
          <dt>{t('consoleType', {}, locale)}</dt>
          <dd>{contentTypes.label(item.type, locale)}</dd>
        </div>
        <div>
          <dt>{t('consoleActor', {}, locale)}</dt>
          <dd>{actorName ?? item.actorId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('consoleAuthor', {}, locale)}</dt>
          <dd>{authorName ?? (item.authorId === null ? '—' : <span class="console-id">{item.authorId}</span>)}</dd>
        </div>
        <div>
          <dt>{t('consoleSubmitted', {}, locale)}</dt>
          <dd>
            <time dateTime={item.updatedAt}>{dateTime(item.updatedAt, locale)}</time>
          </dd>
        </div>
      </dl>
      <div class="console-actions">
        <button type="button" aria-expanded={previewOpen ? 'true' : 'false'} aria-controls={previewId} onClick={() => setPreviewOpen(!previewOpen)}>
          {t(previewOpen ? 'consoleHidePreview' : 'consolePreview', {}, locale)}
          <span class="visually-hidden"> « {title} »</span>
        </button>
        <button type="button" class="console-primary" disabled={busy} onClick={() => void decide([item.id], 'approve')}>
          {t('consoleApprove', {}, locale)}
          <span class="visually-hidden"> « {title} »</span>
        </button>
        <button type="button" aria-expanded={rejecting ? 'true' : 'false'} disabled={busy} onClick={() => setRejecting(!rejecting)}>
          {t('consoleReject', {}, locale)}
          <span class="visually-hidden"> « {title} »</span>
        </button>
      </div>
      {rejecting ? (
        <ReasonForm
          id={`reject-${item.id}`}
          label={t('consoleRejectReason', {}, locale)}
          submitLabel={t('consoleConfirmReject', {}, locale)}
          busy={busy}
          locale={locale}
          onSubmit={(reason) => void decide([item.id], 'reject', reason)}
          onCancel={() => setRejecting(false)}
        />
      ) : null}
      <div id={previewId} hidden={!previewOpen}>
        {previewOpen ? <ContentPreview type={item.type} data={item.data} locale={locale} /> : null}
      </div>
    </li>
  );
}

export function QueueTab({ params, locale, announce }: { params: Record<string, string>; locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const router = useRouter();
  const actors = useActors();
  const filters = queueFilters(params);
  const key = JSON.stringify(queueParams(filters));
  const list = usePagedList<ManagedItem>(key, (cursor, signal) => session.request<ListPage<ManagedItem>>('GET', '/api/v1/moderation/queue', { query: queueQuery(filters, cursor), signal }));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [bulkRejecting, setBulkRejecting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  // The queue names its authors; only an older hub's items need looking up.
  const authors = useAuthorNames(list.items.flatMap((item) => (item.authorId === null || typeof item.authorName === 'string' ? [] : [item.authorId])));

  const visibleSelection = list.items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const allSelected = list.items.length > 0 && visibleSelection.length === list.items.length;

  async function decide(ids: string[], decision: 'approve' | 'reject', reason?: string): Promise<void> {
    if (ids.length === 0) return;
    setBusy(true);
    setError(undefined);
    const done: string[] = [];
    try {
      for (const part of chunks(ids)) {
        const body = decision === 'approve' ? decisionBody(part, 'approve') : decisionBody(part, 'reject', reason ?? '');
        // A reject without a reason never leaves the page (the form refuses it first).
        if (body === undefined) return;
        await session.request('POST', `/api/v1/moderation/${decision}`, { body });
        done.push(...part);
      }
    } catch (failure) {
      const message = failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure);
      setError(t('consoleActionFailed', { message }, locale));
      announce(t('consoleActionFailed', { message }, locale));
    } finally {
      setBusy(false);
    }
    if (done.length === 0) return;
    noteWorkloadChanged();
    const gone = new Set(done);
    // The whole page decided and more waiting: fetch the next ones rather than show an empty queue.
    if (list.next !== null && list.items.every((item) => gone.has(item.id))) list.reload();
    else list.update((items) => items.filter((item) => !gone.has(item.id)));
    setSelected((previous) => new Set([...previous].filter((id) => !gone.has(id))));
    setBulkRejecting(false);
    const count = done.length;
    const key = decision === 'approve' ? (count === 1 ? 'consoleApprovedOne' : 'consoleApprovedMany') : count === 1 ? 'consoleRejectedOne' : 'consoleRejectedMany';
    announce(t(key, { count }, locale));
    // The buttons pressed are gone with their items: keep the keyboard in the list.
    heading.current?.focus();
  }

  return (
    <div class="console-queue">
      <QueueFiltersForm key={key} filters={filters} actors={actors} locale={locale} onApply={(next) => router.go(viewHref({ name: 'console', tab: 'queue', params: queueParams(next) }))} />
      <h2 ref={heading} tabIndex={-1} class="console-section-title">
        {t('consoleQueueHeading', {}, locale)}
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleQueueEmpty', {}, locale)}</p> : null}
      {list.items.length > 0 ? (
        <>
          <div class="console-bulk" role="group" aria-label={t('consoleBulkActions', {}, locale)}>
            <div class="check">
              <input
                type="checkbox"
                id="queue-select-all"
                checked={allSelected}
                ref={(box) => {
                  if (box !== null) box.indeterminate = visibleSelection.length > 0 && !allSelected;
                }}
                onChange={(event) => setSelected(event.currentTarget.checked ? new Set(list.items.map((item) => item.id)) : new Set())}
              />
              <label for="queue-select-all">{t('consoleSelectAll', {}, locale)}</label>
            </div>
            <p class="console-count">{t('consoleSelectedCount', { count: visibleSelection.length }, locale)}</p>
            <div class="console-actions">
              <button type="button" class="console-primary" disabled={busy || visibleSelection.length === 0} onClick={() => void decide(visibleSelection, 'approve')}>
                {t('consoleApproveSelected', {}, locale)}
              </button>
              <button type="button" aria-expanded={bulkRejecting ? 'true' : 'false'} disabled={busy || visibleSelection.length === 0} onClick={() => setBulkRejecting(!bulkRejecting)}>
                {t('consoleRejectSelected', {}, locale)}
              </button>
            </div>
            {bulkRejecting && visibleSelection.length > 0 ? (
              <ReasonForm
                id="reject-selected"
                label={t('consoleRejectSelectedReason', { count: visibleSelection.length }, locale)}
                submitLabel={t('consoleConfirmRejectSelected', {}, locale)}
                busy={busy}
                locale={locale}
                onSubmit={(reason) => void decide(visibleSelection, 'reject', reason)}
                onCancel={() => setBulkRejecting(false)}
              />
            ) : null}
          </div>
          {error === undefined ? null : (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <ul class="console-list">
            {list.items.map((item) => (
              <QueueItem
                key={item.id}
                item={item}
                actorName={item.actorId === null ? undefined : names.get(item.actorId)}
                authorName={item.authorName ?? (item.authorId === null ? undefined : authors.get(item.authorId))}
                selected={selected.has(item.id)}
                busy={busy}
                locale={locale}
                onSelect={(on) =>
                  setSelected((previous) => {
                    const next = new Set(previous);
                    if (on) next.add(item.id);
                    else next.delete(item.id);
                    return next;
                  })
                }
                decide={decide as Decide}
              />
            ))}
          </ul>
        </>
      ) : null}
      {list.next !== null ? (
        <button type="button" class="load-more" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('consoleLoadMore', {}, locale)}
        </button>
      ) : null}
    </div>
  );
}
