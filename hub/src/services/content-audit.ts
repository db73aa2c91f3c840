import type { HubTx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import type { Viewer } from './content-access.ts';

/*
 * What moderators and operators did to content, in the audit log: written in the same
 * transaction as the change, so the log never misses one nor records one rolled back.
 */

export function audit(tx: HubTx, viewer: Viewer, action: string, targetType: string, targetId: string, details?: Record<string, unknown>): void {
  tx.insert(auditLog).values({ at: new Date().toISOString(), userId: viewer.id, action, targetType, targetId, details: details ?? null }).run();
}

/** What an edit changed, field by field (top-level fields of the content's data), for the audit log. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changed;
}
