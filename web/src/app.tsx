import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale, Role } from '@constellation/shared';
import type { ApiClient } from './api/client.ts';
import type { SiteConfig } from './api/types.ts';
import { lazyPage } from './components/lazy-page.tsx';
import { LiveNotice } from './components/live-notice.tsx';
import { locale, setLocale, t } from './i18n/locale.ts';
import type { StringKey } from './i18n/strings.ts';
import { AgendaPage } from './pages/agenda-page.tsx';
import { EventPage, safeHttpUrl } from './pages/event-page.tsx';
import { HubsPage } from './pages/hubs-page.tsx';
import { MapPage } from './pages/map-page.tsx';
import { AdminSessionContext, type AdminSession } from './national/admin-session.ts';
import { savedSettings, withSavedSettings } from './site/saved-settings.ts';
import { SiteFooter } from './site/site-footer.tsx';
import { NationalAdminNav, NationalGuard } from './national/admin-nav.tsx';
import { SessionContext, type Session } from './session/session.ts';
import { pageHref } from './ssr/page-location.ts';
import { followLink, RouterContext, type Router } from './state/router.ts';
import { formatLocation, viewHref, type AppState, type View } from './state/url-state.ts';
import { workloadChanges } from './state/workload.ts';

// The portal's pages load on first use: the national site never downloads them.
const HomePage = lazyPage(() => import('./portal/home-page.tsx').then((module) => module.HomePage));
const DirectoryPage = lazyPage(() => import('./portal/directory-page.tsx').then((module) => module.DirectoryPage));
const ContentPage = lazyPage(() => import('./portal/content-page.tsx').then((module) => module.ContentPage));
const LoginPage = lazyPage(() => import('./account/login-page.tsx').then((module) => module.LoginPage));
const SignupPage = lazyPage(() => import('./account/signup-page.tsx').then((module) => module.SignupPage));
const AccountPage = lazyPage(() => import('./account/account-page.tsx').then((module) => module.AccountPage));
const AccountActionPage = lazyPage(() => import('./account/account-action-page.tsx').then((module) => module.AccountActionPage));
const MembersPage = lazyPage(() => import('./account/members-page.tsx').then((module) => module.MembersPage));
const MemberPage = lazyPage(() => import('./account/member-page.tsx').then((module) => module.MemberPage));
const ContributePage = lazyPage(() => import('./contribute/contribute-page.tsx').then((module) => module.ContributePage));
const EditPage = lazyPage(() => import('./contribute/edit-page.tsx').then((module) => module.EditPage));
const ImportPage = lazyPage(() => import('./contribute/import-page.tsx').then((module) => module.ImportPage));
const NationalLoginPage = lazyPage(() => import('./national/national-login-page.tsx').then((module) => module.NationalLoginPage));
const NationalConsolePage = lazyPage(() => import('./national/national-console-page.tsx').then((module) => module.NationalConsolePage));
const CampaignsPage = lazyPage(() => import('./campaigns/campaigns-page.tsx').then((module) => module.CampaignsPage));
const CampaignPage = lazyPage(() => import('./campaigns/campaign-page.tsx').then((module) => module.CampaignPage));
const SitePage = lazyPage(() => import('./site/site-page.tsx').then((module) => module.SitePage));
const ConsolePage = lazyPage(() => import('./console/console-page.tsx').then((module) => module.ConsolePage));

/** The document title of a view that is not about one item (those pages set their own). */
export function viewTitle(view: View, language: Locale, siteName: string): string | undefined {
  const titles: Partial<Record<View['name'], StringKey>> = { map: 'navMap', agenda: 'navAgenda', hubs: 'navHubs', campaigns: 'campaignsTitle', home: 'navHome', login: 'navLogin', signup: 'navSignup', account: 'navAccount', members: 'navMembers', contribute: 'navContribute', import: 'navContribute', 'not-found': 'notFoundTitle' };
  const title = titles[view.name];
  return title === undefined ? undefined : `${t(title, {}, language)} · ${siteName}`;
}

/** Loads the code of a view's lazy page ahead of rendering it: the server renders it whole, and the browser hydrates that. */
export function preloadView(view: View, mode: 'national' | 'regional'): Promise<void> {
  const pages: Partial<Record<View['name'], { preload(): Promise<void> }>> = {
    home: HomePage,
    directory: DirectoryPage,
    content: ContentPage,
    login: mode === 'regional' ? LoginPage : NationalLoginPage,
    signup: SignupPage,
    account: AccountPage,
    'account-action': AccountActionPage,
    members: MembersPage,
    member: MemberPage,
    contribute: ContributePage,
    edit: EditPage,
    import: ImportPage,
    'national-console': NationalConsolePage,
    console: ConsolePage,
    campaigns: CampaignsPage,
    campaign: CampaignPage,
  };
  return pages[view.name]?.preload() ?? Promise.resolve();
}

export interface AppProps {
  api: ApiClient;
  router: Router;
  config: SiteConfig;
  /** A hub's portal has accounts; the national site has none. */
  session?: Session;
  /** The national site's console session (aggregator admins); hubs have none. */
  adminSession?: AdminSession;
}

/** The role a view needs, if any: the console's admin tabs need an admin, its other tabs a moderator. */
function requiredRole(view: View): Role | undefined {
  switch (view.name) {
    case 'account':
    case 'members':
    case 'member':
      return 'member';
    case 'contribute':
    case 'edit':
    case 'import':
      return 'contributor';
    case 'console':
      if (view.tab === 'campaigns') return 'coordinator';
      return view.tab === 'settings' || view.tab === 'home' || view.tab === 'users' || view.tab === 'pages' ? 'admin' : 'moderator';
    default:
      return undefined;
  }
}

function Message({ title, text }: { title: StringKey; text: StringKey }) {
  return (
    <div>
      <h1 class="page-title">{t(title)}</h1>
      <p>{t(text)}</p>
    </div>
  );
}

/** Keeps a logged-out reader out of member pages, and a contributor out of the console: the API refuses them anyway. */
function Guarded({ session, view, children }: { session: Session | undefined; view: View; children: () => preact.ComponentChildren }) {
  const role = requiredRole(view);
  if (role === undefined) return <>{children()}</>;
  const account = session?.account.value;
  if (account === undefined) return <p role="status">{t('loading')}</p>;
  if (account === null) {
    const here = new URL(pageHref());
    const next = `${here.pathname}${here.search}`;
    return (
      <div>
        <h1 class="page-title">{t('navLogin')}</h1>
        <p>{t('loginRequired')}</p>
        <p>
          <a href={viewHref({ name: 'login', params: { next } })}>{t('navLogin')}</a>
        </p>
      </div>
    );
  }
  if (session?.can(role) !== true) return <Message title="forbiddenTitle" text="forbidden" />;
  return <>{children()}</>;
}

function Page({ api, config, view, language }: { api: ApiClient; config: SiteConfig; view: View; language: Locale }) {
  switch (view.name) {
    case 'map':
      return <MapPage api={api} config={config} locale={language} />;
    case 'agenda':
      return <AgendaPage api={api} config={config} locale={language} />;
    case 'hubs':
      return <HubsPage api={api} locale={language} />;
    case 'campaigns':
      return <CampaignsPage api={api} locale={language} />;
    case 'campaign':
      return <CampaignPage api={api} config={config} slug={view.slug} tab={view.tab} locale={language} key={view.slug} />;
    case 'event':
      return <EventPage api={api} hub={view.hub} id={view.id} slug={view.slug} locale={language} siteName={config.name ?? t('siteName', {}, language)} key={`${view.hub}/${view.id}/${view.slug ?? ''}`} />;
    case 'home':
      return <HomePage api={api} config={config} locale={language} />;
    case 'directory':
      return <DirectoryPage api={api} config={config} type={view.type} params={view.params} locale={language} key={view.type} />;
    case 'content':
      return <ContentPage api={api} config={config} type={view.type} slug={view.slug} locale={language} key={`${view.type}/${view.slug}`} />;
    case 'login':
      return config.mode === 'regional' ? <LoginPage params={view.params} locale={language} /> : <NationalLoginPage params={view.params} locale={language} />;
    case 'national-console':
      return (
        <NationalGuard locale={language}>
          <NationalConsolePage locale={language} {...(view.tab === undefined ? {} : { tab: view.tab })} />
        </NationalGuard>
      );
    case 'signup':
      return <SignupPage locale={language} />;
    case 'account':
      return <AccountPage locale={language} />;
    case 'account-action':
      return <AccountActionPage action={view.action} params={view.params} locale={language} key={view.action} />;
    case 'members':
      return <MembersPage params={view.params} locale={language} />;
    case 'member':
      return <MemberPage id={view.id} locale={language} key={view.id} />;
    case 'contribute':
      return <ContributePage params={view.params} locale={language} />;
    case 'edit':
      return <EditPage config={config} type={view.type} {...(view.id === undefined ? {} : { id: view.id })} locale={language} key={`${view.type}/${view.id ?? 'new'}`} />;
    case 'import':
      return <ImportPage locale={language} />;
    case 'console':
      return <ConsolePage config={config} tab={view.tab} params={view.params} locale={language} />;
    case 'site-page':
      return <SitePage slug={view.slug} locale={language} siteName={config.name ?? t('siteName', {}, language)} key={view.slug} />;
    case 'not-found':
      return <Message title="notFoundTitle" text="notFound" />;
  }
}

/** A stable key for the view (focus and title follow it), ignoring its query parameters. */
function viewKeyOf(view: View): string {
  switch (view.name) {
    case 'event':
      return `event/${view.hub}/${view.id}/${view.slug ?? ''}`;
    case 'directory':
      return `directory/${view.type}`;
    case 'content':
      return `content/${view.type}/${view.slug}`;
    case 'member':
      return `member/${view.id}`;
    case 'account-action':
      return `account/${view.action}`;
    case 'edit':
      return `edit/${view.type}/${view.id ?? 'new'}`;
    case 'console':
      return `console/${view.tab}`;
    case 'site-page':
      return `site-page/${view.slug}`;
    case 'campaign':
      return `campaign/${view.slug}/${view.tab}`;
    default:
      return view.name;
  }
}

type NavEntry = [View, StringKey];

/** The sections of a hub's portal, as on an Echosciences site. */
const PORTAL_SECTIONS: NavEntry[] = [
  [{ name: 'home' }, 'navHome'],
  [{ name: 'agenda' }, 'navAgenda'],
  [{ name: 'map' }, 'navMap'],
  [{ name: 'directory', type: 'article', params: {} }, 'navMagazine'],
  [{ name: 'directory', type: 'actor', params: {} }, 'navActors'],
  [{ name: 'directory', type: 'place', params: {} }, 'navPlaces'],
  [{ name: 'directory', type: 'project', params: {} }, 'navProjects'],
  [{ name: 'directory', type: 'announcement', params: {} }, 'navAnnouncements'],
  [{ name: 'directory', type: 'dossier', params: {} }, 'navDossiers'],
  [{ name: 'directory', type: 'resource', params: {} }, 'navResources'],
];

/** For moderators, how much content waits: fetched again on each navigation and after each decision in the queue. */
function usePendingCount(session: Session, current: string): number | undefined {
  const moderator = session.can('moderator');
  const changes = workloadChanges.value;
  const [pending, setPending] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!moderator) {
      setPending(undefined);
      return;
    }
    const controller = new AbortController();
    session.request<{ pending: number }>('GET', '/api/v1/moderation/workload', { signal: controller.signal }).then(
      (workload) => setPending(workload.pending),
      () => undefined,
    );
    return () => controller.abort();
  }, [moderator, current, changes]);
  return pending;
}

function AccountNav({ session, router, current }: { session: Session; router: Router; current: string }) {
  const account = session.account.value;
  const pending = usePendingCount(session, current);
  const entries: NavEntry[] =
    account === null || account === undefined
      ? [
          [{ name: 'login', params: {} }, 'navLogin'],
          [{ name: 'signup' }, 'navSignup'],
        ]
      : [
          [{ name: 'account' }, 'navAccount'],
          [{ name: 'members', params: {} }, 'navMembers'],
          ...(session.can('contributor') ? ([[{ name: 'contribute', params: {} }, 'navContribute']] as NavEntry[]) : []),
          ...(session.can('moderator') ? ([[{ name: 'console', tab: 'queue', params: {} }, 'navModeration']] as NavEntry[]) : []),
          ...(session.can('coordinator') ? ([[{ name: 'console', tab: 'campaigns', params: {} }, 'navCoordination']] as NavEntry[]) : []),
          ...(session.can('admin') ? ([[{ name: 'console', tab: 'settings', params: {} }, 'navAdmin']] as NavEntry[]) : []),
        ];
  return (
    <nav aria-label={t('accountNav')} class="account-nav">
      <ul>
        {account !== null && account !== undefined && <li class="signed-in">{t('signedInAs', { name: account.displayName })}</li>}
        {entries.map(([view, label]) => (
          <li key={label}>
            <a href={viewHref(view)} onClick={followLink(router)} aria-current={current === viewKeyOf(view) ? 'page' : undefined}>
              {t(label)}
              {label === 'navModeration' && pending !== undefined && pending > 0 && <span class="nav-count"> ({t('navPendingCount', { count: pending })})</span>}
            </a>
          </li>
        ))}
        {account !== null && account !== undefined && (
          <li>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                void session.logout().then(() => router.go('/'));
              }}
            >
              {t('navLogout')}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The shell: skip link, header with navigation and language switch, the page, the live notice. */
export function App({ api, router, config: loaded, session, adminSession }: AppProps) {
  const state = router.state.value;
  // What an admin saves in the settings tab shows at once in the header and footer.
  const saved = savedSettings.value;
  const config = useMemo(() => withSavedSettings(loaded, saved), [loaded, saved]);
  const language = locale.value;
  const regional = config.mode === 'regional';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // After an in-app navigation, start screen readers and keyboards at the new page's content
  // (a full page load starts there anyway); pages with a subject set their own title.
  const viewKey = viewKeyOf(state.view);
  const firstView = useRef(true);
  // On a phone the portal's sections fold behind a Menu button; any navigation folds them again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [viewKey]);
  const siteName = config.name ?? t('siteName', {}, language);
  useEffect(() => {
    const title = viewTitle(state.view, language, siteName);
    if (title !== undefined) document.title = title;
  }, [viewKey, language, siteName]);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [viewKey]);
  // Event views keep the filters: the agenda shows what the map was filtered to.
  const link = (view: View): string => {
    if ('params' in view) return viewHref(view);
    const next: AppState = { view, filters: state.filters };
    if (state.map !== undefined) next.map = state.map;
    return formatLocation(next);
  };
  const nav: NavEntry[] = regional
    ? PORTAL_SECTIONS
    : [
        [{ name: 'map' }, 'navMap'],
        [{ name: 'agenda' }, 'navAgenda'],
        [{ name: 'directory', type: 'place', params: {} }, 'navPlaces'],
        [{ name: 'directory', type: 'project', params: {} }, 'navProjects'],
        [{ name: 'campaigns' }, 'campaignNav'],
        [{ name: 'hubs' }, 'navHubs'],
      ];
  const other = language === 'fr' ? 'en' : 'fr';
  const shell = (
    <RouterContext.Provider value={router}>
      <a class="skip-link" href="#main">
        {t('skipToContent', {}, language)}
      </a>
      <header class={`site-header${regional ? ' portal-header' : ''}${menuOpen ? ' menu-open' : ''}`}>
        <a class="brand" href={link(regional ? { name: 'home' } : { name: 'map' })} onClick={followLink(router)}>
          {config.logoUrl !== undefined && safeHttpUrl(config.logoUrl) !== undefined ? (
            <img class="brand-logo" src={safeHttpUrl(config.logoUrl)} alt="" />
          ) : (
            <span class="brand-mark" aria-hidden="true">
              ✦
            </span>
          )}{' '}
          {siteName}
        </a>
        {regional && (
          <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="portal-menu" onClick={() => setMenuOpen(!menuOpen)}>
            {t('menu', {}, language)}
          </button>
        )}
        <nav aria-label={t(regional ? 'sectionsNav' : 'mainNav', {}, language)} class="main-nav" id={regional ? 'portal-menu' : undefined}>
          <ul>
            {nav.map(([view, label]) => (
              <li key={label}>
                <a href={link(view)} onClick={followLink(router)} aria-current={viewKey === viewKeyOf(view) ? 'page' : undefined}>
                  {t(label, {}, language)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {regional && session !== undefined && <AccountNav session={session} router={router} current={viewKey} />}
        {!regional && adminSession !== undefined && <NationalAdminNav session={adminSession} router={router} current={viewKey === 'national-console'} locale={language} />}
        <button type="button" class="language" lang={other} aria-label={t('switchLanguageLabel', {}, language)} onClick={() => setLocale(other)}>
          {t('switchLanguage', {}, language)}
        </button>
      </header>
      <main id="main" tabIndex={-1} class={`view-${state.view.name}`}>
        <Guarded session={session} view={state.view}>
          {() => <Page api={api} config={config} view={state.view} language={language} />}
        </Guarded>
      </main>
      <SiteFooter router={router} locale={language} siteName={siteName} socialLinks={config.socialLinks ?? []} partners={config.partners ?? []} current={state.view.name === 'site-page' ? state.view.slug : undefined} />
      <LiveNotice />
      {/* The operator's accent colour, checked for contrast by the hub, over the palette's own.
          Last among the shell's children: placed first, it made the national agenda miss live
          removals (tests/web/browser.test.tsx), as if the children after it were matched anew. */}
      {config.accentColor === undefined ? null : <style>{`:root { --accent: ${config.accentColor}; }`}</style>}
    </RouterContext.Provider>
  );
  if (adminSession !== undefined) return <AdminSessionContext.Provider value={adminSession}>{shell}</AdminSessionContext.Provider>;
  return session === undefined ? shell : <SessionContext.Provider value={session}>{shell}</SessionContext.Provider>;
}
