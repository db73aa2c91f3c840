import type { ComponentChildren } from 'preact';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { followLink, type Router } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { useAdminSession, type AdminSession } from './admin-session.ts';

/** In the national site's header, for a logged-in national admin only: the console and logging out. */
export function NationalAdminNav({ session, router, current, locale }: { session: AdminSession; router: Router; current: boolean; locale: Locale }) {
  const admin = session.admin.value;
  if (admin === null || admin === undefined) return null;
  return (
    <nav aria-label={t('nationalConsoleNav', {}, locale)} class="account-nav">
      <ul>
        <li class="signed-in">{t('nationalSignedInAs', { email: admin.email }, locale)}</li>
        <li>
          <a href={viewHref({ name: 'national-console', params: {} })} onClick={followLink(router)} aria-current={current ? 'page' : undefined}>
            {t('nationalConsoleNav', {}, locale)}
          </a>
        </li>
        <li>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              void session.logout().then(() => router.go('/'));
            }}
          >
            {t('nationalLogout', {}, locale)}
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** Keeps the console to national admins: a logged-out reader is sent to log in (the API refuses anyway). */
export function NationalGuard({ locale, children }: { locale: Locale; children: ComponentChildren }) {
  const session = useAdminSession();
  const admin = session.admin.value;
  if (admin === undefined) return <p role="status">{t('loading', {}, locale)}</p>;
  if (admin === null) {
    return (
      <div>
        <h1 class="page-title">{t('nationalLoginTitle', {}, locale)}</h1>
        <p>{t('nationalLoginRequired', {}, locale)}</p>
        <p>
          <a href={viewHref({ name: 'login', params: { next: '/admin' } })}>{t('nationalLoginSubmit', {}, locale)}</a>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
