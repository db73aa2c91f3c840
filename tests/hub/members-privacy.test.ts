import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';

/*
 * Members' contact details are personal data: each owner chooses who reads them
 * (nobody by default, the members of their actors, or the approved members of the
 * network), and no route that returns members serves them to anyone else.
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
