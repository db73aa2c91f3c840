/** The national console's tabs, each its own address, and the frame every tab's page shares. */
import '../i18n/strings-console.ts';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

export type NationalTab = 'hubs' | 'campaigns' | 'duplicates' | 'admins';

/** The console's tabs, each its own address: the hubs, the campaigns, the cross-hub duplicates, the national admins. */
export function ConsoleTabs({ tab, locale }: { tab: NationalTab; locale: Locale }) {
  const router = useRouter();
  const tabs = [
    { key: 'hubs' as const, href: viewHref({ name: 'national-console', params: {} }), label: t('ncTabHubs', {}, locale) },
    { key: 'campaigns' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'campaigns' }), label: t('ncTab', {}, locale) },
    { key: 'duplicates' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'duplicates' }), label: t('dupTab', {}, locale) },
    { key: 'admins' as const, href: viewHref({ name: 'national-console', params: {}, tab: 'admins' }), label: t('naTab', {}, locale) },
  ];
  return (
    <nav class="console-tabs" aria-label={t('consoleTabsNav', {}, locale)}>
      <ul>
        {tabs.map((entry) => (
          <li key={entry.key}>
            <a href={entry.href} onClick={followLink(router)} aria-current={tab === entry.key ? 'page' : undefined}>
              {entry.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A tab's page: its title (the document's too), the tabs, what `intro` says of it, the
 * polite live region that says what was done, then the tab itself.
 */
export function NationalTabPage({ title, tab, locale, notice, intro, children }: { title: StringKey; tab: NationalTab; locale: Locale; notice: string; intro?: ComponentChildren; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${t(title, {}, locale)} · ${t('siteName', {}, locale)}`;
  }, [locale]);
  return (
    <div class="console-page national-console">
      <h1 class="page-title">{t(title, {}, locale)}</h1>
      <ConsoleTabs tab={tab} locale={locale} />
      {intro}
      <p class="console-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {children}
    </div>
  );
}
