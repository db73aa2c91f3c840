import type { IncomingMessage } from 'node:http';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/client.ts';
import { apFollowers, apSeenSignatures } from '../db/schema/index.ts';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import { storeActivity } from './activities.ts';
import type { LocalActor, LocalActors } from './local-actors.ts';
import { RemoteActorError, type RemoteActors } from './remote-actors.ts';
import { checkInbound, SIGNATURE_WINDOW_MS } from './signatures.ts';
import type { ApSite } from './uris.ts';
import type { ApRemoteActorRow } from '../db/schema/index.ts';

/** A verified activity, for the handlers beyond follows (inbound events). */
export interface VerifiedActivity {
  activity: Record<string, unknown>;
  sender: ApRemoteActorRow;
}

export interface InboxOptions {
  store: Store;
  site: ApSite;
  actors: LocalActors;
  remote: RemoteActors;
  isBlocked: (host: string) => boolean;
  /** Deliveries were queued (an Accept). */
  queued: () => void;
  log: FastifyBaseLogger;
  /** Create/Update/Delete/Accept from remote servers, once verified (inbound events). */
  onOther?: (verified: VerifiedActivity) => void;
}

const idOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
};

function httpUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string') throw new BadRequestError(`${field} must be a URL`, field);
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // falls through to the refusal
  }
  throw new BadRequestError(`${field} must be an http(s) URL`, field);
}

/**
 * A hub's inboxes (the shared one and each actor's). Every activity must be signed
 * (draft-cavage or RFC 9421, covering the request target, host, date and a matching
 * digest), by a key its actor owns, on the actor's own origin, inside the time window,
 * and not seen before: a replay of the same signed request is refused. Follow is answered
 * by Accept through the delivery queue; Undo of a Follow removes the follower.
 */
export class Inbox {
  private lastSweep = 0;

  constructor(private readonly options: InboxOptions) {}

  async receive(request: IncomingMessage, body: Buffer, target: LocalActor | undefined, now = Date.now()): Promise<void> {
    const check = await checkInbound(request, body, { origin: new URL(this.options.site.baseUrl).origin, now });
    if (!check.ok) throw new UnauthorizedError(check.reason, 'signature_invalid');
    let activity: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      activity = parsed as Record<string, unknown>;
    } catch {
      throw new BadRequestError('the body must be a JSON object (an activity)', 'body');
    }
    if (typeof activity.type !== 'string') throw new BadRequestError('type is required', 'type');
    httpUrl(activity.id, 'id');
    const actorUrl = httpUrl(activity.actor, 'actor');
    if (this.options.isBlocked(actorUrl.hostname)) throw new ForbiddenError(`${actorUrl.hostname} is blocked on this hub`);
    let keyUrl: URL;
    try {
      keyUrl = new URL(check.keyId);
    } catch {
      throw new UnauthorizedError('the signature keyId is not a URL', 'signature_invalid');
    }
    if (keyUrl.origin !== actorUrl.origin) throw new UnauthorizedError('the signing key is not on the actor’s origin', 'signature_invalid');
    const seen = this.options.store.db.select({ hash: apSeenSignatures.hash }).from(apSeenSignatures).where(eq(apSeenSignatures.hash, check.replayHash)).get();
    if (seen !== undefined) throw new UnauthorizedError('this signed request was already received (replay)', 'replayed');

    const sender = await this.verifiedSender(check.keyId, check.verify, actorUrl.href);
    this.remember(check.replayHash, check.date, now);
    this.dispatch(activity, sender, target);
  }

  private async verifiedSender(keyId: string, verify: (publicKeyPem: string) => Promise<boolean>, actorId: string): Promise<ApRemoteActorRow> {
    let sender: ApRemoteActorRow;
    try {
      sender = await this.options.remote.byKeyId(keyId);
      if (await verify(sender.publicKeyPem)) return this.sameActor(sender, actorId);
      // The key may have rotated since it was cached.
      sender = await this.options.remote.byKeyId(keyId, true);
    } catch (error) {
      if (error instanceof RemoteActorError) throw new UnauthorizedError(`the signing key could not be fetched: ${error.message}`, 'signature_invalid');
      throw error;
    }
    if (!(await verify(sender.publicKeyPem))) throw new UnauthorizedError('the signature does not verify', 'signature_invalid');
    return this.sameActor(sender, actorId);
  }

  private sameActor(sender: ApRemoteActorRow, actorId: string): ApRemoteActorRow {
    if (sender.id !== actorId) throw new UnauthorizedError('the activity’s actor is not the signer', 'signature_invalid');
    return sender;
  }

  private remember(hash: string, date: number, now: number): void {
    const db = this.options.store.db;
    db.insert(apSeenSignatures).values({ hash, expiresAt: (Number.isFinite(date) ? date : now) + SIGNATURE_WINDOW_MS }).onConflictDoNothing().run();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      db.delete(apSeenSignatures).where(lt(apSeenSignatures.expiresAt, now)).run();
    }
  }

  private dispatch(activity: Record<string, unknown>, sender: ApRemoteActorRow, target: LocalActor | undefined): void {
    switch (activity.type) {
      case 'Follow':
        this.follow(activity, sender, target);
        return;
      case 'Undo':
        this.undo(activity, sender);
        return;
      case 'Delete':
        // An account that left: it follows nobody here any more.
        if (idOf(activity.object) === sender.id) {
          this.options.store.db.delete(apFollowers).where(eq(apFollowers.followerId, sender.id)).run();
          return;
        }
        this.options.onOther?.({ activity, sender });
        return;
      default:
        this.options.onOther?.({ activity, sender });
    }
  }

  private follow(activity: Record<string, unknown>, sender: ApRemoteActorRow, target: LocalActor | undefined): void {
    const objectId = idOf(activity.object);
    const actor = objectId === undefined ? undefined : this.options.actors.byUri(objectId);
    if (actor === undefined) throw new NotFoundError('actor', 'object');
    if (target !== undefined && target.key !== actor.key) throw new BadRequestError('object is not the actor of this inbox', 'object');
    const { store, site } = this.options;
    store.immediate((tx) => {
      tx.insert(apFollowers)
        .values({ actorKey: actor.key, followerId: sender.id, inbox: sender.inbox, sharedInbox: sender.sharedInbox, followActivityId: String(activity.id), createdAt: new Date().toISOString() })
        .onConflictDoUpdate({ target: [apFollowers.actorKey, apFollowers.followerId], set: { inbox: sender.inbox, sharedInbox: sender.sharedInbox, followActivityId: String(activity.id) } })
        .run();
      storeActivity(tx, site, { actorKey: actor.key, actorUri: actor.uri, type: 'Accept', object: { id: activity.id, type: 'Follow', actor: sender.id, object: actor.uri }, objectId: String(activity.id), to: [sender.id], public: false }, [sender.inbox]);
    });
    this.options.queued();
  }

  private undo(activity: Record<string, unknown>, sender: ApRemoteActorRow): void {
    const object = activity.object;
    const inner = object !== null && typeof object === 'object' ? (object as Record<string, unknown>) : undefined;
    if (inner !== undefined && inner.type !== undefined && inner.type !== 'Follow') {
      this.options.onOther?.({ activity, sender });
      return;
    }
    if (inner !== undefined && inner.actor !== undefined && idOf(inner.actor) !== sender.id) throw new ForbiddenError('an actor can only undo its own follow');
    const followId = idOf(object);
    const followed = inner === undefined ? undefined : idOf(inner.object);
    const db = this.options.store.db;
    const local = followed === undefined ? undefined : this.options.actors.byUri(followed);
    if (local !== undefined) db.delete(apFollowers).where(and(eq(apFollowers.followerId, sender.id), eq(apFollowers.actorKey, local.key))).run();
    else if (followId !== undefined) db.delete(apFollowers).where(and(eq(apFollowers.followerId, sender.id), eq(apFollowers.followActivityId, followId))).run();
  }
}
