import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventPublic } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, eventInput } from './event-inputs.ts';

/* Duplicate actors on a hub: found by SIRET or name at the same place, merged by the operator without losing content or members. */

type User = Awaited<ReturnType<TestHub['user']>>;
let hub: TestHub;
let admin: User;
let first: User;
let second: User;
const orleans = { commune: 'Orléans', inseeCode: '45234', postalCode: '45000', lat: 47.90248, lon: 1.90407 };

async function actor(name: string, user: User, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: { ...actorInput(name), location: { name, ...orleans }, ...extra }, token: user.token });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  first = await hub.user('contributor');
  second = await hub.user('contributor');
});

afterAll(async () => {
  await hub?.close();
});

describe('duplicate actors', () => {
  it('finds the same name at the same place, the same SIRET, and not a namesake elsewhere', async () => {
    const museum = await actor('Muséum d’Orléans', first);
    const twin = await actor('MUSEUM D\'ORLEANS', second);
    await hub.request({ method: 'POST', url: '/api/v1/actors?submit=true', payload: { ...actorInput('Muséum d’Orléans'), location: { commune: 'Tours', inseeCode: '37261' } }, token: admin.token });
    const lab = await actor('Laboratoire de physique', first, { siret: '19450000000011' });
    const labAgain = await actor('LPO', second, { siret: '19450000000011' });
    const answer = await hub.request<{ items: { reason: string; actors: { id: string }[] }[] }>({ method: 'GET', url: '/api/v1/admin/actors/duplicates', token: admin.token });
    expect(answer.status, answer.text).toBe(200);
    const groups = answer.body.items.map((group) => ({ reason: group.reason, ids: group.actors.map((item) => item.id).sort() }));
    expect(groups).toContainEqual({ reason: 'name', ids: [museum, twin].sort() });
    expect(groups).toContainEqual({ reason: 'siret', ids: [lab, labAgain].sort() });
    expect(groups).toHaveLength(2);
    expect((await hub.request({ method: 'GET', url: '/api/v1/admin/actors/duplicates', token: first.token })).status).toBe(403);
  });

  it('merges one into the other: its events move (served again), its members can edit them, the duplicate is gone', async () => {
    const kept = await actor('Planétarium de Tours', first);
    const duplicate = await actor('Planetarium de Tours', second);
    // Published, so its removal must reach the feed as a tombstone.
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [duplicate] }, token: admin.token })).status).toBe(200);
    const event = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/events?submit=true', payload: eventInput(duplicate, 'Ciel d’hiver', '2027-01-15T18:00:00+01:00', '2027-01-15T19:00:00+01:00'), token: admin.token });
    expect(event.status, event.text).toBe(201);
    const before = (await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${event.body.id}` })).body;

    expect((await hub.request({ method: 'POST', url: `/api/v1/admin/actors/${duplicate}/merge`, payload: { into: duplicate }, token: admin.token })).status).toBe(400);
    const merged = await hub.request<{ moved: number; members: number }>({ method: 'POST', url: `/api/v1/admin/actors/${duplicate}/merge`, payload: { into: kept }, token: admin.token });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body).toEqual({ moved: 1, members: 1 });

    const after = (await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${event.body.id}` })).body;
    expect(after.actorId).toBe(kept);
    expect(after.version).toBeGreaterThan(before.version);
    expect((await hub.request({ method: 'GET', url: `/api/v1/actors/${duplicate}/manage`, token: admin.token })).status).toBe(404);
    // The duplicate's member now acts for the kept actor: they may edit its event.
    const manage = await hub.request<ContentView>({ method: 'GET', url: `/api/v1/events/${event.body.id}/manage`, token: second.token });
    expect(manage.status, manage.text).toBe(200);
    const feed = await hub.request<{ items: { id: string; op: string }[] }>({ method: 'GET', url: '/federation/v1/changes?after=0&limit=1000' });
    expect(feed.body.items.find((item) => item.id === duplicate)?.op).toBe('delete');
  });
});
