import { eq, sql } from 'drizzle-orm';
import type { HubTx } from '../db/client.ts';
import { apActivities, apDeliveries, apFollowers } from '../db/schema/index.ts';
import { uuidv7 } from '../ids.ts';
import { OBJECT_CONTEXT } from './event-object.ts';
import { activityUri, type ApSite } from './uris.ts';

/** An activity a local actor sends, before it is stored. */
export interface OutgoingActivity {
  actorKey: string;
  actorUri: string;
  type: 'Create' | 'Update' | 'Delete' | 'Accept' | 'Follow' | 'Undo';
  object: unknown;
  objectId: string | undefined;
  to: string[];
  cc?: string[];
  public: boolean;
}

/**
 * Stores an activity (its outbox entry when public) and queues it for `inboxes`, in the
 * caller's transaction: the record and its deliveries commit together, so a crash never
 * leaves an activity nobody will send. Returns the activity's id.
 */
export function storeActivity(tx: HubTx, site: ApSite, activity: OutgoingActivity, inboxes: Iterable<string>, now = Date.now(), id = activityUri(site, uuidv7())): string {
  const published = new Date(now).toISOString();
  const json = JSON.stringify({
    '@context': OBJECT_CONTEXT,
    id,
    type: activity.type,
    actor: activity.actorUri,
    published,
    to: activity.to,
    ...(activity.cc === undefined ? {} : { cc: activity.cc }),
    object: activity.object,
  });
  const row = tx
    .insert(apActivities)
    .values({ actorKey: activity.actorKey, activityId: id, type: activity.type, objectId: activity.objectId ?? null, json, public: activity.public, createdAt: published })
    .returning({ seq: apActivities.seq })
    .get();
  // One statement prepared per activity rather than built per row: building a query costs
  // about 60 µs, so a thousand followers held the event loop for 60 ms or more.
  const queue = tx.insert(apDeliveries).values({ activitySeq: row.seq, inbox: sql.placeholder('inbox'), nextAttemptAt: now }).onConflictDoNothing().prepare();
  for (const inbox of inboxes) queue.run({ inbox });
  return id;
}

/** Where to deliver to an actor's followers: one post per shared inbox. */
export function followerInboxes(tx: Pick<HubTx, 'select'>, actorKey: string): Set<string> {
  const rows = tx.select({ inbox: apFollowers.inbox, sharedInbox: apFollowers.sharedInbox }).from(apFollowers).where(eq(apFollowers.actorKey, actorKey)).all();
  return new Set(rows.map((row) => row.sharedInbox ?? row.inbox));
}
