import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadHubConfig, type ContentView, type HubServices } from '@constellation/hub';
import type { CampaignPublic, EventInput, EventPublic } from '@constellation/shared';
import { startTestHub, TEST_SECRET, type TestHub } from './support.ts';
import { actorInput, eventInput } from './event-inputs.ts';

/*
 * Campaigns on a hub: a contributor submits an event to a campaign, the coordinator
 * labels or refuses it apart from moderation, and only a labelled event carries the
 * campaign publicly; "repeat for this year's edition"; umbrella events' bounds.
 */

type User = Awaited<ReturnType<TestHub['user']>>;
let hub: TestHub;
let moderator: User;
let contributor: User;
let coordinator: User;
let actorId = '';
const FDS = 'fete-de-la-science-2027';

async function post(input: EventInput, token: string, submit = true) {
  return hub.request<ContentView & { field?: string }>({ method: 'POST', url: `/api/v1/events${submit ? '?submit=true' : ''}`, payload: input, token });
}

async function publicEvent(id: string): Promise<EventPublic> {
  const response = await hub.request<EventPublic>({ method: 'GET', url: `/api/v1/events/${id}` });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

beforeAll(async () => {
  hub = await startTestHub();
  moderator = await hub.user('moderator');
  contributor = await hub.user('contributor');
  coordinator = await hub.user('coordinator');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum d’Orléans'), token: contributor.token });
  expect(actor.status, actor.text).toBe(201);
  actorId = actor.body.id;
  await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [actorId] }, token: moderator.token });
});

afterAll(async () => {
  await hub?.close();
});

describe('labelling an event for a campaign', () => {
  let eventId = '';

  beforeAll(async () => {
    const created = await post(eventInput(actorId, 'Les insectes à la loupe', '2027-10-08T14:00:00+02:00', '2027-10-08T16:00:00+02:00', { campaign: FDS }), contributor.token);
    expect(created.status, created.text).toBe(201);
    eventId = created.body.id;
    const approved = await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [eventId] }, token: moderator.token });
    expect(approved.status, approved.text).toBe(200);
  });

  it('publishes the event without its campaign until the coordinator labels it', async () => {
    const event = await publicEvent(eventId);
    expect(event.campaign).toBeUndefined();
    const queue = await hub.request<{ items: { id: string; state: string; campaign: string }[] }>({ method: 'GET', url: '/api/v1/campaign-submissions', token: coordinator.token });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: eventId, state: 'submitted', campaign: FDS })]);
  });

  it('lets only a coordinator (or the operator) decide, not moderators or contributors', async () => {
    for (const user of [contributor, moderator]) {
      expect((await hub.request({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/label`, token: user.token })).status).toBe(403);
    }
    const noReason = await hub.request<{ field: string }>({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/refuse`, payload: { reason: '' }, token: coordinator.token });
    expect(noReason.status).toBe(400);
  });

  it('refuses with a reason (the campaign stays private), then labels: the campaign is served with a new version and a new feed entry', async () => {
    const refused = await hub.request<{ state: string; reason: string }>({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/refuse`, payload: { reason: 'Hors des dates de la Fête de la science' }, token: coordinator.token });
    expect(refused.body).toMatchObject({ state: 'refused', reason: 'Hors des dates de la Fête de la science' });
    // The organiser reads the answer on their event; another contributor may not.
    const answer = await hub.request<{ state: string; reason: string; campaign: string }>({ method: 'GET', url: `/api/v1/events/${eventId}/campaign-label`, token: contributor.token });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ state: 'refused', reason: 'Hors des dates de la Fête de la science', campaign: FDS });
    const stranger = await hub.user('contributor');
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${eventId}/campaign-label`, token: stranger.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${eventId}/campaign-label` })).status).toBe(401);
    expect((await publicEvent(eventId)).campaign).toBeUndefined();
    const before = await publicEvent(eventId);
    const labelled = await hub.request<{ state: string }>({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/label`, token: coordinator.token });
    expect(labelled.status, labelled.text).toBe(200);
    expect(labelled.body.state).toBe('labelled');
    expect((await hub.request<{ state: string; reason: null }>({ method: 'GET', url: `/api/v1/events/${eventId}/campaign-label`, token: contributor.token })).body).toMatchObject({ state: 'labelled', reason: null });
    const after = await publicEvent(eventId);
    expect(after.campaign).toBe(FDS);
    expect(after.version).toBeGreaterThan(before.version);
    const feed = await hub.request<{ items: { id: string; data?: { campaign?: string } }[] }>({ method: 'GET', url: '/federation/v1/changes?after=0&limit=1000' });
    expect(feed.body.items.find((item) => item.id === eventId)?.data?.campaign).toBe(FDS);
  });

  it('gives the organiser\'s dashboard each event\'s answer on its campaign, and nothing on an event submitted to none', async () => {
    const plain = await post(eventInput(actorId, 'Atelier sans campagne', '2027-10-09T14:00:00+02:00', '2027-10-09T16:00:00+02:00'), contributor.token);
    expect(plain.status, plain.text).toBe(201);
    const refused = await hub.request({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/refuse`, payload: { reason: 'Complet cette année' }, token: coordinator.token });
    expect(refused.status, refused.text).toBe(200);
    const mine = async () => (await hub.request<{ items: { id: string; campaignLabel?: unknown }[] }>({ method: 'GET', url: '/api/v1/me/content?type=event&limit=100', token: contributor.token })).body.items;
    expect((await mine()).find((item) => item.id === eventId)?.campaignLabel).toEqual({ campaign: FDS, state: 'refused', reason: 'Complet cette année' });
    const other = (await mine()).find((item) => item.id === plain.body.id);
    expect(other).toBeDefined();
    expect(other?.campaignLabel).toBeUndefined();
    await hub.request({ method: 'POST', url: `/api/v1/campaign-submissions/${eventId}/label`, token: coordinator.token });
    expect((await mine()).find((item) => item.id === eventId)?.campaignLabel).toEqual({ campaign: FDS, state: 'labelled', reason: null });
  });

  it('takes the label away when the organiser moves the event to another campaign', async () => {
    const manage = await hub.request<ContentView<EventInput>>({ method: 'GET', url: `/api/v1/events/${eventId}/manage`, token: contributor.token });
    const moved = await hub.request({ method: 'PUT', url: `/api/v1/events/${eventId}`, payload: { ...manage.body.data, campaign: 'nuit-des-musees-2027' }, token: contributor.token });
    expect(moved.status, moved.text).toBe(200);
    await hub.request({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids: [eventId] }, token: moderator.token });
    expect((await publicEvent(eventId)).campaign).toBeUndefined();
    const queue = await hub.request<{ items: { id: string; state: string }[] }>({ method: 'GET', url: '/api/v1/campaign-submissions?state=submitted', token: coordinator.token });
    expect(queue.body.items.map((item) => item.id)).toContain(eventId);
  });
});

describe('repeat for this year\'s edition', () => {
  it('copies the event into a draft linked to it, its dates 52 weeks on, without last year\'s campaign', async () => {
    const last = await post(eventInput(actorId, 'Nuit des chauves-souris', '2026-08-28T20:00:00+02:00', '2026-08-28T23:00:00+02:00', { campaign: 'nuit-chauves-souris-2026', audiences: ['families'], accessibility: ['motor'] }), contributor.token);
    expect(last.status, last.text).toBe(201);
    const repeated = await hub.request<ContentView<EventInput>>({ method: 'POST', url: `/api/v1/events/${last.body.id}/repeat`, token: contributor.token });
    expect(repeated.status, repeated.text).toBe(201);
    expect(repeated.body.status).toBe('draft');
    expect(repeated.body.data).toMatchObject({ title: 'Nuit des chauves-souris', previousEditionId: last.body.id, audiences: ['families'], accessibility: ['motor'], timings: [{ start: '2027-08-27T20:00:00+02:00', end: '2027-08-27T23:00:00+02:00' }] });
    expect(repeated.body.data.campaign).toBeUndefined();
    const stranger = await hub.user('contributor');
    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${last.body.id}/repeat`, token: stranger.token })).status).toBe(403);
  });
});

describe('umbrella events', () => {
  it('takes children within the umbrella\'s times and refuses one outside, or a child of a child', async () => {
    const village = await post(eventInput(actorId, 'Village des sciences', '2027-10-09T10:00:00+02:00', '2027-10-10T18:00:00+02:00', { format: 'festival' }), moderator.token);
    expect(village.status, village.text).toBe(201);
    const child = await post(eventInput(actorId, 'Atelier robots', '2027-10-09T14:00:00+02:00', '2027-10-09T15:00:00+02:00', { parentEventId: village.body.id }), moderator.token);
    expect(child.status, child.text).toBe(201);
    const outside = await post(eventInput(actorId, 'Atelier trop tard', '2027-10-11T14:00:00+02:00', '2027-10-11T15:00:00+02:00', { parentEventId: village.body.id }), moderator.token);
    expect(outside.status).toBe(400);
    expect(outside.body.field).toBe('parentEventId');
    const grandChild = await post(eventInput(actorId, 'Sous-atelier', '2027-10-09T14:00:00+02:00', '2027-10-09T14:30:00+02:00', { parentEventId: child.body.id }), moderator.token);
    expect(grandChild.status).toBe(400);
    const related = await hub.request<{ programme: { id: string }[]; editions: unknown[] }>({ method: 'GET', url: `/api/v1/events/${village.body.id}/related` });
    expect(related.body).toEqual({ programme: [expect.objectContaining({ id: child.body.id, title: 'Atelier robots', start: '2027-10-09T12:00:00.000Z' })], editions: [] });
  });

  it('links the editions both ways once published, never a draft', async () => {
    const last = await post(eventInput(actorId, 'Nuit des étoiles', '2026-08-07T21:00:00+02:00', '2026-08-07T23:30:00+02:00'), moderator.token);
    const repeated = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/events/${last.body.id}/repeat`, token: moderator.token });
    const related = async (id: string) => (await hub.request<{ editions: { id: string }[] }>({ method: 'GET', url: `/api/v1/events/${id}/related` })).body.editions.map((edition) => edition.id);
    expect(await related(last.body.id)).toEqual([]);
    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${repeated.body.id}/submit`, token: moderator.token })).status).toBe(200);
    expect(await related(last.body.id)).toEqual([repeated.body.id]);
    expect(await related(repeated.body.id)).toEqual([last.body.id]);
  });
});

describe('the audit log of campaign decisions', () => {
  it('names the campaign as the national list does, not by its slug', async () => {
    const known = { slug: FDS, name: 'Fête de la science 2027', regions: ['24'], startDate: '2027-10-02', endDate: '2027-10-12' } as unknown as CampaignPublic;
    (hub.app as unknown as { services: HubServices }).services.campaigns.replaceKnown([known]);
    const log = await hub.request<{ items: { action: string; details: { campaign?: string }; mentioned?: Record<string, string> }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?action=campaign-label', token: moderator.token });
    expect(log.status, log.text).toBe(200);
    const entry = log.body.items.find((item) => item.details.campaign === FDS);
    expect(entry?.mentioned?.[FDS]).toBe('Fête de la science 2027');
  });
});

describe('a hub started before its aggregator', () => {
  it('says calmly that the national list is not available yet, with no warning, and will try again', async () => {
    // A port nobody listens on: the aggregator is not up yet.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dataDir = mkdtempSync(join(tmpdir(), 'constellation-hub-'));
    const lines: { level: number; msg: string }[] = [];
    const config = loadHubConfig({
      argv: [],
      env: { HUB_ID: 'grand-est', HUB_NAME: 'Echosciences Grand Est', HUB_REGION: '44', HUB_BASE_URL: 'http://hub.test', HUB_DATA_DIR: dataDir, HUB_JWT_SECRET: TEST_SECRET, HUB_LOG_LEVEL: 'info', HUB_AGGREGATOR_URLS: `http://127.0.0.1:${port}` },
    });
    const app = await buildApp(config, { logStream: { write: (line) => lines.push(JSON.parse(line) as { level: number; msg: string }) } });
    try {
      await app.ready();
      await expect.poll(() => lines.filter((line) => line.msg.startsWith('campaigns:')).length, { timeout: 15_000 }).toBe(1);
      const said = lines.find((line) => line.msg.startsWith('campaigns:'));
      expect(said?.msg).toBe('campaigns: the national list is not available yet (the aggregator may still be starting); trying again in 60 s');
      // Info (30), not a warning (40): nothing is wrong yet.
      expect(said?.level).toBe(30);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
