import { eq } from 'drizzle-orm';
import { FetchRefused, guardedFetch } from '@constellation/shared/server';
import type { Store } from '../db/client.ts';
import { apRemoteActors, type ApRemoteActorRow } from '../db/schema/index.ts';
import { signedHeaders, type SigningKey } from './signatures.ts';

/** How long a fetched actor document is trusted before it is fetched again. */
const CACHE_MS = 24 * 60 * 60 * 1000;
const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

export class RemoteActorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteActorError';
  }
}

export interface RemoteActorsOptions {
  allowPrivate: boolean;
  /** Who signs the GET (servers in "secure mode" refuse unsigned fetches): the hub actor. */
  signer: () => Promise<SigningKey>;
  /** Blocked domains: nothing is fetched from them. */
  isBlocked: (host: string) => boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const withoutFragment = (url: string) => url.split('#')[0] ?? url;

/**
 * Remote actors (followers, allowlisted sources, signers of inbox requests), fetched
 * through the guarded fetcher with a signed GET and cached in SQLite. A document is
 * taken only when its id is the URL it was fetched from and its key belongs to it, so a
 * server cannot speak for an actor on another origin.
 */
export class RemoteActors {
  constructor(
    private readonly store: Store,
    private readonly options: RemoteActorsOptions,
  ) {}

  /** The actor owning `keyId`; `refresh` refetches (a key may have rotated). */
  async byKeyId(keyId: string, refresh = false): Promise<ApRemoteActorRow> {
    const cached = refresh ? undefined : this.store.db.select().from(apRemoteActors).where(eq(apRemoteActors.keyId, keyId)).get();
    if (cached !== undefined && Date.now() - cached.fetchedAt < CACHE_MS) return cached;
    return this.fetchActor(withoutFragment(keyId), keyId);
  }

  async byId(actorId: string, refresh = false): Promise<ApRemoteActorRow> {
    const cached = refresh ? undefined : this.store.db.select().from(apRemoteActors).where(eq(apRemoteActors.id, actorId)).get();
    if (cached !== undefined && Date.now() - cached.fetchedAt < CACHE_MS) return cached;
    return this.fetchActor(actorId, undefined);
  }

  private async fetchJson(url: string): Promise<Record<string, unknown>> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new RemoteActorError(`${url} is not a URL`);
    }
    if (this.options.isBlocked(parsed.hostname)) throw new RemoteActorError(`${parsed.hostname} is a blocked domain`);
    try {
      const headers = await signedHeaders('GET', url, undefined, await this.options.signer(), ACCEPT);
      const response = await guardedFetch(url, { deadlineMs: 10_000, maxBytes: 1024 * 1024, maxRedirects: 0, allowPrivate: this.options.allowPrivate, accept: ACCEPT, headers });
      const value: unknown = JSON.parse(response.body.toString('utf8'));
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RemoteActorError(`${url} did not answer a JSON object`);
      return value as Record<string, unknown>;
    } catch (error) {
      if (error instanceof RemoteActorError) throw error;
      if (error instanceof FetchRefused) throw new RemoteActorError(`fetching ${url} failed: ${error.message}`);
      throw new RemoteActorError(`${url} did not answer JSON: ${(error as Error).message}`);
    }
  }

  private async fetchActor(url: string, keyId: string | undefined): Promise<ApRemoteActorRow> {
    let document = await this.fetchJson(url);
    // A key id may name a Key document (owner = the actor) rather than a fragment of the actor.
    if (text(document.owner) !== undefined && text(document.publicKeyPem) !== undefined) {
      if (text(document.id) !== url) throw new RemoteActorError(`${url} answered a document with another id`);
      document = await this.fetchJson(text(document.owner) as string);
    }
    const id = text(document.id);
    const inbox = text(document.inbox);
    const key = document.publicKey as Record<string, unknown> | undefined;
    const publicKeyPem = text(key?.publicKeyPem);
    const ownKeyId = text(key?.id);
    if (id === undefined || inbox === undefined || publicKeyPem === undefined || ownKeyId === undefined) throw new RemoteActorError(`${url} is not an actor with an inbox and a public key`);
    if (keyId === undefined ? id !== url : ownKeyId !== keyId) throw new RemoteActorError(`${url} does not hold the key or id it was fetched for`);
    if (text(key?.owner) !== undefined && key?.owner !== id) throw new RemoteActorError(`the key of ${id} is owned by another actor`);
    if (new URL(id).origin !== new URL(ownKeyId).origin || new URL(id).origin !== new URL(inbox).origin) throw new RemoteActorError(`${id}: its key and inbox must be on its own origin`);
    const endpoints = document.endpoints as Record<string, unknown> | undefined;
    const sharedInbox = text(endpoints?.sharedInbox);
    const row: ApRemoteActorRow = {
      id,
      inbox,
      sharedInbox: sharedInbox !== undefined && new URL(sharedInbox).origin === new URL(id).origin ? sharedInbox : null,
      keyId: ownKeyId,
      publicKeyPem,
      json: JSON.stringify(document),
      fetchedAt: Date.now(),
    };
    this.store.db.insert(apRemoteActors).values(row).onConflictDoUpdate({ target: apRemoteActors.id, set: row }).run();
    return row;
  }
}
