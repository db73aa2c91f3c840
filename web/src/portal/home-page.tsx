import '../i18n/strings-portal.ts';
import '../i18n/strings-home.ts';
import { contentTypes, type HomePagePublic, type Locale } from '@constellation/shared';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { ListItem, Page, SiteConfig } from '../api/types.ts';
import { EventList } from '../components/event-list.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { safeHttpUrl } from '../pages/event-page.tsx';
import { homeKey } from '../ssr/page-keys.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref, type DirectoryType } from '../state/url-state.ts';
import { CardList, ContentCard } from './content-card.tsx';
import { typed, type DirectoryItem } from './content-item.ts';
import { SECTION_INTROS, SECTION_TITLES } from './section-titles.ts';

const UPCOMING = 6;
const LATEST_ARTICLES = 4;
/** The directories the home page points to, as on an Echosciences site's front page. */
const ENTRY_POINTS: readonly DirectoryType[] = ['place', 'project', 'announcement', 'actor', 'resource'];

function Failure({ message, retry, locale }: { message: string; retry: () => void; locale: Locale }) {
  return (
    <p class="error">
      {t('portalLoadError', { message }, locale)}{' '}
      <button type="button" onClick={retry}>
        {t('portalRetry', {}, locale)}
      </button>
    </p>
  );
}

function UpcomingEvents({ api, locale }: { api: ApiClient; locale: Locale }) {
  const router = useRouter();
  const [page, retry] = useFetch('home-events', (signal) => api.events(new URLSearchParams({ limit: String(UPCOMING) }), signal));
  const loadedOnce = useRef(false);
  if (page.status === 'done') loadedOnce.current = true;
  // Live, as the agenda: the hub's stream of upcoming events, each change put in its place.
  const fetched: readonly ListItem[] = page.status === 'done' ? page.value.items : [];
  const [live, setLive] = useState<{ of: readonly ListItem[]; items: readonly ListItem[] }>({ of: fetched, items: fetched });
  const shown = (live.of === fetched ? live.items : fetched).slice(0, UPCOMING);
  const liveQuery = useMemo(() => new URLSearchParams({ from: new Date().toISOString() }), []);
  const fresh = useLiveList({
    api,
    query: liveQuery,
    locale,
    // Open from the first answer on, through reloads (see `loading`).
    enabled: loadedOnce.current,
    loading: page.status === 'loading',
    items: shown,
    hasMore: page.status === 'done' && page.value.next !== null,
    setItems: (update) => setLive((current) => ({ of: fetched, items: update(current.of === fetched ? current.items : fetched) })),
    reload: retry,
  });
  return (
    <section class="portal-home-section" aria-labelledby="home-events">
      <h2 id="home-events">{t('portalHomeUpcoming', {}, locale)}</h2>
      {page.status === 'loading' ? <p>{t('portalLoading', {}, locale)}</p> : null}
      {page.status === 'failed' ? <Failure message={page.message} retry={retry} locale={locale} /> : null}
      {page.status === 'done' && shown.length === 0 ? <p class="empty">{t('portalHomeNoEvents', {}, locale)}</p> : null}
      {page.status === 'done' && shown.length > 0 ? (
        <div data-testid="home-events">
          <EventList items={shown} locale={locale} level={3} fresh={fresh} />
        </div>
      ) : null}
      <p class="portal-more">
        <a href={viewHref({ name: 'agenda' })} onClick={followLink(router)}>
          {t('portalHomeAllEvents', {}, locale)}
        </a>
      </p>
    </section>
  );
}

function LatestArticles({ locale }: { locale: Locale }) {
  const router = useRouter();
  const session = useSession();
  const [page, retry] = useFetch('home-articles', (signal) => session.request<Page<DirectoryItem<'article'>>>('GET', '/api/v1/articles', { query: { limit: LATEST_ARTICLES }, signal }));
  // No articles yet: the section would only say so; leave it out.
  if (page.status === 'done' && page.value.items.length === 0) return null;
  return (
    <section class="portal-home-section" aria-labelledby="home-articles">
      <h2 id="home-articles">{t('portalHomeArticles', {}, locale)}</h2>
      {page.status === 'loading' ? <p>{t('portalLoading', {}, locale)}</p> : null}
      {page.status === 'failed' ? <Failure message={page.message} retry={retry} locale={locale} /> : null}
      {page.status === 'done' ? <CardList entries={page.value.items.map((item) => typed('article', item))} locale={locale} level={3} /> : null}
      <p class="portal-more">
        <a href={viewHref({ name: 'directory', type: 'article', params: {} })} onClick={followLink(router)}>
          {t('portalHomeAllArticles', {}, locale)}
        </a>
      </p>
    </section>
  );
}

/** A featured event: its title, when it next takes place (in its own zone) and where. */
function FeaturedEvent({ event, locale }: { event: Record<string, unknown>; locale: Locale }) {
  const router = useRouter();
  const hub = typeof event.hub === 'string' ? event.hub : '';
  const id = typeof event.id === 'string' ? event.id : '';
  const title = typeof event.title === 'string' ? event.title : '';
  const timeZone = typeof event.timeZone === 'string' ? event.timeZone : undefined;
  const timings = Array.isArray(event.timings) ? (event.timings as { start?: unknown; end?: unknown }[]) : [];
  const now = Date.now();
  const next = timings.find((timing) => typeof timing.end === 'string' && Date.parse(timing.end) > now) ?? timings[0];
  const facts: string[] = [];
  if (typeof next?.start === 'string') facts.push(new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) }).format(new Date(next.start)));
  const place = event.place as { name?: unknown; commune?: unknown } | undefined;
  const where = [place?.name, place?.commune].filter((part): part is string => typeof part === 'string' && part !== '');
  if (where.length > 0) facts.push(where.join(', '));
  const summary = typeof event.summary === 'string' ? event.summary : undefined;
  return (
    <article class="portal-card portal-card-event">
      <div class="portal-card-body">
        <p class="portal-card-kind">{contentTypes.label('event', locale)}</p>
        <h3 class="portal-card-title">
          <a href={viewHref({ name: 'event', hub, id })} onClick={followLink(router)}>
            {title}
          </a>
        </h3>
        {summary === undefined ? null : <p class="portal-card-summary">{summary}</p>}
        <p class="portal-card-facts">
          {facts.map((fact, index) => (
            <span class="tag" key={index}>
              {fact}
            </span>
          ))}
        </p>
      </div>
    </article>
  );
}

/** The banner and the content the operator features today, in the operator's order; nothing when there is none. */
function Featured({ locale }: { locale: Locale }) {
  const session = useSession();
  const [home] = useFetch(homeKey, (signal) => session.request<HomePagePublic>('GET', '/api/v1/home', { signal }));
  if (home.status !== 'done') return null;
  const { banner, bannerUrl, features } = home.value;
  return (
    <>
      {banner === undefined ? null : (
        <p class="portal-banner" role="note">
          {bannerUrl === undefined || safeHttpUrl(bannerUrl) === undefined ? banner : <a href={safeHttpUrl(bannerUrl)}>{banner}</a>}
        </p>
      )}
      {features.length === 0 ? null : (
        <section class="portal-home-section portal-featured" aria-labelledby="home-featured">
          <h2 id="home-featured">{t('portalHomeFeaturedMany', {}, locale)}</h2>
          <ul class="portal-cards" data-testid="home-featured">
            {features.map((feature) => (
              <li key={`${feature.type}:${String(feature.item.id)}`}>
                {feature.type === 'event' ? <FeaturedEvent event={feature.item} locale={locale} /> : <ContentCard entry={typed(feature.type, feature.item as never)} locale={locale} level={3} kind />}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ContributeCall({ locale }: { locale: Locale }) {
  const router = useRouter();
  const session = useSession();
  const contributor = session.can('contributor');
  const loggedIn = session.account.value !== null && session.account.value !== undefined;
  // A member (logged in, not yet a contributor) reads the call but has no form to go to.
  if (loggedIn && !contributor) return null;
  return (
    <section class="portal-home-section portal-contribute-call" aria-labelledby="home-contribute">
      <h2 id="home-contribute">{t('portalHomeContributeTitle', {}, locale)}</h2>
      <p>{t('portalHomeContributeText', {}, locale)}</p>
      <p>
        <a class="portal-cta-link" href={viewHref(contributor ? { name: 'contribute', params: {} } : { name: 'signup' })} onClick={followLink(router)}>
          {contributor ? t('portalHomeContribute', {}, locale) : t('portalHomeSignup', {}, locale)}
        </a>
      </p>
    </section>
  );
}

/** A hub's front page: who it is, what is coming up, what is new, and where to go next. */
export function HomePage({ api, config, locale }: { api: ApiClient; config: SiteConfig } & { locale: Locale }) {
  const router = useRouter();
  // The shell titles the home page ("Accueil · <site>").
  const name = config.name ?? t('siteName', {}, locale);
  return (
    <div class="portal-home">
      <div class="portal-hero">
        <h1 class="page-title">{name}</h1>
        {config.tagline === undefined || config.tagline === '' ? null : <p class="intro portal-tagline">{config.tagline}</p>}
      </div>
      <Featured locale={locale} />
      <div class="portal-home-grid">
        <UpcomingEvents api={api} locale={locale} />
        <LatestArticles locale={locale} />
      </div>
      <nav class="portal-home-section portal-entry-points" aria-labelledby="home-explore">
        <h2 id="home-explore">{t('portalHomeExplore', {}, locale)}</h2>
        <ul>
          {ENTRY_POINTS.map((type) => (
            <li key={type}>
              <a href={viewHref({ name: 'directory', type, params: {} })} onClick={followLink(router)}>
                {t(SECTION_TITLES[type], {}, locale)}
              </a>
              <p>{t(SECTION_INTROS[type], {}, locale)}</p>
            </li>
          ))}
        </ul>
      </nav>
      <ContributeCall locale={locale} />
    </div>
  );
}
