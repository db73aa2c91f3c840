import { EventEmitter } from 'node:events';
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { type ContentInput, type ContentType, type EventInput, type ModerationStatus } from '@constellation/shared';
import type { HubTx, Store } from '../db/client.ts';
import { actorMembers, content, type ContentRow } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import type { RecordedChange } from './feed-writer.ts';
import { assertSchedulable, extendRecurrences, unindexEvent } from './event-index.ts';
import { titleOf, toView, type ContentView } from './content-view.ts';
import { assertActsFor, assertCanEdit, assertModerator, canEdit, isModerator, type Viewer } from './content-access.ts';
import { checkReferences, freeSlug, isVerifiedActor, requireActor, requireRow } from './content-lookups.ts';
import { syncPublicState, tombstoneIfFederated } from './content-public-state.ts';
import { audit, changedFields } from './content-audit.ts';

export { changedFields, toView, type ContentView, type Viewer };

/** What moderation mail is about: content that started waiting, or a decision on some. */
export type ModerationEvent =
  | { kind: 'pending'; rows: ContentRow[] }
  | { kind: 'decided'; rows: ContentRow[]; published: boolean; reason?: string; moderatorId: string };

/**
 * Content of every type, its moderation states and its footprint in the changes
 * feed. Every write runs in one immediate transaction that also records the feed
 * change, so the feed can never disagree with the content; listeners hear about
 * changes only after commit.
 */
export class ContentService {
  private readonly events = new EventEmitter();

  constructor(
    private readonly store: Store,
    private readonly hub: { hubId: string; baseUrl: string },
    /** Fills in the size and copies of uploaded images a document refers to (and refuses unknown uploads). */
    private readonly resolveImages: (data: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** The document as stored: a copy of the input, its uploaded images described by the hub. */
  private document(input: unknown): Record<string, unknown> {
    const data = { ...(input as Record<string, unknown>) };
    this.resolveImages(data);
    return data;
  }

  /**
   * Called after the commit that sent content to moderation or decided on it (the mail
   * notices hang here): `pending` when content starts waiting, `decided` on approve or reject.
   */
  onModeration(listener: (event: ModerationEvent) => void): () => void {
    this.events.on('moderation', listener);
    return () => this.events.off('moderation', listener);
  }

  private announce(event: ModerationEvent): void {
    if (event.rows.length > 0) this.store.afterCommit(() => this.events.emit('moderation', event));
  }

  /** Called after each commit that changed the public feed (push notifications hang here). */
  onPublicChange(listener: (changes: RecordedChange[]) => void): () => void {
    this.events.on('changes', listener);
    return () => this.events.off('changes', listener);
  }

  /**
   * `actorTrust`: publication depends on the actor's verification alone, whoever the
   * viewer is (imports: an admin importing for an unverified actor goes through moderation,
   * as the README states, rather than publishing a whole agenda unread).
   */
  create<T extends ContentType>(type: T, input: ContentInput[T], viewer: Viewer, options: { submit?: boolean; actorTrust?: boolean } = {}): ContentView<ContentInput[T]> {
    if (viewer.role === 'member') throw new ForbiddenError('members cannot post content; ask the hub to make you a contributor');
    const data = this.document(input);
    const id = uuidv7();
    const actorId = type === 'actor' ? id : ((data.actorId as string | undefined) ?? null);
    if (type !== 'actor') assertActsFor(viewer, actorId, 'actorId');
    if (type === 'event') assertSchedulable(input as EventInput);
    const now = new Date().toISOString();
    // A contributor who creates an actor acts for it from then on.
    const actingViewer = type === 'actor' && !isModerator(viewer) ? { ...viewer, actorIds: [...viewer.actorIds, id] } : viewer;
    const { view } = this.write((tx) => {
      if (actorId !== null && type !== 'actor') requireActor(tx, actorId);
      checkReferences(tx, type, data);
      tx.insert(content)
        .values({
          id,
          type,
          slug: freeSlug(tx, type, titleOf(data)),
          actorId,
          authorId: viewer.id,
          status: 'draft',
          version: 1,
          title: titleOf(data),
          data,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      if (actingViewer !== viewer) tx.insert(actorMembers).values({ userId: viewer.id, actorId: id }).run();
      return options.submit === true ? this.submitIn(tx, type, id, actingViewer, options.actorTrust === true) : [];
    }, id);
    return view as ContentView<ContentInput[T]>;
  }

  /** Replaces the document. A non-verified contributor's edit of published content goes back to moderation. */
  update<T extends ContentType>(type: T, id: string, input: ContentInput[T], viewer: Viewer, options: { expectedVersion?: number; actorTrust?: boolean } = {}): ContentView<ContentInput[T]> {
    const data = this.document(input);
    if (type === 'event') assertSchedulable(input as EventInput);
    const { view } = this.write((tx) => {
      const row = requireRow(tx, type, id);
      assertCanEdit(viewer, row);
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
        throw new ConflictError(`the content changed since version ${options.expectedVersion} (now ${row.version}); reload it`, 'version');
      }
      const newActorId = type === 'actor' ? row.id : ((data.actorId as string | undefined) ?? null);
      if (type !== 'actor' && newActorId !== row.actorId) {
        assertActsFor(viewer, newActorId, 'actorId');
        if (newActorId !== null) requireActor(tx, newActorId);
      }
      checkReferences(tx, type, data, id);
      // Trust comes from the actor the content ends up under: moving published content to
      // an unverified actor must send it back to moderation.
      const trusted = (isModerator(viewer) && options.actorTrust !== true) || isVerifiedActor(tx, newActorId);
      const status: ModerationStatus = row.status === 'published' && !trusted ? 'pending' : row.status === 'rejected' ? 'draft' : row.status;
      const now = new Date().toISOString();
      tx.update(content)
        .set({ data, title: titleOf(data), actorId: newActorId, status, rejectReason: null, version: row.version + 1, updatedAt: now })
        .where(eq(content.id, id))
        .run();
      // A moderator changing someone else's content is an operator action: without this, a
      // moderator could rewrite a contributor's published content and leave no trace.
      if (isModerator(viewer) && row.authorId !== viewer.id) audit(tx, viewer, 'update', type, id, { changed: changedFields(row.data as Record<string, unknown>, data as Record<string, unknown>) });
      if (status === 'pending' && row.status !== 'pending') this.announce({ kind: 'pending', rows: [{ ...row, status, title: titleOf(data) }] });
      return syncPublicState(tx, this.hub, id);
    }, id);
    return view as ContentView<ContentInput[T]>;
  }

  submit<T extends ContentType>(type: T, id: string, viewer: Viewer): ContentView<ContentInput[T]> {
    return this.write((tx) => this.submitIn(tx, type, id, viewer), id).view as ContentView<ContentInput[T]>;
  }

  remove(type: ContentType, id: string, viewer: Viewer): void {
    this.write((tx) => {
      const row = requireRow(tx, type, id);
      assertCanEdit(viewer, row);
      if (type === 'actor') {
        // Its events and articles would stay public under an actor that no longer exists.
        const owned = tx.select({ n: count() }).from(content).where(and(eq(content.actorId, id), ne(content.id, id))).get()?.n ?? 0;
        if (owned > 0) throw new ConflictError(`this actor still owns ${owned} pieces of content; delete or move them first`, 'id');
        tx.delete(actorMembers).where(eq(actorMembers.actorId, id)).run();
      }
      tx.delete(content).where(eq(content.id, id)).run();
      if (type === 'event') unindexEvent(tx, id);
      if (isModerator(viewer)) audit(tx, viewer, 'delete', type, id);
      return tombstoneIfFederated(tx, type, id, row.version + 1);
    });
  }

  /** Moderators: publish pending (or draft) content. All or nothing. */
  approve(ids: readonly string[], moderator: Viewer): ContentView[] {
    assertModerator(moderator);
    const decided: ContentRow[] = [];
    const views = this.bulk(ids, moderator, 'approve', (tx, row) => {
      if (row.status === 'published') return false;
      tx.update(content).set({ status: 'published', rejectReason: null, version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, row.id)).run();
      decided.push(row);
    });
    this.announce({ kind: 'decided', rows: decided, published: true, moderatorId: moderator.id });
    return views;
  }

  /** Moderators: refuse content with a reason; refused published content leaves the feed as a tombstone. */
  reject(ids: readonly string[], reason: string, moderator: Viewer): ContentView[] {
    assertModerator(moderator);
    const decided: ContentRow[] = [];
    const views = this.bulk(ids, moderator, 'reject', (tx, row) => {
      if (row.status === 'rejected' && row.rejectReason === reason) return false;
      tx.update(content).set({ status: 'rejected', rejectReason: reason, version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, row.id)).run();
      decided.push(row);
    }, { reason });
    this.announce({ kind: 'decided', rows: decided, published: false, reason, moderatorId: moderator.id });
    return views;
  }

  /** Moderators, or the content's owners: take published content down without refusing it. */
  unpublish<T extends ContentType>(type: T, id: string, viewer: Viewer): ContentView<ContentInput[T]> {
    return this.write((tx) => {
      const row = requireRow(tx, type, id);
      assertCanEdit(viewer, row);
      if (row.status !== 'published') return [];
      tx.update(content).set({ status: 'draft', version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, id)).run();
      if (isModerator(viewer)) audit(tx, viewer, 'unpublish', type, id);
      return syncPublicState(tx, this.hub, id);
    }, id).view as ContentView<ContentInput[T]>;
  }

  /** Operators mark an actor verified: its content is then published without moderation. */
  setVerified(actorId: string, verified: boolean, moderator: Viewer): ContentView {
    assertModerator(moderator);
    return this.write((tx) => {
      const row = requireRow(tx, 'actor', actorId);
      if (row.verified === verified) return [];
      tx.update(content).set({ verified, version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, actorId)).run();
      audit(tx, moderator, verified ? 'verify' : 'unverify', 'actor', actorId);
      return syncPublicState(tx, this.hub, actorId);
    }, actorId).view;
  }

  /**
   * Moves the materialised occurrences of never-ending recurrences up to the horizon
   * (see event-index.ts). The hub runs it at start and daily.
   */
  extendRecurrences(now = Date.now()): number {
    return this.store.immediate((tx) => extendRecurrences(tx, now));
  }

  /**
   * The owner's or moderator's view, in any state. It holds the whole document, private
   * fields included (contact emails), so it is for those who may edit it only, even once
   * published; everyone else reads the public shape.
   */
  view<T extends ContentType>(type: T, id: string, viewer: Viewer | undefined): ContentView<ContentInput[T]> {
    const row = requireRow(this.store.db, type, id);
    if (viewer === undefined || !canEdit(viewer, row)) {
      // Published content exists for everyone: say so. Anything else does not exist for them.
      if (row.status === 'published') throw new ForbiddenError('only its owners and the moderators can see this content in full; read its public shape instead');
      throw new NotFoundError(type, 'id');
    }
    return toView(row) as ContentView<ContentInput[T]>;
  }

  /** The public shape of published content, as served and federated; undefined when not public. */
  publicJson(type: ContentType, id: string): string | undefined {
    const row = this.store.db.select({ publicJson: content.publicJson }).from(content).where(and(eq(content.id, id), eq(content.type, type))).get();
    return row?.publicJson ?? undefined;
  }

  publicJsonBySlug(type: ContentType, slug: string): string | undefined {
    const row = this.store.db.select({ publicJson: content.publicJson }).from(content).where(and(eq(content.slug, slug), eq(content.type, type))).get();
    return row?.publicJson ?? undefined;
  }

  // ---- internals ----

  private write(work: (tx: HubTx) => RecordedChange[], viewId?: string): { view: ContentView; recorded: RecordedChange[] } {
    let view: ContentView | undefined;
    const recorded = this.store.immediate((tx) => {
      const result = work(tx);
      if (viewId !== undefined) {
        const row = tx.select().from(content).where(eq(content.id, viewId)).get();
        if (row !== undefined) view = toView(row);
      }
      return result;
    });
    if (recorded.length > 0) this.store.afterCommit(() => this.events.emit('changes', recorded));
    return { view: view as ContentView, recorded };
  }

  /** `change` returns false when the row needs nothing (approving published content). */
  private bulk(ids: readonly string[], moderator: Viewer, action: string, change: (tx: HubTx, row: ContentRow) => boolean | undefined, details?: Record<string, unknown>): ContentView[] {
    const unique = [...new Set(ids)];
    let views: ContentView[] = [];
    const recorded = this.store.immediate((tx) => {
      const rows = tx.select().from(content).where(inArray(content.id, unique)).all();
      const missing = unique.find((id) => !rows.some((row) => row.id === id));
      if (missing !== undefined) throw new NotFoundError(`content ${missing}`, 'ids');
      const all: RecordedChange[] = [];
      for (const row of rows) {
        // Nothing changed: re-announcing it would take a seq for the same version, and audit a no-op.
        if (change(tx, row) === false) continue;
        // The decision's before/after, so the log reads "pending → published" rather than a bare verb.
        const status = tx.select({ status: content.status }).from(content).where(eq(content.id, row.id)).get()?.status ?? row.status;
        audit(tx, moderator, action, row.type, row.id, { ...details, changed: { moderation: { from: row.status, to: status } } });
        all.push(...syncPublicState(tx, this.hub, row.id));
      }
      views = tx.select().from(content).where(inArray(content.id, unique)).all().map(toView);
      return all;
    });
    if (recorded.length > 0) this.store.afterCommit(() => this.events.emit('changes', recorded));
    return views;
  }

  private submitIn(tx: HubTx, type: ContentType, id: string, viewer: Viewer, actorTrust = false): RecordedChange[] {
    const row = requireRow(tx, type, id);
    assertCanEdit(viewer, row);
    if (row.status === 'published' || row.status === 'pending') return [];
    const trusted = (isModerator(viewer) && !actorTrust) || isVerifiedActor(tx, row.actorId);
    const status: ModerationStatus = trusted ? 'published' : 'pending';
    tx.update(content).set({ status, rejectReason: null, version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, id)).run();
    // A moderator submitting someone else's draft publishes it without an approval: audit it like one.
    if (isModerator(viewer) && row.authorId !== viewer.id) audit(tx, viewer, 'submit', type, id, { changed: { moderation: { from: row.status, to: status } } });
    if (status === 'pending') this.announce({ kind: 'pending', rows: [{ ...row, status }] });
    return syncPublicState(tx, this.hub, id);
  }

  /**
   * Merges a duplicate actor into another (the operator's decision): every piece of its
   * content moves to `intoId` (served again under a new version), its members become
   * members of `intoId`, then the duplicate is deleted (a tombstone for the feed). One
   * transaction: nothing is lost half-way.
   */
  mergeActor(duplicateId: string, intoId: string, viewer: Viewer): { moved: number; members: number } {
    if (viewer.role !== 'admin') throw new ForbiddenError('only the hub\'s operator merges actors');
    if (duplicateId === intoId) throw new BadRequestError('an actor cannot be merged into itself', 'into');
    let moved = 0;
    let members = 0;
    this.write((tx) => {
      const duplicate = requireRow(tx, 'actor', duplicateId);
      requireRow(tx, 'actor', intoId);
      const now = new Date().toISOString();
      const changes: RecordedChange[] = [];
      const owned = tx.select().from(content).where(and(eq(content.actorId, duplicateId), ne(content.id, duplicateId))).all();
      for (const row of owned) {
        const data = { ...(row.data as Record<string, unknown>), actorId: intoId };
        tx.update(content).set({ data, actorId: intoId, version: row.version + 1, updatedAt: now }).where(eq(content.id, row.id)).run();
        changes.push(...syncPublicState(tx, this.hub, row.id));
      }
      moved = owned.length;
      const memberRows = tx.select({ userId: actorMembers.userId }).from(actorMembers).where(eq(actorMembers.actorId, duplicateId)).all();
      for (const member of memberRows) tx.insert(actorMembers).values({ userId: member.userId, actorId: intoId }).onConflictDoNothing().run();
      members = memberRows.length;
      tx.delete(actorMembers).where(eq(actorMembers.actorId, duplicateId)).run();
      tx.delete(content).where(eq(content.id, duplicateId)).run();
      audit(tx, viewer, 'merge-actor', 'actor', intoId, { merged: duplicateId, name: duplicate.title, moved, members });
      return [...changes, ...tombstoneIfFederated(tx, 'actor', duplicateId, duplicate.version + 1)];
    });
    return { moved, members };
  }

  /**
   * Runs `work` (a coordinator's decision) and serves the event again under a new
   * version, so the feed, the aggregator and live pages see its campaign label change.
   */
  republish(id: string, work: (tx: HubTx) => void): ContentView {
    const { view } = this.write((tx) => {
      const row = requireRow(tx, 'event', id);
      work(tx);
      if (row.status !== 'published') return [];
      tx.update(content).set({ version: row.version + 1, updatedAt: new Date().toISOString() }).where(eq(content.id, id)).run();
      return syncPublicState(tx, this.hub, id);
    }, id);
    return view;
  }
}
