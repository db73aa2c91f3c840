import { and, eq } from 'drizzle-orm';
import type { Store } from '../db/client.ts';
import { content } from '../db/schema/index.ts';
import { escapeHtml } from '@constellation/shared/server';
import { HUB_ACTOR, hubActorUri, keyIdOf, orgActorUri, sharedInboxUri, type ApSite } from './uris.ts';

/** A local actor: the hub itself, or one of its published organisations. */
export interface LocalActor {
  /** "hub", or the organisation's content id. */
  key: string;
  uri: string;
  username: string;
  name: string;
  summary: string | undefined;
  /** Its page for people. */
  url: string;
  icon: { url: string; alt?: string | undefined } | undefined;
  published: string | undefined;
}

interface ActorPublicShape {
  name: string;
  summary?: string;
  url: string;
  logo?: { url: string; alt?: string };
  createdAt: string;
}

export class LocalActors {
  constructor(
    private readonly store: Store,
    private readonly site: ApSite,
  ) {}

  hub(): LocalActor {
    return { key: HUB_ACTOR, uri: hubActorUri(this.site), username: this.site.hubId, name: this.site.hubName, summary: `Les événements de science et de culture publiés sur ${this.site.hubName}.`, url: this.site.baseUrl, icon: undefined, published: undefined };
  }

  /** `@username@domain`: the hub's id names the hub; any other name an organisation's slug. */
  byUsername(username: string): LocalActor | undefined {
    if (username === this.site.hubId) return this.hub();
    const row = this.store.db.select({ id: content.id, slug: content.slug, publicJson: content.publicJson }).from(content).where(and(eq(content.type, 'actor'), eq(content.slug, username), eq(content.status, 'published'))).get();
    return row === undefined ? undefined : this.fromRow(row);
  }

  byKey(key: string): LocalActor | undefined {
    if (key === HUB_ACTOR) return this.hub();
    const row = this.store.db.select({ id: content.id, slug: content.slug, publicJson: content.publicJson }).from(content).where(and(eq(content.type, 'actor'), eq(content.id, key), eq(content.status, 'published'))).get();
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** The local actor an ActivityPub id names, if it is one of ours. */
  byUri(uri: string): LocalActor | undefined {
    if (uri === hubActorUri(this.site)) return this.hub();
    const prefix = `${this.site.baseUrl}/ap/actors/`;
    if (!uri.startsWith(prefix)) return undefined;
    return this.byUsername(decodeURIComponent(uri.slice(prefix.length)));
  }

  private fromRow(row: { id: string; slug: string; publicJson: string | null }): LocalActor | undefined {
    if (row.publicJson === null) return undefined;
    const shape = JSON.parse(row.publicJson) as ActorPublicShape;
    return { key: row.id, uri: orgActorUri(this.site, row.slug), username: row.slug, name: shape.name, summary: shape.summary, url: shape.url, icon: shape.logo, published: shape.createdAt };
  }

  /** The actor document (Mastodon-compatible), with its public key. */
  document(actor: LocalActor, publicKeyPem: string): Record<string, unknown> {
    return {
      '@context': [
        'https://www.w3.org/ns/activitystreams',
        'https://w3id.org/security/v1',
        { manuallyApprovesFollowers: 'as:manuallyApprovesFollowers', toot: 'http://joinmastodon.org/ns#', discoverable: 'toot:discoverable', indexable: 'toot:indexable' },
      ],
      id: actor.uri,
      type: actor.key === HUB_ACTOR ? 'Service' : 'Organization',
      preferredUsername: actor.username,
      name: actor.name,
      ...(actor.summary === undefined ? {} : { summary: `<p>${escapeHtml(actor.summary)}</p>` }),
      url: actor.url,
      inbox: `${actor.uri}/inbox`,
      outbox: `${actor.uri}/outbox`,
      followers: `${actor.uri}/followers`,
      endpoints: { sharedInbox: sharedInboxUri(this.site) },
      manuallyApprovesFollowers: false,
      discoverable: true,
      indexable: true,
      ...(actor.published === undefined ? {} : { published: actor.published }),
      ...(actor.icon === undefined ? {} : { icon: { type: 'Image', url: actor.icon.url, ...(actor.icon.alt === undefined ? {} : { name: actor.icon.alt }) } }),
      publicKey: { id: keyIdOf(actor.uri), owner: actor.uri, publicKeyPem },
    };
  }
}
