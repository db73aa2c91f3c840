/**
 * The national console's hubs tab: add a hub by URL, then each hub with its health and
 * actions, and the audit log of what the national admins did.
 */
import '../i18n/strings-console.ts';
import { useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { AddHubForm } from './add-hub-form.tsx';
import type { AdminSession } from './admin-session.ts';
import { HubCard } from './hub-card.tsx';
import type { AdminHub } from './hub-format.ts';
import { NationalAudit } from './national-audit.tsx';
import { NationalTabPage } from './national-console-tabs.tsx';

export function NationalHubsPage({ session, locale, notice, setNotice }: { session: AdminSession; locale: Locale; notice: string; setNotice: (text: string) => void }) {
  // Moves with every change the console makes, so the audit log reads its newest entries again.
  const [version, setVersion] = useState(0);
  const [loaded, reloadHubs] = useFetch('national-hubs', (signal) => session.request<{ items: AdminHub[] }>('GET', '/api/v1/admin/hubs', { signal }).then((answer) => answer.items));
  // While a change reloads the list, the previous one stays on screen (and keyboard focus in it).
  const reload = () => {
    reloadHubs();
    setVersion((count) => count + 1);
  };
  const last = useRef<AdminHub[] | undefined>(undefined);
  if (loaded.status === 'done') last.current = loaded.value;
  const hubs = loaded.status === 'loading' && last.current !== undefined ? { status: 'done' as const, value: last.current } : loaded;
  const intro = (
    <>
      <p>{t('nationalIntro', {}, locale)}</p>
      <p>
        <a href="/admin/queues">{t('nationalQueuesLink', {}, locale)}</a>
      </p>
    </>
  );
  return (
    <NationalTabPage title="nationalTitle" tab="hubs" locale={locale} notice={notice} intro={intro}>
      <AddHubForm session={session} locale={locale} announce={setNotice} onAdded={reload} />
      <section aria-labelledby="national-list-heading">
        <h2 id="national-list-heading" class="console-section-title">
          {t('nationalListHeading', { count: hubs.status === 'done' ? hubs.value.length : 0 }, locale)}
        </h2>
        {hubs.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
        {hubs.status === 'failed' ? (
          <p class="error" role="alert">
            {t('loadError', { message: hubs.message }, locale)}{' '}
            <button type="button" onClick={reload}>
              {t('retry', {}, locale)}
            </button>
          </p>
        ) : null}
        {hubs.status === 'done' && hubs.value.length === 0 ? <p>{t('nationalEmpty', {}, locale)}</p> : null}
        {hubs.status === 'done' && hubs.value.length > 0 ? (
          <ul class="national-hubs">
            {hubs.value.map((hub) => (
              <HubCard key={hub.id} hub={hub} session={session} locale={locale} announce={setNotice} changed={reload} />
            ))}
          </ul>
        ) : null}
      </section>
      <NationalAudit session={session} locale={locale} version={version} />
    </NationalTabPage>
  );
}
