/**
 * The servers on which verified organisations may follow fediverse sources themselves,
 * from their management page: the operator's list, under the followed sources.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { dateTime } from './format.ts';

interface ServerView {
  host: string;
  createdAt: string;
}

const failureText = (failure: unknown) => (failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure));

export function AllowedServers({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const list = usePagedList<ServerView>('servers', async (_cursor, signal) => ({ items: (await session.request<{ items: ServerView[] }>('GET', '/api/v1/activitypub/servers', { signal })).items, next: null }));
  const [host, setHost] = useState('');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  async function act(key: string, work: () => Promise<string>): Promise<void> {
    setBusy(key);
    setError(undefined);
    try {
      announce(await work());
    } catch (failure) {
      const message = t('consoleActionFailed', { message: failureText(failure) }, locale);
      setError(message);
      announce(message);
    } finally {
      setBusy(undefined);
    }
  }

  const add = () =>
    act('add', async () => {
      const added = await session.request<ServerView>('POST', '/api/v1/activitypub/servers', { body: { host: host.trim() } });
      setHost('');
      list.reload();
      return t('consoleServersAdded', { host: added.host }, locale);
    });

  const remove = (server: ServerView) =>
    act(server.host, async () => {
      await session.request('DELETE', '/api/v1/activitypub/servers', { query: { host: server.host } });
      list.update((items) => items.filter((item) => item.host !== server.host));
      return t('consoleServersRemoved', { host: server.host }, locale);
    });

  return (
    <section class="allowed-servers" aria-labelledby="allowed-servers-title">
      <h2 id="allowed-servers-title" class="console-section-title">
        {t('consoleServersHeading', {}, locale)}
      </h2>
      <p class="console-hint">{t('consoleServersHint', {}, locale)}</p>
      <form
        class="console-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div class="console-field">
          <label for="allowed-server-host">{t('consoleServersHost', {}, locale)}</label>
          <input id="allowed-server-host" type="text" required maxLength={260} placeholder="mobilizon.example" value={host} onInput={(event) => setHost(event.currentTarget.value)} />
        </div>
        <button type="submit" class="console-primary" disabled={busy === 'add'}>
          {t('consoleServersAdd', {}, locale)}
        </button>
      </form>
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}
        </p>
      ) : null}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleServersEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((server) => (
          <li key={server.host} class="console-item">
            <h3 class="console-item-title">{server.host}</h3>
            <p class="console-meta-line">{t('consoleServersSince', { date: dateTime(server.createdAt, locale) }, locale)}</p>
            <div class="console-actions">
              <button type="button" disabled={busy === server.host} onClick={() => void remove(server)}>
                {t('consoleServersRemove', {}, locale)}
                <span class="visually-hidden"> « {server.host} »</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
