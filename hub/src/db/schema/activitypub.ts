import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The hub's ActivityPub state (hub/src/activitypub/). A local actor is the hub itself
 * (key "hub") or one of its organisations (key = the actor's content id).
 */

/** One RSA key pair per local actor: Mastodon verifies draft-cavage signatures with RSA only. */
export const apActorKeys = sqliteTable('ap_actor_keys', {
  actorKey: text('actor_key').primaryKey(),
  publicKeyPem: text('public_key_pem').notNull(),
  /** PKCS#8 PEM; never served. */
  privateKeyPem: text('private_key_pem').notNull(),
  createdAt: text('created_at').notNull(),
});
export type ApActorKeyRow = typeof apActorKeys.$inferSelect;

/** Remote actors following a local actor; deliveries go to their (shared) inbox. */
export const apFollowers = sqliteTable(
  'ap_followers',
  {
    actorKey: text('actor_key').notNull(),
    followerId: text('follower_id').notNull(),
    inbox: text('inbox').notNull(),
    sharedInbox: text('shared_inbox'),
    followActivityId: text('follow_activity_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.actorKey, table.followerId] }), index('ap_followers_follower_idx').on(table.followerId)],
);
export type ApFollowerRow = typeof apFollowers.$inferSelect;

/**
 * Every activity a local actor sent, in sending order: the outbox (public ones) and the
 * bodies the delivery queue posts. Accepts are not public.
 */
export const apActivities = sqliteTable(
  'ap_activities',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    actorKey: text('actor_key').notNull(),
    activityId: text('activity_id').notNull().unique(),
    type: text('type').notNull(),
    objectId: text('object_id'),
    json: text('json').notNull(),
    public: integer('public', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('ap_activities_outbox_idx').on(table.actorKey, table.public, table.seq)],
);
export type ApActivityRow = typeof apActivities.$inferSelect;

/**
 * Local content as the fediverse last saw it: whether the next change is a Create or an
 * Update, and whether a Delete is owed.
 */
export const apObjects = sqliteTable('ap_objects', {
  contentId: text('content_id').primaryKey(),
  type: text('type').notNull(),
  version: integer('version').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/**
 * The persistent outgoing queue: one row per (activity, inbox), posted by a background
 * loop, in order per inbox, retried with backoff; a restart resumes it.
 */
export const apDeliveries = sqliteTable(
  'ap_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activitySeq: integer('activity_seq').notNull(),
    inbox: text('inbox').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
  },
  (table) => [uniqueIndex('ap_deliveries_uq').on(table.activitySeq, table.inbox), index('ap_deliveries_inbox_idx').on(table.inbox, table.id), index('ap_deliveries_due_idx').on(table.nextAttemptAt)],
);
export type ApDeliveryRow = typeof apDeliveries.$inferSelect;

/** Remote actors whose documents (inbox, public key) were fetched, cached for a while. */
export const apRemoteActors = sqliteTable('ap_remote_actors', {
  id: text('id').primaryKey(),
  inbox: text('inbox').notNull(),
  sharedInbox: text('shared_inbox'),
  keyId: text('key_id').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
  json: text('json').notNull(),
  /** Epoch ms. */
  fetchedAt: integer('fetched_at').notNull(),
});
export type ApRemoteActorRow = typeof apRemoteActors.$inferSelect;

/** Signatures already accepted, kept while their Date is inside the window: a replay is refused. */
export const apSeenSignatures = sqliteTable(
  'ap_seen_signatures',
  {
    hash: text('hash').primaryKey(),
    /** Epoch ms after which the signature is too old anyway and the row can go. */
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('ap_seen_signatures_expiry_idx').on(table.expiresAt)],
);

/**
 * Remote actors the operator allows to bring events in, each feeding one local actor;
 * and what they brought, keyed by the remote object's id (idempotent ingest).
 */
export const apSources = sqliteTable('ap_sources', {
  remoteActorId: text('remote_actor_id').primaryKey(),
  localActorId: text('local_actor_id').notNull(),
  /** pending until the remote answers our Follow with Accept. */
  state: text('state', { enum: ['pending', 'accepted'] }).notNull(),
  followActivityId: text('follow_activity_id').notNull(),
  /** The moderator or admin who allowed it: imported events are authored in their name. */
  addedBy: text('added_by'),
  createdAt: text('created_at').notNull(),
});
export type ApSourceRow = typeof apSources.$inferSelect;

export const apInboundObjects = sqliteTable('ap_inbound_objects', {
  remoteId: text('remote_id').primaryKey(),
  remoteActorId: text('remote_actor_id').notNull(),
  contentId: text('content_id').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Which HTTP Signatures each remote server accepts, learnt by double-knocking: a delivery
 * is signed with RFC 9421 first and, on a 400 or 401, signed again with draft-cavage; the
 * kind that got through is kept here per origin, so later deliveries knock once.
 */
export const apPeerSignatures = sqliteTable('ap_peer_signatures', {
  origin: text('origin').primaryKey(),
  scheme: text('scheme', { enum: ['rfc9421', 'draft-cavage'] }).notNull(),
  /** Epoch ms of the last delivery that confirmed it. */
  learntAt: integer('learnt_at').notNull(),
});
export type ApPeerSignatureRow = typeof apPeerSignatures.$inferSelect;

/**
 * Servers the operator allows verified organisations to follow sources on by themselves
 * (`mobilizon.example`, its subdomains, or `host:port`). Operators follow any server.
 */
export const apAllowedServers = sqliteTable('ap_allowed_servers', {
  host: text('host').primaryKey(),
  addedBy: text('added_by').notNull(),
  createdAt: text('created_at').notNull(),
});
export type ApAllowedServerRow = typeof apAllowedServers.$inferSelect;

/**
 * Domains the operator blocked from the console, beside those in the configuration
 * (HUB_BLOCKED_DOMAINS): nothing is fetched from, delivered to or accepted from them or
 * their subdomains.
 */
export const apBlockedDomains = sqliteTable('ap_blocked_domains', {
  domain: text('domain').primaryKey(),
  addedBy: text('added_by').notNull(),
  createdAt: text('created_at').notNull(),
});
export type ApBlockedDomainRow = typeof apBlockedDomains.$inferSelect;
