import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, loadHubConfig, type HubConfig } from '@constellation/hub';
import type { Role } from '@constellation/shared';

/*
 * A real hub on a temporary SQLite file, driven through Fastify's inject (the full
 * HTTP pipeline: parsing, schemas, hooks, serialisation) or a real port when a test
 * needs one. Each test file gets its own hub and data dir.
 */

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface Response<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface TestHub {
  app: FastifyInstance;
  config: HubConfig;
  dataDir: string;
  request<T = unknown>(options: InjectOptions & { token?: string }): Promise<Response<T>>;
  /** Creates an account with a role (as the CLI and admins do) and logs it in over the API. */
  user(role: Role, name?: string): Promise<{ id: string; email: string; password: string; token: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
  const config = loadHubConfig({
    argv: [],
    env: {
      HUB_ID: 'centre-val-de-loire',
      HUB_NAME: 'Echosciences Centre-Val de Loire',
      HUB_REGION: '24',
      HUB_BASE_URL: 'http://hub.test',
      HUB_DATA_DIR: dataDir,
      HUB_JWT_SECRET: TEST_SECRET,
      HUB_LOG_LEVEL: 'silent',
      ...env,
    },
  });
  const app = await buildApp(config);
  await app.ready();

  async function request<T>(options: InjectOptions & { token?: string }): Promise<Response<T>> {
    const { token, headers, ...rest } = options;
    const response = await app.inject({ ...rest, headers: { ...(headers ?? {}), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } });
    let body: unknown;
    try {
      body = response.body === '' ? undefined : JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body: body as T, text: response.body };
  }

  return {
    app,
    config,
    dataDir,
    request,
    async user(role, name) {
      counter += 1;
      const email = `${name ?? role}-${counter}@example.org`;
      const password = `correct horse battery ${counter}`;
      const account = await app.services.accounts.register({ email, password, displayName: name ?? `${role} ${counter}` }, role);
      const login = await request<{ accessToken: string }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
      return { id: account.id, email, password, token: login.body.accessToken };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
