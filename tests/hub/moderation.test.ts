import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { EventInput } from '@constellation/shared';
import { startTestHub, type Response, type TestHub } from './support.ts';
import { actorInput, eventInput, sqlite } from './event-inputs.ts';

/*
 * Moderation through the HTTP API: the states content goes through, who sees it in each,
 * the audit log of moderators' and admins' actions, reports, the members directory, and
 * the private contact emails that must never leave the hub.
 */

type User = Awaited<ReturnType<TestHub['user']>>;
interface AuditEntry {
  id: number;
  at: string;
  userId: string;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
  who?: { name: string; role: string } | null;
  target?: { title: string; slug: string | null } | null;
  mentioned?: Record<string, string>;
}
interface ReportEntry {
  id: string;
  contentId: string;
  reason: string;
  details: string | null;
  reporterId: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}
interface Page<T> {
  items: T[];
  next: string | null;
}

let hub: TestHub;
let admin: User;
let moderator: User;
let contributor: User;
let otherContributor: User;
/** An actor `contributor` acts for, never verified. */
let actorId: string;
/** An actor `contributor` acts for, verified by a moderator in its own test. */
let trustedActorId: string;

let eventCounter = 0;
/** A valid event, each in its own week of December 2027 so list windows can find it alone. */
function event(title: string, overrides: Partial<EventInput> = {}, owner = actorId): EventInput {
  eventCounter += 1;
  const day = String(1 + (eventCounter % 28)).padStart(2, '0');
  return eventInput(owner, title, `2027-12-${day}T18:00:00+01:00`, `2027-12-${day}T20:00:00+01:00`, overrides);
}

async function createEvent(user: User, input: EventInput, submit = false): Promise<ContentView> {
  const response = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/events${submit ? '?submit=true' : ''}`, payload: input, token: user.token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function submit(user: User, id: string): Promise<Response<ContentView>> {
  return hub.request<ContentView>({ method: 'POST', url: `/api/v1/events/${id}/submit`, token: user.token });
}

async function approve(user: User, ids: string[]): Promise<Response<{ items: ContentView[] }>> {
  return hub.request<{ items: ContentView[] }>({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids }, token: user.token });
}

async function reject(user: User, ids: string[], reason: string): Promise<Response<{ items: ContentView[] }>> {
  return hub.request<{ items: ContentView[] }>({ method: 'POST', url: '/api/v1/moderation/reject', payload: { ids, reason }, token: user.token });
}

async function manage(user: User, id: string): Promise<Response<ContentView>> {
  return hub.request<ContentView>({ method: 'GET', url: `/api/v1/events/${id}/manage`, token: user.token });
}

/** A published event, through the contributor's submit and a moderator's approval. */
async function publishedEvent(title: string, overrides: Partial<EventInput> = {}): Promise<ContentView> {
  const draft = await createEvent(contributor, event(title, overrides));
  expect((await submit(contributor, draft.id)).body.status).toBe('pending');
  const approved = await approve(moderator, [draft.id]);
  expect(approved.status, approved.text).toBe(200);
  return approved.body.items[0] as ContentView;
}

/** The ids of public events in December 2027 (every event of this file is there). */
async function listedEventIds(): Promise<string[]> {
  const response = await hub.request<Page<{ event: { id: string } }>>({ method: 'GET', url: '/api/v1/events?from=2027-12-01&to=2027-12-31&limit=100' });
  expect(response.status, response.text).toBe(200);
  return response.body.items.map((item) => item.event.id);
}

/** What the public API says about an event: by id, by slug, and whether the list has it. */
async function publicly(view: ContentView): Promise<{ byId: number; bySlug: number; listed: boolean }> {
  const byId = await hub.request({ method: 'GET', url: `/api/v1/events/${view.id}` });
  const bySlug = await hub.request({ method: 'GET', url: `/api/v1/events/by-slug/${view.slug}` });
  return { byId: byId.status, bySlug: bySlug.status, listed: (await listedEventIds()).includes(view.id) };
}

async function queueIds(): Promise<string[]> {
  const response = await hub.request<Page<ContentView>>({ method: 'GET', url: '/api/v1/moderation/queue?limit=100', token: moderator.token });
  expect(response.status, response.text).toBe(200);
  for (const item of response.body.items) expect(item.status).toBe('pending');
  return response.body.items.map((item) => item.id);
}

/** The whole audit log, every page, newest first. */
async function auditLog(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/moderation/audit?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`;
    const response = await hub.request<Page<AuditEntry>>({ method: 'GET', url, token: moderator.token });
    expect(response.status, response.text).toBe(200);
    entries.push(...response.body.items);
    cursor = response.body.next;
  } while (cursor !== null);
  return entries;
}

async function auditOf(targetId: string): Promise<{ userId: string; action: string; targetType: string; details: unknown }[]> {
  return (await auditLog())
    .filter((entry) => entry.targetId === targetId)
    .reverse()
    .map(({ userId, action, targetType, details }) => ({ userId, action, targetType, details }));
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  moderator = await hub.user('moderator');
  contributor = await hub.user('contributor');
  otherContributor = await hub.user('contributor');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Muséum d’Orléans'), token: contributor.token });
  const trusted = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Centre•Sciences'), token: contributor.token });
  expect([actor.status, trusted.status]).toEqual([201, 201]);
  actorId = actor.body.id;
  trustedActorId = trusted.body.id;
});

afterAll(async () => {
  await hub.close();
});

describe('the moderation flow', () => {
  it('keeps a draft private, queues it once submitted, and publishes it on approval', async () => {
    const draft = await createEvent(contributor, event('Atelier fossiles'));
    expect(draft).toMatchObject({ status: 'draft', version: 1, publishedAt: null, rejectReason: null, actorId, authorId: contributor.id });
    expect(await publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    // Only its owners and moderators can see a draft at all.
    expect((await manage(contributor, draft.id)).status).toBe(200);
    expect((await manage(moderator, draft.id)).status).toBe(200);
    expect((await manage(otherContributor, draft.id)).status).toBe(404);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${draft.id}/manage` })).status).toBe(401);
    expect(await queueIds()).not.toContain(draft.id);

    const submitted = await submit(contributor, draft.id);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'pending', version: 2 });
    expect(await queueIds()).toContain(draft.id);
    expect(await publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    // The queue is the moderators': a contributor is refused it, and cannot approve.
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/queue', token: contributor.token })).status).toBe(403);
    expect((await approve(contributor, [draft.id])).status).toBe(403);
    expect((await manage(contributor, draft.id)).body.status).toBe('pending');

    const approved = await approve(moderator, [draft.id]);
    expect(approved.status).toBe(200);
    expect(approved.body.items).toHaveLength(1);
    const published = approved.body.items[0] as ContentView;
    expect(published).toMatchObject({ id: draft.id, status: 'published', version: 3 });
    expect(published.publishedAt).not.toBeNull();
    expect(await queueIds()).not.toContain(draft.id);
    expect(await publicly(draft)).toEqual({ byId: 200, bySlug: 200, listed: true });

    const byId = await hub.request<Record<string, unknown>>({ method: 'GET', url: `/api/v1/events/${draft.id}` });
    const bySlug = await hub.request<Record<string, unknown>>({ method: 'GET', url: `/api/v1/events/by-slug/${draft.slug}` });
    expect(byId.body).toMatchObject({ id: draft.id, hub: 'centre-val-de-loire', slug: 'atelier-fossiles', version: 3, title: 'Atelier fossiles', eventStatus: 'scheduled', url: 'http://hub.test/events/atelier-fossiles' });
    expect(bySlug.body).toEqual(byId.body);
  });

  it('rejects with a reason only the owner sees, and an edit of rejected content makes it a draft again', async () => {
    const draft = await createEvent(contributor, event('Conférence refusée'));
    await submit(contributor, draft.id);
    const rejected = await reject(moderator, [draft.id], 'Le lieu manque : précisez l’adresse.');
    expect(rejected.status).toBe(200);
    expect(rejected.body.items[0]).toMatchObject({ status: 'rejected', rejectReason: 'Le lieu manque : précisez l’adresse.', version: 3 });

    const owner = await manage(contributor, draft.id);
    expect(owner.body).toMatchObject({ status: 'rejected', rejectReason: 'Le lieu manque : précisez l’adresse.' });
    expect(await publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect(await queueIds()).not.toContain(draft.id);
    expect((await manage(otherContributor, draft.id)).status).toBe(404);

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${draft.id}`, payload: event('Conférence corrigée'), token: contributor.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', rejectReason: null, version: 4 });
    expect((await submit(contributor, draft.id)).body).toMatchObject({ status: 'pending', version: 5 });
    expect(await queueIds()).toContain(draft.id);
  });

  it('approves in bulk all or nothing: one unknown id among three changes none of them', async () => {
    const first = await createEvent(contributor, event('Lot A'));
    const second = await createEvent(contributor, event('Lot B'));
    await submit(contributor, first.id);
    await submit(contributor, second.id);
    const unknown = '01935c1e-0000-7000-8000-000000000000';

    const response = await approve(moderator, [first.id, unknown, second.id]);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found', field: 'ids' });
    for (const id of [first.id, second.id]) expect((await manage(contributor, id)).body).toMatchObject({ status: 'pending', version: 2 });
    expect(await auditOf(first.id)).toEqual([]);
    expect(await auditOf(second.id)).toEqual([]);
    expect(await publicly(first)).toMatchObject({ byId: 404, listed: false });

    // The same for reject.
    expect((await reject(moderator, [unknown, first.id], 'doublon')).status).toBe(404);
    expect((await manage(contributor, first.id)).body).toMatchObject({ status: 'pending', rejectReason: null, version: 2 });

    const both = await approve(moderator, [first.id, second.id]);
    expect(both.status).toBe(200);
    expect(both.body.items.map((item) => [item.id, item.status]).sort()).toEqual([[first.id, 'published'], [second.id, 'published']].sort());
  });

  it('publishes directly on submit for a verified actor, and keeps its edits published', async () => {
    const before = await createEvent(contributor, event('Avant vérification', {}, trustedActorId));
    expect((await submit(contributor, before.id)).body.status).toBe('pending');

    expect((await hub.request({ method: 'POST', url: `/api/v1/actors/${trustedActorId}/verify`, payload: { verified: true }, token: contributor.token })).status).toBe(403);
    const verified = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/actors/${trustedActorId}/verify`, payload: { verified: true }, token: moderator.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: trustedActorId, type: 'actor', verified: true });
    expect(await auditOf(trustedActorId)).toEqual([{ userId: moderator.id, action: 'verify', targetType: 'actor', details: null }]);

    const draft = await createEvent(contributor, event('Nuit des étoiles vérifiée', {}, trustedActorId));
    expect(draft.status).toBe('draft');
    const submitted = await submit(contributor, draft.id);
    expect(submitted.body).toMatchObject({ status: 'published', version: 2 });
    expect(await publicly(draft)).toEqual({ byId: 200, bySlug: 200, listed: true });
    expect(await queueIds()).not.toContain(draft.id);

    const direct = await createEvent(contributor, event('Publié à la création', {}, trustedActorId), true);
    expect(direct.status).toBe('published');

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${draft.id}`, payload: event('Nuit des étoiles, nouvel horaire', {}, trustedActorId), token: contributor.token });
    expect(edited.body).toMatchObject({ status: 'published', version: 3 });
    const served = await hub.request<{ title: string; version: number }>({ method: 'GET', url: `/api/v1/events/${draft.id}` });
    expect(served.body).toMatchObject({ title: 'Nuit des étoiles, nouvel horaire', version: 3 });
  });

  it("sends a non-verified contributor's edit of published content back to moderation, out of the public API", async () => {
    const published = await publishedEvent('Café des sciences');
    expect(await publicly(published)).toEqual({ byId: 200, bySlug: 200, listed: true });

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: event('Café des sciences (modifié)'), token: contributor.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'pending', version: 4 });
    expect(await publicly(published)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect(await queueIds()).toContain(published.id);

    // A moderator's own edit of published content needs no second look.
    expect((await approve(moderator, [published.id])).body.items[0]).toMatchObject({ status: 'published', version: 5 });
    const byModerator = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: event('Café des sciences (horaires)'), token: moderator.token });
    expect(byModerator.body).toMatchObject({ status: 'published', version: 6 });
    expect((await hub.request<{ title: string }>({ method: 'GET', url: `/api/v1/events/${published.id}` })).body.title).toBe('Café des sciences (horaires)');
  });

  it('lets a moderator unpublish and delete, and refuses both to another contributor', async () => {
    const published = await publishedEvent('Exposition à retirer');
    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${published.id}/unpublish`, token: otherContributor.token })).status).toBe(403);
    const unpublished = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/events/${published.id}/unpublish`, token: moderator.token });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body).toMatchObject({ status: 'draft', version: 4 });
    expect(await publicly(published)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect((await manage(contributor, published.id)).body.status).toBe('draft');

    const doomed = await publishedEvent('Atelier à supprimer');
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: otherContributor.token })).status).toBe(403);
    expect(await publicly(doomed)).toEqual({ byId: 200, bySlug: 200, listed: true });
    const deleted = await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: moderator.token });
    expect(deleted.status).toBe(204);
    expect(await publicly(doomed)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect((await manage(contributor, doomed.id)).status).toBe(404);
    expect((await manage(moderator, doomed.id)).status).toBe(404);
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: moderator.token })).status).toBe(404);

    expect(await auditOf(published.id)).toEqual([
      { userId: moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: moderator.id, action: 'unpublish', targetType: 'event', details: null },
    ]);
    expect(await auditOf(doomed.id)).toEqual([
      { userId: moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: moderator.id, action: 'delete', targetType: 'event', details: null },
    ]);
  });
});

describe('the audit log', () => {
  it("records each moderator and admin action with who, what and on what, and nothing of contributors' own", async () => {
    const first = await createEvent(contributor, event('Audit A'));
    const second = await createEvent(contributor, event('Audit B'));
    await submit(contributor, first.id);
    await submit(contributor, second.id);
    expect(await auditOf(first.id)).toEqual([]);

    await approve(admin, [first.id]);
    await reject(moderator, [second.id], 'Hors sujet');
    await hub.request({ method: 'POST', url: `/api/v1/events/${first.id}/unpublish`, token: admin.token });
    await hub.request({ method: 'DELETE', url: `/api/v1/events/${second.id}`, token: moderator.token });
    expect(await auditOf(first.id)).toEqual([
      { userId: admin.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: admin.id, action: 'unpublish', targetType: 'event', details: null },
    ]);
    expect(await auditOf(second.id)).toEqual([
      { userId: moderator.id, action: 'reject', targetType: 'event', details: { reason: 'Hors sujet', changed: { moderation: { from: 'pending', to: 'rejected' } } } },
      { userId: moderator.id, action: 'delete', targetType: 'event', details: null },
    ]);

    // An owner taking down or deleting their own content is not an operator action.
    const own = await publishedEvent('Retrait par son auteur');
    await hub.request({ method: 'POST', url: `/api/v1/events/${own.id}/unpublish`, token: contributor.token });
    await hub.request({ method: 'DELETE', url: `/api/v1/events/${own.id}`, token: contributor.token });
    expect((await auditOf(own.id)).map((entry) => entry.action)).toEqual(['approve']);

    // Operators' account actions.
    const newcomer = await hub.user('member');
    const roleChange = await hub.request({ method: 'PUT', url: `/api/v1/admin/users/${newcomer.id}/role`, payload: { role: 'contributor' }, token: admin.token });
    expect(roleChange.status).toBe(200);
    expect(await auditOf(newcomer.id)).toEqual([{ userId: admin.id, action: 'set-role', targetType: 'user', details: { role: 'contributor' } }]);
    const membership = await hub.request({ method: 'POST', url: `/api/v1/admin/actors/${actorId}/members`, payload: { email: newcomer.email }, token: moderator.token });
    expect(membership.status).toBe(200);
    expect((await auditOf(actorId)).filter((entry) => entry.action === 'add-actor-member')).toEqual([
      { userId: moderator.id, action: 'add-actor-member', targetType: 'actor', details: { userId: newcomer.id } },
    ]);

    // Newest first, and only for moderators.
    const log = await auditLog();
    const ats = log.map((entry) => entry.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit', token: contributor.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit' })).status).toBe(401);
  });

  it("records a moderator's edit and direct publication of a contributor's content", async () => {
    const published = await publishedEvent('Conférence corrigée par la modération');
    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: event('Conférence (titre corrigé)'), token: moderator.token });
    expect(edited.status).toBe(200);

    const draft = await createEvent(contributor, event('Brouillon publié par la modération'));
    const submitted = await submit(moderator, draft.id);
    expect(submitted.body.status).toBe('published');

    expect(await auditOf(published.id)).toEqual([
      { userId: moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: moderator.id, action: 'update', targetType: 'event', details: { changed: expect.objectContaining({ title: { from: 'Conférence corrigée par la modération', to: 'Conférence (titre corrigé)' } }) } },
    ]);
    expect(await auditOf(draft.id)).toEqual([{ userId: moderator.id, action: 'submit', targetType: 'event', details: { changed: { moderation: { from: 'draft', to: 'published' } } } }]);
  });

  it('says who did it and to what in words, and filters by person, action, target type and period', async () => {
    const published = await publishedEvent('Exposition lisible au journal');
    const approvals = await hub.request<Page<AuditEntry>>({ method: 'GET', url: `/api/v1/moderation/audit?action=approve&type=event&user=${moderator.id}`, token: moderator.token });
    expect(approvals.status).toBe(200);
    expect(approvals.body.items.length).toBeGreaterThan(0);
    expect(approvals.body.items.every((entry) => entry.action === 'approve' && entry.targetType === 'event' && entry.userId === moderator.id)).toBe(true);
    const entry = approvals.body.items.find((item) => item.targetId === published.id);
    expect(entry?.who).toEqual({ name: expect.any(String), role: 'moderator' });
    expect(entry?.target).toEqual({ title: 'Exposition lisible au journal', slug: published.slug });
    const today = new Date().toISOString().slice(0, 10);
    const inPeriod = await hub.request<Page<AuditEntry>>({ method: 'GET', url: `/api/v1/moderation/audit?from=${today}&to=${today}&action=approve`, token: moderator.token });
    expect(inPeriod.body.items.some((item) => item.targetId === published.id)).toBe(true);
    const before = await hub.request<Page<AuditEntry>>({ method: 'GET', url: '/api/v1/moderation/audit?to=2000-01-01', token: moderator.token });
    expect(before.body.items).toEqual([]);
    const bad = await hub.request<{ field?: string }>({ method: 'GET', url: '/api/v1/moderation/audit?from=yesterday', token: moderator.token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });

  it('names the people who acted (the person filter) and the accounts the details mention', async () => {
    const people = await hub.request<{ id: string; name: string; role: string }[]>({ method: 'GET', url: '/api/v1/moderation/audit/people', token: moderator.token });
    expect(people.status).toBe(200);
    expect(people.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: moderator.id, role: 'moderator' }), expect.objectContaining({ id: admin.id, role: 'admin' })]));
    // Only people who acted: the contributor has no entry of their own.
    expect(people.body.some((person) => person.id === contributor.id)).toBe(false);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit/people', token: contributor.token })).status).toBe(403);
    const memberships = await hub.request<Page<AuditEntry>>({ method: 'GET', url: '/api/v1/moderation/audit?action=add-actor-member', token: moderator.token });
    const added = memberships.body.items[0];
    const userId = (added?.details as { userId: string }).userId;
    expect(added?.mentioned?.[userId]).toEqual(expect.any(String));
  });
});

describe('reports', () => {
  it('takes reports of published content from anyone, and 404s for drafts and unknown ids', async () => {
    const published = await publishedEvent('Événement signalé');
    const draft = await createEvent(contributor, event('Brouillon non signalable'));

    const anonymous = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'inaccurate', details: 'La date est fausse.' }, remoteAddress: '192.0.2.10' });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const member = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'spam' }, token: otherContributor.token, remoteAddress: '192.0.2.10' });
    expect(member.status).toBe(201);

    const ofDraft = await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: draft.id, reason: 'spam' }, remoteAddress: '192.0.2.10' });
    expect(ofDraft.status).toBe(404);
    const ofUnknown = await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: '01935c1e-0000-7000-8000-0000000000ff', reason: 'spam' }, remoteAddress: '192.0.2.10' });
    expect(ofUnknown.status).toBe(404);

    const open = await hub.request<{ items: ReportEntry[] }>({ method: 'GET', url: '/api/v1/moderation/reports', token: moderator.token });
    expect(open.status).toBe(200);
    const ours = open.body.items.filter((report) => report.contentId === published.id);
    expect(ours).toEqual([
      expect.objectContaining({ id: anonymous.body.id, reason: 'inaccurate', details: 'La date est fausse.', reporterId: null, resolvedAt: null }),
      expect.objectContaining({ id: member.body.id, reason: 'spam', details: null, reporterId: otherContributor.id, resolvedAt: null }),
    ]);
    expect(open.body.items.some((report) => report.contentId === draft.id)).toBe(false);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/reports', token: contributor.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/reports' })).status).toBe(401);
  });

  it('refuses a sixth report in a minute from one address, not from another', async () => {
    const published = await publishedEvent('Événement très signalé');
    const statuses: number[] = [];
    for (let n = 0; n < 6; n += 1) {
      statuses.push((await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'other' }, remoteAddress: '198.51.100.7' })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await hub.request<{ error: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'other' }, remoteAddress: '198.51.100.7' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect((await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'other' }, remoteAddress: '198.51.100.8' })).status).toBe(201);
  });

  it('lets moderators resolve a report, which closes it and is audited', async () => {
    const published = await publishedEvent('Événement à vérifier');
    const report = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'duplicate' }, remoteAddress: '203.0.113.5' });
    expect(report.status).toBe(201);

    expect((await hub.request({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'non' }, token: contributor.token })).status).toBe(403);
    const resolved = await hub.request<ReportEntry>({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'Doublon fusionné.' }, token: moderator.token });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: report.body.id, contentId: published.id, resolvedBy: moderator.id, resolution: 'Doublon fusionné.' });
    expect(resolved.body.resolvedAt).not.toBeNull();

    const open = await hub.request<{ items: ReportEntry[] }>({ method: 'GET', url: '/api/v1/moderation/reports?limit=100', token: moderator.token });
    expect(open.body.items.map((item) => item.id)).not.toContain(report.body.id);
    expect(await auditOf(report.body.id)).toEqual([{ userId: moderator.id, action: 'resolve-report', targetType: 'report', details: { resolution: 'Doublon fusionné.' } }]);

    // Resolving again changes nothing and adds nothing to the log.
    const again = await hub.request<ReportEntry>({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'encore' }, token: moderator.token });
    expect(again.body.resolution).toBe('Doublon fusionné.');
    expect(await auditOf(report.body.id)).toHaveLength(1);
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/reports/01935c1e-0000-7000-8000-0000000000aa/resolve', payload: { resolution: 'x' }, token: moderator.token })).status).toBe(404);
  });
});

describe('the members directory', () => {
  it('shows a profile to logged-in members only, and hides an unlisted one', async () => {
    const camille = await hub.user('member', 'camille');
    const lea = await hub.user('member', 'lea');
    const profile = { displayName: 'Camille Martin', headline: 'Médiatrice scientifique', skills: ['astronomie'], disciplines: ['astronomy'], contact: { email: 'camille@example.org' } };
    const saved = await hub.request<{ userId: string; displayName: string }>({ method: 'PUT', url: '/api/v1/me/profile', payload: profile, token: camille.token });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ userId: camille.id, displayName: 'Camille Martin', headline: 'Médiatrice scientifique' });

    const directory = await hub.request<Page<{ userId: string; displayName: string }>>({ method: 'GET', url: '/api/v1/members', token: lea.token });
    expect(directory.status).toBe(200);
    expect(directory.body.items.find((item) => item.userId === camille.id)).toMatchObject({ displayName: 'Camille Martin', skills: ['astronomie'] });
    expect((await hub.request({ method: 'GET', url: `/api/v1/members/${camille.id}`, token: lea.token })).status).toBe(200);
    const search = await hub.request<Page<{ userId: string }>>({ method: 'GET', url: '/api/v1/members?q=mediatrice', token: lea.token });
    expect(search.body.items.map((item) => item.userId)).toEqual([camille.id]);

    expect((await hub.request({ method: 'GET', url: '/api/v1/members' })).status).toBe(401);
    expect((await hub.request({ method: 'GET', url: `/api/v1/members/${camille.id}` })).status).toBe(401);
    expect((await hub.request({ method: 'PUT', url: '/api/v1/me/profile', payload: profile })).status).toBe(401);

    expect((await hub.request({ method: 'PUT', url: '/api/v1/me/profile', payload: { ...profile, listed: false }, token: camille.token })).status).toBe(200);
    const after = await hub.request<Page<{ userId: string }>>({ method: 'GET', url: '/api/v1/members', token: lea.token });
    expect(after.body.items.map((item) => item.userId)).not.toContain(camille.id);
    expect((await hub.request({ method: 'GET', url: `/api/v1/members/${camille.id}`, token: lea.token })).status).toBe(404);
  });

  it('gives its owner their profile, unlisted too, and nobody else', async () => {
    const noa = await hub.user('member', 'noa');
    expect((await hub.request({ method: 'GET', url: '/api/v1/me/profile', token: noa.token })).status).toBe(404);
    const profile = { displayName: 'Noa Petit', headline: 'Animatrice', listed: false };
    expect((await hub.request({ method: 'PUT', url: '/api/v1/me/profile', payload: profile, token: noa.token })).status).toBe(200);
    const own = await hub.request<{ userId: string; listed: boolean; headline?: string }>({ method: 'GET', url: '/api/v1/me/profile', token: noa.token });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ userId: noa.id, listed: false, headline: 'Animatrice' });
    expect((await hub.request({ method: 'GET', url: '/api/v1/me/profile' })).status).toBe(401);
  });
});

describe('private contact emails', () => {
  it('never serves an event contactEmail or an actor email publicly, nor puts them in the feed', async () => {
    const actorEmail = 'direction-privee@museum.example';
    const eventEmail = 'mediation-privee@museum.example';
    const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors?submit=true', payload: actorInput('Muséum secret', { email: actorEmail }), token: moderator.token });
    expect(actor.body.status).toBe('published');
    const published = await createEvent(moderator, event('Rencontre confidentielle', { contactEmail: eventEmail }, actor.body.id), true);
    expect(published.status).toBe('published');
    // Stored, and shown to those who manage the content, so the checks below are not vacuous.
    expect((await manage(moderator, published.id)).body.data).toMatchObject({ contactEmail: eventEmail });
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
