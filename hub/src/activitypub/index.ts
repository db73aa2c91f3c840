import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/client.ts';
import type { ImportService } from '../import/import-service.ts';
import type { ContentService } from '../services/content.ts';
import { InboundEvents } from './inbound-events.ts';
import { ActorKeys } from './actor-keys.ts';
import { BlockedDomains } from './blocked-domains.ts';
import { DeliveryQueue, type DeliveryOptions } from './delivery-queue.ts';
import { Inbox, type VerifiedActivity } from './inbox.ts';
import { LocalActors } from './local-actors.ts';
import { Publisher } from './publisher.ts';
import { RemoteActors } from './remote-actors.ts';
import { apSite, HUB_ACTOR, keyIdOf, type ApSite } from './uris.ts';

export { type ApSite } from './uris.ts';

export interface ActivityPubOptions {
  baseUrl: string;
  hubId: string;
  name: string;
  allowPrivateNetwork: boolean;
  blockedDomains: readonly string[];
  /** The zone of remote events that name none (the region's). */
  defaultTimeZone: string;
  delivery?: Partial<Omit<DeliveryOptions, 'allowPrivate' | 'isBlocked'>>;
}

/** The hub services inbound events go through. */
export interface ActivityPubServices {
  content: ContentService;
  imports: ImportService;
}

/** The hub's ActivityPub side: its parts, wired once per app. */
export interface ActivityPub {
  site: ApSite;
  keys: ActorKeys;
  actors: LocalActors;
  remote: RemoteActors;
  publisher: Publisher;
  deliveries: DeliveryQueue;
  inbox: Inbox;
  inbound: InboundEvents;
  /** The configured and the operator's blocked domains. */
  blocked: BlockedDomains;
  isBlocked: (host: string) => boolean;
  /** Extra handling of verified activities (inbound events plug in here). */
  onActivity: (handler: (verified: VerifiedActivity) => void) => void;
  start(): void;
  close(): void;
}

export function createActivityPub(store: Store, options: ActivityPubOptions, services: ActivityPubServices, log: FastifyBaseLogger): ActivityPub {
  const site = apSite(options);
  const blocked = new BlockedDomains(store, options.blockedDomains);
  const isBlocked = (host: string) => blocked.isBlocked(host);
  const keys = new ActorKeys(store);
  const actors = new LocalActors(store, site);
  const remote = new RemoteActors(store, {
    allowPrivate: options.allowPrivateNetwork,
    isBlocked,
    signer: async () => ({ keyId: keyIdOf(actors.hub().uri), privateKeyPem: (await keys.get(HUB_ACTOR)).privateKeyPem }),
  });
  const deliveries = new DeliveryQueue(store, keys, actors, log, { ...options.delivery, allowPrivate: options.allowPrivateNetwork, isBlocked });
  const publisher = new Publisher(store, site, actors, () => deliveries.wake(), log);
  const handlers: ((verified: VerifiedActivity) => void)[] = [];
  const inbox = new Inbox({ store, site, actors, remote, isBlocked, queued: () => deliveries.wake(), log, onOther: (verified) => handlers.forEach((handler) => handler(verified)) });
  const inbound = new InboundEvents({ store, site, actors, remote, imports: services.imports, content: services.content, defaultTimeZone: options.defaultTimeZone, allowPrivate: options.allowPrivateNetwork, isBlocked, queued: () => deliveries.wake(), log });
  handlers.push((verified) => inbound.handle(verified));
  return {
    site,
    keys,
    actors,
    remote,
    publisher,
    deliveries,
    inbox,
    inbound,
    blocked,
    isBlocked,
    onActivity: (handler) => handlers.push(handler),
    start() {
      publisher.wake();
      deliveries.start();
    },
    close() {
      publisher.close();
      deliveries.close();
    },
  };
}
