import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput, places } from './event-inputs.ts';
import { linkIn } from '../support/smtp-sink.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

/*
 * Moderation mail through a real SMTP server (smtp-server on loopback): moderators hear
 * that content waits (a mail each, or a daily digest, as each chose), and authors get the
 * decision with the moderator's reason. One hub and one sink for the whole file.
 */

type User = Awaited<ReturnType<TestHub['user']>>;

let sink: SmtpSink;
let hub: TestHub;
let eager: User;
let digester: User;
let author: User;
let actorId: string;
let week = 0;

async function submitEvent(title: string): Promise<string> {
  week += 1;
  const day = String(week).padStart(2, '0');
  const response = await hub.request<{ id: string; status: string }>({
    method: 'POST',
    url: '/api/v1/events?submit=true',
    token: author.token,
    payload: eventInput(actorId, title, `2027-11-${day}T18:00:00+01:00`, `2027-11-${day}T20:00:00+01:00`),
  });
  expect(response.status, response.text).toBe(201);
  expect(response.body.status).toBe('pending');
  return response.body.id;
}

const to = (address: string, subject: string) => (mail: { to: string[]; subject: string }) => mail.to.includes(address) && mail.subject.includes(subject);

beforeAll(async () => {
  sink = await startSmtpSink();
  hub = await startTestHub({ HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(sink.port), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: 'Echosciences Centre <no-reply@hub.test>' });
  eager = await hub.user('moderator', 'eager');
  digester = await hub.user('moderator', 'digester');
  author = await hub.user('contributor', 'author');
  const prefs = await hub.request({ method: 'PUT', url: '/api/v1/me/preferences', token: digester.token, payload: { locale: 'en', notifyPending: 'digest', notifyDecisions: true } });
  expect(prefs.status, prefs.text).toBe(200);
  const actor = hub.app.services.content.create('actor', actorInput('Muséum d’Orléans'), { id: eager.id, role: 'moderator', actorIds: [] }, { submit: true });
  actorId = actor.id;
  hub.app.services.accounts.addActorMember(author.id, actorId);
});

afterAll(async () => {
  await hub?.close();
  await sink?.close();
});

describe('moderation mail', () => {
  it('tells each moderator who chose it that content waits, with the queue link and a one-click unsubscribe', async () => {
    await submitEvent('Atelier fusées à eau');
    const mail = await sink.waitFor(to(eager.email, 'Atelier fusées à eau'));
    expect(mail.subject).toBe('À modérer sur Echosciences Centre-Val de Loire : Atelier fusées à eau');
    expect(mail.text).toContain('author');
    expect(mail.text).toContain('http://hub.test/moderation');
    expect(mail.headers.get('list')).toBeDefined();
    // The digest moderator gets no mail per item.
    expect(sink.mails.some((received) => received.to.includes(digester.email))).toBe(false);
  });

  it('sends the digest moderator one daily summary of what waits, in their language', async () => {
    await submitEvent('Café des sciences');
    expect(hub.app.services.notices.sendDigests()).toBe(1);
    const digest = await sink.waitFor(to(digester.email, 'to moderate'));
    expect(digest.subject).toBe('2 items to moderate on Echosciences Centre-Val de Loire');
    expect(digest.text).toContain('Atelier fusées à eau');
    expect(digest.text).toContain('Café des sciences');
    // Not again the same day, whatever waits.
    expect(hub.app.services.notices.sendDigests()).toBe(0);
    expect(hub.app.services.notices.sendDigests(new Date(Date.now() + 24 * 3_600_000))).toBe(1);
  });

  it("tells the author a refusal with the moderator's reason, and a publication with its link", async () => {
    const refused = await submitEvent('Nuit des étoiles');
    const reason = 'Il manque l’adresse exacte du lieu de rendez-vous.';
    const rejected = await hub.request({ method: 'POST', url: '/api/v1/moderation/reject', token: eager.token, payload: { ids: [refused], reason } });
    expect(rejected.status, rejected.text).toBe(200);
    const refusal = await sink.waitFor(to(author.email, 'Non publié'));
    expect(refusal.subject).toBe('Non publié sur Echosciences Centre-Val de Loire : Nuit des étoiles');
    expect(refusal.text).toContain(reason);

    const accepted = await submitEvent('Fête de la science au Muséum');
    const approved = await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', token: eager.token, payload: { ids: [accepted] } });
    expect(approved.status, approved.text).toBe(200);
    const publication = await sink.waitFor(to(author.email, 'Publié sur'));
    expect(publication.text).toContain(`http://hub.test/events/centre-val-de-loire/${accepted}`);
  });

  it('sends nothing to an author who turned decisions off', async () => {
    const off = await hub.request({ method: 'PUT', url: '/api/v1/me/preferences', token: author.token, payload: { locale: 'fr', notifyPending: 'off', notifyDecisions: false } });
    expect(off.status, off.text).toBe(200);
    const id = await submitEvent('Conférence sur les abeilles');
    await hub.request({ method: 'POST', url: '/api/v1/moderation/reject', token: eager.token, payload: { ids: [id], reason: 'Doublon.' } });
    // The moderators' mail about it arrives; the author's decision never does.
    await sink.waitFor(to(eager.email, 'Conférence sur les abeilles'));
    // Mail is rendered when queued: the outbox is where a decision mail would be, sent or not.
    const queued = hub.app.store.sqlite.prepare("SELECT count(*) AS n FROM mail_outbox WHERE to_address = ? AND subject LIKE '%abeilles%'").get(author.email) as { n: number };
    expect(queued.n).toBe(0);
  });
});

describe("reports on an actor's content", () => {
  it("tell the actor's members, without naming the reporter or quoting them, and then the moderators' answer", async () => {
    const colleague = await hub.user('contributor', 'colleague');
    const quiet = await hub.user('contributor', 'quiet');
    hub.app.services.accounts.addActorMember(colleague.id, actorId);
    hub.app.services.accounts.addActorMember(quiet.id, actorId);
    const english = await hub.request({ method: 'PUT', url: '/api/v1/me/preferences', token: colleague.token, payload: { locale: 'en', notifyPending: 'off', notifyDecisions: true } });
    expect(english.status, english.text).toBe(200);
    const off = await hub.request<{ notifyReports: boolean }>({ method: 'PUT', url: '/api/v1/me/preferences', token: quiet.token, payload: { locale: 'fr', notifyPending: 'off', notifyDecisions: true, notifyReports: false } });
    expect(off.body.notifyReports).toBe(false);
    const id = await submitEvent('Balade géologique en bord de Loire');
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', token: eager.token, payload: { ids: [id] } })).status).toBe(200);

    const reported = await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: id, reason: 'inaccurate', details: 'Signé Dominique, le voisin : la date est fausse' } });
    expect(reported.status, reported.text).toBe(201);
    const mail = await sink.waitFor(to(author.email, 'Signalement sur'));
    expect(mail.subject).toBe('Signalement sur Echosciences Centre-Val de Loire : Balade géologique en bord de Loire');
    expect(mail.text).toContain('Muséum d’Orléans');
    expect(mail.text).toContain('Motif : informations inexactes.');
    expect(mail.text).toContain(`http://hub.test/events/centre-val-de-loire/${id}`);
    expect(mail.text).not.toContain('Dominique');
    expect(mail.text).toContain('/api/v1/mail/unsubscribe?');
    const inEnglish = await sink.waitFor(to(colleague.email, 'Report on'));
    expect(inEnglish.text).toContain('Reason: inaccurate information.');

    const report = (await hub.request<{ items: { id: string; contentId: string }[] }>({ method: 'GET', url: '/api/v1/moderation/reports', token: eager.token })).body.items.find((item) => item.contentId === id);
    const resolution = 'La date a été corrigée avec l’organisateur.';
    const resolved = await hub.request({ method: 'POST', url: `/api/v1/moderation/reports/${report?.id ?? ''}/resolve`, token: eager.token, payload: { resolution } });
    expect(resolved.status, resolved.text).toBe(200);
    const closed = await sink.waitFor(to(author.email, 'Signalement traité'));
    expect(closed.text).toContain(resolution);
    await sink.waitFor(to(colleague.email, 'Report closed'));
    // Closing it again changes nothing and mails nobody.
    await hub.request({ method: 'POST', url: `/api/v1/moderation/reports/${report?.id ?? ''}/resolve`, token: eager.token, payload: { resolution: 'encore' } });
    const outbox = (address: string, like: string) => (hub.app.store.sqlite.prepare('SELECT count(*) AS n FROM mail_outbox WHERE to_address = ? AND subject LIKE ?').get(address, like) as { n: number }).n;
    expect(outbox(author.email, 'Signalement traité%')).toBe(1);
    // The member who turned these off got neither.
    expect(outbox(quiet.email, '%ignalement%')).toBe(0);
  });
});

describe('follows and the weekly digest', () => {
  it('follow an actor, a discipline or a commune of the region, and refuse what is not there, naming the field', async () => {
    const follower = await hub.user('member', 'follower');
    for (const [kind, target, label] of [['actor', actorId, 'Muséum d’Orléans'], ['discipline', 'astronomy', 'Astronomie et espace'], ['commune', '37261', 'Tours']] as const) {
      const answer = await hub.request<{ label: string }>({ method: 'POST', url: '/api/v1/me/follows', token: follower.token, payload: { kind, target } });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.label).toBe(label);
    }
    const refused = [
      [{ kind: 'discipline', target: 'alchemy' }, 400],
      [{ kind: 'commune', target: '67482' }, 400],
      [{ kind: 'actor', target: '01935c1e-0000-7000-8000-000000000000' }, 404],
      [{ kind: 'planet', target: 'mars' }, 400],
    ] as const;
    for (const [payload, status] of refused) {
      const answer = await hub.request<{ field?: string }>({ method: 'POST', url: '/api/v1/me/follows', token: follower.token, payload });
      expect(answer.status, JSON.stringify(payload)).toBe(status);
      expect(answer.body.field).toMatch(/kind|target/);
    }
    expect((await hub.request({ method: 'POST', url: '/api/v1/me/follows', payload: { kind: 'discipline', target: 'astronomy' } })).status).toBe(401);
    const mine = await hub.request<{ items: { kind: string; target: string }[] }>({ method: 'GET', url: '/api/v1/me/follows', token: follower.token });
    expect(mine.body.items.map((item) => `${item.kind}:${item.target}`).sort()).toEqual([`actor:${actorId}`, 'commune:37261', 'discipline:astronomy']);
    const dropped = await hub.request({ method: 'DELETE', url: '/api/v1/me/follows/commune/37261', token: follower.token });
    expect(dropped.status).toBe(204);
    expect((await hub.request<{ items: unknown[] }>({ method: 'GET', url: '/api/v1/me/follows', token: follower.token })).body.items).toHaveLength(2);
  });

  it('mail each follower once a week the new events that match, with a one-click unsubscribe that stops the digest', async () => {
    const fan = await hub.user('member', 'fan');
    const stranger = await hub.user('member', 'stranger');
    await hub.request({ method: 'POST', url: '/api/v1/me/follows', token: fan.token, payload: { kind: 'commune', target: '37261' } });
    await hub.request({ method: 'POST', url: '/api/v1/me/follows', token: stranger.token, payload: { kind: 'discipline', target: 'mathematics' } });
    week += 1;
    const inTours = await hub.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/events?submit=true',
      token: author.token,
      payload: eventInput(actorId, 'Nuit des chouettes à Tours', `2027-12-${String(week).padStart(2, '0')}T18:00:00+01:00`, `2027-12-${String(week).padStart(2, '0')}T20:00:00+01:00`, { place: { ...places.tours } }),
    });
    expect(inTours.status, inTours.text).toBe(201);
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', token: eager.token, payload: { ids: [inTours.body.id] } })).status).toBe(200);

    const now = new Date();
    expect(hub.app.services.follows.sendDigests(now)).toBeGreaterThanOrEqual(1);
    const digest = await sink.waitFor(to(fan.email, 'de ce que vous suivez'));
    expect(digest.subject).toBe('1 nouvel événement de ce que vous suivez sur Echosciences Centre-Val de Loire');
    expect(digest.text).toContain('Nuit des chouettes à Tours');
    expect(digest.text).toContain(`http://hub.test/events/centre-val-de-loire/${inTours.body.id}`);
    expect(digest.text).toContain('Muséum de Tours, Tours');
    expect(digest.text).toContain('http://hub.test/account#follows');
    // Nothing matched what the stranger follows: no mail at all.
    const outbox = (address: string) => (hub.app.store.sqlite.prepare("SELECT count(*) AS n FROM mail_outbox WHERE to_address = ? AND kind = 'follows-digest'").get(address) as { n: number }).n;
    expect(outbox(stranger.email)).toBe(0);
    // Weekly: not again the same week, and an event already sent is not sent again.
    expect(hub.app.services.follows.sendDigests(now)).toBe(0);
    expect(hub.app.services.follows.sendDigests(new Date(now.getTime() + 7 * 86_400_000))).toBe(0);
    expect(outbox(fan.email)).toBe(1);

    const unsubscribe = linkIn(digest, 'http://hub.test/api/v1/mail/unsubscribe');
    const stopped = await hub.request({ method: 'POST', url: unsubscribe.replace('http://hub.test', ''), payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(stopped.status, stopped.text).toBe(204);
    const me = await hub.request<{ notifyFollows: boolean }>({ method: 'GET', url: '/api/v1/me', token: fan.token });
    expect(me.body.notifyFollows).toBe(false);
    // The follows stay in the account; only the digest stops.
    expect((await hub.request<{ items: unknown[] }>({ method: 'GET', url: '/api/v1/me/follows', token: fan.token })).body.items).toHaveLength(1);
  });
});

describe("the moderators' workload", () => {
  it('counts what waits and the open reports, for moderators only', async () => {
    const before = await hub.request<{ pending: number; reports: number }>({ method: 'GET', url: '/api/v1/moderation/workload', token: eager.token });
    expect(before.status).toBe(200);
    await submitEvent('Observation du ciel');
    const after = await hub.request<{ pending: number; reports: number }>({ method: 'GET', url: '/api/v1/moderation/workload', token: digester.token });
    expect(after.body.pending).toBe(before.body.pending + 1);
    expect(after.body.reports).toBe(0);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/workload', token: author.token })).status).toBe(403);
  });
});

describe("membership of the members' network", () => {
  it('is asked for, refused with a reason or approved by a moderator, and the requester is told by mail', async () => {
    const sharer = await hub.user('member', 'sharer');
    const shared = await hub.request({ method: 'PUT', url: '/api/v1/me/profile', token: sharer.token, payload: { displayName: 'Profil partagé', contact: { email: 'sharer.contact@example.net', phone: '+33 2 38 11 22 33' }, contactVisibility: 'members' } });
    expect(shared.status, shared.text).toBe(200);
    const joiner = await hub.user('member', 'joiner');
    const contacts = async () => (await hub.request({ method: 'GET', url: '/api/v1/members', token: joiner.token })).text;
    expect(await contacts()).not.toContain('sharer.contact@example.net');

    const asked = await hub.request<{ membership: string }>({ method: 'POST', url: '/api/v1/me/membership', token: joiner.token });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.body.membership).toBe('requested');
    // Asking is not being let in.
    expect(await contacts()).not.toContain('+33 2 38 11 22 33');
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/memberships', token: joiner.token })).status).toBe(403);
    const waiting = await hub.request<Array<{ userId: string; email: string }>>({ method: 'GET', url: '/api/v1/moderation/memberships', token: eager.token });
    expect(waiting.body.map((each) => each.email)).toEqual([joiner.email]);

    const url = `/api/v1/moderation/memberships/${joiner.id}`;
    const bare = await hub.request<{ field?: string }>({ method: 'POST', url, token: eager.token, payload: { decision: 'refuse' } });
    expect(bare.status).toBe(400);
    expect(bare.body.field).toBe('reason');
    const refused = await hub.request<{ membership: string }>({ method: 'POST', url, token: eager.token, payload: { decision: 'refuse', reason: 'Présentez-vous dans votre profil.' } });
    expect(refused.body.membership).toBe('none');
    const refusal = await sink.waitFor(to(joiner.email, 'adhésion'));
    expect(refusal.text).toContain('Présentez-vous dans votre profil.');
    expect(await contacts()).not.toContain('sharer.contact@example.net');
    // A decision is taken once: there is nothing left to refuse.
    expect((await hub.request({ method: 'POST', url, token: eager.token, payload: { decision: 'approve' } })).status).toBe(409);

    await hub.request({ method: 'POST', url: '/api/v1/me/membership', token: joiner.token });
    const approved = await hub.request<{ membership: string }>({ method: 'POST', url, token: digester.token, payload: { decision: 'approve' } });
    expect(approved.body.membership).toBe('approved');
    const welcome = await sink.waitFor(to(joiner.email, 'Bienvenue dans le réseau des membres'));
    expect(welcome.text).toContain('http://hub.test/members');
    expect(await contacts()).toContain('sharer.contact@example.net');
    const me = await hub.request<{ membership: string }>({ method: 'GET', url: '/api/v1/me', token: joiner.token });
    expect(me.body.membership).toBe('approved');
    const audit = hub.app.store.sqlite.prepare("SELECT action FROM audit_log WHERE target_id = ? ORDER BY id").all(joiner.id) as Array<{ action: string }>;
    expect(audit.map((row) => row.action)).toEqual(['refuse-membership', 'approve-membership']);
  });
});
