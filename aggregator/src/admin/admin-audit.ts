import Type, { type Static } from 'typebox';
import type { NationalStore } from '../db/client.ts';
import { adminActions, type AdminAction } from '../db/schema/index.ts';
import type { Admin } from './admin-accounts.ts';

/** One thing a national admin did, as the console lists it. */
export const AdminAuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    admin: Type.Object({ id: Type.String(), email: Type.String() }, { additionalProperties: false }),
    action: Type.Enum([...adminActions]),
    target: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    detail: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type AdminAuditEntry = Static<typeof AdminAuditEntry>;

export const AuditQuery = Type.Object(
  {
    hub: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'only the entries about this hub id' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the id of the oldest entry already shown: the page before it' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** The national admins' audit log: appended after each registry change succeeds, read newest first. */
export class AdminAudit {
  constructor(
    private readonly store: NationalStore,
    private readonly now: () => number = Date.now,
  ) {}

  record(admin: Admin, action: AdminAction, target: { id: string; name: string }, detail: string | null = null): void {
    this.store.sqlite
      .prepare('INSERT INTO admin_audit (at, admin_id, admin_email, action, target_id, target_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.now(), admin.id, admin.email, action, target.id, target.name, detail);
  }

  list(query: AuditQuery): AdminAuditEntry[] {
    const rows = this.store.sqlite
      .prepare<[string | null, string | null, number, number], { rowId: number; at: number; adminId: string; adminEmail: string; action: AdminAction; targetId: string; targetName: string; detail: string | null }>(
        `SELECT row_id AS rowId, at, admin_id AS adminId, admin_email AS adminEmail, action, target_id AS targetId, target_name AS targetName, detail
         FROM admin_audit WHERE (? IS NULL OR target_id = ?) AND row_id < ? ORDER BY row_id DESC LIMIT ?`,
      )
      .all(query.hub ?? null, query.hub ?? null, query.before ?? Number.MAX_SAFE_INTEGER, query.limit ?? 50);
    return rows.map((row) => ({
      id: row.rowId,
      at: new Date(row.at).toISOString(),
      admin: { id: row.adminId, email: row.adminEmail },
      action: row.action,
      target: { id: row.targetId, name: row.targetName },
      detail: row.detail,
    }));
  }
}
