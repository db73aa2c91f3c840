import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Accounts of this hub. The email is private: it never leaves the accounts API. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased, so "Ana@x.fr" and "ana@x.fr" are one account. */
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['member', 'contributor', 'coordinator', 'moderator', 'admin'] }).notNull().default('member'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    disabledAt: text('disabled_at'),
    /** Set when the owner followed the confirmation link; until then the account may log in but not contribute. */
    emailConfirmedAt: text('email_confirmed_at'),
    /** The language of the mails this account receives. */
    locale: text('locale', { enum: ['fr', 'en'] }).notNull().default('fr'),
    /** When the owner accepted the privacy notice at sign-up (GDPR consent record). */
    consentAt: text('consent_at'),
    /**
     * The members' network is for approved members: an account asks, the operator or a
     * moderator approves. Only approved members read other members' profiles.
     */
    membership: text('membership', { enum: ['none', 'requested', 'approved'] }).notNull().default('none'),
    membershipAt: text('membership_at'),
    /** Moderators: a mail per pending item, a daily digest, or nothing. */
    notifyPending: text('notify_pending', { enum: ['each', 'digest', 'off'] }).notNull().default('each'),
    /** When the last pending-content digest went to this moderator. */
    digestSentAt: text('digest_sent_at'),
    /** Authors: mail me the moderators' decisions on what I sent. */
    notifyDecisions: integer('notify_decisions', { mode: 'boolean' }).notNull().default(true),
    /** Members of an actor: mail me when its content is reported, and when the report is closed. */
    notifyReports: integer('notify_reports', { mode: 'boolean' }).notNull().default(true),
    /** The weekly digest of new events matching what I follow (follows themselves are opt-in). */
    notifyFollows: integer('notify_follows', { mode: 'boolean' }).notNull().default(true),
    /** When the last weekly digest of followed events went to this account. */
    followsDigestAt: text('follows_digest_at'),
    /** Set when the owner deleted the account: personal data is erased, the row stays for what it authored. */
    deletedAt: text('deleted_at'),
  },
  (table) => [index('users_role_idx').on(table.role)],
);
export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

/** Which actors a contributor may act for. */
export const actorMembers = sqliteTable(
  'actor_members',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.actorId] }), index('actor_members_actor_idx').on(table.actorId)],
);
export type ActorMemberRow = typeof actorMembers.$inferSelect;

/**
 * Refresh tokens, stored as SHA-256 hashes. Each use rotates the token; a token used
 * twice means it was stolen, so its whole family is revoked.
 */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    familyId: text('family_id').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at'),
    revokedAt: text('revoked_at'),
    /** The browser that opened the session (first 200 characters), so its owner can tell sessions apart. */
    userAgent: text('user_agent'),
  },
  (table) => [index('refresh_tokens_user_idx').on(table.userId), index('refresh_tokens_family_idx').on(table.familyId)],
);
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/** Members' profiles in the professional network: members-only, never federated. */
export const memberProfiles = sqliteTable('member_profiles', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** The MemberProfileInput as sent, already validated. */
  data: text('data', { mode: 'json' }).notNull(),
  listed: integer('listed', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at').notNull(),
});
export type MemberProfileRow = typeof memberProfiles.$inferSelect;

/**
 * Single-use secrets sent by mail (confirm an address, reset a password, confirm a new
 * address), stored as SHA-256 hashes with a short expiry.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['confirm_email', 'reset_password', 'change_email'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For change_email: the address that becomes the login once confirmed. */
    newEmail: text('new_email'),
    expiresAt: integer('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at'),
  },
  (table) => [index('account_tokens_user_idx').on(table.userId, table.purpose)],
);
export type AccountTokenRow = typeof accountTokens.$inferSelect;

/**
 * What an account follows (opt-in): an actor (its id), a discipline (its code) or a
 * commune (its INSEE code). New events matching any of them make the weekly digest.
 */
export const follows = sqliteTable(
  'follows',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['actor', 'discipline', 'commune'] }).notNull(),
    target: text('target').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind, table.target] }), index('follows_target_idx').on(table.kind, table.target)],
);
export type FollowRow = typeof follows.$inferSelect;

/**
 * Follows of people without an account, by e-mail alone (double opt-in). A request
 * stores the address with a hashed single-use token that expires within a day; the
 * rows confirmed by that link are kept, the others are purged when they expire.
 * `addressKey` is an HMAC of the address: the digest's unsubscribe link carries it,
 * so the link works without a login and names no address.
 */
export const emailFollows = sqliteTable(
  'email_follows',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    addressKey: text('address_key').notNull(),
    kind: text('kind', { enum: ['actor', 'discipline', 'commune'] }).notNull(),
    target: text('target').notNull(),
    locale: text('locale', { enum: ['fr', 'en'] }).notNull().default('fr'),
    /** SHA-256 of the confirmation token while it waits; null once confirmed. */
    tokenHash: text('token_hash'),
    /** Until when the confirmation link works (epoch ms); the pending row is purged after. */
    expiresAt: integer('expires_at'),
    confirmedAt: text('confirmed_at'),
    digestAt: text('digest_at'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('email_follows_address_target_idx').on(table.email, table.kind, table.target),
    index('email_follows_token_idx').on(table.tokenHash),
    index('email_follows_key_idx').on(table.addressKey),
  ],
);
export type EmailFollowRow = typeof emailFollows.$inferSelect;
