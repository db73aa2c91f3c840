/**
 * Followed sources: the fediverse actors (a Mobilizon group, a Gancio instance...) whose
 * events this hub brings in, each feeding one organisation. For each: whether it accepted
 * the follow, how many events it brought and when it last sent one, a link to it, and a
 * button to stop following it (what it brought stays). A form adds one to the allowlist.
 * Below, the servers on which verified organisations may follow sources themselves, and
 * the blocked domains.
 */
import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { dateTime } from './format.ts';
import { useActors } from './use-actors.ts';
import { AddForm, TextField } from './add-form.tsx';
import { useConsoleAction } from './use-console-action.ts';
import { AllowedServers } from './allowed-servers.tsx';
import { BlockedDomains } from './blocked-domains.tsx';

interface SourceView {
  remoteActorId: string;
  localActorId: string;
  state: 'pending' | 'accepted';
  createdAt: string;
  name: string | null;
  handle: string | null;
  url: string;
  localActorName: string | null;
  events: number;
  lastActivityAt: string | null;
}

export function SourcesTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const actors = useActors();
  const list = usePagedList<SourceView>('sources', async (_cursor, signal) => ({ items: (await session.request<{ items: SourceView[] }>('GET', '/api/v1/activitypub/sources', { signal })).items, next: null }));
  const { busy, error, act } = useConsoleAction(locale, announce);
  const [handle, setHandle] = useState('');
  const [actorId, setActorId] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const unfollow = (source: SourceView) =>
    act(source.remoteActorId, async () => {
      await session.request('DELETE', '/api/v1/activitypub/sources', { query: { actor: source.remoteActorId } });
      list.update((items) => items.filter((item) => item.remoteActorId !== source.remoteActorId));
      heading.current?.focus();
      return t('consoleSourcesUnfollowed', { name: source.handle ?? source.remoteActorId }, locale);
    });

  const follow = () =>
    act('add', async () => {
      await session.request('POST', '/api/v1/activitypub/sources', { body: { actor: handle.trim(), actorId } });
      setHandle('');
      list.reload();
      return t('consoleSourcesFollowed', { name: handle.trim() }, locale);
    });

  return (
    <div>
      <h2 ref={heading} tabIndex={-1} class="console-section-title">
        {t('consoleSourcesHeading', {}, locale)}
      </h2>
      <p class="console-hint">{t('consoleSourcesHint', {}, locale)}</p>
      <AddForm extraClass="sources-add" busy={busy === 'add'} submitLabel={t('consoleSourcesFollow', {}, locale)} onSubmit={() => void follow()}>
        <TextField inputId="source-actor" label={t('consoleSourcesActor', {}, locale)} maxLength={500} placeholder="@groupe@mobilizon.example" value={handle} onInput={setHandle} />
        <div class="console-field">
          <label for="source-local">{t('consoleSourcesFeeds', {}, locale)}</label>
          <select id="source-local" required value={actorId} onChange={(event) => setActorId(event.currentTarget.value)}>
            <option value="">{t('consoleSourcesChoose', {}, locale)}</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </select>
        </div>
      </AddForm>
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleSourcesEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((source) => {
          const title = source.name ?? source.handle ?? source.remoteActorId;
          return (
            <li key={source.remoteActorId} class="console-item">
              <h3 class="console-item-title">{title}</h3>
              <p class="console-meta-line">
                <a href={source.url} rel="noopener noreferrer nofollow">
                  {source.handle ?? source.remoteActorId}
                </a>
              </p>
              <p class="console-meta-line">
                <strong class={source.state === 'accepted' ? 'console-verified' : undefined}>{t(source.state === 'accepted' ? 'consoleSourcesAccepted' : 'consoleSourcesPending', {}, locale)}</strong>
                {' · '}
                {t('consoleSourcesFeedsName', { name: source.localActorName ?? source.localActorId }, locale)}
              </p>
              <p class="console-meta-line">
                {source.events === 0 ? t('consoleSourcesNoEvents', {}, locale) : t(source.events === 1 ? 'consoleSourcesOneEvent' : 'consoleSourcesEvents', { count: String(source.events) }, locale)}
                {source.lastActivityAt === null ? null : ` · ${t('consoleSourcesLast', { date: dateTime(source.lastActivityAt, locale) }, locale)}`}
                {' · '}
                {t('consoleSourcesSince', { date: dateTime(source.createdAt, locale) }, locale)}
              </p>
              <div class="console-actions">
                <button type="button" disabled={busy === source.remoteActorId} onClick={() => void unfollow(source)}>
                  {t('consoleSourcesUnfollow', {}, locale)}
                  <span class="visually-hidden"> « {title} »</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <AllowedServers locale={locale} announce={announce} />
      <BlockedDomains locale={locale} announce={announce} />
    </div>
  );
}
