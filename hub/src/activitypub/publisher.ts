import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { ArticlePublic, EventPublic } from '@constellation/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/client.ts';
import { apActivities, apObjects, changes, content, hubState } from '../db/schema/index.ts';
import { followerInboxes, storeActivity } from './activities.ts';
import { articleObject, eventObject } from './event-object.ts';
import type { LocalActors } from './local-actors.ts';
import { AS_PUBLIC, HUB_ACTOR, objectUri, type ApSite } from './uris.ts';

const CURSOR_KEY = 'activitypub_cursor';
/** Changes turned into activities per transaction: keeps each write short. */
const BATCH = 25;
/**
 * A batch also ends once it has queued this many deliveries (a change reaching 1,000
 * followers queues 1,000): about 20 ms of inserts, so a burst of changes on a widely
 * followed hub is spread over several turns of the event loop.
 */
const DELIVERY_BUDGET = 2_000;

type Federated = 'event' | 'article';
/** What one batch has queued so far. */
interface Queued {
  activities: number;
  deliveries: number;
}

/**
 * Turns the hub's changes feed into activities: a published event or article is a
 * Create the first time, an Update after (a cancellation is an Update whose object says
 * so), and a Delete once it leaves the public feed. It follows the feed with its own
 * cursor, in the same transaction as the activities and deliveries it makes, so every
 * committed change is announced exactly once, after a restart too, and a request never
 * waits on it: writers only wake it after commit.
 *
 * Each change is sent by the organising actor (to its followers) and by the hub actor
 * (to the hub's followers who do not already get it through the organisation).
 */
export class Publisher {
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly site: ApSite,
    private readonly actors: LocalActors,
    private readonly onQueued: () => void,
    private readonly log: FastifyBaseLogger,
  ) {
    store.db.insert(hubState).values({ key: CURSOR_KEY, value: 0 }).onConflictDoNothing().run();
  }

  /** Called after a commit that changed public content; cheap. */
  wake(): void {
    if (this.closed || this.scheduled !== undefined) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      let more = false;
      try {
        const step = this.step();
        more = !step.done;
        if (step.activities > 0) this.onQueued();
      } catch (error) {
        this.log.error({ err: error }, 'activitypub: turning changes into activities failed; will retry at the next change');
      }
      // One batch per turn of the event loop: a backlog (a first start on a full hub)
      // never holds requests up.
      if (more) this.wake();
    });
  }

  close(): void {
    this.closed = true;
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
  }

  /** Processes every pending change at once (tests, tools); returns how many activities it stored. */
  drain(now = Date.now()): number {
    let stored = 0;
    for (;;) {
      const step = this.step(now);
      stored += step.activities;
      if (step.done) break;
    }
    if (stored > 0) this.onQueued();
    return stored;
  }

  /** One batch of changes, in one transaction with the cursor's move. */
  private step(now = Date.now()): { done: boolean; activities: number } {
    return this.store.immediate((tx) => {
      const cursor = tx.select({ value: hubState.value }).from(hubState).where(eq(hubState.key, CURSOR_KEY)).get()?.value ?? 0;
      const batch = tx.select().from(changes).where(gt(changes.seq, cursor)).orderBy(asc(changes.seq)).limit(BATCH).all();
      const queued = { activities: 0, deliveries: 0 };
      let last: (typeof batch)[number] | undefined;
      for (const change of batch) {
        if (change.type === 'event' || change.type === 'article') this.announce(tx, change.type, change.id, change.op, change.version, now, queued);
        last = change;
        if (queued.deliveries >= DELIVERY_BUDGET) break;
      }
      if (last !== undefined) tx.update(hubState).set({ value: last.seq }).where(eq(hubState.key, CURSOR_KEY)).run();
      return { done: batch.length < BATCH && last === batch.at(-1), activities: queued.activities };
    });
  }

  private announce(tx: Parameters<Parameters<Store['immediate']>[0]>[0], type: Federated, id: string, op: 'upsert' | 'delete', version: number, now: number, queued: Queued): void {
    const known = tx.select().from(apObjects).where(eq(apObjects.contentId, id)).get();
    const uri = objectUri(this.site, type, id);
    if (op === 'delete') {
      if (known === undefined || known.deleted) return;
      tx.update(apObjects).set({ deleted: true, version }).where(eq(apObjects.contentId, id)).run();
      // Sent by whoever announced it before (the organisation may be gone by now).
      const senders = tx.selectDistinct({ actorKey: apActivities.actorKey }).from(apActivities).where(and(eq(apActivities.objectId, uri), inArray(apActivities.type, ['Create', 'Update']))).all().map((row) => row.actorKey);
      const tombstone = { id: uri, type: 'Tombstone', formerType: type === 'event' ? 'Event' : 'Article', deleted: new Date(now).toISOString() };
      this.send(tx, 'Delete', senders, uri, () => tombstone, now, queued);
      return;
    }
    const row = tx.select({ publicJson: content.publicJson, actorId: content.actorId }).from(content).where(eq(content.id, id)).get();
    // Unpublished again since: its tombstone comes later in the feed.
    if (row === undefined || row.publicJson === null) return;
    const shape = JSON.parse(row.publicJson) as EventPublic | ArticlePublic;
    const activityType = known === undefined || known.deleted ? 'Create' : 'Update';
    tx.insert(apObjects).values({ contentId: id, type, version, deleted: false }).onConflictDoUpdate({ target: apObjects.contentId, set: { version, deleted: false } }).run();
    const organiser = row.actorId === null ? undefined : this.actors.byKey(row.actorId);
    const senders = [...(organiser === undefined ? [] : [organiser.key]), HUB_ACTOR];
    // Attributed to the organisation when it is public, whoever relays it.
    const attributedTo = (organiser ?? this.actors.hub()).uri;
    const object = type === 'event' ? eventObject(shape as EventPublic, this.site, attributedTo, now) : articleObject(shape as ArticlePublic, this.site, attributedTo);
    this.send(tx, activityType, senders, uri, () => object, now, queued);
  }

  private send(tx: Parameters<Parameters<Store['immediate']>[0]>[0], type: 'Create' | 'Update' | 'Delete', senders: readonly string[], objectId: string, object: () => unknown, now: number, queued: Queued): void {
    const reached = new Set<string>();
    for (const actorKey of senders) {
      const actor = this.actors.byKey(actorKey);
      if (actor === undefined) continue;
      const inboxes = [...followerInboxes(tx, actorKey)].filter((inbox) => !reached.has(inbox));
      for (const inbox of inboxes) reached.add(inbox);
      storeActivity(tx, this.site, { actorKey, actorUri: actor.uri, type, object: object(), objectId, to: [AS_PUBLIC], cc: [`${actor.uri}/followers`], public: true }, inboxes, now);
      queued.activities += 1;
      queued.deliveries += inboxes.length;
    }
  }
}
