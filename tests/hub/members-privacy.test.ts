import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import { actorInput, eventInput, sqlite } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * Members' contact details are personal data: each owner chooses who reads them
 * (nobody by default, the members of their actors, or the approved members of the
 * network), and no route that returns members serves them to anyone else. The private
 * contact emails of events and actors are read only by those who manage them.
 */

interface Profile {
  userId: string;
  displayName: string;
  contact?: { email?: string; phone?: string; website?: string };
  contactVisibility?: string;
  listed?: boolean;
}
interface Page {
  items: Profile[];
  next: string | null;
}

let hub: TestHub;
type Account = Awaited<ReturnType<TestHub['user']>>;
const people: Record<'colleague' | 'networker' | 'silent' | 'secret', Account & { phone: string; mail: string }> = {} as never;
let fresh: Account;
let teammate: Account;
let approved: Account;
let moderator: Account;

const ACTOR = '0190a1b2-0000-7000-8000-00000000a001';

async function saveProfile(account: Account, name: string, visibility: string | undefined, n: number) {
  const mail = `${name}.contact@example.net`;
  const phone = `+33 2 38 00 00 0${n}`;
  const response = await hub.request<Profile>({
    method: 'PUT',
    url: '/api/v1/me/profile',
    token: account.token,
    payload: { displayName: `Profile ${name}`, headline: 'Médiatrice', contact: { email: mail, phone }, ...(visibility === undefined ? {} : { contactVisibility: visibility }) },
  });
  expect(response.status, response.text).toBe(200);
  return { ...account, mail, phone };
}

const directory = (account: Account, query = '') => hub.request<Page>({ method: 'GET', url: `/api/v1/members${query}`, token: account.token });
const contactsIn = (page: Page) => Object.fromEntries(page.items.filter((item) => item.contact !== undefined).map((item) => [item.displayName, item.contact?.email]));

beforeAll(async () => {
  hub = await startTestHub();
  const colleague = await hub.user('contributor', 'colleague');
  const networker = await hub.user('contributor', 'networker');
  const silent = await hub.user('member', 'silent');
  const secret = await hub.user('member', 'secret');
  fresh = await hub.user('member', 'fresh');
  teammate = await hub.user('contributor', 'teammate');
  approved = await hub.user('member', 'approved');
  moderator = await hub.user('moderator', 'moderator');
  hub.app.services.accounts.addActorMember(colleague.id, ACTOR);
  hub.app.services.accounts.addActorMember(teammate.id, ACTOR);
  hub.app.store.sqlite.prepare("UPDATE users SET membership = 'approved' WHERE id = ?").run(approved.id);
  people.colleague = await saveProfile(colleague, 'colleague', 'actor', 1);
  people.networker = await saveProfile(networker, 'networker', 'members', 2);
  people.silent = await saveProfile(silent, 'silent', undefined, 3);
  people.secret = await saveProfile(secret, 'secret', 'nobody', 4);
});

afterAll(async () => {
  await hub?.close();
});

describe("members' contact details", () => {
  it('are private by default: my own profile says nobody may read them', async () => {
    const own = await hub.request<Profile>({ method: 'GET', url: '/api/v1/me/profile', token: people.silent.token });
    expect(own.body.contactVisibility).toBe('nobody');
    expect(own.body.contact?.email).toBe(people.silent.mail);
  });

  it('reach no fresh, unapproved account, in the directory or on a profile', async () => {
    const page = await directory(fresh);
    expect(page.status).toBe(200);
    expect(page.body.items.map((item) => item.displayName).sort()).toEqual(['Profile colleague', 'Profile networker', 'Profile secret', 'Profile silent']);
    for (const person of Object.values(people)) {
      expect(page.text).not.toContain(person.mail);
      expect(page.text).not.toContain(person.phone);
      const one = await hub.request<Profile>({ method: 'GET', url: `/api/v1/members/${person.id}`, token: fresh.token });
      expect(one.status).toBe(200);
      expect(one.body.contact).toBeUndefined();
      expect(one.text).not.toContain(person.phone);
      expect(one.body.contactVisibility).toBeUndefined();
    }
  });

  it('cannot be found by searching for them', async () => {
    const page = await directory(fresh, `?q=${encodeURIComponent('networker.contact')}`);
    expect(page.body.items).toEqual([]);
  });

  it("reach the owner's actor colleagues when the owner chose so", async () => {
    const page = await directory(teammate);
    // The teammate acts for an actor, so the network let them in: they also read what is shared with members.
    expect(contactsIn(page.body)).toEqual({ 'Profile colleague': people.colleague.mail, 'Profile networker': people.networker.mail });
    const one = await hub.request<Profile>({ method: 'GET', url: `/api/v1/members/${people.colleague.id}`, token: teammate.token });
    expect(one.body.contact).toEqual({ email: people.colleague.mail, phone: people.colleague.phone });
  });

  it('reach approved members and moderators only where the owner shared them with the network', async () => {
    for (const reader of [approved, moderator]) {
      const page = await directory(reader);
      expect(contactsIn(page.body)).toEqual({ 'Profile networker': people.networker.mail });
      for (const person of [people.colleague, people.silent, people.secret]) {
        const one = await hub.request<Profile>({ method: 'GET', url: `/api/v1/members/${person.id}`, token: reader.token });
        expect(one.body.contact).toBeUndefined();
      }
    }
  });

  it('always reach their owner', async () => {
    const one = await hub.request<Profile>({ method: 'GET', url: `/api/v1/members/${people.secret.id}`, token: people.secret.token });
    expect(one.body.contact?.phone).toBe(people.secret.phone);
  });

  it('follow a changed choice at once', async () => {
    await saveProfile(people.secret, 'secret', 'members', 4);
    expect(contactsIn((await directory(approved)).body)).toHaveProperty('Profile secret', people.secret.mail);
    await saveProfile(people.secret, 'secret', 'nobody', 4);
    expect(contactsIn((await directory(approved)).body)).not.toHaveProperty('Profile secret');
  });

  it('refuse an unknown choice with a 400 naming the field', async () => {
    const response = await hub.request<{ field?: string }>({ method: 'PUT', url: '/api/v1/me/profile', token: fresh.token, payload: { displayName: 'X', contactVisibility: 'everyone' } });
    expect(response.status).toBe(400);
    expect(response.body.field).toContain('contactVisibility');
  });
});

describe('private contact emails', () => {
  it('never serves an event contactEmail or an actor email publicly, nor puts them in the feed', async () => {
    const actorEmail = 'direction-privee@museum.example';
    const eventEmail = 'mediation-privee@museum.example';
    const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum secret', { email: actorEmail }), token: moderator.token });
    expect(actor.body.status).toBe('published');
    const input = eventInput(actor.body.id, 'Rencontre confidentielle', '2027-12-02T18:00:00+01:00', '2027-12-02T20:00:00+01:00', { contactEmail: eventEmail });
    const created = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: input, token: moderator.token });
    expect(created.status, created.text).toBe(201);
    const published = created.body;
    expect(published.status).toBe('published');
    // Stored, and shown to those who manage the content, so the checks below are not vacuous.
    expect((await hub.request<ContentView>({ method: 'GET', url: `/api/v1/events/${published.id}/manage`, token: moderator.token })).body.data).toMatchObject({ contactEmail: eventEmail });
    expect((await hub.request<ContentView>({ method: 'GET', url: `/api/v1/actors/${actor.body.id}/manage`, token: moderator.token })).body.data).toMatchObject({ email: actorEmail });

    const urls = [
      `/api/v1/events/${published.id}`,
      `/api/v1/events/by-slug/${published.slug}`,
      '/api/v1/events?from=2027-12-01&to=2027-12-31&limit=100',
      `/api/v1/events?from=2027-12-01&to=2027-12-31&actor=${actor.body.id}`,
      '/api/v1/events?from=2027-12-01&to=2027-12-31&q=confidentielle',
      `/api/v1/actors/${actor.body.id}`,
      `/api/v1/actors/by-slug/${actor.body.slug}`,
      '/api/v1/actors?limit=100',
      '/api/v1/actors?q=secret',
    ];
    for (const url of urls) {
      const response = await hub.request({ method: 'GET', url });
      expect(response.status, url).toBe(200);
      expect(response.text, url).toContain(url.includes('actor') && !url.includes('events') ? 'Muséum secret' : 'Rencontre confidentielle');
      expect(response.text, url).not.toContain(actorEmail);
      expect(response.text, url).not.toContain(eventEmail);
      expect(response.text, url).not.toMatch(/contactEmail|"email"/);
    }

    const db = sqlite(hub);
    const feed = JSON.stringify(db.prepare('SELECT * FROM changes').all());
    expect(feed).toContain(published.id);
    expect(feed).not.toContain(actorEmail);
    expect(feed).not.toContain(eventEmail);
    // What the feed serves as `data` is the stored public shape.
    const shapes = db.prepare('SELECT public_json FROM content WHERE id IN (?, ?)').all(published.id, actor.body.id) as { public_json: string }[];
    expect(shapes).toHaveLength(2);
    for (const { public_json } of shapes) {
      expect(public_json).not.toContain(actorEmail);
      expect(public_json).not.toContain(eventEmail);
    }
  });
});
