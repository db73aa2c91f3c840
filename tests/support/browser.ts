import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/*
 * What every Chromium test needs, written once: Debian's Chromium launched headless with
 * nothing that calls home, a browser profile that reaches only the test's own servers,
 * pages whose dialogs and uncaught errors are written down rather than lost, a wait for
 * the app to answer to input, and the portal forms' fields by their labels.
 */

/** Debian's Chromium, headless, with nothing that would call home. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface LocalContextOptions {
  /** The origins pages may reach (data: and blob: URLs always may), or a test of each URL. */
  allow: Iterable<string> | ((url: URL) => boolean);
  /** Told of every other request, which is refused as blocked by the client. */
  onOffsite?: (url: URL) => void;
  viewport?: { width: number; height: number };
  /** A BCP 47 locale for the browser (the app reads French by default). */
  locale?: string;
  /** Playwright's default for every wait, so a step fails with its locator before the test's own timeout. */
  timeoutMs?: number;
  javaScriptEnabled?: boolean;
}

/**
 * A fresh browser profile (its own cookies: one person) in Paris, whose requests leave
 * the machine never: anything but the allowed origins is refused.
 */
export async function newLocalContext(browser: Browser, options: LocalContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: options.locale ?? 'fr-FR',
    timezoneId: 'Europe/Paris',
    ...(options.javaScriptEnabled === undefined ? {} : { javaScriptEnabled: options.javaScriptEnabled }),
  });
  if (options.timeoutMs !== undefined) context.setDefaultTimeout(options.timeoutMs);
  const allowed = allowing(options.allow);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || allowed(url)) return route.fallback();
    options.onOffsite?.(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

function allowing(allow: LocalContextOptions['allow']): (url: URL) => boolean {
  if (typeof allow === 'function') return allow;
  const origins = new Set(allow);
  return (url) => origins.has(url.origin);
}

/**
 * Writes what a page says that a test should never see into `incidents`: its dialogs
 * (dismissed, so the page goes on) and, unless `errors` is false, its uncaught errors.
 */
export function watchPage(page: Page, incidents: string[], options: { errors?: boolean } = {}): Page {
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (options.errors !== false) page.on('pageerror', (error) => incidents.push(`page error on ${page.url()}: ${error.message}`));
  return page;
}

/**
 * Goes to a page and waits until it answers to input, as a person waits for a page to
 * work: a server-rendered form clicked before its code ran would be sent by the browser itself.
 */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  if (url === 'about:blank') return;
  await page.locator('html[data-interactive="true"]').waitFor({ state: 'attached' });
}

/** A new page in `context`, watched into `incidents`, at `url` once the app answers to input. */
export async function open(context: BrowserContext, url: string, incidents: string[]): Promise<Page> {
  const page = watchPage(await context.newPage(), incidents);
  await visit(page, url);
  return page;
}

/** An input by its label's text, as the portal's forms write it: "Label", or "Label *(obligatoire)" when required. */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}(\\s*\\*?\\s*\\(obligatoire\\))?$`));
}

/**
 * axe-core's serious and critical findings on the page as it is now (the map's canvas, which
 * it cannot judge, left out), one line each. Only the violations are worked out in full:
 * for the rest (the passes, which nobody reads here) axe would build a selector, an XPath
 * and an HTML extract of every node checked, most of a run's time. A page without frames is
 * checked whole by one axe.run in it (legacy mode), not in parts finished in an extra blank
 * page; a page with frames keeps the default, which also reaches frames of other origins.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const axe = new AxeBuilder({ page }).exclude('.maplibregl-canvas').options({ resultTypes: ['violations'] });
  if (page.frames().length === 1) axe.setLegacyMode();
  const results = await axe.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
