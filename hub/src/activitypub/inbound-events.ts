import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { guardedFetch } from '@constellation/shared/server';
import type { Store } from '../db/client.ts';
import { apAllowedServers, apInboundObjects, apRemoteActors, apSources, content, type ApAllowedServerRow, type ApRemoteActorRow, type ApSourceRow } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, ForbiddenError, HttpError, NotFoundError } from '../errors.ts';
import { parseApEvent } from '../import/activitypub-event.ts';
import type { ImportService } from '../import/import-service.ts';
import type { ContentService, Viewer } from '../services/content.ts';
import { storeActivity } from './activities.ts';
import type { VerifiedActivity } from './inbox.ts';
import type { LocalActors } from './local-actors.ts';
import { RemoteActorError, type RemoteActors } from './remote-actors.ts';
import { activityUri, type ApSite } from './uris.ts';
import { uuidv7 } from '../ids.ts';

export interface InboundOptions {
  store: Store;
  site: ApSite;
  actors: LocalActors;
  remote: RemoteActors;
  imports: ImportService;
  content: ContentService;
  defaultTimeZone: string;
  allowPrivate: boolean;
  isBlocked: (host: string) => boolean;
  queued: () => void;
  log: FastifyBaseLogger;
}

const record = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const idOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof record(value)?.id === 'string' ? (record(value)?.id as string) : undefined);
const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/**
 * Events brought in from the fediverse. The operator keeps an allowlist of remote actors
 * (a Mobilizon group, a Gancio instance, any server publishing `Event`s), each feeding
 * one local organisation; the hub follows them. Their Create and Update of events go
 * through the import path (matched by the remote object's id, so a repeat changes
 * nothing) and moderation (unless the organisation is verified); their Delete removes
 * what they brought. Nothing from an actor outside the allowlist is stored, and a source
 * can only touch objects on its own origin that it brought itself.
 */
/** A source with what an operator needs to judge it. */
export interface SourceOverview extends ApSourceRow {
  name: string | null;
  handle: string | null;
  /** Its page on its own server (the actor's url), else its id. */
  url: string;
  localActorName: string | null;
  events: number;
  lastActivityAt: string | null;
}

/** `mobilizon.example`, `https://mobilizon.example/`, `Host:8080` → `mobilizon.example`, `host:8080`. */
export function normaliseServer(value: string): string {
  const bare = value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(bare) || bare.length > 253) throw new BadRequestError('host must be a server name such as mobilizon.example', 'host');
  return bare;
}

/** The server an actor URL or `@name@host` names, without fetching anything. */
function serverOf(handle: string): URL | undefined {
  const acct = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(handle.trim());
  try {
    return acct === null ? new URL(handle.trim()) : new URL(`https://${acct[2] as string}`);
  } catch {
    return undefined;
  }
}

export class InboundEvents {
  constructor(private readonly options: InboundOptions) {}

  list(): ApSourceRow[] {
    return this.options.store.db.select().from(apSources).orderBy(apSources.createdAt).all();
  }

  /**
   * The sources as an operator reads them: the remote actor's name and handle (from its
   * cached document), the organisation it feeds, how many events it brought and when it
   * last sent one.
   */
  overview(): SourceOverview[] {
    const { store } = this.options;
    const brought = new Map(
      store.db
        .select({ remoteActorId: apInboundObjects.remoteActorId, events: sql<number>`count(*)`, last: sql<string>`max(${apInboundObjects.updatedAt})` })
        .from(apInboundObjects)
        .groupBy(apInboundObjects.remoteActorId)
        .all()
        .map((row) => [row.remoteActorId, row] as const),
    );
    return this.list().map((source) => {
      const cached = store.db.select({ json: apRemoteActors.json }).from(apRemoteActors).where(eq(apRemoteActors.id, source.remoteActorId)).get();
      let document: Record<string, unknown> = {};
      try {
        document = cached === undefined ? {} : (JSON.parse(cached.json) as Record<string, unknown>);
      } catch {
        // A cached document that does not parse: shown by its URL alone.
      }
      const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
      const username = text(document.preferredUsername);
      const local = this.options.actors.byKey(source.localActorId);
      const counts = brought.get(source.remoteActorId);
      return {
        ...source,
        name: text(document.name) ?? username,
        handle: username === null ? null : `@${username}@${new URL(source.remoteActorId).host}`,
        url: text(document.url) ?? source.remoteActorId,
        localActorName: local?.name ?? null,
        events: counts?.events ?? 0,
        lastActivityAt: counts?.last ?? null,
      };
    });
  }

  /** The servers verified organisations may follow sources on by themselves. */
  servers(): ApAllowedServerRow[] {
    return this.options.store.db.select().from(apAllowedServers).orderBy(apAllowedServers.host).all();
  }

  allowServer(host: string, by: Viewer): ApAllowedServerRow {
    const row = { host: normaliseServer(host), addedBy: by.id, createdAt: new Date().toISOString() };
    if (this.options.isBlocked(row.host.split(':')[0] ?? row.host)) throw new BadRequestError(`${row.host} is a blocked domain`, 'host');
    const inserted = this.options.store.db.insert(apAllowedServers).values(row).onConflictDoNothing().run();
    if (inserted.changes === 0) throw new ConflictError(`${row.host} is already allowed`, 'host');
    return row;
  }

  disallowServer(host: string): void {
    const removed = this.options.store.db.delete(apAllowedServers).where(eq(apAllowedServers.host, normaliseServer(host))).run();
    if (removed.changes === 0) throw new NotFoundError('server', 'host');
  }

  /** Whether a URL's server is on the operator's list (the host itself, `host:port`, or a subdomain of an entry). */
  private serverAllowed(url: URL): boolean {
    const hostname = url.hostname.toLowerCase();
    const host = url.host.toLowerCase();
    return this.servers().some(({ host: entry }) => entry === host || entry === hostname || (!entry.includes(':') && hostname.endsWith(`.${entry}`)));
  }

  /** Whether an organisation is verified: only a verified one follows sources by itself. */
  isVerified(localActorId: string): boolean {
    return this.options.store.db.select({ verified: content.verified }).from(content).where(and(eq(content.id, localActorId), eq(content.type, 'actor'))).get()?.verified ?? false;
  }

  /**
   * A verified organisation's member following a source for it: only on a server the
   * operator allows (checked on what was typed before anything is fetched, and on the
   * actor it resolved to), and the source feeds that organisation alone.
   */
  async addForOrganisation(handle: string, localActorId: string, by: Viewer): Promise<ApSourceRow> {
    if (!this.isVerified(localActorId)) throw new ForbiddenError('only a verified organisation follows fediverse sources itself; the site’s team can verify it or add the source');
    const typed = serverOf(handle);
    if (typed === undefined) throw new BadRequestError('actor must be an actor URL or @name@host', 'actor');
    if (!this.serverAllowed(typed)) throw new BadRequestError(`${typed.host} is not among the servers this hub allows organisations to follow; ask the site’s team to add it`, 'actor');
    return this.add(handle, localActorId, by, (resolved) => {
      if (!this.serverAllowed(new URL(resolved))) throw new BadRequestError(`${new URL(resolved).host} is not among the servers this hub allows organisations to follow; ask the site’s team to add it`, 'actor');
    });
  }

  /** Adds a source by actor URL or `@name@host`, and follows it from the local organisation. */
  async add(handle: string, localActorId: string, by: Viewer, check?: (actorUrl: string) => void): Promise<ApSourceRow> {
    const local = this.options.actors.byKey(localActorId);
    if (local === undefined || local.key === 'hub') throw new BadRequestError(`actorId ${localActorId} is not a published organisation of this hub`, 'actorId');
    const url = await this.resolve(handle);
    check?.(url);
    let remote: ApRemoteActorRow;
    try {
      remote = await this.options.remote.byId(url, true);
    } catch (error) {
      if (error instanceof RemoteActorError) throw new BadRequestError(`actor: ${error.message}`, 'actor');
      throw error;
    }
    const { store, site } = this.options;
    const existing = store.db.select().from(apSources).where(eq(apSources.remoteActorId, remote.id)).get();
    if (existing !== undefined) throw new ConflictError(`${remote.id} is already a source (for ${existing.localActorId})`, 'actor');
    const followId = activityUri(site, uuidv7());
    const row: ApSourceRow = { remoteActorId: remote.id, localActorId, state: 'pending', followActivityId: followId, addedBy: by.id, createdAt: new Date().toISOString() };
    store.immediate((tx) => {
      tx.insert(apSources).values(row).run();
      storeActivity(tx, site, { actorKey: local.key, actorUri: local.uri, type: 'Follow', object: remote.id, objectId: remote.id, to: [remote.id], public: false }, [remote.inbox], Date.now(), followId);
    });
    this.options.queued();
    return row;
  }

  /** Stops following a source; what it brought stays (moderators remove it like any event). With `onlyFor`, only a source feeding that organisation. */
  remove(remoteActorId: string, onlyFor?: string): void {
    const { store, site } = this.options;
    const source = store.db.select().from(apSources).where(eq(apSources.remoteActorId, remoteActorId)).get();
    if (source === undefined || (onlyFor !== undefined && source.localActorId !== onlyFor)) throw new NotFoundError('source', 'actor');
    const local = this.options.actors.byKey(source.localActorId);
    const inbox = this.cachedInbox(remoteActorId);
    store.immediate((tx) => {
      tx.delete(apSources).where(eq(apSources.remoteActorId, remoteActorId)).run();
      if (local !== undefined && inbox !== undefined) {
        storeActivity(tx, site, { actorKey: local.key, actorUri: local.uri, type: 'Undo', object: { id: source.followActivityId, type: 'Follow', actor: local.uri, object: remoteActorId }, objectId: source.followActivityId, to: [remoteActorId], public: false }, [inbox]);
      }
    });
    this.options.queued();
  }

  /** A verified activity the inbox did not handle itself. */
  handle({ activity, sender }: VerifiedActivity): void {
    const source = this.sourceFor(sender, activity);
    if (source === undefined) {
      this.options.log.debug({ actor: sender.id, type: activity.type }, 'activitypub: activity from outside the allowlist ignored');
      return;
    }
    const object = record(activity.object);
    switch (activity.type) {
      case 'Accept':
        if (idOf(activity.object) === source.followActivityId || idOf(object?.id) === source.followActivityId) {
          this.options.store.db.update(apSources).set({ state: 'accepted' }).where(eq(apSources.remoteActorId, source.remoteActorId)).run();
        }
        return;
      case 'Create':
      case 'Update':
        if (object?.type === 'Event') this.upsert(source, sender, object);
        return;
      case 'Delete': {
        const remoteId = idOf(activity.object);
        if (remoteId !== undefined) this.delete(source, remoteId);
        return;
      }
      default:
    }
  }

  /** The allowlisted source speaking: the signer itself, or (Mobilizon) a member posting for a group on the same server. */
  private sourceFor(sender: ApRemoteActorRow, activity: Record<string, unknown>): ApSourceRow | undefined {
    const db = this.options.store.db;
    const direct = db.select().from(apSources).where(eq(apSources.remoteActorId, sender.id)).get();
    if (direct !== undefined) return direct;
    const attributed = record(activity.object)?.attributedTo;
    const group = typeof attributed === 'string' ? attributed : undefined;
    if (group === undefined || originOf(group) !== originOf(sender.id)) return undefined;
    return db.select().from(apSources).where(eq(apSources.remoteActorId, group)).get();
  }

  private viewer(source: ApSourceRow): Viewer {
    // Acting as a contributor of the organisation, whoever added the source: only a
    // verified organisation publishes without moderation.
    return { id: source.addedBy ?? 'activitypub', role: 'contributor', actorIds: [source.localActorId] };
  }

  private upsert(source: ApSourceRow, sender: ApRemoteActorRow, object: Record<string, unknown>): void {
    const remoteId = idOf(object);
    if (remoteId === undefined || originOf(remoteId) !== originOf(sender.id)) {
      this.options.log.warn({ actor: sender.id, object: remoteId }, 'activitypub: an event not on its sender’s origin was refused');
      return;
    }
    const owner = this.options.store.db.select().from(apInboundObjects).where(eq(apInboundObjects.remoteId, remoteId)).get();
    if (owner !== undefined && owner.remoteActorId !== source.remoteActorId) return;
    const parsed = parseApEvent(object, { actorId: source.localActorId, defaultTimeZone: this.options.defaultTimeZone });
    if (parsed.candidates.length === 0) {
      this.options.log.warn({ actor: sender.id, object: remoteId, reasons: parsed.rejected[0]?.reasons }, 'activitypub: a remote event was refused');
      return;
    }
    try {
      const [done] = this.options.imports.importParsed(source.localActorId, parsed, this.viewer(source), typeof object.url === 'string' ? object.url : remoteId);
      if (done?.id !== undefined) {
        this.options.store.db
          .insert(apInboundObjects)
          .values({ remoteId, remoteActorId: source.remoteActorId, contentId: done.id, updatedAt: new Date().toISOString() })
          .onConflictDoUpdate({ target: apInboundObjects.remoteId, set: { contentId: done.id, updatedAt: new Date().toISOString() } })
          .run();
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      this.options.log.warn({ actor: sender.id, object: remoteId, reason: error.message }, 'activitypub: a remote event was refused');
    }
  }

  private delete(source: ApSourceRow, remoteId: string): void {
    const db = this.options.store.db;
    const owned = db.select().from(apInboundObjects).where(and(eq(apInboundObjects.remoteId, remoteId), eq(apInboundObjects.remoteActorId, source.remoteActorId))).get();
    if (owned === undefined) return;
    try {
      this.options.content.remove('event', owned.contentId, this.viewer(source));
    } catch (error) {
      // Already deleted on the hub, or moved to another organisation by a moderator.
      if (!(error instanceof HttpError)) throw error;
    }
    db.delete(apInboundObjects).where(eq(apInboundObjects.remoteId, remoteId)).run();
  }

  private cachedInbox(remoteActorId: string): string | undefined {
    return this.options.store.db.select({ inbox: apRemoteActors.inbox }).from(apRemoteActors).where(eq(apRemoteActors.id, remoteActorId)).get()?.inbox;
  }

  /** An actor URL as is; `@name@host` through WebFinger on https://host (the guarded fetcher). */
  private async resolve(handle: string): Promise<string> {
    const acct = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(handle.trim());
    if (acct === null) {
      if (!/^https?:\/\//.test(handle)) throw new BadRequestError('actor must be an actor URL or @name@host', 'actor');
      if (this.options.isBlocked(new URL(handle).hostname)) throw new BadRequestError(`${new URL(handle).hostname} is a blocked domain`, 'actor');
      return handle;
    }
    const [, name, host] = acct as unknown as [string, string, string];
    if (this.options.isBlocked(host.split(':')[0] ?? host)) throw new BadRequestError(`${host} is a blocked domain`, 'actor');
    try {
      const response = await guardedFetch(`https://${host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${name}@${host}`)}`, { deadlineMs: 10_000, maxBytes: 256 * 1024, allowPrivate: this.options.allowPrivate, accept: 'application/jrd+json, application/json' });
      const links = (JSON.parse(response.body.toString('utf8')) as { links?: { rel?: string; type?: string; href?: string }[] }).links ?? [];
      const self = links.find((link) => link.rel === 'self' && /activity\+json|ld\+json/.test(link.type ?? '') && typeof link.href === 'string');
      if (self?.href === undefined) throw new Error('no ActivityPub actor in its WebFinger answer');
      return self.href;
    } catch (error) {
      throw new BadRequestError(`actor: ${handle} could not be resolved (${(error as Error).message})`, 'actor');
    }
  }
}

