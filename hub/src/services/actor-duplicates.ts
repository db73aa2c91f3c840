import { and, count, eq, ne } from 'drizzle-orm';
import type { ActorInput } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { actorMembers, content } from '../db/schema/index.ts';

/*
 * Duplicate actors: the same organisation entered twice (a museum and "Le Muséum"), which
 * splits its events and its members' edit rights. Two actors are suspected when they
 * share a SIRET, or a name once case, accents, articles and punctuation are set aside,
 * and they are at the same place (the same commune, or neither says where).
 */

export interface DuplicateActor {
  id: string;
  slug: string;
  name: string;
  status: string;
  verified: boolean;
  /** Pieces of content it owns, and accounts acting for it. */
  content: number;
  members: number;
}

export interface DuplicateGroup {
  reason: 'siret' | 'name';
  actors: DuplicateActor[];
}

/** "Le Muséum d'Orléans" and "MUSEUM D ORLEANS" compare equal. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !['le', 'la', 'les', 'l', 'the', 'de', 'du', 'des', 'd'].includes(word))
    .join(' ');
}

function placeKey(actor: ActorInput): string {
  const location = actor.location;
  if (location === undefined) return '';
  return location.inseeCode ?? nameKey(location.commune ?? '');
}

export function findDuplicateActors(store: Store): DuplicateGroup[] {
  const rows = store.db.select({ id: content.id, slug: content.slug, status: content.status, verified: content.verified, data: content.data }).from(content).where(and(eq(content.type, 'actor'), ne(content.status, 'rejected'))).all();
  const bySiret = new Map<string, typeof rows>();
  const byName = new Map<string, typeof rows>();
  for (const row of rows) {
    const actor = row.data as ActorInput;
    const place = placeKey(actor);
    if (actor.siret !== undefined) bySiret.set(`${actor.siret}|${place}`, [...(bySiret.get(`${actor.siret}|${place}`) ?? []), row]);
    const name = nameKey(actor.name);
    if (name !== '') byName.set(`${name}|${place}`, [...(byName.get(`${name}|${place}`) ?? []), row]);
  }
  const describe = (row: (typeof rows)[number]): DuplicateActor => ({
    id: row.id,
    slug: row.slug,
    name: (row.data as ActorInput).name,
    status: row.status,
    verified: row.verified,
    content: store.db.select({ n: count() }).from(content).where(and(eq(content.actorId, row.id), ne(content.id, row.id))).get()?.n ?? 0,
    members: store.db.select({ n: count() }).from(actorMembers).where(eq(actorMembers.actorId, row.id)).get()?.n ?? 0,
  });
  const groups: DuplicateGroup[] = [];
  const seen = new Set<string>();
  for (const [reason, map] of [['siret', bySiret], ['name', byName]] as const) {
    for (const group of map.values()) {
      if (group.length < 2) continue;
      const key = group.map((row) => row.id).sort().join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ reason, actors: group.map(describe) });
    }
  }
  return groups;
}
