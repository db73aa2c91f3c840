import '../i18n/strings-portal.ts';
import type { DossierPublic, Locale, PublicContent } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { Page, ListItem } from '../api/types.ts';
import { EventList } from '../components/event-list.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import type { PortalKey } from '../i18n/strings-portal.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { DIRECTORY_PATHS, viewHref, type DirectoryType } from '../state/url-state.ts';
import { CardList } from './content-card.tsx';
import { titleOf, typed, type DirectoryItem } from './content-item.ts';
import { TYPE_NAMES } from './section-titles.ts';
import { usePagedList } from '../components/use-paged-list.ts';

const RELATED_PAGE = 6;

function MoreButton({ next, loading, onMore, locale }: { next: string | null; loading: boolean; onMore(): void; locale: Locale }) {
  if (next === null) return null;
  return (
    <p class="load-more">
      <button type="button" onClick={onMore} disabled={loading}>
        {loading ? t('portalLoading', {}, locale) : t('portalLoadMore', {}, locale)}
      </button>
    </p>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) {
  return (
    <section class="portal-related" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** An actor's upcoming events, from the hub's event list filtered by actor. */
export function ActorEvents({ api, actorId, locale }: { api: ApiClient; actorId: string; locale: Locale }) {
  const list = usePagedList<ListItem>(`events/${actorId}`, (cursor, signal) => {
    const query = new URLSearchParams({ actor: actorId, limit: String(RELATED_PAGE) });
    if (cursor !== undefined) query.set('cursor', cursor);
    return api.events(query, signal);
  });
  const id = `actor-events-${actorId}`;
  return (
    <Section id={id} title={t('portalActorEvents', {}, locale)}>
      {list.status === 'loading' ? <p>{t('portalLoading', {}, locale)}</p> : null}
      {list.error === undefined ? null : <p class="error">{t('portalLoadError', { message: list.error.message }, locale)}</p>}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('portalActorNone', {}, locale)}</p> : null}
      {list.items.length > 0 ? <EventList items={list.items} locale={locale} level={3} /> : null}
      <MoreButton next={list.next} loading={list.loadingMore} onMore={list.loadMore} locale={locale} />
    </Section>
  );
}

const ACTOR_SECTIONS: readonly [DirectoryType, PortalKey][] = [
  ['article', 'portalActorArticles'],
  ['place', 'portalActorPlaces'],
  ['project', 'portalActorProjects'],
];

/** One kind of an actor's published content, as cards a page at a time. */
function ActorContent({ type, title, actorId, locale }: { type: DirectoryType; title: PortalKey; actorId: string; locale: Locale }) {
  const session = useSession();
  const list = usePagedList<DirectoryItem>(`${type}/${actorId}`, (cursor, signal) =>
    session.request<Page<DirectoryItem>>('GET', `/api/v1/${DIRECTORY_PATHS[type]}`, { query: { actor: actorId, limit: RELATED_PAGE, cursor }, signal }),
  );
  // A section with nothing in it is left out, except the articles (the magazine is the actor's voice).
  if (list.status === 'done' && list.items.length === 0 && type !== 'article') return null;
  const id = `actor-${type}-${actorId}`;
  return (
    <Section id={id} title={t(title, {}, locale)}>
      {list.status === 'loading' ? <p>{t('portalLoading', {}, locale)}</p> : null}
      {list.error === undefined ? null : <p class="error">{t('portalLoadError', { message: list.error.message }, locale)}</p>}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('portalActorNone', {}, locale)}</p> : null}
      <CardList entries={list.items.map((item) => typed(type, item as never))} locale={locale} level={3} />
      <MoreButton next={list.next} loading={list.loadingMore} onMore={list.loadMore} locale={locale} />
    </Section>
  );
}

/** What an actor's profile lists below its description. */
export function ActorActivity({ api, actorId, locale }: { api: ApiClient; actorId: string; locale: Locale }) {
  return (
    <>
      <ActorEvents api={api} actorId={actorId} locale={locale} />
      {ACTOR_SECTIONS.map(([type, title]) => (
        <ActorContent key={type} type={type} title={title} actorId={actorId} locale={locale} />
      ))}
    </>
  );
}

interface LoadedEntry {
  key: string;
  type: DossierPublic['items'][number]['type'];
  title: string;
  href: string;
  note?: string;
}

/** A dossier's entries, each fetched by id (those no longer published are left out). */
export function DossierItems({ api, dossier, locale }: { api: ApiClient; dossier: DossierPublic; locale: Locale }) {
  const router = useRouter();
  const session = useSession();
  const key = dossier.items.map((item) => `${item.type}:${item.id}`).join(',');
  const [loaded] = useFetch<LoadedEntry[]>(`${dossier.id}/${dossier.version}/${key}`, async (signal) => {
    const settled = await Promise.allSettled(
      dossier.items.map(async (item): Promise<LoadedEntry> => {
        const note = item.note === undefined ? {} : { note: item.note };
        if (item.type === 'event') {
          const { event } = await api.event(dossier.hub, item.id, signal);
          return { key: `${item.type}:${item.id}`, type: item.type, title: event.title, href: viewHref({ name: 'event', hub: event.hub, id: event.id }), ...note };
        }
        const type = item.type;
        const found = await session.request<PublicContent[typeof type]>('GET', `/api/v1/${DIRECTORY_PATHS[type]}/${encodeURIComponent(item.id)}`, { signal });
        return { key: `${item.type}:${item.id}`, type, title: titleOf(typed(type, found as never)), href: viewHref({ name: 'content', type, slug: found.slug }), ...note };
      }),
    );
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  });
  return (
    <Section id={`dossier-items-${dossier.id}`} title={t('portalDossierItems', {}, locale)}>
      {dossier.items.length === 0 ? <p class="empty">{t('portalDossierEmpty', {}, locale)}</p> : null}
      {loaded.status === 'loading' && dossier.items.length > 0 ? <p>{t('portalLoading', {}, locale)}</p> : null}
      {loaded.status === 'done' ? (
        <ol class="portal-dossier-items">
          {loaded.value.map((entry) => (
            <li key={entry.key}>
              <span class="tag">{t(TYPE_NAMES[entry.type], {}, locale)}</span>{' '}
              <a href={entry.href} onClick={followLink(router)}>
                {entry.title}
              </a>
              {entry.note === undefined ? null : <p class="hint">{entry.note}</p>}
            </li>
          ))}
        </ol>
      ) : null}
    </Section>
  );
}
