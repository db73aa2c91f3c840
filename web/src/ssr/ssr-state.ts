import type { Locale } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';
import type { Loaded } from '../components/use-fetch.ts';

/** What a server-rendered page hands the browser (a JSON block, id `ssr-state`) to hydrate it as rendered. */
export interface SsrState {
  locale: Locale;
  config: SiteConfig;
  answers: Record<string, Loaded<unknown>>;
}

export const SSR_STATE_ID = 'ssr-state';

/** The state of the page the server rendered, or undefined for the bare app page. */
export function readSsrState(doc: Document): SsrState | undefined {
  const text = doc.getElementById(SSR_STATE_ID)?.textContent;
  if (text === undefined || text === null || text === '') return undefined;
  try {
    return JSON.parse(text) as SsrState;
  } catch {
    return undefined;
  }
}
