import Type, { type Static } from 'typebox';
import type { AuditRows } from '../db/admin-rows.ts';
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
    private readonly rows: AuditRows,
    private readonly now: () => number = Date.now,
  ) {}

  async record(admin: Admin, action: AdminAction, target: { id: string; name: string }, detail: string | null = null): Promise<void> {
    await this.rows.append({ at: this.now(), adminId: admin.id, adminEmail: admin.email, action, targetId: target.id, targetName: target.name, detail });
  }

  async list(query: AuditQuery): Promise<AdminAuditEntry[]> {
    const rows = await this.rows.list({ hub: query.hub, before: query.before, limit: query.limit ?? 50 });
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
