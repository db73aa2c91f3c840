import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptedLanguages, chooseLocale } from '../../locale-choice.ts';
import type { EventPublic } from '../../schema/event.ts';
import type { Locale } from '../../vocab/define.ts';
import { escapeHtml, jsonForScript, safeUrl } from '../exports/escape.ts';
import { fileChange } from './file-change.ts';

/**
 * Pages of the web app rendered on the server: the built app's own renderer
 * (web/src/ssr/render.tsx, built to `<webRoot>/.ssr/render.js`) turns an address into the
 * page's markup, with the same components the browser then hydrates; this module puts that
 * markup, the page's head (title, description, OpenGraph, Twitter, canonical link,
 * JSON-LD) and the hydration state into the built index.html. A reader without JavaScript,
 * a crawler or a link preview gets the whole page in one answer.
 */

/** What the web's renderer answers (its RenderedPage, as far as the servers read it). */
export interface RenderedAppPage {
  status: number;
  html: string;
  state: unknown;
  title: string;
  description?: string;
  image?: string;
  imageAlt?: string;
  canonical?: string;
  jsonLd?: Record<string, unknown>;
  event?: Record<string, unknown>;
}

export interface AppRenderer {
  renderPage(request: { href: string; locale: Locale; fetcher: typeof fetch }): Promise<RenderedAppPage>;
}

/** Where the web build puts its server renderer, inside the web root. */
export const APP_RENDERER_PATH = '.ssr/render.js';

/**
 * The web's renderer from a web root, or undefined when that build has none. `version`
 * names a build: a new one is a new module (Node caches a module by its URL, query included).
 */
export async function loadAppRenderer(root: string, version?: string): Promise<AppRenderer | undefined> {
  const path = join(root, APP_RENDERER_PATH);
  if (!existsSync(path)) return undefined;
  const url = pathToFileURL(path);
  if (version !== undefined && version !== '') url.search = `?build=${encodeURIComponent(version)}`;
  const module = (await import(url.href)) as Partial<AppRenderer>;
  return typeof module.renderPage === 'function' ? { renderPage: module.renderPage } : undefined;
}

/** The page's language: `?lang=`, then the reader's choice (cookie), then Accept-Language, then French. */
export function requestLocale(request: FastifyRequest): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
  return chooseLocale({
    query: typeof query === 'string' ? query : new URL(request.url, 'http://page.invalid').searchParams.get('lang'),
    cookie: request.headers.cookie,
    accepted: acceptedLanguages(request.headers['accept-language']),
  });
}

/**
 * A fetch that answers from the app's own routes (Fastify's inject): the renderer's API
 * calls cost no network and no socket. The reader's cookies are not passed on: a rendered
 * page shows what anyone may see, and a member's own view arrives after hydration.
 */
export function injectFetcher(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') throw new Error(`a rendered page only reads (${method} ${url.pathname})`);
    const answer = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept: 'application/json' } });
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') } });
  };
}

const OG_LOCALES: Record<Locale, string> = { fr: 'fr_FR', en: 'en_GB' };

function meta(attribute: 'name' | 'property', key: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`;
}

export interface DocumentExtras {
  siteName: string;
  locale: Locale;
  /** More head markup (built by the caller with escapeHtml/jsonForScript). */
  head?: string;
  /** The event's schema.org JSON-LD, which the caller builds (the renderer's `jsonLd` otherwise). */
  jsonLd?: Record<string, unknown>;
}

/** The built index.html with a rendered page in it. */
export function appDocument(index: string, page: RenderedAppPage, extras: DocumentExtras): string {
  const canonical = safeUrl(page.canonical);
  const image = safeUrl(page.image);
  const description = page.description === undefined ? undefined : page.description.length > 200 ? `${page.description.slice(0, 199)}…` : page.description;
  const jsonLd = extras.jsonLd ?? page.jsonLd;
  const head = [
    canonical === undefined ? '' : `<link rel="canonical" href="${escapeHtml(canonical)}" />`,
    meta('property', 'og:type', 'website'),
    meta('property', 'og:locale', OG_LOCALES[extras.locale]),
    meta('property', 'og:site_name', extras.siteName),
    meta('property', 'og:title', page.title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', canonical),
    meta('property', 'og:image', image),
    meta('property', 'og:image:alt', image === undefined ? undefined : page.imageAlt),
    meta('name', 'twitter:card', image === undefined ? 'summary' : 'summary_large_image'),
    meta('name', 'twitter:title', page.title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image),
    page.status === 404 ? '<meta name="robots" content="noindex" />' : '',
    jsonLd === undefined ? '' : `<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`,
    extras.head ?? '',
  ]
    .filter((line) => line !== '')
    .join('\n    ');
  // Function replacements: a `$&` in a title is text, not a pattern.
  let html = index.replace(/<html lang="[^"]*"/, () => `<html lang="${extras.locale}"`);
  html = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`);
  if (description !== undefined) html = html.replace(/<meta name="description" content="[^"]*"\s*\/?>/, () => meta('name', 'description', description));
  html = html.replace('</head>', () => `    ${head}\n  </head>`);
  // The app's element, its noscript note included, becomes the rendered page and its state.
  return html.replace(
    /<div id="app">[\s\S]*?<\/div>(\s*<\/body>)/,
    (_whole, end: string) => `<div id="app">${page.html}</div>\n    <script type="application/json" id="ssr-state">${jsonForScript(page.state)}</script>${end}`,
  );
}

/** The app's pages as a server renders them: one per web root, shared by the app's fallback and the servers' page routes. */
export interface AppPages {
  /** Renders `request`'s address (or `path`, when the route's path is not the page's) and answers with the page. */
  send(request: FastifyRequest, reply: FastifyReply, options?: { head?: string }): Promise<FastifyReply>;
}

export interface AppPagesOptions {
  root: string;
  /** The site's public address: pages are rendered for it, whatever Host a request names. */
  publicUrl: string;
  /** The pages' Content-Security-Policy. */
  csp: string;
  /** The site's name in previews when the page has no config naming it. */
  siteName: string;
  /** An event page's schema.org JSON-LD (the server's, from the exact schedule code); other pages carry the renderer's. */
  eventJsonLd?: (event: EventPublic) => Record<string, unknown> | undefined;
}

/**
 * Loads the renderer and the index page; undefined when the web root has no renderer (then
 * the app renders in the browser). A rebuild while the server runs is picked up: each is
 * loaded again when its file changed (looked at, one stat, at most once a second).
 */
export async function createAppPages(app: FastifyInstance, options: AppPagesOptions): Promise<AppPages | undefined> {
  const indexPath = join(options.root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const rendererFile = fileChange(join(options.root, APP_RENDERER_PATH));
  const indexFile = fileChange(indexPath);
  rendererFile.changed();
  indexFile.changed();
  const first = await loadAppRenderer(options.root);
  if (first === undefined) return undefined;
  let renderer: AppRenderer = first;
  let index = readFileSync(indexPath, 'utf8');
  // Node keeps a module that failed under its URL: each new attempt gets a URL of its own.
  let attempts = 0;
  const current = async (): Promise<{ renderer: AppRenderer; index: string }> => {
    if (indexFile.changed()) {
      try {
        index = readFileSync(indexPath, 'utf8');
      } catch {
        indexFile.retry();
      }
    }
    if (rendererFile.changed()) {
      try {
        attempts += 1;
        renderer = (await loadAppRenderer(options.root, `${rendererFile.version}.${attempts}`)) ?? renderer;
      } catch (error) {
        // Half written (a build under way): the last renderer serves until the next look.
        app.log.warn({ err: error }, 'web: the rebuilt server renderer did not load; keeping the last one');
        rendererFile.retry();
      }
    }
    return { renderer, index };
  };
  const fetcher = injectFetcher(app);
  const origin = options.publicUrl.replace(/\/+$/, '');
  return {
    async send(request, reply, extras = {}) {
      const locale = requestLocale(request);
      const { renderer, index } = await current();
      const page = await renderer.renderPage({ href: `${origin}${request.url}`, locale, fetcher });
      const state = page.state as { config?: { name?: unknown } } | undefined;
      const siteName = typeof state?.config?.name === 'string' ? state.config.name : options.siteName;
      const jsonLd = page.event === undefined ? undefined : options.eventJsonLd?.(page.event as unknown as EventPublic);
      const html = appDocument(index, page, { siteName, locale, ...(extras.head === undefined ? {} : { head: extras.head }), ...(jsonLd === undefined ? {} : { jsonLd }) });
      return reply
        .code(page.status)
        .header('content-security-policy', options.csp)
        .header('cache-control', 'no-cache')
        // The language comes from these: a shared cache must keep one copy per language.
        .header('vary', 'Accept-Language, Cookie')
        .header('content-language', locale)
        .type('text/html; charset=utf-8')
        .send(html);
    },
  };
}
