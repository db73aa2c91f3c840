/**
 * The moderation and administration console: one page per tab, the tabs as links (each
 * tab has its own address, and its filters are in the query string). The shell has already
 * let in only moderators (admins for settings and users); the admin tabs are listed for
 * admins only. One polite live region announces what the console did.
 */
import '../i18n/strings-home.ts';
import '../i18n/strings-membership.ts';
import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useEffect, useState } from 'preact/hooks';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref, type ConsoleTab } from '../state/url-state.ts';
import { ActorsTab } from './actors-tab.tsx';
import { PagesTab } from './pages-tab.tsx';
import { HomeTab } from './home-tab.tsx';
import { AuditTab } from './audit-tab.tsx';
import { QueueTab } from './queue-tab.tsx';
import { ReportsTab } from './reports-tab.tsx';
import { MembershipsTab } from './memberships-tab.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { SourcesTab } from './sources-tab.tsx';
import { StatsTab } from './stats-tab.tsx';
import { UsersTab } from './users-tab.tsx';
import { CampaignsTab } from './campaigns-tab.tsx';

const TAB_TITLES: Record<ConsoleTab, StringKey> = {
  queue: 'consoleTabQueue',
  reports: 'consoleTabReports',
  memberships: 'consoleTabMemberships',
  audit: 'consoleTabAudit',
  stats: 'consoleTabStats',
  sources: 'consoleTabSources',
  actors: 'consoleTabActors',
  settings: 'consoleTabSettings',
  users: 'consoleTabUsers',
  pages: 'consoleTabPages',
  home: 'consoleTabHome',
  campaigns: 'coordTab',
};

/** Tabs every moderator sees, then the ones only admins see. */
export const MODERATOR_TABS: readonly ConsoleTab[] = ['queue', 'reports', 'memberships', 'audit', 'stats', 'sources', 'actors'];
export const ADMIN_TABS: readonly ConsoleTab[] = ['settings', 'home', 'users', 'pages'];

/** The region's campaign coordinators' tab: coordinators and admins, not moderators (labelling is apart). */
export const COORDINATOR_TABS: readonly ConsoleTab[] = ['campaigns'];

/** The tabs listed for an account: admins see them all, a coordinator its own. */
export function visibleTabs(admin: boolean, roles: { moderator?: boolean; coordinator?: boolean } = { moderator: true }): ConsoleTab[] {
  if (admin) return [...MODERATOR_TABS, ...COORDINATOR_TABS, ...ADMIN_TABS];
  return [...(roles.moderator === true ? MODERATOR_TABS : []), ...(roles.coordinator === true ? COORDINATOR_TABS : [])];
}

function TabBody({ config, tab, params, locale, announce }: { config: SiteConfig; tab: ConsoleTab; params: Record<string, string>; locale: Locale; announce: (message: string) => void }) {
  switch (tab) {
    case 'queue':
      return <QueueTab params={params} locale={locale} announce={announce} />;
    case 'reports':
      return <ReportsTab locale={locale} announce={announce} />;
    case 'memberships':
      return <MembershipsTab locale={locale} announce={announce} />;
    case 'audit':
      return <AuditTab config={config} params={params} locale={locale} />;
    case 'stats':
      return <StatsTab config={config} params={params} locale={locale} />;
    case 'settings':
      return <SettingsTab locale={locale} announce={announce} />;
    case 'users':
      return <UsersTab params={params} locale={locale} announce={announce} />;
    case 'sources':
      return <SourcesTab locale={locale} announce={announce} />;
    case 'actors':
      return <ActorsTab locale={locale} announce={announce} />;
    case 'pages':
      return <PagesTab locale={locale} announce={announce} />;
    case 'home':
      return <HomeTab locale={locale} announce={announce} />;
    case 'campaigns':
      return <CampaignsTab params={params} locale={locale} announce={announce} />;
  }
}

export function ConsolePage({ config, tab, params, locale }: { config: SiteConfig; tab: ConsoleTab; params: Record<string, string> } & { locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const [notice, setNotice] = useState('');
  const title = t(TAB_TITLES[tab], {}, locale);
  const siteName = config.name ?? t('siteName', {}, locale);
  useEffect(() => {
    document.title = `${title} · ${siteName}`;
  }, [title, siteName]);
  // A notice is about the tab it was made on.
  useEffect(() => setNotice(''), [tab]);
  const tabs = visibleTabs(session.can('admin'), { moderator: session.can('moderator'), coordinator: session.can('coordinator') });
  return (
    <div class="console-page">
      <h1 class="page-title">{title}</h1>
      <nav class="console-tabs" aria-label={t('consoleTabsNav', {}, locale)}>
        <ul>
          {tabs.map((each) => (
            <li key={each}>
              <a href={viewHref({ name: 'console', tab: each, params: {} })} onClick={followLink(router)} aria-current={each === tab ? 'page' : undefined}>
                {t(TAB_TITLES[each], {}, locale)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      <TabBody config={config} tab={tab} params={params} locale={locale} announce={setNotice} />
    </div>
  );
}
