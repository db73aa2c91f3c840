/**
 * The browser entry. A page the server rendered (ssr/render.tsx) carries its state: the
 * site's config, the language and the answers it was rendered from; the app hydrates that
 * markup as it is. Otherwise ask the server what it is (a hub says so at /api/v1/config;
 * the aggregator is national), then render. The map's code loads on its own, after the list.
 */
import { render } from 'preact';
import { createApiClient } from './api/client.ts';
import type { SiteConfig } from './api/types.ts';
import { App, preloadView } from './app.tsx';
import { browserLocale, locale, setLocale } from './i18n/locale.ts';
import { createAdminSession } from './national/admin-session.ts';
import { createSession } from './session/session.ts';
import { createRouter } from './state/router.ts';
import { hydrateKeepingInput } from './ssr/early-input.ts';
import { setPreloaded } from './ssr/preloaded.ts';
import { readSsrState } from './ssr/ssr-state.ts';
import { parseLocation, setSiteMode } from './state/url-state.ts';
import './styles/app.css';
import './styles/print.css';
import './styles/portal.css';
import './styles/contribute.css';
import './styles/console.css';
import './styles/national.css';
import './styles/account.css';
import './styles/campaigns.css';

/**
 * Where real tiles come from, when not from the offline basemap: the server's config
 * (`mapStyle` from /api/v1/config) first, then the page's `constellation-map-style` meta
 * (an operator may set it in the built index.html, no rebuild), then VITE_MAP_STYLE at build.
 */
function fallbackMapStyle(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="constellation-map-style"]')?.content.trim();
  if (meta !== undefined && meta !== '') return meta;
  const built = import.meta.env['VITE_MAP_STYLE'] as string | undefined;
  return built === undefined || built.trim() === '' ? undefined : built.trim();
}

async function start(): Promise<void> {
  // On the map view, fetch and parse maplibre while the config and the list load: the map
  // then starts as soon as its panel mounts (the module is cached for the panel's import).
  if (window.location.pathname === '/') void import('./map/map-engine.ts').catch(() => undefined);
  const rendered = readSsrState(document);
  let config: SiteConfig = rendered?.config ?? { mode: 'national' };
  if (rendered === undefined) {
    try {
      config = await createApiClient(window.location.origin).config();
    } catch (error) {
      console.warn('no site config; national mode', error);
    }
  }
  // The server chose the rendered page's language (address, cookie, Accept-Language); the
  // bare page chooses the same way from the browser's side.
  setLocale(rendered?.locale ?? browserLocale(), { remember: false });
  const api = createApiClient(window.location.origin, { regional: config.mode === 'regional' });
  const mapStyle = config.mapStyle ?? fallbackMapStyle();
  if (mapStyle !== undefined) config = { ...config, mapStyle };
  document.documentElement.lang = locale.value;
  const root = document.getElementById('app');
  if (root === null) throw new Error('no #app element');
  // The path means different things on a hub's portal (/ is its home page) and nationally.
  setSiteMode(config.mode);
  const session = config.mode === 'regional' ? createSession(window.location.origin) : undefined;
  const adminSession = config.mode === 'national' ? createAdminSession(window.location.origin) : undefined;
  const router = createRouter(window);
  const app = <App api={api} router={router} config={config} {...(session === undefined ? {} : { session })} {...(adminSession === undefined ? {} : { adminSession })} />;
  if (rendered === undefined) {
    root.textContent = '';
    render(app, root);
  } else {
    // The same answers and the same page code as the server's render, so the first
    // browser render matches the markup it adopts.
    setPreloaded(rendered.answers);
    await preloadView(parseLocation(window.location.pathname, window.location.search).view, config.mode).catch(() => undefined);
    // Whatever was typed into the rendered page while its code loaded reaches the state.
    hydrateKeepingInput(app, root);
  }
  // The page now answers to input (tests wait for this, as a person waits for a page to work).
  document.documentElement.dataset['interactive'] = 'true';
  // Restored after the first render: public pages do not wait for it.
  void session?.restore();
  void adminSession?.restore();
}

void start();
