import { sitePageSlugs, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { safeHttpUrl } from '../pages/event-page.tsx';
import { followLink, type Router } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

/** The networks people recognise by their address; anything else is named by its host. */
const NETWORKS: readonly [RegExp, string][] = [
  [/(^|\.)bsky\.app$/, 'Bluesky'],
  [/(^|\.)linkedin\.com$/, 'LinkedIn'],
  [/(^|\.)facebook\.com$/, 'Facebook'],
  [/(^|\.)instagram\.com$/, 'Instagram'],
  [/(^|\.)youtube\.com$|^youtu\.be$/, 'YouTube'],
  [/(^|\.)(x|twitter)\.com$/, 'X'],
  [/mastodon|piaille|mstdn|social/, 'Mastodon'],
  [/peertube|tube/, 'PeerTube'],
];

export function networkName(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return NETWORKS.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}

/**
 * Every portal page and every national page ends with the pages a French public-interest site must link (legal
 * notice, privacy, RGAA statement), and the operator's social links when there are some.
 */
export function SiteFooter({ router, locale, siteName, socialLinks = [], current }: { router: Router; locale: Locale; siteName: string; socialLinks?: readonly string[]; current: string | undefined }) {
  const links = socialLinks.flatMap((link) => {
    const url = safeHttpUrl(link);
    return url === undefined ? [] : [url];
  });
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
      {links.length === 0 ? null : (
        <nav class="site-footer-social" aria-label={t('footerSocial', { name: siteName }, locale)}>
          <ul>
            {links.map((url) => (
              <li key={url}>
                <a href={url} rel="me noopener">
                  {networkName(url)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p class="site-footer-name">{siteName}</p>
    </footer>
  );
}
