import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, handMadeJwt, refreshCookie } from './fixtures.ts';
import { startTestHub, TEST_SECRET, type Response, type TestHub } from './support.ts';

/*
 * Accounts over HTTP: registration, login and its throttle, the refresh-token cookie and
 * its rotation, logout, and which access tokens the hub refuses. Argon2 costs ~50 ms per
 * hash, so accounts are made once per block and reused.
 *
 * The hub rate-limits register (10 an hour) and login (20 a minute) per client address,
 * so each request here comes from its own address: what is under test is the per-account
 * behaviour, not the per-address limits.
 */

const ACCOUNT_KEYS = ['actorIds', 'createdAt', 'displayName', 'email', 'emailConfirmed', 'id', 'locale', 'membership', 'notifyDecisions', 'notifyFollows', 'notifyPending', 'notifyReports', 'role'];

interface Account {
  id: string;
  email: string;
  displayName: string;
  role: string;
  actorIds: string[];
  emailConfirmed: boolean;
  createdAt: string;
}
interface Tokens {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  account: Account;
}
interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

let hub: TestHub;
let addresses = 0;

/** A client address no other request of this file used. */
function freshAddress(): string {
  addresses += 1;
  return `10.1.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

function register(payload: Record<string, unknown>) {
  return hub.request<Account & ErrorBody>({ method: 'POST', url: '/api/v1/auth/register', payload, remoteAddress: freshAddress() });
}

function login(email: string, password: string, remoteAddress = freshAddress()) {
  return hub.request<Tokens & ErrorBody>({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
}

function refresh(cookie?: string) {
  return hub.request<Tokens & ErrorBody>({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    remoteAddress: freshAddress(),
    ...(cookie === undefined ? {} : { headers: { cookie: `constellation_refresh=${cookie}` } }),
  });
}

function me(token?: string, targetHub: TestHub = hub) {
  return targetHub.request<Account & ErrorBody>({ method: 'GET', url: '/api/v1/me', ...(token === undefined ? {} : { token }) });
}

/** Registers an account over the API and returns its credentials. */
async function newAccount(email: string, password = 'a long enough password') {
  const response = await register({ email, password, displayName: 'Camille Martin' });
  expect(response.status).toBe(201);
  return { id: response.body.id, email, password };
}

/** Whether a response leaks anything of the stored password. */
function expectNoSecrets(response: Response, password: string) {
  expect(response.text).not.toMatch(/password|hash|argon2|disabled/i);
  expect(response.text).not.toContain(password);
}

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.close();
});

describe('register', () => {
  // Sign-up makes contributors by default (the hub setting signupRole; tests/hub/portal-settings.test.ts covers 'member').
  it('creates a contributor with a lower-cased email and answers with the account only', async () => {
    const password = 'Orléans sous les étoiles';
    const response = await register({ email: 'Camille.Martin@Centre-Sciences.ORG', password, displayName: 'Camille Martin' });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(ACCOUNT_KEYS);
    expect(response.body).toMatchObject({ email: 'camille.martin@centre-sciences.org', displayName: 'Camille Martin', role: 'contributor', actorIds: [] });
    expect(response.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expectNoSecrets(response, password);
  });

  it('on a hub without a mail relay, counts the address as confirmed, so the new account may contribute', async () => {
    // With a relay (tests/hub/mail.test.ts) the address must be confirmed from the mail first.
    const account = await newAccount('sans-relais@example.org');
    const tokens = await login(account.email, account.password);
    expect(tokens.body.account.emailConfirmed).toBe(true);
    const actor = await hub.request<{ id: string } & ErrorBody>({ method: 'POST', url: '/api/v1/actors', token: tokens.body.accessToken, payload: { name: 'Club d’astronomie de Blois', kind: 'association' } });
    expect(actor.status).toBe(201);
  });

  it('refuses an email that already has an account, whatever its case, with 409 on email', async () => {
    await newAccount('lea.dupont@example.org');
    const again = await register({ email: 'LEA.Dupont@example.org', password: 'another password', displayName: 'Léa' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', field: 'email' });
    // The first account keeps its password: the duplicate changed nothing.
    expect((await login('lea.dupont@example.org', 'a long enough password')).status).toBe(200);
    expect((await login('lea.dupont@example.org', 'another password')).status).toBe(401);
  });

  it.each([
    ['7', 7],
    ['1025', 1025],
  ])('refuses a password of %s characters with 400 on password, creating nothing', async (_label, length) => {
    const email = `short-or-long-${length}@example.org`;
    const response = await register({ email, password: 'p'.repeat(length), displayName: 'Trop court' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed', field: 'password' });
    expect(hub.app.services.accounts.findByEmail(email)).toBeUndefined();
  });

  it.each([
    ['8', 8],
    ['1024', 1024],
  ])('accepts a password of %s characters, and it logs in', async (_label, length) => {
    const email = `bounds-${length}@example.org`;
    const password = 'q'.repeat(length);
    const response = await register({ email, password, displayName: 'Juste assez' });
    expect(response.status).toBe(201);
    expect((await login(email, password)).status).toBe(200);
    expect((await login(email, `${password.slice(0, -1)}r`)).status).toBe(401);
  });
});

describe('login', () => {
  let account: { id: string; email: string; password: string };
  let response: Response<Tokens & ErrorBody>;

  beforeAll(async () => {
    account = await newAccount('nuit.etoiles@example.org', 'correct horse battery staple');
    response = await login('Nuit.Etoiles@Example.org', account.password);
  });

  it('answers 200 with a Bearer access token of at most 15 minutes, and the account', () => {
    expect(response.status).toBe(200);
    expect(response.body.tokenType).toBe('Bearer');
    expect(response.body.expiresIn).toBeGreaterThan(0);
    expect(response.body.expiresIn).toBeLessThanOrEqual(900);
    expect(Object.keys(response.body.account).sort()).toEqual(ACCOUNT_KEYS);
    expect(response.body.account).toMatchObject({ id: account.id, email: account.email, role: 'contributor' });
    expectNoSecrets(response, account.password);
  });

  it('signs the access token HS256 for this hub only, with exp - iat <= 900 s', () => {
    const { header, payload } = decodeJwt(response.body.accessToken);
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: account.id, role: 'contributor', iss: 'centre-val-de-loire', aud: 'centre-val-de-loire' });
    const iat = payload.iat as number;
    const exp = payload.exp as number;
    expect(exp - iat).toBeGreaterThan(0);
    expect(exp - iat).toBeLessThanOrEqual(900);
    expect(exp - iat).toBe(response.body.expiresIn);
    expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(120);
  });

  it('sets the refresh token in an httpOnly, SameSite=Strict cookie scoped to /api/v1/auth', () => {
    const cookie = refreshCookie(response.headers);
    expect(cookie).toBeDefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toContain('HttpOnly');
    expect(cookie?.attributes).toContain('SameSite=Strict');
    expect(cookie?.attributes).toContain('Path=/api/v1/auth');
    // The refresh token is only in the cookie, never in a body a script could read.
    expect(response.text).not.toContain(cookie?.value);
  });

  it('sets a readable session hint beside it, holding nothing, and clears both when the refresh fails or on logout', async () => {
    const lines = () => [response.headers['set-cookie']].flat().map(String);
    const hint = lines().find((line) => line.startsWith('constellation_session='));
    expect(hint).toBeDefined();
    expect(hint).toMatch(/^constellation_session=1;/);
    expect(hint).not.toContain('HttpOnly');
    expect(hint).toContain('Path=/;');
    expect(hint).toContain('SameSite=Strict');

    const cleared = (headers: Record<string, unknown>) => [headers['set-cookie']].flat().map(String).filter((line) => /Expires=Thu, 01 Jan 1970/.test(line)).map((line) => line.split('=')[0]);
    const failed = await refresh('not-a-token-this-hub-gave');
    expect(failed.status).toBe(401);
    expect(cleared(failed.headers).sort()).toEqual(['constellation_refresh', 'constellation_session']);
    const none = await refresh();
    expect(none.status).toBe(401);
    expect(cleared(none.headers).sort()).toEqual(['constellation_refresh', 'constellation_session']);
  });

  it('gives the same status and body for a wrong password and for an unknown email', async () => {
    const wrongPassword = await login(account.email, 'not the right password');
    const unknownEmail = await login('nobody-here@example.org', 'not the right password');
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error).toBe('invalid_credentials');
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(refreshCookie(wrongPassword.headers)).toBeUndefined();
    expect(refreshCookie(unknownEmail.headers)).toBeUndefined();
  });

  it('locks one account after 5 failures in the window, even for the right password, from any address; others still log in', async () => {
    const target = await newAccount('cible@example.org', 'the real password');
    const bystander = await newAccount('voisin@example.org', 'the other password');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const failed = await login(target.email, `wrong password ${attempt}`);
      expect(failed.status, `attempt ${attempt}`).toBe(401);
    }
    const address = freshAddress();
    const locked = await login(target.email.toUpperCase(), target.password, address);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('too_many_requests');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refreshCookie(locked.headers)).toBeUndefined();

    const other = await login(bystander.email, bystander.password, address);
    expect(other.status).toBe(200);
  });
});

describe('refresh and logout', () => {
  let account: { id: string; email: string; password: string };

  beforeAll(async () => {
    account = await newAccount('session@example.org', 'a session password');
  });

  async function loggedIn(): Promise<string> {
    const response = await login(account.email, account.password);
    const cookie = refreshCookie(response.headers);
    if (response.status !== 200 || cookie === undefined) throw new Error(`login failed: ${response.text}`);
    return cookie.value;
  }

  it('trades the cookie for a new access token and a new cookie', async () => {
    const first = await loggedIn();
    const response = await refresh(first);
    expect(response.status).toBe(200);
    expect(response.body.tokenType).toBe('Bearer');
    expect(response.body.account.id).toBe(account.id);
    const second = refreshCookie(response.headers);
    expect(second?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second?.value).not.toBe(first);
    expect(second?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v1/auth']));
    const whoAmI = await me(response.body.accessToken);
    expect(whoAmI.status).toBe(200);
    expect(whoAmI.body.id).toBe(account.id);
  });

  it('revokes the whole family when a used refresh token comes back: old and new then fail', async () => {
    const first = await loggedIn();
    const rotated = await refresh(first);
    expect(rotated.status).toBe(200);
    const second = refreshCookie(rotated.headers)?.value ?? '';

    const replay = await refresh(first);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('invalid_refresh_token');
    const afterReplay = await refresh(second);
    expect(afterReplay.status).toBe(401);
    expect(afterReplay.body.error).toBe('invalid_refresh_token');
  });

  it('refuses a missing or unknown refresh cookie with 401', async () => {
    const missing = await refresh();
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('invalid_refresh_token');
    const unknown = await refresh('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_refresh_token');
  });

  it('logout clears the cookie and revokes that session only', async () => {
    const session = await loggedIn();
    const otherSession = await loggedIn();
    const response = await hub.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `constellation_refresh=${session}` } });
    expect(response.status).toBe(204);
    const cleared = refreshCookie(response.headers);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes).toContain('Path=/api/v1/auth');
    expect(cleared?.attributes.some((attribute) => /^Expires=Thu, 01 Jan 1970/.test(attribute))).toBe(true);

    expect((await refresh(session)).status).toBe(401);
    expect((await refresh(otherSession)).status).toBe(200);
  });
});

describe('/api/v1/me', () => {
  it('shows the logged-in account, without secrets', async () => {
    const user = await hub.user('moderator');
    const response = await me(user.token);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(ACCOUNT_KEYS);
    expect(response.body).toMatchObject({ id: user.id, email: user.email, role: 'moderator' });
    expectNoSecrets(response, user.password);
  });

  it('answers 401 without a token', async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
  });
});

describe('access tokens the hub refuses', () => {
  let other: TestHub;
  let user: { id: string; token: string };
  const now = () => Math.floor(Date.now() / 1000);
  // `sid` names a live session of the account: a token must belong to one.
  const claims = (overrides: Record<string, unknown> = {}) => ({ sub: user.id, role: 'member', sid: decodeJwt(user.token).payload.sid, iss: 'centre-val-de-loire', aud: 'centre-val-de-loire', iat: now(), exp: now() + 600, ...overrides });

  beforeAll(async () => {
    other = await startTestHub({ HUB_ID: 'grand-est', HUB_NAME: 'Echosciences Grand Est', HUB_REGION: '44' });
    const created = await hub.user('member');
    user = { id: created.id, token: created.token };
  });

  afterAll(async () => {
    await other.close();
  });

  it('accepts a hand-made HS256 token with the right claims (so the refusals below are about one flaw each)', async () => {
    const response = await me(handMadeJwt(claims()));
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(user.id);
  });

  it("refuses another hub's token even when the two hubs share a secret", async () => {
    expect(other.config.jwtSecret).toBe(TEST_SECRET);
    const stranger = await other.user('admin');
    expect((await me(stranger.token, other)).status).toBe(200);
    expect(decodeJwt(stranger.token).payload).toMatchObject({ iss: 'grand-est', aud: 'grand-est' });
    const response = await me(stranger.token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it.each([
    ['issued by another hub', { iss: 'grand-est' }],
    ['meant for another hub', { aud: 'grand-est' }],
    ['without an audience', { aud: undefined }],
    ['without an expiry', { exp: undefined }],
    ['without a session', { sid: undefined }],
  ])('refuses a token %s', async (_label, overrides) => {
    const response = await me(handMadeJwt(claims(overrides)));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a well-signed token naming a session that does not exist (or has ended) with session_ended', async () => {
    const response = await me(handMadeJwt(claims({ sid: '0190a0a0-0000-7000-8000-000000000000' })));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('session_ended');
  });

  it('refuses an expired token with token_expired', async () => {
    const response = await me(handMadeJwt(claims({ iat: now() - 1_000, exp: now() - 100 })));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('token_expired');
  });

  it('refuses a token minted to live 10 days once it is older than 15 minutes', async () => {
    const response = await me(handMadeJwt(claims({ iat: now() - 1_000, exp: now() + 10 * 86_400 })));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('token_expired');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const response = await me(handMadeJwt(claims({ role: 'admin' }), { alg: 'none' }));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a token signed HS512, even with the right secret', async () => {
    const response = await me(handMadeJwt(claims(), { alg: 'HS512' }));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a token signed with another secret', async () => {
    const response = await me(handMadeJwt(claims(), { secret: 'another-secret-that-is-long-enough-for-hs256-9876' }));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a real token whose payload was changed to escalate the role', async () => {
    const [header, payload, signature] = user.token.split('.');
    const escalated = { ...(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>), role: 'admin' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(escalated)).toString('base64url')}.${signature}`;
    const response = await me(tampered);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
    // Nor does it open an admin route.
    const audit = await hub.request({ method: 'GET', url: '/api/v1/moderation/audit', token: tampered });
    expect(audit.status).toBe(401);
  });

  it.each([['garbage'], ['a.b.c'], ['eyJhbGciOiJIUzI1NiJ9..']])('refuses the garbage token %j', async (token) => {
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });
});
