/**
 * An organisation's fediverse sources, on its management page: the Mobilizon group or
 * Gancio instance whose events come in under its name. A member of a verified
 * organisation follows one by themselves, on a server the site's team allows; an
 * unverified one reads why it cannot, and whom to ask.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';

interface SourceView {
  remoteActorId: string;
  state: 'pending' | 'accepted';
  name: string | null;
  handle: string | null;
  url: string;
  events: number;
}

interface Sources {
  verified: boolean;
  servers: string[];
  items: SourceView[];
}

const failureText = (failure: unknown) => (failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure));

export function FediverseSources({ actorId, locale }: { actorId: string; locale: Locale }) {
  const session = useSession();
  const path = `/api/v1/actors/${encodeURIComponent(actorId)}/activitypub/sources`;
  const [sources, setSources] = useState<Sources | { failed: string } | undefined>(undefined);
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    session.request<Sources>('GET', path, { signal: controller.signal }).then(
      (answer) => setSources(answer),
      (failure: unknown) => {
        if (!controller.signal.aborted) setSources({ failed: failureText(failure) });
      },
    );
    return () => controller.abort();
  }, [path, reloads]);

  async function act(key: string, work: () => Promise<string>): Promise<void> {
    setBusy(key);
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await work());
      setReloads((count) => count + 1);
    } catch (failure) {
      setError(t('fediFailed', { message: failureText(failure) }, locale));
    } finally {
      setBusy(undefined);
    }
  }

  const follow = () =>
    act('add', async () => {
      const typed = handle.trim();
      await session.request('POST', path, { body: { actor: typed } });
      setHandle('');
      return t('fediFollowed', { name: typed }, locale);
    });

  const unfollow = (source: SourceView) =>
    act(source.remoteActorId, async () => {
      await session.request('DELETE', path, { query: { actor: source.remoteActorId } });
      return t('fediUnfollowed', { name: source.handle ?? source.remoteActorId }, locale);
    });

  return (
    <section class="form-section fediverse-sources" aria-labelledby="fediverse-title" data-testid="fediverse-sources">
      <h2 id="fediverse-title">{t('fediTitle', {}, locale)}</h2>
      <p class="hint">{t('fediIntro', {}, locale)}</p>
      {sources === undefined && <p role="status">{t('loading', {}, locale)}</p>}
      {sources !== undefined && 'failed' in sources && (
        <p class="error" role="alert">
          {t('loadError', { message: sources.failed }, locale)}
        </p>
      )}
      {sources !== undefined && !('failed' in sources) && (
        <>
          {!sources.verified && <p class="notice">{t('fediNotVerified', {}, locale)}</p>}
          {sources.verified && <p>{sources.servers.length === 0 ? t('fediNoServers', {}, locale) : t('fediServers', { list: sources.servers.join(', ') }, locale)}</p>}
          {sources.verified && sources.servers.length > 0 && (
            <form
              class="fediverse-follow"
              onSubmit={(event) => {
                event.preventDefault();
                void follow();
              }}
            >
              <label for="fediverse-actor">{t('fediActor', {}, locale)}</label>
              <div class="fediverse-follow-row">
                <input id="fediverse-actor" type="text" required maxLength={500} placeholder="@groupe@mobilizon.example" value={handle} onInput={(event) => setHandle(event.currentTarget.value)} />
                <button type="submit" class="primary" disabled={busy === 'add' || handle.trim().length < 3}>
                  {busy === 'add' ? t('fediFollowing', {}, locale) : t('fediFollow', {}, locale)}
                </button>
              </div>
            </form>
          )}
          {error !== undefined && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <p role="status" class={status === undefined ? 'visually-hidden' : 'notice'}>
            {status ?? ''}
          </p>
          {sources.items.length === 0 ? (
            <p class="empty">{t('fediEmpty', {}, locale)}</p>
          ) : (
            <ul class="fediverse-list">
              {sources.items.map((source) => {
                const title = source.name ?? source.handle ?? source.remoteActorId;
                return (
                  <li key={source.remoteActorId}>
                    <p>
                      <strong>{title}</strong>{' '}
                      <a href={source.url} rel="noopener noreferrer nofollow">
                        {source.handle ?? source.remoteActorId}
                      </a>
                    </p>
                    <p class="hint">
                      {t(source.state === 'accepted' ? 'fediAccepted' : 'fediPending', {}, locale)}
                      {' · '}
                      {source.events === 0 ? t('fediNoEvents', {}, locale) : t(source.events === 1 ? 'fediOneEvent' : 'fediEvents', { count: String(source.events) }, locale)}
                    </p>
                    <button type="button" disabled={busy === source.remoteActorId} onClick={() => void unfollow(source)}>
                      {t('fediUnfollow', {}, locale)}
                      <span class="visually-hidden"> « {title} »</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
