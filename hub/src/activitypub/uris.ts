/**
 * Where a hub's ActivityPub documents live. Actors: the hub itself (`/ap/hub`, followable
 * as `@<hub id>@<host>`) and each published organisation (`/ap/actors/<slug>`, followable
 * as `@<slug>@<host>`). Objects are addressed by content id, so a renamed page keeps its id.
 */

export const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
export const ACTIVITY_JSON = 'application/activity+json';
export const LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/** The hub itself, as a local actor's key. An organisation's key is its content id. */
export const HUB_ACTOR = 'hub';

export interface ApSite {
  baseUrl: string;
  hubId: string;
  hubName: string;
  /** host[:port] of baseUrl: the domain part of `@name@domain`. */
  domain: string;
}

export function apSite(config: { baseUrl: string; hubId: string; name: string }): ApSite {
  return { baseUrl: config.baseUrl, hubId: config.hubId, hubName: config.name, domain: new URL(config.baseUrl).host };
}

export const hubActorUri = (site: ApSite) => `${site.baseUrl}/ap/hub`;
export const orgActorUri = (site: ApSite, slug: string) => `${site.baseUrl}/ap/actors/${encodeURIComponent(slug)}`;
export const sharedInboxUri = (site: ApSite) => `${site.baseUrl}/ap/inbox`;
export const objectUri = (site: ApSite, type: 'event' | 'article', id: string) => `${site.baseUrl}/ap/objects/${type}/${id}`;
export const activityUri = (site: ApSite, id: string) => `${site.baseUrl}/ap/activities/${id}`;
export const keyIdOf = (actorUri: string) => `${actorUri}#main-key`;
