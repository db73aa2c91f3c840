import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { hubStatuses } from '../schema/hubs.ts';
import { adminActions } from '../schema/operations.ts';
import { duplicateVerdicts } from '../schema/duplicates.ts';

/*
 * The national store in PostgreSQL: the same tables, columns and meanings as the SQLite
 * schema (../schema), so both give the same row types. Instants are epoch milliseconds in
 * bigint columns read as numbers (they pass 2^31); row ids stay 32-bit integers, as the map
 * index holds them in an Int32Array. What SQLite does with virtual tables is done here with
 * core features and contrib extensions (migration 0000): the text index is a weighted
 * tsvector column under the `constellation_french` configuration (French stemming after
 * unaccent), the duplicate finder's place search a GiST index on point(lon, lat).
 */

const epochMs = (name: string) => bigint(name, { mode: 'number' });

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

export const hubs = pgTable('hubs', {
  id: text('id').primaryKey(),
  baseUrl: text('base_url').notNull().unique(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  status: text('status', { enum: hubStatuses }).notNull(),
  descriptor: text('descriptor').notNull(),
  cursor: text('cursor').notNull().default('0'),
  etag: text('etag'),
  latest: bigint('latest', { mode: 'number' }).notNull().default(0),
  addedAt: epochMs('added_at').notNull(),
  approvedAt: epochMs('approved_at'),
  suspendedAt: epochMs('suspended_at'),
  suspendReason: text('suspend_reason'),
  lastPullAt: epochMs('last_pull_at'),
  lastSuccessAt: epochMs('last_success_at'),
  caughtUpAt: epochMs('caught_up_at'),
  lastError: text('last_error'),
  lastErrorAt: epochMs('last_error_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  breakerUntil: epochMs('breaker_until'),
  appliedCount: bigint('applied_count', { mode: 'number' }).notNull().default(0),
  rejectedCount: bigint('rejected_count', { mode: 'number' }).notNull().default(0),
});

export const rejectedItems = pgTable(
  'rejected_items',
  {
    rowId: integer('row_id').primaryKey().generatedByDefaultAsIdentity(),
    hub: text('hub').notNull(),
    seq: bigint('seq', { mode: 'number' }),
    itemId: text('item_id'),
    field: text('field').notNull(),
    message: text('message').notNull(),
    at: epochMs('at').notNull(),
  },
  (table) => [index('rejected_items_hub_idx').on(table.hub, table.rowId)],
);

export const records = pgTable(
  'records',
  {
    rowId: integer('row_id').primaryKey().generatedByDefaultAsIdentity(),
    hub: text('hub').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
    syncedAt: epochMs('synced_at').notNull(),
    hubSeq: bigint('hub_seq', { mode: 'number' }).notNull(),
    nseq: bigint('nseq', { mode: 'number' }).notNull(),
    /** The nseq of the record's first national version (see the SQLite schema's records). */
    firstNseq: bigint('first_nseq', { mode: 'number' }),
    deleted: boolean('deleted').notNull().default(false),
    data: text('data'),
  },
  (table) => [
    uniqueIndex('records_hub_id_uq').on(table.hub, table.id),
    uniqueIndex('records_nseq_uq').on(table.nseq),
    index('records_type_idx').on(table.type, table.hub),
  ],
);

export const eventsIndex = pgTable(
  'events_index',
  {
    rowId: integer('row_id').primaryKey(),
    hub: text('hub').notNull(),
    region: text('region').notNull(),
    actorId: text('actor_id').notNull(),
    format: text('format').notNull(),
    audiences: integer('audiences').notNull().default(0),
    disciplines: integer('disciplines').notNull().default(0),
    accessibility: integer('accessibility').notNull().default(0),
    free: boolean('free').notNull().default(false),
    online: boolean('online').notNull().default(false),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    firstStart: epochMs('first_start').notNull(),
    lastEnd: epochMs('last_end').notNull(),
    titleKey: text('title_key').notNull(),
    campaign: text('campaign'),
    parent: text('parent'),
    duplicateOf: integer('duplicate_of'),
  },
  (table) => [
    index('events_index_time_idx').on(table.lastEnd, table.firstStart),
    index('events_index_duplicate_idx').on(table.duplicateOf),
    index('events_index_hub_idx').on(table.hub),
    // The duplicate finder's "within ~500 m and at the same time": a box search on the
    // event's point and its span, as SQLite's R*Tree holds occurrence boxes in place and
    // time. On the point alone, every event ever held at a busy venue was a candidate to
    // check on its occurrences: at 500,000 events that query took 160 ms a batch and the
    // first ingest fell to 0.66 of SQLite's rate (docs/scaling.md).
    index('events_index_place_time_gist')
      .using('gist', sql`point(${table.lon}, ${table.lat})`, sql`int8range(${table.firstStart}, greatest(${table.firstStart}, ${table.lastEnd}), '[]')`)
      .where(sql`${table.lat} IS NOT NULL AND ${table.duplicateOf} IS NULL`),
  ],
);

export const eventOccurrences = pgTable(
  'event_occurrences',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    eventRow: integer('event_row').notNull(),
    start: epochMs('start').notNull(),
    end: epochMs('end').notNull(),
  },
  (table) => [index('event_occurrences_event_idx').on(table.eventRow, table.start), index('event_occurrences_start_idx').on(table.start)],
);

/** The indexed text of live events (SQLite's events_fts), with its weighted search document. */
export const eventsText = pgTable(
  'events_text',
  {
    rowId: integer('row_id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    place: text('place').notNull(),
    document: tsvector('document')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('constellation_french', title), 'A') || setweight(to_tsvector('constellation_french', summary), 'B') || setweight(to_tsvector('constellation_french', body), 'C') || setweight(to_tsvector('constellation_french', place), 'D')`,
      ),
  },
  (table) => [
    index('events_text_document_gin').using('gin', table.document),
    // Misspelt or partial titles ("astronomy" for "astronomie"): trigram similarity.
    index('events_text_title_trgm').using('gin', sql`lower(unaccent_immutable(${table.title})) gin_trgm_ops`),
  ],
);

export const nationalState = pgTable('national_state', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

export const admins = pgTable('admins', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: epochMs('created_at').notNull(),
});

/**
 * National campaigns (../schema/campaigns.ts). `logo` and `regions` hold the same JSON
 * text as in SQLite, so a store moves between engines unchanged.
 */
export const campaigns = pgTable('campaigns', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  description: text('description'),
  logo: text('logo'),
  regions: text('regions').notNull(),
  createdBy: text('created_by'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

/** A hub's health hour by hour (../schema/operations.ts): one row per hub and hour. */
export const hubHealthSamples = pgTable(
  'hub_health_samples',
  {
    hub: text('hub').notNull(),
    hour: epochMs('hour').notNull(),
    pulls: integer('pulls').notNull().default(0),
    failures: integer('failures').notNull().default(0),
    applied: integer('applied').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    maxLagSeq: bigint('max_lag_seq', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.hub, table.hour] })],
);

/** What national admins did to the registry (../schema/operations.ts). */
export const adminAudit = pgTable(
  'admin_audit',
  {
    rowId: integer('row_id').primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    adminId: text('admin_id').notNull(),
    adminEmail: text('admin_email').notNull(),
    action: text('action', { enum: adminActions }).notNull(),
    targetId: text('target_id').notNull(),
    targetName: text('target_name').notNull(),
    detail: text('detail'),
  },
  (table) => [index('admin_audit_target_idx').on(table.targetId, table.rowId)],
);

/** National admins' verdicts on suspected cross-hub duplicates (../schema/duplicates.ts). */
export const duplicateReviews = pgTable(
  'duplicate_reviews',
  {
    leftHub: text('left_hub').notNull(),
    leftId: text('left_id').notNull(),
    rightHub: text('right_hub').notNull(),
    rightId: text('right_id').notNull(),
    verdict: text('verdict', { enum: duplicateVerdicts }).notNull(),
    at: epochMs('at').notNull(),
    adminEmail: text('admin_email').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.leftHub, table.leftId, table.rightHub, table.rightId] }),
    index('duplicate_reviews_right_idx').on(table.rightHub, table.rightId, table.leftHub, table.leftId),
  ],
);
