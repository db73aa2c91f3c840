import { and, eq, gte, lt, or } from 'drizzle-orm';
import type { ContentType, EventInput } from '@constellation/shared';
import type { HubDb, HubTx } from '../db/client.ts';
import { content, type ContentRow } from '../db/schema/index.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { slugify } from './slugs.ts';
import { checkUmbrella } from './umbrella.ts';

/*
 * The reads a content write depends on: the row it changes, the content it refers to, a
 * free slug. Each refuses what it cannot find with the 4xx that names the field, so a
 * write fails before it changes anything.
 */

type Reader = Pick<HubDb, 'select'> | Pick<HubTx, 'select'>;

export function requireRow(tx: Reader, type: ContentType, id: string): ContentRow {
  const row = tx.select().from(content).where(and(eq(content.id, id), eq(content.type, type))).get();
  if (row === undefined) throw new NotFoundError(type, 'id');
  return row;
}

export function requireActor(tx: HubTx, actorId: string): void {
  if (tx.select({ id: content.id }).from(content).where(and(eq(content.id, actorId), eq(content.type, 'actor'))).get() === undefined) {
    throw new BadRequestError(`actorId ${actorId} is not an actor of this hub`, 'actorId');
  }
}

/** References to other content must point at content of this hub, of the right type. */
export function checkReferences(tx: HubTx, type: ContentType, data: Record<string, unknown>, selfId?: string): void {
  const refs: [string, ContentType, unknown][] = [];
  if (type === 'event') refs.push(['placeId', 'place', data.placeId], ['parentEventId', 'event', data.parentEventId], ['previousEditionId', 'event', data.previousEditionId]);
  if (type === 'article') refs.push(['eventId', 'event', data.eventId]);
  if (type === 'dossier' && Array.isArray(data.items)) {
    (data.items as { type: ContentType; id: string }[]).forEach((item, index) => refs.push([`items.${index}.id`, item.type, item.id]));
  }
  for (const [field, refType, refId] of refs) {
    if (typeof refId !== 'string') continue;
    if (refId === selfId) throw new BadRequestError(`${field} cannot point at the content itself`, field);
    if (tx.select({ id: content.id }).from(content).where(and(eq(content.id, refId), eq(content.type, refType))).get() === undefined) {
      throw new BadRequestError(`${field} ${refId} is not a ${refType} of this hub`, field);
    }
  }
  if (type === 'event') checkUmbrella(tx, data as EventInput, selfId);
}

export function isVerifiedActor(tx: HubTx, actorId: string | null): boolean {
  if (actorId === null) return false;
  return tx.select({ verified: content.verified }).from(content).where(and(eq(content.id, actorId), eq(content.type, 'actor'))).get()?.verified ?? false;
}

export function freeSlug(tx: HubTx, type: ContentType, title: string): string {
  const base = slugify(title);
  // An index range scan over (type, slug): "base" and "base-..." only ('.' sorts right after '-').
  const taken = new Set(
    tx.select({ slug: content.slug }).from(content).where(and(eq(content.type, type), or(eq(content.slug, base), and(gte(content.slug, `${base}-`), lt(content.slug, `${base}.`))))).all().map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
