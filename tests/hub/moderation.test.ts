import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { AuditEntry, ReportView } from '@constellation/shared';
import { startModerationHub, type ModerationHub, type Page } from './moderation-hub.ts';

/*
 * Moderation through the HTTP API: the states content goes through, who sees it in each,
 * the audit log of moderators' and admins' actions, reports, and the members directory.
 * The hub and the requests these tests make are in moderation-hub.ts.
 */

let hub: ModerationHub;
beforeAll(async () => (hub = await startModerationHub()));
afterAll(() => hub?.close());

describe('the moderation flow', () => {
  it('keeps a draft private, queues it once submitted, and publishes it on approval', async () => {
    const draft = await hub.createEvent(hub.contributor, hub.event('Atelier fossiles'));
    expect(draft).toMatchObject({ status: 'draft', version: 1, publishedAt: null, rejectReason: null, actorId: hub.actorId, authorId: hub.contributor.id });
    expect(await hub.publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    // Only its owners and moderators can see a draft at all.
    expect((await hub.manage(hub.contributor, draft.id)).status).toBe(200);
    expect((await hub.manage(hub.moderator, draft.id)).status).toBe(200);
    expect((await hub.manage(hub.otherContributor, draft.id)).status).toBe(404);
    expect((await hub.request({ method: 'GET', url: `/api/v1/events/${draft.id}/manage` })).status).toBe(401);
    expect(await hub.queueIds()).not.toContain(draft.id);

    const submitted = await hub.submit(hub.contributor, draft.id);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'pending', version: 2 });
    expect(await hub.queueIds()).toContain(draft.id);
    expect(await hub.publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    // The queue is the moderators': a contributor is refused it, and cannot approve.
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/queue', token: hub.contributor.token })).status).toBe(403);
    expect((await hub.approve(hub.contributor, [draft.id])).status).toBe(403);
    expect((await hub.manage(hub.contributor, draft.id)).body.status).toBe('pending');

    const approved = await hub.approve(hub.moderator, [draft.id]);
    expect(approved.status).toBe(200);
    expect(approved.body.items).toHaveLength(1);
    const published = approved.body.items[0] as ContentView;
    expect(published).toMatchObject({ id: draft.id, status: 'published', version: 3 });
    expect(published.publishedAt).not.toBeNull();
    expect(await hub.queueIds()).not.toContain(draft.id);
    expect(await hub.publicly(draft)).toEqual({ byId: 200, bySlug: 200, listed: true });

    const byId = await hub.request<Record<string, unknown>>({ method: 'GET', url: `/api/v1/events/${draft.id}` });
    const bySlug = await hub.request<Record<string, unknown>>({ method: 'GET', url: `/api/v1/events/by-slug/${draft.slug}` });
    expect(byId.body).toMatchObject({ id: draft.id, hub: 'centre-val-de-loire', slug: 'atelier-fossiles', version: 3, title: 'Atelier fossiles', eventStatus: 'scheduled', url: 'http://hub.test/events/atelier-fossiles' });
    expect(bySlug.body).toEqual(byId.body);
  });

  it('rejects with a reason only the owner sees, and an edit of rejected content makes it a draft again', async () => {
    const draft = await hub.createEvent(hub.contributor, hub.event('Conférence refusée'));
    await hub.submit(hub.contributor, draft.id);
    const rejected = await hub.reject(hub.moderator, [draft.id], 'Le lieu manque : précisez l’adresse.');
    expect(rejected.status).toBe(200);
    expect(rejected.body.items[0]).toMatchObject({ status: 'rejected', rejectReason: 'Le lieu manque : précisez l’adresse.', version: 3 });

    const owner = await hub.manage(hub.contributor, draft.id);
    expect(owner.body).toMatchObject({ status: 'rejected', rejectReason: 'Le lieu manque : précisez l’adresse.' });
    expect(await hub.publicly(draft)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect(await hub.queueIds()).not.toContain(draft.id);
    expect((await hub.manage(hub.otherContributor, draft.id)).status).toBe(404);

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${draft.id}`, payload: hub.event('Conférence corrigée'), token: hub.contributor.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', rejectReason: null, version: 4 });
    expect((await hub.submit(hub.contributor, draft.id)).body).toMatchObject({ status: 'pending', version: 5 });
    expect(await hub.queueIds()).toContain(draft.id);
  });

  it('approves in bulk all or nothing: one unknown id among three changes none of them', async () => {
    const first = await hub.createEvent(hub.contributor, hub.event('Lot A'));
    const second = await hub.createEvent(hub.contributor, hub.event('Lot B'));
    await hub.submit(hub.contributor, first.id);
    await hub.submit(hub.contributor, second.id);
    const unknown = '01935c1e-0000-7000-8000-000000000000';

    const response = await hub.approve(hub.moderator, [first.id, unknown, second.id]);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found', field: 'ids' });
    for (const id of [first.id, second.id]) expect((await hub.manage(hub.contributor, id)).body).toMatchObject({ status: 'pending', version: 2 });
    expect(await hub.auditOf(first.id)).toEqual([]);
    expect(await hub.auditOf(second.id)).toEqual([]);
    expect(await hub.publicly(first)).toMatchObject({ byId: 404, listed: false });

    // The same for reject.
    expect((await hub.reject(hub.moderator, [unknown, first.id], 'doublon')).status).toBe(404);
    expect((await hub.manage(hub.contributor, first.id)).body).toMatchObject({ status: 'pending', rejectReason: null, version: 2 });

    const both = await hub.approve(hub.moderator, [first.id, second.id]);
    expect(both.status).toBe(200);
    expect(both.body.items.map((item) => [item.id, item.status]).sort()).toEqual([[first.id, 'published'], [second.id, 'published']].sort());
  });

  it('publishes directly on submit for a verified actor, and keeps its edits published', async () => {
    const before = await hub.createEvent(hub.contributor, hub.event('Avant vérification', {}, hub.trustedActorId));
    expect((await hub.submit(hub.contributor, before.id)).body.status).toBe('pending');

    expect((await hub.request({ method: 'POST', url: `/api/v1/actors/${hub.trustedActorId}/verify`, payload: { verified: true }, token: hub.contributor.token })).status).toBe(403);
    const verified = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/actors/${hub.trustedActorId}/verify`, payload: { verified: true }, token: hub.moderator.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: hub.trustedActorId, type: 'actor', verified: true });
    expect(await hub.auditOf(hub.trustedActorId)).toEqual([{ userId: hub.moderator.id, action: 'verify', targetType: 'actor', details: null }]);

    const draft = await hub.createEvent(hub.contributor, hub.event('Nuit des étoiles vérifiée', {}, hub.trustedActorId));
    expect(draft.status).toBe('draft');
    const submitted = await hub.submit(hub.contributor, draft.id);
    expect(submitted.body).toMatchObject({ status: 'published', version: 2 });
    expect(await hub.publicly(draft)).toEqual({ byId: 200, bySlug: 200, listed: true });
    expect(await hub.queueIds()).not.toContain(draft.id);

    const direct = await hub.createEvent(hub.contributor, hub.event('Publié à la création', {}, hub.trustedActorId), true);
    expect(direct.status).toBe('published');

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${draft.id}`, payload: hub.event('Nuit des étoiles, nouvel horaire', {}, hub.trustedActorId), token: hub.contributor.token });
    expect(edited.body).toMatchObject({ status: 'published', version: 3 });
    const served = await hub.request<{ title: string; version: number }>({ method: 'GET', url: `/api/v1/events/${draft.id}` });
    expect(served.body).toMatchObject({ title: 'Nuit des étoiles, nouvel horaire', version: 3 });
  });

  it("sends a non-verified contributor's edit of published content back to moderation, out of the public API", async () => {
    const published = await hub.publishedEvent('Café des sciences');
    expect(await hub.publicly(published)).toEqual({ byId: 200, bySlug: 200, listed: true });

    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: hub.event('Café des sciences (modifié)'), token: hub.contributor.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'pending', version: 4 });
    expect(await hub.publicly(published)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect(await hub.queueIds()).toContain(published.id);

    // A moderator's own edit of published content needs no second look.
    expect((await hub.approve(hub.moderator, [published.id])).body.items[0]).toMatchObject({ status: 'published', version: 5 });
    const byModerator = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: hub.event('Café des sciences (horaires)'), token: hub.moderator.token });
    expect(byModerator.body).toMatchObject({ status: 'published', version: 6 });
    expect((await hub.request<{ title: string }>({ method: 'GET', url: `/api/v1/events/${published.id}` })).body.title).toBe('Café des sciences (horaires)');
  });

  it('lets a moderator unpublish and delete, and refuses both to another contributor', async () => {
    const published = await hub.publishedEvent('Exposition à retirer');
    expect((await hub.request({ method: 'POST', url: `/api/v1/events/${published.id}/unpublish`, token: hub.otherContributor.token })).status).toBe(403);
    const unpublished = await hub.request<ContentView>({ method: 'POST', url: `/api/v1/events/${published.id}/unpublish`, token: hub.moderator.token });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body).toMatchObject({ status: 'draft', version: 4 });
    expect(await hub.publicly(published)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect((await hub.manage(hub.contributor, published.id)).body.status).toBe('draft');

    const doomed = await hub.publishedEvent('Atelier à supprimer');
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: hub.otherContributor.token })).status).toBe(403);
    expect(await hub.publicly(doomed)).toEqual({ byId: 200, bySlug: 200, listed: true });
    const deleted = await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: hub.moderator.token });
    expect(deleted.status).toBe(204);
    expect(await hub.publicly(doomed)).toEqual({ byId: 404, bySlug: 404, listed: false });
    expect((await hub.manage(hub.contributor, doomed.id)).status).toBe(404);
    expect((await hub.manage(hub.moderator, doomed.id)).status).toBe(404);
    expect((await hub.request({ method: 'DELETE', url: `/api/v1/events/${doomed.id}`, token: hub.moderator.token })).status).toBe(404);

    expect(await hub.auditOf(published.id)).toEqual([
      { userId: hub.moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: hub.moderator.id, action: 'unpublish', targetType: 'event', details: null },
    ]);
    expect(await hub.auditOf(doomed.id)).toEqual([
      { userId: hub.moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: hub.moderator.id, action: 'delete', targetType: 'event', details: null },
    ]);
  });
});

describe('the audit log', () => {
  it("records each moderator and admin action with who, what and on what, and nothing of contributors' own", async () => {
    const first = await hub.createEvent(hub.contributor, hub.event('Audit A'));
    const second = await hub.createEvent(hub.contributor, hub.event('Audit B'));
    await hub.submit(hub.contributor, first.id);
    await hub.submit(hub.contributor, second.id);
    expect(await hub.auditOf(first.id)).toEqual([]);

    await hub.approve(hub.admin, [first.id]);
    await hub.reject(hub.moderator, [second.id], 'Hors sujet');
    await hub.request({ method: 'POST', url: `/api/v1/events/${first.id}/unpublish`, token: hub.admin.token });
    await hub.request({ method: 'DELETE', url: `/api/v1/events/${second.id}`, token: hub.moderator.token });
    expect(await hub.auditOf(first.id)).toEqual([
      { userId: hub.admin.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: hub.admin.id, action: 'unpublish', targetType: 'event', details: null },
    ]);
    expect(await hub.auditOf(second.id)).toEqual([
      { userId: hub.moderator.id, action: 'reject', targetType: 'event', details: { reason: 'Hors sujet', changed: { moderation: { from: 'pending', to: 'rejected' } } } },
      { userId: hub.moderator.id, action: 'delete', targetType: 'event', details: null },
    ]);

    // An owner taking down or deleting their own content is not an operator action.
    const own = await hub.publishedEvent('Retrait par son auteur');
    await hub.request({ method: 'POST', url: `/api/v1/events/${own.id}/unpublish`, token: hub.contributor.token });
    await hub.request({ method: 'DELETE', url: `/api/v1/events/${own.id}`, token: hub.contributor.token });
    expect((await hub.auditOf(own.id)).map((entry) => entry.action)).toEqual(['approve']);

    // Operators' account actions.
    const newcomer = await hub.user('member');
    const roleChange = await hub.request({ method: 'PUT', url: `/api/v1/admin/users/${newcomer.id}/role`, payload: { role: 'contributor' }, token: hub.admin.token });
    expect(roleChange.status).toBe(200);
    expect(await hub.auditOf(newcomer.id)).toEqual([{ userId: hub.admin.id, action: 'set-role', targetType: 'user', details: { role: 'contributor' } }]);
    const membership = await hub.request({ method: 'POST', url: `/api/v1/admin/actors/${hub.actorId}/members`, payload: { email: newcomer.email }, token: hub.moderator.token });
    expect(membership.status).toBe(200);
    expect((await hub.auditOf(hub.actorId)).filter((entry) => entry.action === 'add-actor-member')).toEqual([
      { userId: hub.moderator.id, action: 'add-actor-member', targetType: 'actor', details: { userId: newcomer.id } },
    ]);

    // Newest first, and only for moderators.
    const log = await hub.auditLog();
    const ats = log.map((entry) => entry.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit', token: hub.contributor.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit' })).status).toBe(401);
  });

  it("records a moderator's edit and direct publication of a contributor's content", async () => {
    const published = await hub.publishedEvent('Conférence corrigée par la modération');
    const edited = await hub.request<ContentView>({ method: 'PUT', url: `/api/v1/events/${published.id}`, payload: hub.event('Conférence (titre corrigé)'), token: hub.moderator.token });
    expect(edited.status).toBe(200);

    const draft = await hub.createEvent(hub.contributor, hub.event('Brouillon publié par la modération'));
    const submitted = await hub.submit(hub.moderator, draft.id);
    expect(submitted.body.status).toBe('published');

    expect(await hub.auditOf(published.id)).toEqual([
      { userId: hub.moderator.id, action: 'approve', targetType: 'event', details: { changed: { moderation: { from: 'pending', to: 'published' } } } },
      { userId: hub.moderator.id, action: 'update', targetType: 'event', details: { changed: expect.objectContaining({ title: { from: 'Conférence corrigée par la modération', to: 'Conférence (titre corrigé)' } }) } },
    ]);
    expect(await hub.auditOf(draft.id)).toEqual([{ userId: hub.moderator.id, action: 'submit', targetType: 'event', details: { changed: { moderation: { from: 'draft', to: 'published' } } } }]);
  });

  it('says who did it and to what in words, and filters by person, action, target type and period', async () => {
    const published = await hub.publishedEvent('Exposition lisible au journal');
    const approvals = await hub.request<Page<AuditEntry>>({ method: 'GET', url: `/api/v1/moderation/audit?action=approve&type=event&user=${hub.moderator.id}`, token: hub.moderator.token });
    expect(approvals.status).toBe(200);
    expect(approvals.body.items.length).toBeGreaterThan(0);
    expect(approvals.body.items.every((entry) => entry.action === 'approve' && entry.targetType === 'event' && entry.userId === hub.moderator.id)).toBe(true);
    const entry = approvals.body.items.find((item) => item.targetId === published.id);
    expect(entry?.who).toEqual({ name: expect.any(String), role: 'moderator' });
    expect(entry?.target).toEqual({ title: 'Exposition lisible au journal', slug: published.slug });
    const today = new Date().toISOString().slice(0, 10);
    const inPeriod = await hub.request<Page<AuditEntry>>({ method: 'GET', url: `/api/v1/moderation/audit?from=${today}&to=${today}&action=approve`, token: hub.moderator.token });
    expect(inPeriod.body.items.some((item) => item.targetId === published.id)).toBe(true);
    const before = await hub.request<Page<AuditEntry>>({ method: 'GET', url: '/api/v1/moderation/audit?to=2000-01-01', token: hub.moderator.token });
    expect(before.body.items).toEqual([]);
    const bad = await hub.request<{ field?: string }>({ method: 'GET', url: '/api/v1/moderation/audit?from=yesterday', token: hub.moderator.token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });

  it('names the people who acted (the person filter) and the accounts the details mention', async () => {
    const people = await hub.request<{ id: string; name: string; role: string }[]>({ method: 'GET', url: '/api/v1/moderation/audit/people', token: hub.moderator.token });
    expect(people.status).toBe(200);
    expect(people.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: hub.moderator.id, role: 'moderator' }), expect.objectContaining({ id: hub.admin.id, role: 'admin' })]));
    // Only people who acted: the contributor has no entry of their own.
    expect(people.body.some((person) => person.id === hub.contributor.id)).toBe(false);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/audit/people', token: hub.contributor.token })).status).toBe(403);
    const memberships = await hub.request<Page<AuditEntry>>({ method: 'GET', url: '/api/v1/moderation/audit?action=add-actor-member', token: hub.moderator.token });
    const added = memberships.body.items[0];
    const userId = (added?.details as { userId: string }).userId;
    expect(added?.mentioned?.[userId]).toEqual(expect.any(String));
  });
});

describe('reports', () => {
  it('takes reports of published content from anyone, and 404s for drafts and unknown ids', async () => {
    const published = await hub.publishedEvent('Événement signalé');
    const draft = await hub.createEvent(hub.contributor, hub.event('Brouillon non signalable'));

    const anonymous = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'inaccurate', details: 'La date est fausse.' }, remoteAddress: '192.0.2.10' });
    expect(anonymous.status).toBe(201);
    expect(anonymous.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const member = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'spam' }, token: hub.otherContributor.token, remoteAddress: '192.0.2.10' });
    expect(member.status).toBe(201);

    const ofDraft = await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: draft.id, reason: 'spam' }, remoteAddress: '192.0.2.10' });
    expect(ofDraft.status).toBe(404);
    const ofUnknown = await hub.request({ method: 'POST', url: '/api/v1/reports', payload: { contentId: '01935c1e-0000-7000-8000-0000000000ff', reason: 'spam' }, remoteAddress: '192.0.2.10' });
    expect(ofUnknown.status).toBe(404);

    const open = await hub.request<{ items: ReportView[] }>({ method: 'GET', url: '/api/v1/moderation/reports', token: hub.moderator.token });
    expect(open.status).toBe(200);
    const ours = open.body.items.filter((report) => report.contentId === published.id);
    expect(ours).toEqual([
      expect.objectContaining({ id: anonymous.body.id, reason: 'inaccurate', details: 'La date est fausse.', reporterId: null, resolvedAt: null }),
      expect.objectContaining({ id: member.body.id, reason: 'spam', details: null, reporterId: hub.otherContributor.id, resolvedAt: null }),
    ]);
    expect(open.body.items.some((report) => report.contentId === draft.id)).toBe(false);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/reports', token: hub.contributor.token })).status).toBe(403);
    expect((await hub.request({ method: 'GET', url: '/api/v1/moderation/reports' })).status).toBe(401);
  });

  it('refuses a sixth report in a minute from one address, not from another', async () => {
    const published = await hub.publishedEvent('Événement très signalé');
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
    const published = await hub.publishedEvent('Événement à vérifier');
    const report = await hub.request<{ id: string }>({ method: 'POST', url: '/api/v1/reports', payload: { contentId: published.id, reason: 'duplicate' }, remoteAddress: '203.0.113.5' });
    expect(report.status).toBe(201);

    expect((await hub.request({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'non' }, token: hub.contributor.token })).status).toBe(403);
    const resolved = await hub.request<ReportView>({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'Doublon fusionné.' }, token: hub.moderator.token });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: report.body.id, contentId: published.id, resolvedBy: hub.moderator.id, resolution: 'Doublon fusionné.' });
    expect(resolved.body.resolvedAt).not.toBeNull();

    const open = await hub.request<{ items: ReportView[] }>({ method: 'GET', url: '/api/v1/moderation/reports?limit=100', token: hub.moderator.token });
    expect(open.body.items.map((item) => item.id)).not.toContain(report.body.id);
    expect(await hub.auditOf(report.body.id)).toEqual([{ userId: hub.moderator.id, action: 'resolve-report', targetType: 'report', details: { resolution: 'Doublon fusionné.' } }]);

    // Resolving again changes nothing and adds nothing to the log.
    const again = await hub.request<ReportView>({ method: 'POST', url: `/api/v1/moderation/reports/${report.body.id}/resolve`, payload: { resolution: 'encore' }, token: hub.moderator.token });
    expect(again.body.resolution).toBe('Doublon fusionné.');
    expect(await hub.auditOf(report.body.id)).toHaveLength(1);
    expect((await hub.request({ method: 'POST', url: '/api/v1/moderation/reports/01935c1e-0000-7000-8000-0000000000aa/resolve', payload: { resolution: 'x' }, token: hub.moderator.token })).status).toBe(404);
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
