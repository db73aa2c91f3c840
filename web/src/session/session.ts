/**
 * Who is logged in on a hub's portal, and the one way the portal calls the hub's
 * authenticated API. The access token lives in memory only (never in storage a script
 * could read back later); the refresh token is the hub's httpOnly cookie, so a reload
 * restores the session with one POST /api/v1/auth/refresh.
 */
import { signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AccountView, Role } from '@constellation/shared';
import { ApiError, apiErrorOf } from '../api/client.ts';

/** The logged-in account, as the hub's /api/v1/me answers it. */
export type Account = AccountView;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  body?: unknown;
  /** A file sent as it is (an image upload), with its own type; instead of a JSON body. */
  file?: Blob;
  query?: URLSearchParams | Record<string, QueryValue>;
  signal?: AbortSignal;
}

export interface Session {
  /** undefined while the session is being restored, null when logged out. */
  readonly account: Signal<Account | null | undefined>;
  restore(): Promise<void>;
  login(email: string, password: string): Promise<Account>;
  /** Creates the account, then logs in with it. */
  register(input: { email: string; password: string; displayName: string; locale?: 'fr' | 'en'; acceptPrivacy?: true }): Promise<Account>;
  logout(): Promise<void>;
  /** Re-reads the account (after a role or actor change). */
  reload(): Promise<void>;
  /** A JSON call to the hub, with the access token when there is one; throws ApiError. */
  request<T = unknown>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  /** Whether the account's role is at least `role` (member < contributor < moderator < admin); `coordinator`: a coordinator or an admin. */
  can(role: Role): boolean;
}

/**
 * The hub sets this readable cookie beside its httpOnly refresh cookie (and clears both):
 * without it no session can be restored, so anonymous page loads skip a refresh request
 * bound to fail. It is a hint, never a credential.
 */
const SESSION_HINT = /(?:^|;\s*)constellation_session=1(?:;|$)/;

function mayHaveSession(): boolean {
  return typeof document === 'undefined' || SESSION_HINT.test(document.cookie);
}

// A coordinator posts like a contributor; labelling is checked apart (hasRole('coordinator') is not a rank).
const RANK: Record<Role, number> = { member: 0, contributor: 1, coordinator: 1, moderator: 2, admin: 3 };

export function queryString(query: RequestOptions['query']): string {
  if (query === undefined) return '';
  const params = query instanceof URLSearchParams ? query : new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== '').map(([key, value]) => [key, String(value)]));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  account: Account;
}

export function createSession(origin: string, fetcher: typeof fetch = (input, init) => fetch(input, init)): Session {
  const account = signal<Account | null | undefined>(undefined);
  let token: { value: string; expiresAt: number } | undefined;
  let refreshing: Promise<boolean> | undefined;
  const url = (path: string) => new URL(path, origin).toString();

  function adopt(answer: TokenAnswer): Account {
    // Renew a little early: a request sent just before expiry would otherwise fail once.
    token = { value: answer.accessToken, expiresAt: Date.now() + Math.max(answer.expiresIn - 30, 5) * 1000 };
    account.value = answer.account;
    return answer.account;
  }

  function forget(): void {
    token = undefined;
    account.value = null;
  }

  /** Trades the refresh cookie for a token; concurrent callers share one request. */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        const response = await fetcher(url('/api/v1/auth/refresh'), { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (!response.ok) {
          forget();
          return false;
        }
        adopt((await response.json()) as TokenAnswer);
        return true;
      } catch {
        forget();
        return false;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  async function send(method: Method, path: string, options: RequestOptions, bearer: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    // No body, no content type: the hub refuses an empty JSON body.
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    } else if (options.file !== undefined) {
      headers['content-type'] = options.file.type === '' ? 'application/octet-stream' : options.file.type;
      init.body = options.file;
    }
    if (options.signal !== undefined) init.signal = options.signal;
    return fetcher(url(`${path}${queryString(options.query)}`), init);
  }

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    if (token !== undefined && Date.now() >= token.expiresAt) await refresh();
    let response = await send(method, path, options, token?.value);
    // An expired or revoked token: try the refresh cookie once, then give up.
    if (response.status === 401 && account.value !== null && (await refresh())) response = await send(method, path, options, token?.value);
    if (!response.ok) throw await apiErrorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const session: Session = {
    account,
    async restore() {
      if (mayHaveSession()) await refresh();
      else account.value = null;
    },
    async login(email, password) {
      const response = await send('POST', '/api/v1/auth/login', { body: { email, password } }, undefined);
      if (!response.ok) throw await apiErrorOf(response);
      return adopt((await response.json()) as TokenAnswer);
    },
    async register(input) {
      const response = await send('POST', '/api/v1/auth/register', { body: input }, undefined);
      if (!response.ok) throw await apiErrorOf(response);
      return session.login(input.email, input.password);
    },
    async logout() {
      try {
        await send('POST', '/api/v1/auth/logout', {}, token?.value);
      } finally {
        forget();
      }
    },
    async reload() {
      if (token === undefined) return;
      account.value = await request<Account>('GET', '/api/v1/me');
    },
    request,
    can(role) {
      const current = account.value;
      if (current === null || current === undefined) return false;
      // Labelling is a role apart: the coordinator and the admin, not moderators.
      if (role === 'coordinator') return current.role === 'coordinator' || current.role === 'admin';
      return RANK[current.role] >= RANK[role];
    },
  };
  return session;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionContext');
  return session;
}

export { ApiError };
