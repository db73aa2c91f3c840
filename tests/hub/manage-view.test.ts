import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The /manage view carries the whole document, private fields included (an event's
 * contactEmail, an actor's email). Publishing content must not open it to everyone.
 */

let hub: TestHub;
let admin = { token: '' };
let eventId = '';
let actorId = '';

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  actorId = (await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors?submit=true', token: admin.token, payload: { name: 'Muséum', kind: 'museum', email: 'direction@museum.example.org' } })).body.id;
  const created = await hub.request<{ id: string; status: string }>({
    method: 'POST',
    url: '/api/v1/events?submit=true',
    token: admin.token,
    payload: { ...eventInput(actorId, 'Nuit des musées', '2027-05-15T20:00:00+02:00', '2027-05-15T23:00:00+02:00'), contactEmail: 'organisatrice@museum.example.org' },
  });
  expect(created.body.status).toBe('published');
  eventId = created.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('the manage view of published content', () => {
  it('is refused to a member and to a contributor of another actor, without the private fields', async () => {
    const member = await hub.user('member');
    const stranger = await hub.user('contributor');
    for (const who of [member, stranger]) {
      for (const url of [`/api/v1/events/${eventId}/manage`, `/api/v1/actors/${actorId}/manage`]) {
        const response = await hub.request({ method: 'GET', url, token: who.token });
        expect(response.status, url).toBe(403);
        expect(response.text).not.toContain('example.org');
      }
    }
  });

  it('is served to its owners and moderators, private fields included', async () => {
    const response = await hub.request<{ data: { contactEmail?: string } }>({ method: 'GET', url: `/api/v1/events/${eventId}/manage`, token: admin.token });
    expect(response.status).toBe(200);
    expect(response.body.data.contactEmail).toBe('organisatrice@museum.example.org');
  });

  it('leaves the public shape open to everyone, without the private fields', async () => {
    const response = await hub.request({ method: 'GET', url: `/api/v1/events/${eventId}` });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('organisatrice@museum.example.org');
  });
});
