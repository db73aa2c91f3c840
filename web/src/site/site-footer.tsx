import { sitePageSlugs, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { followLink, type Router } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

/** Every portal page ends with the pages a French public-interest site must link (legal notice, privacy, RGAA statement). */
export function SiteFooter({ router, locale, siteName, current }: { router: Router; locale: Locale; siteName: string; current: string | undefined }) {
  return (
    <footer class="site-footer">
      <nav aria-label={t('footerNav', {}, locale)}>
        <ul>
          {sitePageSlugs.values.map((slug) => (
            <li key={slug}>
              <a href={viewHref({ name: 'site-page', slug })} onClick={followLink(router)} aria-current={current === slug ? 'page' : undefined}>
                {sitePageSlugs.label(slug, locale)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="site-footer-name">{siteName}</p>
    </footer>
  );
}
