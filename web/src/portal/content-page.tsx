import '../i18n/strings-portal.ts';
import { disciplines, type ActorPublic, type Locale } from '@constellation/shared';
import { FollowBar } from './follow-bar.tsx';
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { DIRECTORY_PATHS, viewHref, type DirectoryType } from '../state/url-state.ts';
import { actorIdOf, titleOf, typed, type DirectoryItem } from './content-item.ts';
import { ContentView } from './content-view.tsx';
import { ReportButton } from './report-form.tsx';
import { ActorActivity, DossierItems } from './related-lists.tsx';
import { SECTION_TITLES } from './section-titles.ts';
import { actorKey, contentKey } from '../ssr/page-keys.ts';

/** The actor an item belongs to, for its "posted by" link (nothing shown if it cannot be read). */
function useActor(actorId: string | undefined) {
  const session = useSession();
  const [actor] = useFetch<ActorPublic | undefined>(actorId === undefined ? '' : actorKey(actorId), (signal) =>
    actorId === undefined ? Promise.resolve(undefined) : session.request<ActorPublic>('GET', `/api/v1/actors/${encodeURIComponent(actorId)}`, { signal }),
  );
  return actor.status === 'done' ? actor.value : undefined;
}

/** A published item's own page, read by its slug; an actor's page also lists what it publishes. */
export function ContentPage({ api, config, type, slug, locale }: { api: ApiClient; config: SiteConfig; type: DirectoryType; slug: string } & { locale: Locale }) {
  const router = useRouter();
  const session = useSession();
  const [loaded, reload] = useFetch<DirectoryItem>(contentKey(type, slug), (signal) => session.request<DirectoryItem>('GET', `/api/v1/${DIRECTORY_PATHS[type]}/by-slug/${encodeURIComponent(slug)}`, { signal }));
  const entry = loaded.status === 'done' ? typed(type, loaded.value as never) : undefined;
  const actor = useActor(entry === undefined ? undefined : actorIdOf(entry));
  const siteName = config.name ?? t('siteName', {}, locale);
  const title = entry === undefined ? (loaded.status === 'failed' && loaded.code === 404 ? t('notFoundTitle', {}, locale) : undefined) : titleOf(entry);
  useEffect(() => {
    if (title !== undefined) document.title = `${title} · ${siteName}`;
  }, [title, siteName]);

  const section = t(SECTION_TITLES[type], {}, locale);
  const back = (
    <p class="back no-print">
      <a href={viewHref({ name: 'directory', type, params: {} })} onClick={followLink(router)}>
        ← {t('portalBack', { section }, locale)}
      </a>
    </p>
  );
  if (loaded.status === 'loading') return <p role="status">{t('portalLoading', {}, locale)}</p>;
  if (loaded.status === 'failed') {
    const missing = loaded.code === 404;
    return (
      <div class="portal-content">
        {back}
        <h1 class="page-title">{missing ? t('notFoundTitle', {}, locale) : section}</h1>
        <p class={missing ? undefined : 'error'} role={missing ? undefined : 'alert'}>
          {missing ? t('portalNotFound', {}, locale) : t('portalLoadError', { message: loaded.message }, locale)}{' '}
          {missing ? null : (
            <button type="button" onClick={reload}>
              {t('portalRetry', {}, locale)}
            </button>
          )}
        </p>
      </div>
    );
  }
  if (entry === undefined) return null;
  return (
    <div class="portal-content-page">
      {back}
      <ContentView entry={entry} locale={locale} {...(actor === undefined ? {} : { actor })} footer={<ReportButton contentId={entry.item.id} locale={locale} />}>
        {entry.type === 'actor' ? (
          <FollowBar
            choices={[{ kind: 'actor', target: entry.item.id, label: entry.item.name }, ...(entry.item.disciplines ?? []).map((value) => ({ kind: 'discipline' as const, target: value, label: disciplines.label(value, locale) }))]}
            locale={locale}
          />
        ) : null}
        {entry.type === 'actor' ? <ActorActivity api={api} actorId={entry.item.id} locale={locale} /> : null}
        {entry.type === 'dossier' ? <DossierItems api={api} dossier={entry.item} locale={locale} /> : null}
      </ContentView>
    </div>
  );
}
