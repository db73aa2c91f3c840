/**
 * The domains the hub blocks on the fediverse: those of the server's configuration (shown,
 * changed there only) and those the operator blocks here, under the followed sources.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { dateTime } from './format.ts';

interface BlockedView {
  domain: string;
  source: 'config' | 'operator';
  createdAt: string | null;
}

const failureText = (failure: unknown) => (failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure));

export function BlockedDomains({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const list = usePagedList<BlockedView>('blocked-domains', async (_cursor, signal) => ({ items: (await session.request<{ items: BlockedView[] }>('GET', '/api/v1/activitypub/blocked-domains', { signal })).items, next: null }));
  const [domain, setDomain] = useState('');
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

  const block = () =>
    act('add', async () => {
      const added = await session.request<BlockedView>('POST', '/api/v1/activitypub/blocked-domains', { body: { domain: domain.trim() } });
      setDomain('');
      list.reload();
      return t('consoleBlockedAdded', { domain: added.domain }, locale);
    });

  const unblock = (item: BlockedView) =>
    act(item.domain, async () => {
      await session.request('DELETE', '/api/v1/activitypub/blocked-domains', { query: { domain: item.domain } });
      list.update((items) => items.filter((entry) => entry.domain !== item.domain));
      return t('consoleBlockedRemoved', { domain: item.domain }, locale);
    });

  return (
    <section class="blocked-domains" aria-labelledby="blocked-domains-title">
      <h2 id="blocked-domains-title" class="console-section-title">
        {t('consoleBlockedHeading', {}, locale)}
      </h2>
      <p class="console-hint">{t('consoleBlockedHint', {}, locale)}</p>
      <form
        class="console-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void block();
        }}
      >
        <div class="console-field">
          <label for="blocked-domain">{t('consoleBlockedDomain', {}, locale)}</label>
          <input id="blocked-domain" type="text" required maxLength={260} placeholder="spam.example" value={domain} onInput={(event) => setDomain(event.currentTarget.value)} />
        </div>
        <button type="submit" class="console-primary" disabled={busy === 'add'}>
          {t('consoleBlockedAdd', {}, locale)}
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
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleBlockedEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((item) => (
          <li key={item.domain} class="console-item">
            <h3 class="console-item-title">{item.domain}</h3>
            <p class="console-meta-line">{item.source === 'config' || item.createdAt === null ? t('consoleBlockedConfig', {}, locale) : t('consoleBlockedSince', { date: dateTime(item.createdAt, locale) }, locale)}</p>
            {item.source === 'operator' && (
              <div class="console-actions">
                <button type="button" disabled={busy === item.domain} onClick={() => void unblock(item)}>
                  {t('consoleBlockedRemove', {}, locale)}
                  <span class="visually-hidden"> « {item.domain} »</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
