import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput } from './event-inputs.ts';
import { startTestHub, type TestHub } from './support.ts';

/* Slugs: readable, accent-free, unique per type, stable across edits. */

let hub: TestHub;
let token = '';
let actorId = '';

async function create(title: string): Promise<{ id: string; slug: string }> {
  const response = await hub.request<{ id: string; slug: string }>({ method: 'POST', url: '/api/v1/events', token, payload: eventInput(actorId, title, '2027-02-01T18:00:00+01:00', '2027-02-01T20:00:00+01:00') });
  expect(response.status).toBe(201);
  return response.body;
}

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.user('admin')).token;
  actorId = (await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/actors', token, payload: { name: 'Muséum', kind: 'museum' } })).body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('slugs', () => {
  it('are the title without accents or punctuation', async () => {
    expect((await create('Nuit des Étoiles à Orléans !')).slug).toBe('nuit-des-etoiles-a-orleans');
  });

  it('get -2, -3... when the title is taken, and do not collide with a longer title sharing the prefix', async () => {
    const longer = await create('Café des sciences du jeudi');
    const first = await create('Café des sciences');
    const second = await create('Café des sciences');
    const third = await create('Café des sciences');
    expect([longer.slug, first.slug, second.slug, third.slug]).toEqual(['cafe-des-sciences-du-jeudi', 'cafe-des-sciences', 'cafe-des-sciences-2', 'cafe-des-sciences-3']);
  });

  it('stay the same when the title is edited, so links keep working', async () => {
    const created = await create('Atelier fossiles');
    const edited = await hub.request<{ slug: string }>({ method: 'PUT', url: `/api/v1/events/${created.id}`, token, payload: eventInput(actorId, 'Atelier fossiles et minéraux', '2027-02-01T18:00:00+01:00', '2027-02-01T20:00:00+01:00') });
    expect(edited.body.slug).toBe('atelier-fossiles');
  });
});
