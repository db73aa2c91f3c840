import { CHANGES_PATH, DESCRIPTOR_PATH, PROTOCOL_VERSION, type ChangesPage, type EventInput } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import { loadKeyRing } from '@constellation/hub';
import { eventInput } from '../../hub/event-inputs.ts';
import { childEnv, nodeTsArgs, spawnManaged, type Exit, type ManagedProcess } from '../processes.ts';
import { waitFor } from '../wait.ts';
import { http, type HttpAnswer } from './http.ts';

/*
 * A regional hub as a process of its own (`hub/src/main.ts start`) on a real port, driven
 * through its HTTP API as its admin would.
 */

export const HUB_MAIN = 'hub/src/main.ts';
/** The one JWT secret of every process of a test federation. */
export const JWT_SECRET = 'federation-test-secret-long-enough-for-hs256-0123456789';

export interface HubSpec {
  /** Hub id (a slug), e.g. grand-est. */
  id: string;
  /** INSEE region code, e.g. 44. */
  region: string;
  name?: string;
  /** Aggregator URLs this hub notifies after each write; none: the hub is only polled. */
  aggregatorUrls?: readonly string[];
  /** Fill the hub with `constellation hub seed` (about 60 events per unit of scale). */
  seed?: { scale: number; seed?: number };
  logLevel?: string;
  /** More settings for the hub process, as HUB_* variables (an SMTP relay, for instance). */
  env?: Readonly<Record<string, string>>;
}

export interface AdminLogin {
  email: string;
  password: string;
}

/** The fields of a hub's moderation view the tests use. */
export interface HubItem {
  id: string;
  version: number;
  status: string;
  data: Record<string, unknown>;
}

export interface FeedItem {
  seq: number;
  type: string;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  data?: Record<string, unknown>;
}

export class HubProcess {
  process: ManagedProcess | undefined;
  private accessToken: string | undefined;
  private actorId: string | undefined;

  constructor(
    readonly spec: HubSpec,
    readonly port: number,
    readonly dataDir: string,
    readonly admin: AdminLogin,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  get region(): string {
    return this.spec.region;
  }

  /** Its base URL, which is also the origin the aggregator registers. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return childEnv({
      HUB_ID: this.spec.id,
      HUB_NAME: this.spec.name ?? `Echosciences ${this.spec.id}`,
      HUB_REGION: this.spec.region,
      HUB_BASE_URL: this.url,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: String(this.port),
      HUB_DATA_DIR: this.dataDir,
      HUB_JWT_SECRET: JWT_SECRET,
      HUB_LOG_LEVEL: this.spec.logLevel ?? 'warn',
      HUB_ALLOW_PRIVATE_NETWORK: 'true',
      HUB_AGGREGATOR_URLS: (this.spec.aggregatorUrls ?? []).join(','),
      ...this.spec.env,
    });
  }

  /** Starts (or restarts) the hub process and waits until it serves its descriptor. */
  async start(): Promise<void> {
    if (this.process?.alive() === true) throw new Error(`hub ${this.id} is already running`);
    const started = spawnManaged(`hub ${this.id}`, process.execPath, nodeTsArgs(HUB_MAIN, ['start']), { env: this.env() });
    this.process = started;
    await waitFor(
      async () => {
        if (!started.alive()) throw new Error(`hub ${this.id} exited:\n${started.output()}`);
        return (await http(`${this.url}${DESCRIPTOR_PATH}`, { timeoutMs: 2_000 })).status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 50, what: `hub ${this.id} to serve its descriptor` },
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n--- hub output ---\n${started.output()}`);
    });
  }

  async stop(): Promise<Exit | undefined> {
    return this.process?.stop();
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit | undefined> {
    return this.process?.kill(signal);
  }

  async token(): Promise<string> {
    if (this.accessToken !== undefined) return this.accessToken;
    const login = await http<{ accessToken: string }>(`${this.url}/api/v1/auth/login`, { method: 'POST', body: this.admin });
    if (login.status !== 200) throw new Error(`login on ${this.id} failed: ${login.status} ${login.text}`);
    this.accessToken = login.body.accessToken;
    return this.accessToken;
  }

  /** A request to the hub's API as its admin. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    return http<T>(`${this.url}${path}`, { method, token: await this.token(), ...(body === undefined ? {} : { body }) });
  }

  private async expect<T>(method: string, path: string, status: number, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path} on ${this.id}: expected ${status}, got ${answer.status} ${answer.text}`);
    return answer.body;
  }

  /** The actor the tests post events for (created, published, on first use). */
  async actor(): Promise<string> {
    this.actorId ??= (await this.expect<HubItem>('POST', '/api/v1/actors?submit=true', 201, { name: `Centre de sciences ${this.id}`, kind: 'ccsti' })).id;
    return this.actorId;
  }

  /** A published one-off event, `inDays` days ahead, built by the hub tests' `eventInput`. */
  async eventInput(title: string, overrides: Partial<EventInput> = {}, inDays = 30): Promise<EventInput> {
    const start = new Date(Date.now() + inDays * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    return eventInput(await this.actor(), title, iso(start), iso(end), overrides);
  }

  async createEvent(title: string, overrides: Partial<EventInput> = {}): Promise<HubItem> {
    const created = await this.expect<HubItem>('POST', '/api/v1/events?submit=true', 201, await this.eventInput(title, overrides));
    if (created.status !== 'published') throw new Error(`event ${created.id} on ${this.id} is ${created.status}, not published`);
    return created;
  }

  async updateEvent(id: string, title: string, overrides: Partial<EventInput> = {}): Promise<HubItem> {
    return this.expect<HubItem>('PUT', `/api/v1/events/${id}`, 200, await this.eventInput(title, overrides));
  }

  async deleteEvent(id: string): Promise<void> {
    await this.expect('DELETE', `/api/v1/events/${id}`, 204);
  }

  /** The hub's latest seq (the feed's ETag). */
  async latest(): Promise<number> {
    const answer = await http(`${this.url}${CHANGES_PATH}?limit=1`);
    return Number(String(answer.headers.get('etag')).replaceAll('"', ''));
  }

  /** Its whole changes feed from 0: with compaction, exactly its current public state plus tombstones. */
  async feed(): Promise<FeedItem[]> {
    const items: FeedItem[] = [];
    let after = '0';
    for (;;) {
      const page = await http<ChangesPage>(`${this.url}${CHANGES_PATH}?after=${after}&limit=1000`, { timeoutMs: 60_000 });
      if (page.status !== 200) throw new Error(`feed of ${this.id} answered ${page.status}: ${page.text}`);
      items.push(...(page.body.items as FeedItem[]));
      if (!page.body.hasMore) return items;
      after = page.body.next;
    }
  }

  /** A notify token as the hub itself signs it (for tests that call notify by hand). */
  notifyToken(audience: string, latest: number): string {
    const key = loadKeyRing(this.dataDir).current;
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: this.id, aud: audience, latest, iat: now, exp: now + 30 }, key.privateKey, key.kid);
  }

  notifyBody(latest: number): { protocol: string; hub: string; latest: number } {
    return { protocol: PROTOCOL_VERSION, hub: this.id, latest };
  }
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
