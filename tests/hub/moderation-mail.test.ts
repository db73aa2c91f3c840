import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput } from './event-inputs.ts';
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
