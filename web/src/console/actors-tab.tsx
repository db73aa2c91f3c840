/**
 * Verified actors: every actor of the hub in any state (a moderator's "my content" lists
 * them all) with its verified flag and a button to set or remove it. A verified actor's
 * content is published without waiting in the queue.
 */
import '../i18n/strings-console.ts';
import { actorKinds, moderationStatuses, type Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { titleOf, type ListPage, type ManagedItem } from './console-api.ts';
import { usePagedList } from '../components/use-paged-list.ts';

function kindLabel(kind: unknown, locale: Locale): string | undefined {
  const known = actorKinds.values.find((value) => value === kind);
  return known === undefined ? undefined : actorKinds.label(known, locale);
}

export function ActorsTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const list = usePagedList<ManagedItem>('actors', (cursor, signal) => session.request<ListPage<ManagedItem>>('GET', '/api/v1/me/content', { query: { type: 'actor', cursor }, signal }));
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  async function toggle(actor: ManagedItem): Promise<void> {
    setBusy(actor.id);
    setError(undefined);
    const name = titleOf(actor.data);
    try {
      const view = await session.request<ManagedItem>('POST', `/api/v1/actors/${encodeURIComponent(actor.id)}/verify`, { body: { verified: !actor.verified } });
      list.update((items) => items.map((item) => (item.id === view.id ? view : item)));
      announce(t(view.verified ? 'consoleActorVerifiedNow' : 'consoleActorUnverifiedNow', { name }, locale));
    } catch (failure) {
      const message = t('consoleActionFailed', { message: failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure) }, locale);
      setError(message);
      announce(message);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div>
      <h2 class="console-section-title">{t('consoleActorsHeading', {}, locale)}</h2>
      <p class="console-hint">{t('consoleActorsHint', {}, locale)}</p>
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleActorsEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((actor) => {
          const name = titleOf(actor.data) || t('consoleUntitled', {}, locale);
          const kind = kindLabel(actor.data.kind, locale);
          return (
            <li key={actor.id} class="console-item">
              <h3 class="console-item-title">{name}</h3>
              <p class="console-meta-line">
                {[kind, moderationStatuses.label(actor.status as (typeof moderationStatuses.values)[number], locale)].filter((part) => part !== undefined && part !== '').join(' · ')}
                {' · '}
                <strong class={actor.verified ? 'console-verified' : undefined}>{t(actor.verified ? 'consoleActorVerified' : 'consoleActorNotVerified', {}, locale)}</strong>
              </p>
              <div class="console-actions">
                <button type="button" disabled={busy === actor.id} onClick={() => void toggle(actor)}>
                  {t(actor.verified ? 'consoleActorUnverify' : 'consoleActorVerify', {}, locale)}
                  <span class="visually-hidden"> « {name} »</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {list.next !== null ? (
        <button type="button" class="load-more" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('consoleLoadMore', {}, locale)}
        </button>
      ) : null}
    </div>
  );
}
