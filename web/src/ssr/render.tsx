/**
 * The server's entry (built by Vite as a Node module, web/dist/.ssr/render.js): renders a
 * page of the app to HTML with the same components the browser then hydrates. The hub and
 * the aggregator load it from their web root and call `renderPage` with a fetcher that
 * answers from their own routes, so the page's data comes through the same client code as
 * in the browser, without a network round trip.
 */
import type { Locale } from '@constellation/shared';
import { signal } from '@preact/signals';
import { renderToString } from 'preact-render-to-string';
import { createApiClient } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
import { App, preloadView, viewTitle } from '../app.tsx';
import { locale, t } from '../i18n/locale.ts';
import { createAdminSession } from '../national/admin-session.ts';
import { imageOf, summaryOf, titleOf } from '../portal/content-item.ts';
import { createSession } from '../session/session.ts';
import type { Router } from '../state/router.ts';
import { parseLocation, setSiteMode } from '../state/url-state.ts';
import { setServerHref } from './page-location.ts';
import { setPreloaded } from './preloaded.ts';
import { prefetch, type Subject } from './prefetch.ts';
import { contentJsonLd } from './content-json-ld.ts';
import type { SsrState } from './ssr-state.ts';

export interface RenderRequest {
  /** The page's full address, as the reader asked for it. */
  href: string;
  locale: Locale;
  /** Answers the app's API requests (the server's own routes). */
  fetcher: typeof fetch;
}

export interface RenderedPage {
  /** 404 when the page's item does not exist (or is not published). */
  status: number;
  /** The markup to put in the page's #app element. */
  html: string;
  /** The state the browser needs to hydrate that markup: write it in an `ssr-state` JSON block. */
  state: SsrState;
  title: string;
  description?: string;
  /** The picture standing for the page (absolute URL). */
  image?: string;
  imageAlt?: string;
  /** The item's own public page (its canonical URL, on its hub). */
  canonical?: string;
  /** schema.org JSON-LD for content pages; an event's is the server's (it has the exact schedule code). */
  jsonLd?: Record<string, unknown>;
  /** The event shown, when the page is an event's: the server builds its JSON-LD. */
  event?: Record<string, unknown>;
}

/** A router for one render: the address is fixed, nothing navigates. */
function fixedRouter(href: string): Router {
  const url = new URL(href);
  const state = signal(parseLocation(url.pathname, url.search));
  const still = () => undefined;
  return { state, navigate: still, setFilters: still, setMap: still, go: still, dispose: still };
}

/** Markdown as a preview's one paragraph: marks and links' addresses left out. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function describe(subject: Subject | undefined, origin: string): Pick<RenderedPage, 'description' | 'image' | 'imageAlt' | 'canonical' | 'jsonLd' | 'event'> {
  if (subject === undefined) return {};
  if (subject.kind === 'campaign') {
    const { campaign } = subject.detail;
    return {
      ...(campaign.description === undefined ? {} : { description: plainText(campaign.description) }),
      ...(campaign.logo === undefined ? {} : { image: campaign.logo.url, ...(campaign.logo.alt === undefined ? {} : { imageAlt: campaign.logo.alt }) }),
      ...(campaign.url === undefined ? {} : { canonical: campaign.url }),
    };
  }
  if (subject.kind === 'event') {
    const { event } = subject.detail;
    const picture = event.thumbnail === undefined ? event.image?.url : new URL(event.thumbnail, origin).toString();
    return {
      ...(event.summary === undefined ? {} : { description: event.summary }),
      ...(picture === undefined ? {} : { image: picture }),
      ...(event.image?.alt === undefined ? {} : { imageAlt: event.image.alt }),
      ...(event.url === undefined ? {} : { canonical: event.url }),
      event: event as unknown as Record<string, unknown>,
    };
  }
  const { entry } = subject;
  const summary = summaryOf(entry);
  const image = imageOf(entry);
  return {
    ...(summary === undefined ? {} : { description: summary }),
    ...(image === undefined ? {} : { image: image.url, ...(image.alt === undefined ? {} : { imageAlt: image.alt }) }),
    canonical: entry.item.url,
    jsonLd: contentJsonLd(entry),
  };
}

export async function renderPage(request: RenderRequest): Promise<RenderedPage> {
  const url = new URL(request.href);
  const config: SiteConfig = await createApiClient(url.origin, { fetcher: request.fetcher })
    .config()
    .catch((): SiteConfig => ({ mode: 'national' }));
  const regional = config.mode === 'regional';
  setSiteMode(config.mode);
  const router = fixedRouter(request.href);
  const view = router.state.value.view;
  const api = createApiClient(url.origin, { regional, fetcher: request.fetcher });
  const session = regional ? createSession(url.origin, request.fetcher) : undefined;
  const adminSession = regional ? undefined : createAdminSession(url.origin, request.fetcher);
  const [fetched] = await Promise.all([prefetch(view, api, session, router.state.value.filters), preloadView(view, config.mode)]);
  const siteName = config.name ?? t('siteName', {}, request.locale);
  const subject = fetched.subject;
  const itemTitle = subject === undefined ? undefined : subject.kind === 'event' ? subject.detail.event.title : subject.kind === 'campaign' ? subject.detail.campaign.name : titleOf(subject.entry);

  // From here to the end of renderToString nothing awaits: the module-wide settings below
  // belong to this render alone.
  locale.value = request.locale;
  setSiteMode(config.mode);
  setServerHref(request.href);
  setPreloaded(fetched.answers);
  let html: string;
  try {
    html = renderToString(<App api={api} router={router} config={config} {...(session === undefined ? {} : { session })} {...(adminSession === undefined ? {} : { adminSession })} />);
  } finally {
    setPreloaded({});
    setServerHref(undefined);
  }
  return {
    status: fetched.missing || view.name === 'not-found' ? 404 : 200,
    html,
    state: { locale: request.locale, config, answers: fetched.answers },
    title: itemTitle === undefined ? (viewTitle(view, request.locale, siteName) ?? siteName) : `${itemTitle} · ${siteName}`,
    ...describe(subject, url.origin),
  };
}
