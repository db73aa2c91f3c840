import { expect } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { AuditEntry, EventInput } from '@constellation/shared';
import { startTestHub, type Response, type TestHub } from './support.ts';
import { actorInput, eventInput } from './event-inputs.ts';

/*
 * The hub of moderation.test.ts: a real test hub with an admin, a moderator and two
 * contributors, the first acting for two actors, and the requests those tests make
 * through the HTTP API, each checking its answer.
 */

export type User = Awaited<ReturnType<TestHub['user']>>;
export interface Page<T> {
  items: T[];
  next: string | null;
}

export class ModerationHub {
  private eventCounter = 0;

  constructor(
    readonly testHub: TestHub,
    readonly admin: User,
    readonly moderator: User,
    readonly contributor: User,
    readonly otherContributor: User,
    /** An actor `contributor` acts for, never verified. */
    readonly actorId: string,
    /** An actor `contributor` acts for, verified by a moderator in its own test. */
    readonly trustedActorId: string,
  ) {}

  request<T = unknown>(options: Parameters<TestHub['request']>[0]): Promise<Response<T>> {
    return this.testHub.request<T>(options);
  }

  user(...args: Parameters<TestHub['user']>): Promise<User> {
    return this.testHub.user(...args);
  }

  /** A valid event, each in its own week of December 2027 so list windows can find it alone. */
  event(title: string, overrides: Partial<EventInput> = {}, owner = this.actorId): EventInput {
    this.eventCounter += 1;
    const day = String(1 + (this.eventCounter % 28)).padStart(2, '0');
    return eventInput(owner, title, `2027-12-${day}T18:00:00+01:00`, `2027-12-${day}T20:00:00+01:00`, overrides);
  }

  async createEvent(user: User, input: EventInput, submit = false): Promise<ContentView> {
    const response = await this.request<ContentView>({ method: 'POST', url: `/api/v1/events${submit ? '?submit=true' : ''}`, payload: input, token: user.token });
    expect(response.status, response.text).toBe(201);
    return response.body;
  }

  async submit(user: User, id: string): Promise<Response<ContentView>> {
    return this.request<ContentView>({ method: 'POST', url: `/api/v1/events/${id}/submit`, token: user.token });
  }

  async approve(user: User, ids: string[]): Promise<Response<{ items: ContentView[] }>> {
    return this.request<{ items: ContentView[] }>({ method: 'POST', url: '/api/v1/moderation/approve', payload: { ids }, token: user.token });
  }

  async reject(user: User, ids: string[], reason: string): Promise<Response<{ items: ContentView[] }>> {
    return this.request<{ items: ContentView[] }>({ method: 'POST', url: '/api/v1/moderation/reject', payload: { ids, reason }, token: user.token });
  }

  async manage(user: User, id: string): Promise<Response<ContentView>> {
    return this.request<ContentView>({ method: 'GET', url: `/api/v1/events/${id}/manage`, token: user.token });
  }

  /** A published event, through the contributor's submit and a moderator's approval. */
  async publishedEvent(title: string, overrides: Partial<EventInput> = {}): Promise<ContentView> {
    const draft = await this.createEvent(this.contributor, this.event(title, overrides));
    expect((await this.submit(this.contributor, draft.id)).body.status).toBe('pending');
    const approved = await this.approve(this.moderator, [draft.id]);
    expect(approved.status, approved.text).toBe(200);
    return approved.body.items[0] as ContentView;
  }

  /** The ids of public events in December 2027 (every event of moderation.test.ts is there). */
  async listedEventIds(): Promise<string[]> {
    const response = await this.request<Page<{ event: { id: string } }>>({ method: 'GET', url: '/api/v1/events?from=2027-12-01&to=2027-12-31&limit=100' });
    expect(response.status, response.text).toBe(200);
    return response.body.items.map((item) => item.event.id);
  }

  /** What the public API says about an event: by id, by slug, and whether the list has it. */
  async publicly(view: ContentView): Promise<{ byId: number; bySlug: number; listed: boolean }> {
    const byId = await this.request({ method: 'GET', url: `/api/v1/events/${view.id}` });
    const bySlug = await this.request({ method: 'GET', url: `/api/v1/events/by-slug/${view.slug}` });
    return { byId: byId.status, bySlug: bySlug.status, listed: (await this.listedEventIds()).includes(view.id) };
  }

  async queueIds(): Promise<string[]> {
    const response = await this.request<Page<ContentView>>({ method: 'GET', url: '/api/v1/moderation/queue?limit=100', token: this.moderator.token });
    expect(response.status, response.text).toBe(200);
    for (const item of response.body.items) expect(item.status).toBe('pending');
    return response.body.items.map((item) => item.id);
  }

  /** The whole audit log, every page, newest first. */
  async auditLog(): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/moderation/audit?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await this.request<Page<AuditEntry>>({ method: 'GET', url, token: this.moderator.token });
      expect(response.status, response.text).toBe(200);
      entries.push(...response.body.items);
      cursor = response.body.next;
    } while (cursor !== null);
    return entries;
  }

  async auditOf(targetId: string): Promise<{ userId: string; action: string; targetType: string; details: unknown }[]> {
    return (await this.auditLog())
      .filter((entry) => entry.targetId === targetId)
      .reverse()
      .map(({ userId, action, targetType, details }) => ({ userId, action, targetType, details }));
  }

  close(): Promise<void> {
    return this.testHub.close();
  }
}

/** A test hub with the accounts and actors above. */
export async function startModerationHub(): Promise<ModerationHub> {
  const hub = await startTestHub();
  const admin = await hub.user('admin');
  const moderator = await hub.user('moderator');
  const contributor = await hub.user('contributor');
  const otherContributor = await hub.user('contributor');
  const actor = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Muséum d’Orléans'), token: contributor.token });
  const trusted = await hub.request<ContentView>({ method: 'POST', url: '/api/v1/actors', payload: actorInput('Centre•Sciences'), token: contributor.token });
  expect([actor.status, trusted.status]).toEqual([201, 201]);
  return new ModerationHub(hub, admin, moderator, contributor, otherContributor, actor.body.id, trusted.body.id);
}
