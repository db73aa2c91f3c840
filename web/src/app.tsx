import { useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from './api/client.ts';
import type { SiteConfig } from './api/types.ts';
import { LiveNotice } from './components/live-notice.tsx';
import { locale, setLocale, t } from './i18n/locale.ts';
import { AgendaPage } from './pages/agenda-page.tsx';
import { EventPage } from './pages/event-page.tsx';
import { HubsPage } from './pages/hubs-page.tsx';
import { MapPage } from './pages/map-page.tsx';
import { followLink, RouterContext, type Router } from './state/router.ts';
import { formatLocation, type AppState, type View } from './state/url-state.ts';

export interface AppProps {
  api: ApiClient;
  router: Router;
  config: SiteConfig;
}

function Page({ api, config, view }: { api: ApiClient; config: SiteConfig; view: View }) {
  const language = locale.value;
  switch (view.name) {
    case 'map':
      return <MapPage api={api} config={config} locale={language} />;
    case 'agenda':
      return <AgendaPage api={api} config={config} locale={language} />;
    case 'hubs':
      return <HubsPage api={api} locale={language} />;
    case 'event':
      return <EventPage api={api} hub={view.hub} id={view.id} locale={language} key={`${view.hub}/${view.id}`} />;
    case 'not-found':
      return (
        <div>
          <h1 class="page-title">{t('notFoundTitle', {}, language)}</h1>
          <p>{t('notFound', {}, language)}</p>
        </div>
      );
  }
}

/** The shell: skip link, header with navigation and language switch, the page, the live notice. */
export function App({ api, router, config }: AppProps) {
  const state = router.state.value;
  const language = locale.value;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // After an in-app navigation, start screen readers and keyboards at the new page's content
  // (a full page load starts there anyway); the event page sets its own title.
  const viewKey = state.view.name === 'event' ? `event/${state.view.hub}/${state.view.id}` : state.view.name;
  const firstView = useRef(true);
  useEffect(() => {
    const titles: Partial<Record<View['name'], 'navMap' | 'navAgenda' | 'navHubs'>> = { map: 'navMap', agenda: 'navAgenda', hubs: 'navHubs' };
    const title = titles[state.view.name];
    if (title !== undefined) document.title = `${t(title, {}, language)} · ${config.name ?? t('siteName', {}, language)}`;
  }, [viewKey, language]);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [viewKey]);
  // Navigation links keep the filters: the agenda shows what the map was filtered to.
  const link = (view: View): string => {
    const next: AppState = { view, filters: state.filters };
    if (state.map !== undefined) next.map = state.map;
    return formatLocation(next);
  };
  const nav: [View, 'navMap' | 'navAgenda' | 'navHubs'][] = [
    [{ name: 'map' }, 'navMap'],
    [{ name: 'agenda' }, 'navAgenda'],
    ...(config.mode === 'national' ? ([[{ name: 'hubs' }, 'navHubs']] as [View, 'navHubs'][]) : []),
  ];
  const other = language === 'fr' ? 'en' : 'fr';
  return (
    <RouterContext.Provider value={router}>
      <a class="skip-link" href="#main">
        {t('skipToContent', {}, language)}
      </a>
      <header class="site-header">
        <a class="brand" href={link({ name: 'map' })} onClick={followLink(router)}>
          <span class="brand-mark" aria-hidden="true">✦</span> {config.name ?? t('siteName', {}, language)}
        </a>
        <nav aria-label={t('mainNav', {}, language)} class="main-nav">
          <ul>
            {nav.map(([view, label]) => (
              <li key={view.name}>
                <a href={link(view)} onClick={followLink(router)} aria-current={state.view.name === view.name ? 'page' : undefined}>
                  {t(label, {}, language)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="language" lang={other} aria-label={t('switchLanguageLabel', {}, language)} onClick={() => setLocale(other)}>
          {t('switchLanguage', {}, language)}
        </button>
      </header>
      <main id="main" tabIndex={-1} class={`view-${state.view.name}`}>
        <Page api={api} config={config} view={state.view} />
      </main>
      <LiveNotice />
    </RouterContext.Provider>
  );
}
