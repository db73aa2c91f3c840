import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { announceChanges, buildApp, createServices, loadAggregatorConfig, type AggregatorServices } from '@constellation/aggregator';
import type { EventPublic } from '@constellation/shared';
import { launchChromium, newLocalContext, watchPage } from './browser.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { builtWebApp } from './web-build.ts';

/*
 * The national site in Debian's Chromium with no hub process behind it: a real aggregator
 * (static files, the app's fallback, server-rendered event pages, live streams) on a
 * temporary national store, given one hub's changes as a pull applies them, and one browser
 * context that may reach that aggregator only. Any other request is refused and counted in
 * `offsite`, so "the map renders offline" is checked, not assumed.
 */

export interface SiteHub {
  id: string;
  region: string;
  name: string;
}

/** A change as the hub's feed carries it (numbered by applyFromHub). */
export interface HubChange {
  type: 'event';
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  updatedAt: string;
  data?: EventPublic;
}

/** The map's first clusters answer with something in it. */
export interface ClustersAnswer {
  items?: { kind?: string; lat: number; lon: number; count?: number }[];
}

export class NationalSite {
  /** Requests refused because they left loopback. */
  readonly offsite: string[] = [];
  base = '';
  browser!: Browser;
  context!: BrowserContext;
  private dir: string | undefined;
  private redis: TestRedis | undefined;
  private services: AggregatorServices | undefined;
  private app: FastifyInstance | undefined;
  private hubSeq = 0;

  constructor(readonly hub: SiteHub) {}

  /** Starts it all, `events` already pulled from the hub. */
  async start(events: EventPublic[]): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'constellation-web-'));
    // The app as `npm run build` makes it (this run's shared build).
    const webRoot = await builtWebApp();
    this.redis = await startRedis();
    const config = {
      ...loadAggregatorConfig({ env: { AGGREGATOR_DATA_DIR: join(this.dir, 'data'), AGGREGATOR_JWT_SECRET: 'web-test-secret-that-is-long-enough-0123456789', AGGREGATOR_LOG_LEVEL: 'silent', REDIS_URL: this.redis.url } }),
      webRoot,
    };
    this.services = createServices(config);
    this.services.store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, 'https://centre.example', ?, ?, 'approved', '{}', 0)`).run(this.hub.id, this.hub.name, this.hub.region);
    await this.applyFromHub(events.map((event) => ({ type: 'event' as const, id: event.id, op: 'upsert' as const, version: 1, updatedAt: event.updatedAt, data: event })));
    this.app = await buildApp(config, { services: this.services });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    const address = this.app.server.address();
    this.base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

    this.browser = await launchChromium();
    this.context = await newLocalContext(this.browser, { allow: [this.base], onOffsite: (url) => this.offsite.push(url.toString()), viewport: { width: 1200, height: 800 } });
    // Marks when a page's live stream is open, so a test changes data only once the page
    // listens (a change committed before the stream opens is, rightly, not replayed to it).
    await this.context.addInitScript(() => {
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener('open', () => ((window as unknown as { __streamOpen: boolean }).__streamOpen = true));
        }
      };
    });
  }

  /** Applies changes to the national store as a pull does, then wakes the live streams up. */
  async applyFromHub(items: HubChange[]): Promise<void> {
    if (this.services === undefined) throw new Error('the national site is not started');
    this.hubSeq += items.length;
    const numbered = items.map((item, index) => ({ ...item, seq: this.hubSeq - items.length + index + 1 }));
    const result = this.services.writer.apply({ id: this.hub.id, region: this.hub.region }, numbered, { cursor: String(this.hubSeq), latest: this.hubSeq });
    expect(result.rejected).toEqual([]);
    await announceChanges(this.services.redis, result.applied);
  }

  async openPage(path: string): Promise<Page> {
    return (await this.openMapPage(path)).page;
  }

  /** Opens a page and catches its first clusters answer (it may come before the map reports ready). */
  async openMapPage(path: string): Promise<{ page: Page; clusters: Promise<ClustersAnswer> }> {
    const page = watchPage(await this.context.newPage(), this.offsite, { errors: false });
    // The first answer with something in it: the map may ask again once its size settles.
    const clusters = page
      .waitForResponse(async (response) => new URL(response.url()).pathname === '/api/v1/clusters' && ((await response.json()) as ClustersAnswer).items?.length !== 0)
      .then(async (response) => (await response.json()) as ClustersAnswer);
    clusters.catch(() => undefined);
    await page.goto(`${this.base}${path}`);
    return { page, clusters };
  }

  async close(): Promise<void> {
    await this.context?.close();
    await this.browser?.close();
    await this.app?.close();
    await this.services?.close();
    await this.redis?.close();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}
