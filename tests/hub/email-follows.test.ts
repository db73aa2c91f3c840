import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput, places } from './event-inputs.ts';
import { linkIn, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

/*
 * Following by e-mail alone, for people without an account, through a real SMTP server:
 * a request mails a single-use link and answers the same for every address; the link
 * activates the follows; the weekly digest carries RFC 8058 one-click unsubscribe headers
 * that stop everything; unconfirmed addresses are erased when their link expires; the
 * form is rate-limited. One hub and one sink for the file; the rate limit is tested last.
 */

let sink: SmtpSink;
let hub: TestHub;
let actorId: string;
const ORLEANS = '45234';

const follow = (email: string, follows: { kind: string; target: string }[], lang?: 'fr' | 'en') =>
  hub.request<{ status: string }>({ method: 'POST', url: '/api/v1/follows/email', payload: { email, follows, ...(lang === undefined ? {} : { lang }) } });
const confirmMail = (email: string) => (mail: ReceivedMail) => mail.to.includes(email) && mail.text.includes('/account/follow?token=');
const tokenOf = (mail: ReceivedMail) => new URL(linkIn(mail, 'http://hub.test/account/follow?token=')).searchParams.get('token') ?? '';
const rows = (email: string) => hub.app.store.sqlite.prepare('SELECT kind, target, confirmed_at AS confirmedAt, expires_at AS expiresAt FROM email_follows WHERE email = ?').all(email) as { kind: string; target: string; confirmedAt: string | null; expiresAt: number | null }[];

beforeAll(async () => {
  sink = await startSmtpSink();
  hub = await startTestHub({ HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(sink.port), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: 'Echosciences Centre <no-reply@hub.test>' });
  const moderator = await hub.user('moderator', 'moderator');
  actorId = hub.app.services.content.create('actor', actorInput('Muséum d’Orléans'), { id: moderator.id, role: 'moderator', actorIds: [] }, { submit: true }).id;
});

afterAll(async () => {
  await hub?.close();
  await sink?.close();
});

describe('following by e-mail without an account', () => {
  it('mails a single-use link that activates the follows, naming them in the asked language', async () => {
    const asked = await follow('Curieuse@Example.org', [{ kind: 'actor', target: actorId }, { kind: 'commune', target: ORLEANS }], 'en');
    expect(asked.status, asked.text).toBe(202);
    const mail = await sink.waitFor(confirmMail('curieuse@example.org'));
    expect(mail.subject).toBe('Confirm your subscription on Echosciences Centre-Val de Loire');
    expect(mail.text).toContain('Muséum d’Orléans');
    expect(mail.text).toContain('Orléans');
    // Waiting: stored with an expiry, nothing active yet.
    expect(rows('curieuse@example.org').every((row) => row.confirmedAt === null && row.expiresAt !== null)).toBe(true);
    const token = tokenOf(mail);
    const confirmed = await hub.request<{ lang: string; items: { label: string }[] }>({ method: 'POST', url: '/api/v1/follows/email/confirm', payload: { token } });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toEqual({ lang: 'en', items: [{ kind: 'actor', target: actorId, label: 'Muséum d’Orléans' }, { kind: 'commune', target: ORLEANS, label: 'Orléans' }] });
    expect(rows('curieuse@example.org').every((row) => row.confirmedAt !== null && row.expiresAt === null)).toBe(true);
    // The link works once.
    const again = await hub.request<{ field: string }>({ method: 'POST', url: '/api/v1/follows/email/confirm', payload: { token } });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe('token');
  });

  it('answers the same whether the address already follows or not, and mails nothing for what is already active', async () => {
    const before = sink.mails.length;
    const known = await follow('curieuse@example.org', [{ kind: 'actor', target: actorId }]);
    const unknown = await follow('inconnu@example.org', [{ kind: 'actor', target: actorId }]);
    expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
    await sink.waitFor(confirmMail('inconnu@example.org'));
    expect(sink.mails.slice(before).filter((mail) => mail.to.includes('curieuse@example.org'))).toEqual([]);
    // Asked twice in a row, one mail only.
    expect((await follow('inconnu@example.org', [{ kind: 'actor', target: actorId }])).status).toBe(202);
    expect(sink.mails.filter((mail) => mail.to.includes('inconnu@example.org'))).toHaveLength(1);
  });

  it('refuses a target that does not exist here, by its field', async () => {
    const answer = await follow('x@example.org', [{ kind: 'discipline', target: 'astrology' }]);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('target');
    expect(rows('x@example.org')).toEqual([]);
  });

  it('erases an address whose link expired unconfirmed', async () => {
    expect(rows('inconnu@example.org')).toHaveLength(1);
    expect(hub.app.services.emailFollows.purge(Date.now() + 25 * 3_600_000)).toBeGreaterThanOrEqual(1);
    expect(rows('inconnu@example.org')).toEqual([]);
    // The confirmed address stays.
    expect(rows('curieuse@example.org')).toHaveLength(2);
  });

  it('sends the weekly digest with a one-click unsubscribe (RFC 8058) that stops every follow of the address', async () => {
    const moderator = await hub.user('moderator', 'publisher');
    hub.app.services.content.create('event', eventInput(actorId, 'Nuit des musées à Orléans', '2030-05-16T20:00:00+02:00', '2030-05-16T23:00:00+02:00', { place: places.orleans }), { id: moderator.id, role: 'moderator', actorIds: [] }, { submit: true });
    expect(hub.app.services.follows.sendDigests()).toBeGreaterThanOrEqual(1);
    const digest = await sink.waitFor((mail) => mail.to.includes('curieuse@example.org') && mail.text.includes('Nuit des musées à Orléans'));
    expect(digest.subject).toBe('1 new event of what you follow on Echosciences Centre-Val de Loire');
    // mailparser gathers the List-* headers under 'list'.
    const list = digest.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } } | undefined;
    expect(list?.['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click');
    const url = new URL(list?.unsubscribe?.url ?? '');
    expect(url.pathname).toBe('/api/v1/follows/email/unsubscribe');
    // The link names no address.
    expect(url.href).not.toContain('curieuse');
    // Not twice the same week.
    expect(hub.app.services.follows.sendDigests()).toBe(0);
    const forged = await hub.request({ method: 'POST', url: '/api/v1/follows/email/unsubscribe?k=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(204);
    expect(rows('curieuse@example.org')).toHaveLength(2);
    const oneClick = await hub.request({ method: 'POST', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(204);
    expect(rows('curieuse@example.org')).toEqual([]);
  });

  it('limits how often one visitor asks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await follow(`flood${i}@example.org`, [{ kind: 'commune', target: ORLEANS }])).status);
    expect(statuses).toContain(429);
  });
});
