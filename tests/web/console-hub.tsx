import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Role } from '@constellation/shared';
import { createSession, type Session } from '@constellation/web';

/*
 * The console's component tests talk to a real hub (console-hub-server.ts: temporary
 * SQLite, every route, schema and guard) on a loopback port. Requests go through Node's
 * http module: happy-dom's fetch applies a page's CORS rules to another origin.
 */

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

interface Started {
  port: number;
  accounts: Record<Role, { id: string; email: string; password: string }>;
}

/** A fetch over node:http to the hub, recording what was sent. */
export function nodeFetch(sent: SentRequest[]): typeof fetch {
  return (input, init) =>
    new Promise((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);
      const method = init?.method ?? 'GET';
      const text = typeof init?.body === 'string' ? init.body : undefined;
      sent.push({ method, path: `${url.pathname}${url.search}`, body: text === undefined ? undefined : JSON.parse(text) });
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const outgoing = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          const status = incoming.statusCode ?? 500;
          resolve(new Response(status === 204 || body === '' ? null : body, { status, headers: responseHeaders }));
        });
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(text);
    });
}

export interface ConsoleHub {
  origin: string;
  /** Every request the sessions made, in order. */
  sent: SentRequest[];
  /** A logged-in portal session for the hub's account with this role. */
  session(role: Role): Promise<Session>;
  /** A JSON call as the account with this role (for arranging data, not recorded). */
  call<T = unknown>(role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  accounts: Started['accounts'];
  close(): Promise<void>;
}

// Not `new URL(…, import.meta.url)`: the browser transform would turn that into an asset URL.
const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'console-hub-server.ts');

export async function startConsoleHub(): Promise<ConsoleHub> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=@constellation/source', '--import', 'tsx', SERVER], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  const started = await new Promise<Started>((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as Started));
    child.once('exit', (code) => reject(new Error(`the console's hub exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${started.port}`;
  const sent: SentRequest[] = [];
  const tokens = new Map<Role, string>();
  const quiet: SentRequest[] = [];
  async function token(role: Role): Promise<string> {
    let value = tokens.get(role);
    if (value === undefined) {
      const account = started.accounts[role];
      const answer = await nodeFetch(quiet)(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
      value = ((await answer.json()) as { accessToken: string }).accessToken;
      tokens.set(role, value);
    }
    return value;
  }
  return {
    origin,
    sent,
    accounts: started.accounts,
    async session(role) {
      const session = createSession(origin, nodeFetch(sent));
      await session.login(started.accounts[role].email, started.accounts[role].password);
      return session;
    },
    async call<T>(role: Role, method: string, path: string, body?: unknown) {
      const headers: Record<string, string> = { authorization: `Bearer ${await token(role)}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const answer = await nodeFetch(quiet)(`${origin}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await answer.text();
      return { status: answer.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    close() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** Creates content as `role` and returns its id; `submit` sends it to the queue. */
export async function create(fixture: ConsoleHub, role: Role, path: string, payload: object, submit: boolean): Promise<string> {
  const answer = await fixture.call<{ id: string }>(role, 'POST', `/api/v1/${path}?submit=${submit}`, payload);
  if (answer.status !== 201) throw new Error(`creating ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}
