import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import { DEFAULT_MAP_STYLE } from '@constellation/web';
import { Federation, http, waitFor } from '../support/federation.ts';
import { launchChromium, newLocalContext } from '../support/browser.ts';
import { loginToken, startPortalHub, type PortalHub } from '../support/portal.ts';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { builtWebApp } from '../support/web-build.ts';

/*
 * The regional portal as its Chromium files meet it (portal-e2e and portal-accessibility):
 * a seeded hub process serving the built web app and sending its mail to an SMTP sink, and
 * Chromium. With `national`, also an aggregator worker pulling the hub into the national
 * store and the aggregator's API serving the same build as the national site at the
 * address the hub notifies, the hub registered and pulled once. Each file starts only what
 * its tests read: the national half costs a worker, two CLI processes and a first pull.
 * Any request a page makes outside these servers is refused and written into `incidents`.
 */

const HUB = { id: 'centre-val-de-loire', region: '24', name: 'Centre-Sciences' };

/** The national API in the test's own process (at the address the hub notifies). */
interface NationalSite {
  services: AggregatorServices;
  app: FastifyInstance;
}

export class PortalSite {
  /** What the pages said that a test should never see: dialogs, uncaught errors, requests leaving the machine. */
  readonly incidents: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly fed: Federation,
    readonly hub: PortalHub,
    readonly sink: SmtpSink,
    readonly browser: Browser,
    private readonly national: NationalSite | undefined,
  ) {}

  /** Starts the hub (and, with `national`, the national site), and Chromium. */
  static async start(options: { national: boolean }): Promise<PortalSite> {
    const build = builtWebApp();
    build.catch(() => undefined);
    const fed = await Federation.create();
    const sink = await startSmtpSink();
    let national: NationalSite | undefined;
    try {
      // The hub and the national API list the built files when they start: build first.
      const webRoot = await build;
      const mail = { HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(sink.port), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: 'no-reply@hub.test' };
      const hub = await startPortalHub(fed, { ...HUB, ...(options.national ? { aggregatorUrls: [fed.publicUrl] } : {}), webRoot, env: mail });
      if (options.national) {
        await fed.startAggregator('worker', { pullIntervalMs: 1_000, pullJitterMs: 0 });
        // The national API in this process, at the address the hub notifies, serving the same build.
        const config = { ...loadAggregatorConfig({ env: { ...fed.aggregatorEnv('api', fed.apiPort, {}), AGGREGATOR_LOG_LEVEL: 'silent' } }), webRoot };
        const services = createServices(config);
        national = { services, app: await buildApp(config, { services }) };
        await national.app.listen({ host: '127.0.0.1', port: fed.apiPort });
        await fed.registerHubs([hub], { via: 'cli' });
        await waitFor(() => fed.nationalRecords().some((record) => record.type === 'event'), { what: 'the first pull of the seeded hub', timeoutMs: 30_000 });
      }
      return new PortalSite(fed, hub, sink, await launchChromium(), national);
    } catch (error) {
      await national?.app.close();
      await national?.services.close();
      await fed.close();
      await sink.close();
      throw error;
    }
  }

  /** The national site's address (the aggregator's public URL). */
  get publicUrl(): string {
    return this.fed.publicUrl;
  }

  /** A fresh browser profile (its own cookies: one person) that reaches the hub and the national site only. */
  async newContext(): Promise<BrowserContext> {
    const context = await newLocalContext(this.browser, {
      allow: [this.hub.url, this.fed.publicUrl],
      // The default basemap's style, tried first: refused here as offline, the maps fall back to their own.
      onOffsite: (url) => {
        if (url.href !== DEFAULT_MAP_STYLE) this.incidents.push(`offsite request: ${url.href}`);
      },
      viewport: { width: 1200, height: 900 },
      timeoutMs: 20_000,
    });
    this.contexts.push(context);
    return context;
  }

  /**
   * Logs a browser profile in without the login form (the main flow uses the form): the
   * hub's refresh cookie lands in the profile, and the portal restores the session from it
   * on the next page load, as after a reload.
   */
  async logIn(context: BrowserContext, login: { email: string; password: string }): Promise<void> {
    const answer = await context.request.post(`${this.hub.url}/api/v1/auth/login`, { data: login });
    if (answer.status() !== 200) throw new Error(`login of ${login.email}: ${answer.status()} ${await answer.text()}`);
  }

  /**
   * Registers an account through the API (sign-ups are contributors on this hub), confirms
   * its address from the mail the hub sent, and returns its token.
   */
  async contributorToken(email: string): Promise<string> {
    const hub = this.hub.url;
    const answer = await http(`${hub}/api/v1/auth/register`, { method: 'POST', body: { email, password: 'contributeur-secret', displayName: 'Contributrice API', acceptPrivacy: true } });
    if (answer.status !== 201) throw new Error(`register ${email}: ${answer.status} ${answer.text}`);
    const link = new URL(linkIn(await this.sink.waitFor(email), `${hub}/account/confirm?token=`));
    const confirmed = await http(`${hub}/api/v1/auth/confirm-email`, { method: 'POST', body: { token: link.searchParams.get('token') } });
    if (confirmed.status !== 200) throw new Error(`confirm ${email}: ${confirmed.status} ${confirmed.text}`);
    return loginToken(hub, { email, password: 'contributeur-secret' });
  }

  /** Stops Chromium, the national API, the federation's processes and the SMTP sink. */
  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser.close();
    await this.national?.app.close();
    await this.national?.services.close();
    await this.fed.close();
    await this.sink.close();
  }
}

/** Starts a PortalSite before the file's tests (handing it to `ready`) and closes it after them. */
export function portalSiteForFile(options: { national: boolean }, ready: (site: PortalSite) => void): void {
  let site: PortalSite | undefined;
  beforeAll(async () => {
    site = await PortalSite.start(options);
    ready(site);
  }, 180_000);
  afterAll(async () => {
    await site?.close();
  });
}

/** Waits until a page has its title heading and nothing on it is still loading. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'attached', timeout: 10_000 });
  await expect.poll(() => page.locator('[aria-busy="true"], main [role="status"]:has-text("Chargement")').count()).toBe(0);
}

/** YYYY-MM-DD of the day `days` from now, in Paris. */
export function parisDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}
