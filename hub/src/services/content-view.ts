import { CONTENT_PATHS, contentSchemas, type ContentType, type ModerationStatus } from '@constellation/shared';
import type { ContentRow } from '../db/schema/index.ts';

/*
 * The two ways content leaves the hub: the owner's and moderators' view (the whole
 * document and its moderation state), and the public shape (served and federated).
 */

/** What an owner or a moderator sees: the document plus its moderation state. */
export interface ContentView<Data = Record<string, unknown>> {
  id: string;
  type: ContentType;
  slug: string;
  status: ModerationStatus;
  rejectReason: string | null;
  version: number;
  actorId: string | null;
  authorId: string | null;
  verified: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  data: Data;
}

/** The keys a type's public shape may carry: everything else (contact emails...) stays private. */
const PUBLIC_KEYS: Record<ContentType, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(contentSchemas).map(([type, schemas]) => [type, new Set(Object.keys((schemas.public as { properties: object }).properties))]),
) as unknown as Record<ContentType, ReadonlySet<string>>;

export function titleOf(data: Record<string, unknown>): string {
  return String(data.title ?? data.name ?? '');
}

/** The public shape: server fields, then the document's public keys only. */
export function publicShape(row: ContentRow, hub: { hubId: string; baseUrl: string }): Record<string, unknown> {
  const keys = PUBLIC_KEYS[row.type];
  const shape: Record<string, unknown> = {
    id: row.id,
    hub: hub.hubId,
    slug: row.slug,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    url: `${hub.baseUrl}/${CONTENT_PATHS[row.type]}/${row.slug}`,
  };
  for (const [key, value] of Object.entries(row.data as Record<string, unknown>)) if (keys.has(key) && value !== undefined) shape[key] = value;
  if (row.type === 'actor') shape.verified = row.verified;
  if (row.type === 'article') shape.publishedAt = row.publishedAt;
  if (row.type === 'event') shape.eventStatus ??= 'scheduled';
  return shape;
}

export function toView(row: ContentRow): ContentView {
  return {
    id: row.id,
    type: row.type,
    slug: row.slug,
    status: row.status,
    rejectReason: row.rejectReason,
    version: row.version,
    actorId: row.actorId,
    authorId: row.authorId,
    verified: row.verified,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    data: row.data as Record<string, unknown>,
  };
}
