import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { ContactVisibility, MemberProfileInput, MemberProfileView, OwnProfileView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { actorMembers, memberProfiles, users, type MemberProfileRow } from '../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Who reads the directory, as the database says now (a token's role may be minutes old). */
interface Reader {
  id: string;
  /** Let into the network by a moderator: approved membership, acting for an actor, or moderating. */
  admitted: boolean;
  actorIds: Set<string>;
}

type StoredProfile = Omit<MemberProfileInput, 'listed'>;

/**
 * Member profiles. The directory is small (hundreds of members), so it filters in memory after the keyset page.
 * Contact details are personal data: every answer about someone else's profile goes through `present`,
 * which drops `contact` unless its owner's choice lets this reader see it.
 */
export class MemberService {
  constructor(private readonly store: Store) {}

  save(userId: string, input: MemberProfileInput): OwnProfileView {
    const updatedAt = new Date().toISOString();
    const { listed = true, ...data } = input;
    this.store.db
      .insert(memberProfiles)
      .values({ userId, data, listed, updatedAt })
      .onConflictDoUpdate({ target: memberProfiles.userId, set: { data, listed, updatedAt } })
      .run();
    // Not this.get(): it 404s for an unlisted profile, so saving `listed: false` answered 404 although it was saved.
    return ownView({ userId, data, listed, updatedAt });
  }

  /** My profile, listed or not (the directory's get hides an unlisted one, even from its owner). */
  own(userId: string): OwnProfileView {
    const row = this.store.db.select().from(memberProfiles).where(eq(memberProfiles.userId, userId)).get();
    if (row === undefined) throw new NotFoundError('profile', 'userId');
    return ownView(row);
  }

  get(userId: string, readerId: string): MemberProfileView {
    const row = this.store.db.select().from(memberProfiles).where(eq(memberProfiles.userId, userId)).get();
    if (row === undefined || !row.listed) throw new NotFoundError('member', 'userId');
    return this.present([row], this.reader(readerId))[0] as MemberProfileView;
  }

  directory(query: { q?: string; discipline?: string; limit?: number; cursor?: string }, readerId: string): { items: MemberProfileView[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const after = query.cursor === undefined ? undefined : String(decodeCursor(query.cursor, ['string'])[0]);
    const rows = this.store.db
      .select()
      .from(memberProfiles)
      .where(and(eq(memberProfiles.listed, true), after === undefined ? undefined : gt(memberProfiles.userId, after)))
      .orderBy(asc(memberProfiles.userId))
      .all();
    const needle = query.q === undefined ? undefined : fold(query.q);
    // Search only what every reader may see: matching on hidden contact details would reveal them.
    const matching = rows.filter((row) => {
      const data = row.data as StoredProfile;
      if (query.discipline !== undefined && !(data.disciplines ?? []).includes(query.discipline as never)) return false;
      if (needle === undefined) return true;
      return fold([data.displayName, data.headline ?? '', ...(data.skills ?? [])].join(' ')).includes(needle);
    });
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return { items: this.present(page, this.reader(readerId)), next: matching.length > limit && last !== undefined ? encodeCursor([last.userId]) : null };
  }

  private reader(readerId: string): Reader {
    const user = this.store.db.select({ role: users.role, membership: users.membership }).from(users).where(eq(users.id, readerId)).get();
    const actorIds = new Set(this.store.db.select({ actorId: actorMembers.actorId }).from(actorMembers).where(eq(actorMembers.userId, readerId)).all().map((row) => row.actorId));
    const admitted = user !== undefined && (user.membership === 'approved' || user.role === 'moderator' || user.role === 'admin' || actorIds.size > 0);
    return { id: readerId, admitted, actorIds };
  }

  /** Profiles as this reader may see them: contact details only where the owner's choice covers the reader. */
  private present(rows: MemberProfileRow[], reader: Reader): MemberProfileView[] {
    const sharing = rows.filter((row) => visibilityOf(row) === 'actor').map((row) => row.userId);
    const ownerActors = new Map<string, string[]>();
    if (sharing.length > 0 && reader.actorIds.size > 0) {
      for (const link of this.store.db.select().from(actorMembers).where(inArray(actorMembers.userId, sharing)).all()) {
        ownerActors.set(link.userId, [...(ownerActors.get(link.userId) ?? []), link.actorId]);
      }
    }
    return rows.map((row) => {
      const { contact, contactVisibility: _visibility, ...rest } = row.data as StoredProfile;
      const visibility = visibilityOf(row);
      const shown =
        row.userId === reader.id ||
        (visibility === 'members' && reader.admitted) ||
        (visibility === 'actor' && (ownerActors.get(row.userId) ?? []).some((actorId) => reader.actorIds.has(actorId)));
      return { userId: row.userId, ...rest, ...(shown && contact !== undefined ? { contact } : {}), updatedAt: row.updatedAt };
    });
  }
}

function visibilityOf(row: MemberProfileRow): ContactVisibility {
  return (row.data as StoredProfile).contactVisibility ?? 'nobody';
}

function ownView(row: Pick<MemberProfileRow, 'userId' | 'data' | 'listed' | 'updatedAt'>): OwnProfileView {
  const { contactVisibility: _visibility, ...data } = row.data as StoredProfile;
  return { userId: row.userId, ...data, listed: row.listed, contactVisibility: visibilityOf(row as MemberProfileRow), updatedAt: row.updatedAt };
}
