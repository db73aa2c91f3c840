/**
 * The national console's session: an aggregator admin. The aggregator answers a login with
 * an access token and the same token in an httpOnly SameSite=Strict cookie; the console
 * sends only the cookie (same origin), so no token is ever readable by a script. A readable
 * hint cookie, set here with the token's lifetime, says whether a session may exist, so
 * public pages skip a request bound to fail. It is a hint, never a credential.
 */
import { signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError, apiErrorOf } from '../api/client.ts';
import { queryString, type Method, type RequestOptions } from '../session/session.ts';

export interface NationalAdmin {
  id: string;
  email: string;
}

export interface AdminSession {
  /** undefined until known, null when logged out. */
  readonly admin: Signal<NationalAdmin | null | undefined>;
  restore(): Promise<void>;
  login(email: string, password: string): Promise<NationalAdmin>;
  logout(): Promise<void>;
  /** A JSON call to the aggregator's admin API; a 401 logs the console out; throws ApiError. */
  request<T = unknown>(method: Method, path: string, options?: RequestOptions): Promise<T>;
}

const HINT = 'constellation_admin_hint';
const HINT_PATTERN = new RegExp(`(?:^|;\\s*)${HINT}=1(?:;|$)`);

function setHint(seconds: number): void {
  if (typeof document !== 'undefined') document.cookie = `${HINT}=1; path=/; max-age=${Math.max(0, Math.floor(seconds))}; samesite=strict`;
}

function hasHint(): boolean {
  return typeof document === 'undefined' || HINT_PATTERN.test(document.cookie);
}

export function createAdminSession(origin: string, fetcher: typeof fetch = (input, init) => fetch(input, init)): AdminSession {
  const admin = signal<NationalAdmin | null | undefined>(undefined);
  const url = (path: string) => new URL(path, origin).toString();

  async function call<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.signal !== undefined) init.signal = options.signal;
    const response = await fetcher(url(`${path}${queryString(options.query)}`), init);
    if (!response.ok) throw await apiErrorOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const session: AdminSession = {
    admin,
    async restore() {
      if (!hasHint()) {
        admin.value = null;
        return;
      }
      try {
        admin.value = await call<NationalAdmin>('GET', '/api/v1/admin/me');
      } catch {
        setHint(0);
        admin.value = null;
      }
    },
    async login(email, password) {
      const answer = await call<{ expiresIn: number; admin: NationalAdmin }>('POST', '/api/v1/auth/login', { body: { email, password } });
      setHint(answer.expiresIn);
      admin.value = answer.admin;
      return answer.admin;
    },
    async logout() {
      try {
        await call('POST', '/api/v1/auth/logout');
      } finally {
        setHint(0);
        admin.value = null;
      }
    },
    async request<T>(method: Method, path: string, options: RequestOptions = {}) {
      try {
        return await call<T>(method, path, options);
      } catch (error) {
        // The token lives 15 minutes: past that, the console asks to log in again.
        if (error instanceof ApiError && error.status === 401) {
          setHint(0);
          admin.value = null;
        }
        throw error;
      }
    },
  };
  return session;
}

export const AdminSessionContext = createContext<AdminSession | undefined>(undefined);

export function useAdminSession(): AdminSession {
  const session = useContext(AdminSessionContext);
  if (session === undefined) throw new Error('useAdminSession outside the national site');
  return session;
}
