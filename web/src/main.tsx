/**
 * The browser entry: ask the server what it is (a hub says so at /api/v1/config; the
 * aggregator is national), then render. The map's code loads on its own, after the list.
 */
import { render } from 'preact';
import { createApiClient } from './api/client.ts';
import type { SiteConfig } from './api/types.ts';
import { App } from './app.tsx';
import { locale } from './i18n/locale.ts';
import { createAdminSession } from './national/admin-session.ts';
import { createSession } from './session/session.ts';
import { createRouter } from './state/router.ts';
import { setSiteMode } from './state/url-state.ts';
import './styles/app.css';
import './styles/print.css';
import './styles/portal.css';
import './styles/contribute.css';
import './styles/console.css';
import './styles/national.css';
import './styles/account.css';

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
  let config: SiteConfig = { mode: 'national' };
  try {
    config = await createApiClient(window.location.origin).config();
  } catch (error) {
    console.warn('no site config; national mode', error);
  }
  const api = createApiClient(window.location.origin, { regional: config.mode === 'regional' });
  const mapStyle = config.mapStyle ?? fallbackMapStyle();
  if (mapStyle !== undefined) config = { ...config, mapStyle };
  document.documentElement.lang = locale.value;
  const root = document.getElementById('app');
  if (root === null) throw new Error('no #app element');
  root.textContent = '';
  // The path means different things on a hub's portal (/ is its home page) and nationally.
  setSiteMode(config.mode);
  const session = config.mode === 'regional' ? createSession(window.location.origin) : undefined;
  const adminSession = config.mode === 'national' ? createAdminSession(window.location.origin) : undefined;
  render(<App api={api} router={createRouter(window)} config={config} {...(session === undefined ? {} : { session })} {...(adminSession === undefined ? {} : { adminSession })} />, root);
  // Restored after the first render: public pages do not wait for it.
  void session?.restore();
  void adminSession?.restore();
}

void start();
