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
 * notice, privacy, RGAA statement), the operator's social links and its partners' logos when there are some.
 */
export interface FooterPartner {
  name: string;
  url: string;
  logoUrl: string;
}

export function SiteFooter({
  router,
  locale,
  siteName,
  socialLinks = [],
  partners = [],
  current,
}: {
  router: Router;
  locale: Locale;
  siteName: string;
  socialLinks?: readonly string[];
  partners?: readonly FooterPartner[];
  current: string | undefined;
}) {
  const links = socialLinks.flatMap((link) => {
    const url = safeHttpUrl(link);
    return url === undefined ? [] : [url];
  });
  // Only https links and http(s) images reach the page, whatever the configuration says.
  const shown = partners.flatMap((partner) => {
    const url = safeHttpUrl(partner.url);
    const logo = safeHttpUrl(partner.logoUrl);
    return url === undefined || logo === undefined || !url.startsWith('https://') ? [] : [{ name: partner.name, url, logo }];
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
      {shown.length === 0 ? null : (
        <section class="site-footer-partners" aria-labelledby="site-footer-partners-title">
          <h2 id="site-footer-partners-title">{t('footerPartners', {}, locale)}</h2>
          <ul>
            {shown.map((partner) => (
              <li key={partner.url}>
                <a href={partner.url} rel="noopener">
                  <img src={partner.logo} alt={partner.name} loading="lazy" decoding="async" />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="site-footer-name">{siteName}</p>
    </footer>
  );
}
