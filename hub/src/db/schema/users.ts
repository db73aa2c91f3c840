import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Accounts of this hub. The email is private: it never leaves the accounts API. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased, so "Ana@x.fr" and "ana@x.fr" are one account. */
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['member', 'contributor', 'moderator', 'admin'] }).notNull().default('member'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    disabledAt: text('disabled_at'),
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
