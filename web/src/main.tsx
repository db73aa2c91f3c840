/**
 * The browser entry: ask the server what it is (a hub says so at /api/v1/config; the
 * aggregator is national), then render. The map's code loads on its own, after the list.
 */
import { render } from 'preact';
import { createApiClient } from './api/client.ts';
import type { SiteConfig } from './api/types.ts';
import { App } from './app.tsx';
import { locale } from './i18n/locale.ts';
import { createRouter } from './state/router.ts';
import './styles/app.css';
import './styles/print.css';

/** A build-time default for real tiles (VITE_MAP_STYLE); a server's mapStyle wins. */
const BUILD_MAP_STYLE: string | undefined = import.meta.env['VITE_MAP_STYLE'] as string | undefined;

async function start(): Promise<void> {
  const api = createApiClient(window.location.origin);
  let config: SiteConfig = { mode: 'national' };
  try {
    config = await api.config();
  } catch (error) {
    console.warn('no site config; national mode', error);
  }
  if (config.mapStyle === undefined && BUILD_MAP_STYLE !== undefined && BUILD_MAP_STYLE !== '') config = { ...config, mapStyle: BUILD_MAP_STYLE };
  document.documentElement.lang = locale.value;
  const root = document.getElementById('app');
  if (root === null) throw new Error('no #app element');
  root.textContent = '';
  render(<App api={api} router={createRouter(window)} config={config} />, root);
}

void start();
