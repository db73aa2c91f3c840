import { useContext, useEffect } from 'preact/hooks';
import type { Locale, SitePageSlug, SitePageView } from '@constellation/shared';
import { Markdown } from '../components/markdown.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { queryString, SessionContext } from '../session/session.ts';

/** The national site has no account session: its pages are read with a plain request to the same origin. */
async function fetchPage(path: string, lang: Locale, signal: AbortSignal): Promise<SitePageView> {
  const response = await fetch(`${path}${queryString({ lang })}`, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as SitePageView;
}

/**
 * One of the operator's pages (about, legal notice, privacy, accessibility), in the
 * reader's language: a hub's (written in its console) or the national site's.
 */
export function SitePage({ slug, locale, siteName }: { slug: SitePageSlug; locale: Locale; siteName: string }) {
  const session = useContext(SessionContext);
  const path = `/api/v1/pages/${slug}`;
  const [state] = useFetch(`${slug}/${locale}`, (signal) => (session === undefined ? fetchPage(path, locale, signal) : session.request<SitePageView>('GET', path, { query: { lang: locale }, signal })));
  const title = state.status === 'done' ? state.value.title : undefined;
  useEffect(() => {
    if (title !== undefined) document.title = `${title} · ${siteName}`;
  }, [title, siteName]);
  if (state.status === 'loading') return <p role="status">{t('loading', {}, locale)}</p>;
  if (state.status === 'failed') return <p role="alert">{t('loadError', { message: state.message }, locale)}</p>;
  const page = state.value;
  return (
    <article class="site-page narrow-page">
      <h1 class="page-title">{page.title}</h1>
      <Markdown source={page.body} />
      {page.updatedAt !== null && <p class="hint">{t('sitePageUpdated', { date: new Date(page.updatedAt).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }) }, locale)}</p>}
    </article>
  );
}
