import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const hubStatuses = ['pending', 'approved', 'suspended'] as const;
export type HubStatus = (typeof hubStatuses)[number];

/**
 * The registry: every hub the aggregator knows, its pinned origin and keys, where its
 * feed was read up to, and its health. It lives here and not in Redis, so losing
 * Redis loses only scheduling, which is re-created from this table at start.
 */
export const hubs = sqliteTable('hubs', {
  /** The hub id from its descriptor; also the `hub` of everything it serves. */
  id: text('id').primaryKey(),
  /** The base URL the descriptor was fetched from: the only origin this hub's data is read from. */
  baseUrl: text('base_url').notNull().unique(),
  name: text('name').notNull(),
  /** INSEE region code, from the descriptor. */
  region: text('region').notNull(),
  status: text('status', { enum: hubStatuses }).notNull(),
  /** The descriptor as fetched (JSON), with its Ed25519 keys: pinned until an operator refreshes it. */
  descriptor: text('descriptor').notNull(),
  /** Where the next pull starts (the feed's `next`). */
  cursor: text('cursor').notNull().default('0'),
  /** The ETag of the last page read at the head of the feed, for a cheap 304. */
  etag: text('etag'),
  /** The hub's latest seq when last read (or notified): `latest - cursor` is the lag. */
  latest: integer('latest').notNull().default(0),
  addedAt: integer('added_at').notNull(),
  approvedAt: integer('approved_at'),
  suspendedAt: integer('suspended_at'),
  /** Why an operator suspended it, as they wrote it (shown in the national console); cleared on approval. */
  suspendReason: text('suspend_reason'),
  lastPullAt: integer('last_pull_at'),
  lastSuccessAt: integer('last_success_at'),
  /** When the index last held everything the hub had announced; lag in seconds counts from here. */
  caughtUpAt: integer('caught_up_at'),
  lastError: text('last_error'),
  lastErrorAt: integer('last_error_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** The circuit breaker: no pull before this instant (epoch ms). */
  breakerUntil: integer('breaker_until'),
  /** Items applied and items refused since the hub was added. */
  appliedCount: integer('applied_count').notNull().default(0),
  rejectedCount: integer('rejected_count').notNull().default(0),
});
export type HubRow = typeof hubs.$inferSelect;
export type NewHubRow = typeof hubs.$inferInsert;

/** The last refused items per hub (bounded), so an operator can see why. */
export const rejectedItems = sqliteTable('rejected_items', {
  rowId: integer('row_id').primaryKey(),
  hub: text('hub').notNull(),
  seq: integer('seq'),
  itemId: text('item_id'),
  field: text('field').notNull(),
  message: text('message').notNull(),
  at: integer('at').notNull(),
});
