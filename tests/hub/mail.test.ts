import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadHubConfig, MAX_ATTEMPTS, MailOutbox, retryDelayMs } from '@constellation/hub';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, PATHS, refreshCookie } from './fixtures.ts';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

/*
 * Mail through a real SMTP server on loopback (smtp-server), read back with mailparser:
 * the outbox, its sender loop, the templates, one-click unsubscribe, and the account
 * flows that go through a mailbox (confirm, reset, change of address), plus sessions.
 */

let sink: SmtpSink;
let hub: TestHub;
const smtpEnv = () => ({ HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(sink.port), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: 'Echosciences Centre <no-reply@hub.test>' });
let addresses = 0;

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  addresses += 1;
  const answer = await hub.request<{ id: string; emailConfirmed: boolean }>({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: 'a long enough password', displayName: 'Camille Martin', acceptPrivacy: true, ...extra }, remoteAddress: `10.7.0.${addresses}` });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

async function login(email: string, password = 'a long enough password') {
  const answer = await hub.request<{ accessToken: string }>({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers: { 'user-agent': 'Firefox de test' } });
  return { status: answer.status, token: answer.body.accessToken, cookie: refreshCookie(answer.headers)?.value };
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

beforeAll(async () => {
  sink = await startSmtpSink({ reject: ['nobody@bounce.test'] });
  hub = await startTestHub({ ...smtpEnv(), HUB_BASE_URL: 'http://hub.test' });
});

afterAll(async () => {
  await hub.close();
  await sink.close();
});

describe('sign-up confirms the address by mail', () => {
  it('mails a French link; the account logs in but may not contribute until it is followed', async () => {
    const account = await signUp('camille@example.org');
    expect(account.emailConfirmed).toBe(false);
    const mail = await sink.waitFor('camille@example.org');
    expect(mail.from).toBe('no-reply@hub.test');
    expect(mail.subject).toBe('Confirmez votre adresse sur Echosciences Centre-Val de Loire');
    expect(mail.html).toContain('Confirmer mon adresse');
    expect(mail.headers.get('list')).toBeUndefined();
    const link = linkIn(mail, 'http://hub.test/account/confirm?token=');

    const session = await login('camille@example.org');
    expect(session.status).toBe(200);
    const refused = await hub.request<{ error: string }>({ method: 'POST', url: `/api/v1/${PATHS.actor}`, payload: actorInput('Club astro'), token: session.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('email_unconfirmed');

    const confirmed = await hub.request<{ emailConfirmed: boolean }>({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token: tokenOf(link) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.emailConfirmed).toBe(true);
    const again = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token: tokenOf(link) } });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe('token');
    const created = await hub.request({ method: 'POST', url: `/api/v1/${PATHS.actor}`, payload: actorInput('Club astro'), token: session.token });
    expect(created.status).toBe(201);
  });

  it('writes in English for an account that chose English, and records the consent', async () => {
    const account = await signUp('robin@example.org', { locale: 'en' });
    const mail = await sink.waitFor('robin@example.org');
    expect(mail.subject).toBe('Confirm your address on Echosciences Centre-Val de Loire');
    expect(mail.text).toContain('Message sent by Echosciences Centre-Val de Loire');
    expect(hub.app.services.accounts.row(account.id)?.consentAt).not.toBeNull();
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses, mails only the known one, and the link works once', async () => {
    await hub.app.services.accounts.register({ email: 'oubli@example.org', password: 'the old password', displayName: 'Dominique' }, 'contributor');
    const before = await login('oubli@example.org', 'the old password');
    const known = await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'Oubli@example.org' }, remoteAddress: '10.8.0.1' });
    const unknown = await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'personne@example.org' }, remoteAddress: '10.8.0.1' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);

    const mail = await sink.waitFor('oubli@example.org');
    expect(mail.subject).toBe('Nouveau mot de passe sur Echosciences Centre-Val de Loire');
    expect(mail.text).toContain('expire dans 30 minutes');
    const token = tokenOf(linkIn(mail, 'http://hub.test/account/reset?token='));
    // Stored hashed: the token itself is nowhere in the database.
    const stored = hub.app.store.sqlite.prepare('SELECT count(*) AS n FROM account_tokens WHERE token_hash = ?').get(token) as { n: number };
    expect(stored.n).toBe(0);

    const reset = await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, password: 'the new password' } });
    expect(reset.status).toBe(204);
    expect((await login('oubli@example.org', 'the old password')).status).toBe(401);
    expect((await login('oubli@example.org', 'the new password')).status).toBe(200);
    // Every session ended with the reset, access tokens included.
    expect((await hub.request({ method: 'GET', url: '/api/v1/me', token: before.token })).status).toBe(401);
    const reused = await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, password: 'a third password' } });
    expect(reused.status).toBe(400);
    expect(sink.mails.some((received) => received.to.includes('personne@example.org'))).toBe(false);
  });

  it('refuses an expired link', async () => {
    const account = await hub.app.services.accounts.register({ email: 'tard@example.org', password: 'the old password', displayName: 'Tard' }, 'member');
    await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'tard@example.org' }, remoteAddress: '10.8.0.2' });
    const token = tokenOf(linkIn(await sink.waitFor('tard@example.org'), 'http://hub.test/account/reset?token='));
    hub.app.store.sqlite.prepare('UPDATE account_tokens SET expires_at = ? WHERE user_id = ?').run(Date.now() - 1, account.id);
    const late = await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, password: 'the new password' } });
    expect(late.status).toBe(400);
  });

  it('is rate-limited per address of the asker', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await hub.request({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: `x${i}@example.org` }, remoteAddress: '10.8.0.99' })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('sessions and logout', () => {
  it('lists sessions, ends one from another, and logout ends the access token too', async () => {
    await hub.app.services.accounts.register({ email: 'sessions@example.org', password: 'a long enough password', displayName: 'Sacha' }, 'member');
    const first = await login('sessions@example.org');
    const second = await login('sessions@example.org');
    const listed = await hub.request<{ items: { id: string; current: boolean; userAgent: string | null }[] }>({ method: 'GET', url: '/api/v1/me/sessions', token: second.token });
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.filter((item) => item.current)).toHaveLength(1);
    expect(listed.body.items[0]?.userAgent).toBe('Firefox de test');
    const other = listed.body.items.find((item) => !item.current);
    const ended = await hub.request({ method: 'DELETE', url: `/api/v1/me/sessions/${other?.id ?? ''}`, token: second.token });
    expect(ended.status).toBe(204);
    expect((await hub.request({ method: 'GET', url: '/api/v1/me', token: first.token })).status).toBe(401);

    const out = await hub.request({ method: 'POST', url: '/api/v1/auth/logout', token: second.token, cookies: { constellation_refresh: second.cookie ?? '' } });
    expect(out.status).toBe(204);
    const after = await hub.request<{ error: string }>({ method: 'GET', url: '/api/v1/me', token: second.token });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('session_ended');
  });

  it('does not let an account end another account\'s session', async () => {
    await hub.app.services.accounts.register({ email: 'alice@example.org', password: 'a long enough password', displayName: 'Alice' }, 'member');
    await hub.app.services.accounts.register({ email: 'bob@example.org', password: 'a long enough password', displayName: 'Bob' }, 'member');
    const alice = await login('alice@example.org');
    const bob = await login('bob@example.org');
    const aliceSession = (await hub.request<{ items: { id: string }[] }>({ method: 'GET', url: '/api/v1/me/sessions', token: alice.token })).body.items[0]?.id ?? '';
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/me/sessions/${aliceSession}`, token: bob.token })).status).toBe(404);
    expect((await hub.request({ method: 'GET', url: '/api/v1/me', token: alice.token })).status).toBe(200);
  });
});

describe('change of address', () => {
  it('mails the new address, changes the login once confirmed and tells the old one', async () => {
    await hub.app.services.accounts.register({ email: 'ancienne@example.org', password: 'a long enough password', displayName: 'Lou' }, 'member');
    const session = await login('ancienne@example.org');
    const wrong = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/me/email', payload: { email: 'nouvelle@example.org', password: 'not the password' }, token: session.token });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('password');
    const asked = await hub.request({ method: 'POST', url: '/api/v1/me/email', payload: { email: 'nouvelle@example.org', password: 'a long enough password' }, token: session.token });
    expect(asked.status).toBe(202);
    const me = await hub.request<{ email: string; pendingEmail?: string }>({ method: 'GET', url: '/api/v1/me', token: session.token });
    expect(me.body).toMatchObject({ email: 'ancienne@example.org', pendingEmail: 'nouvelle@example.org' });
    const mail = await sink.waitFor('nouvelle@example.org');
    const confirmed = await hub.request<{ email: string }>({ method: 'POST', url: '/api/v1/auth/confirm-email-change', payload: { token: tokenOf(linkIn(mail, 'http://hub.test/account/confirm-email-change?token=')) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.email).toBe('nouvelle@example.org');
    expect((await login('nouvelle@example.org')).status).toBe(200);
    const notice = await sink.waitFor('ancienne@example.org');
    expect(notice.subject).toContain('a changé');
  });
});

describe('notification mail', () => {
  it('carries a one-click unsubscribe that works without a login and only with its signature', async () => {
    const moderator = await hub.app.services.accounts.register({ email: 'moderatrice@example.org', password: 'a long enough password', displayName: 'Modératrice' }, 'moderator');
    hub.app.services.mailer.send({ email: moderator.email, lang: 'fr', unsubscribe: { userId: moderator.id, topic: 'pending' } }, { kind: 'content-pending', title: 'Atelier <b>fusées</b>', typeLabel: 'événement', author: 'Club astro', link: 'http://hub.test/console' });
    const mail = await sink.waitFor('moderatrice@example.org');
    expect(mail.html).toContain('Atelier &lt;b&gt;fusées&lt;/b&gt;');
    // mailparser groups the List-* headers under "list".
    const list = mail.headers.get('list') as unknown as { unsubscribe: { url: string }; 'unsubscribe-post': { name: string } };
    expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
    const url = new URL(list.unsubscribe.url);
    expect(linkIn(mail, 'http://hub.test/api/v1/mail/unsubscribe?')).toBe(url.href);
    const forged = new URL(url);
    forged.searchParams.set('t', 'decisions');
    expect((await hub.request({ method: 'POST', url: `${forged.pathname}${forged.search}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
    const done = await hub.request({ method: 'POST', url: `${url.pathname}${url.search}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(204);
    expect(hub.app.services.accounts.row(moderator.id)?.notifyPending).toBe('off');
    expect(hub.app.services.accounts.row(moderator.id)?.notifyDecisions).toBe(true);
  });

  it('gives up at once on a recipient the server refuses for good (5xx)', async () => {
    hub.app.services.mailer.send({ email: 'nobody@bounce.test', lang: 'fr' }, { kind: 'email-changed', displayName: 'X', newEmail: 'y@example.org' });
    await expect.poll(() => hub.app.services.mailer.outbox.counts().failed, { timeout: 30_000 }).toBe(1);
    const row = hub.app.store.sqlite.prepare("SELECT attempts, last_error FROM mail_outbox WHERE to_address = 'nobody@bounce.test'").get() as { attempts: number; last_error: string };
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('no such mailbox');
  });
});

describe('the outbox', () => {
  it('keeps mail queued without SMTP and sends it after a restart with SMTP', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'constellation-outbox-'));
    try {
      const quiet = await startTestHub({ HUB_DATA_DIR: dataDir });
      quiet.app.services.mailer.send({ email: 'patience@example.org', lang: 'en' }, { kind: 'email-changed', displayName: 'P', newEmail: 'p@example.org' });
      expect(quiet.app.services.mailer.outbox.counts().pending).toBe(1);
      await quiet.app.close();
      const again = await startTestHub({ HUB_DATA_DIR: dataDir, ...smtpEnv() });
      try {
        const mail = await sink.waitFor('patience@example.org');
        expect(mail.subject).toBe('The address of your Echosciences Centre-Val de Loire account has changed');
        await expect.poll(() => again.app.services.mailer.outbox.counts().sent).toBe(1);
      } finally {
        await again.app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reschedules a failed attempt with a growing delay', async () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20)).toBe(7_200_000);
    const outbox = new MailOutbox(hub.app.store);
    const id = outbox.enqueue({ to: 'later@example.org', kind: 'test', subject: 's', text: 't', html: 'h' }, Date.now() + 3_600_000);
    const row = hub.app.store.db.query.mailOutbox.findFirst({ where: (table, { eq }) => eq(table.id, id) }).sync();
    if (row === undefined) throw new Error('not queued');
    outbox.markFailed(row, 'connection refused', false, 1_000);
    const retried = hub.app.store.sqlite.prepare('SELECT status, attempts, next_attempt_at FROM mail_outbox WHERE id = ?').get(id);
    expect(retried).toEqual({ status: 'pending', attempts: 1, next_attempt_at: 31_000 });
    outbox.markFailed({ ...row, attempts: MAX_ATTEMPTS - 1 }, 'connection refused', false, 1_000);
    expect((hub.app.store.sqlite.prepare('SELECT status FROM mail_outbox WHERE id = ?').get(id) as { status: string }).status).toBe('failed');
  });
});

describe('mail settings are checked at start', () => {
  const base = { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Hub', HUB_REGION: '24', HUB_JWT_SECRET: 'x'.repeat(40), HUB_DATA_DIR: tmpdir() };
  const load = (env: Record<string, string>) => () => loadHubConfig({ env: { ...base, ...env } });
  it('names the setting at fault', () => {
    expect(load({ HUB_SMTP_HOST: 'smtp.example.org' })).toThrow(new ConfigError('mailFrom', 'is required with smtpHost: say who the mail comes from'));
    expect(load({ HUB_SMTP_HOST: 'smtp.example.org', HUB_MAIL_FROM: 'x@example.org', HUB_SMTP_USER: 'u' })).toThrow(/smtpPassword/);
    expect(load({ HUB_MAIL_FROM: 'x@example.org' })).toThrow(/smtpHost/);
    expect(load({ HUB_SMTP_HOST: 'smtp.example.org', HUB_MAIL_FROM: 'x@example.org', HUB_SMTP_SECURITY: 'none', HUB_SMTP_USER: 'u', HUB_SMTP_PASSWORD: 'p' })).toThrow(/smtpSecurity/);
    expect(load({ HUB_SMTP_HOST: 'smtp.example.org', HUB_MAIL_FROM: 'x@example.org', HUB_SMTP_SECURITY: 'ssl' })).toThrow(/smtpSecurity/);
    expect(load({ HUB_SMTP_HOST: 'smtp.example.org', HUB_MAIL_FROM: 'Hub <x@example.org>' })()).toMatchObject({ smtpSecurity: 'starttls' });
  });
});
