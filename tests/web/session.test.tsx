// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createSession } from '@constellation/web';

const account = { id: '0190aaaa-0000-7000-8000-000000000001', email: 'ada@example.org', displayName: 'Ada', role: 'contributor', actorIds: [], createdAt: '2026-11-01T10:00:00.000Z' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A stand-in for the hub's auth routes, recording what the session sent (a unit test of the client's rules). */
function hubLike() {
  const calls: { method: string; path: string; authorization?: string }[] = [];
  let issued = 0;
  let valid = '';
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, ...(headers.authorization === undefined ? {} : { authorization: headers.authorization }) });
    const token = () => {
      valid = `token-${++issued}`;
      return json(200, { accessToken: valid, tokenType: 'Bearer', expiresIn: 900, account });
    };
    if (url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/auth/refresh') return token();
    if (url.pathname === '/api/v1/auth/logout') return new Response(null, { status: 204 });
    if (headers.authorization !== `Bearer ${valid}`) return json(401, { error: 'invalid_token', message: 'the access token expired' });
    return json(200, { ok: true });
  }) as typeof fetch;
  return { calls, fetcher, expire: () => (valid = 'rotated-elsewhere') };
}

/** What the hub's Set-Cookie does in a browser: the readable hint beside the httpOnly refresh cookie. */
const setHint = (on: boolean) => {
  document.cookie = on ? 'constellation_session=1; path=/' : 'constellation_session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
};

beforeEach(() => setHint(false));

describe('the portal session', () => {
  it('does not ask the hub for a session this browser never opened', async () => {
    const hub = hubLike();
    const session = createSession('http://hub.example', hub.fetcher);
    await session.restore();
    expect(session.account.value).toBeNull();
    expect(hub.calls).toEqual([]);
  });

  it('restores a session after a reload when the hub left its hint', async () => {
    const hub = hubLike();
    await createSession('http://hub.example', hub.fetcher).login('ada@example.org', 'correct horse');
    setHint(true);
    const reloaded = createSession('http://hub.example', hub.fetcher);
    await reloaded.restore();
    expect(reloaded.account.value?.email).toBe('ada@example.org');
    expect(hub.calls.map((call) => call.path)).toEqual(['/api/v1/auth/login', '/api/v1/auth/refresh']);
    await reloaded.logout();
    expect(reloaded.account.value).toBeNull();
    expect(hub.calls.at(-1)?.path).toBe('/api/v1/auth/logout');
  });

  it('renews a refused token once with the refresh cookie and retries the request', async () => {
    const hub = hubLike();
    const session = createSession('http://hub.example', hub.fetcher);
    await session.login('ada@example.org', 'correct horse');
    hub.expire();
    await expect(session.request('GET', '/api/v1/me/content')).resolves.toEqual({ ok: true });
    expect(hub.calls.slice(1).map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v1/me/content', 'POST /api/v1/auth/refresh', 'GET /api/v1/me/content']);
    expect(hub.calls.at(-1)?.authorization).toBe('Bearer token-2');
  });

  it('turns a refusal into an ApiError naming the field', async () => {
    const fetcher = (async () => json(400, { error: 'validation_failed', message: 'title is required', field: 'title' })) as unknown as typeof fetch;
    const session = createSession('http://hub.example', fetcher);
    const error = await session.request('POST', '/api/v1/events', { body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, field: 'title' });
  });
});
