import { and, asc, eq, gt } from 'drizzle-orm';
import type { MemberProfileInput, MemberProfileView, OwnProfileView } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { memberProfiles, type MemberProfileRow } from '../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { clampLimit, decodeCursor, encodeCursor } from './content-list.ts';

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Member profiles. The directory is small (hundreds of members), so it filters in memory after the keyset page. */
export class MemberService {
  constructor(private readonly store: Store) {}

  save(userId: string, input: MemberProfileInput): MemberProfileView {
    const updatedAt = new Date().toISOString();
    const { listed = true, ...data } = input;
    this.store.db
      .insert(memberProfiles)
      .values({ userId, data, listed, updatedAt })
      .onConflictDoUpdate({ target: memberProfiles.userId, set: { data, listed, updatedAt } })
      .run();
    // Not this.get(): it 404s for an unlisted profile, so saving `listed: false` answered 404 although it was saved.
    return toView({ userId, data, listed, updatedAt });
  }

  /** My profile, listed or not (the directory's get hides an unlisted one, even from its owner). */
  own(userId: string): OwnProfileView {
    const row = this.store.db.select().from(memberProfiles).where(eq(memberProfiles.userId, userId)).get();
    if (row === undefined) throw new NotFoundError('profile', 'userId');
    return { ...toView(row), listed: row.listed };
  }

  get(userId: string): MemberProfileView {
    const row = this.store.db.select().from(memberProfiles).where(eq(memberProfiles.userId, userId)).get();
    if (row === undefined || !row.listed) throw new NotFoundError('member', 'userId');
    return toView(row);
  }

  directory(query: { q?: string; discipline?: string; limit?: number; cursor?: string }): { items: MemberProfileView[]; next: string | null } {
    const limit = clampLimit(query.limit);
    const after = query.cursor === undefined ? undefined : String(decodeCursor(query.cursor, ['string'])[0]);
    const rows = this.store.db
      .select()
      .from(memberProfiles)
      .where(and(eq(memberProfiles.listed, true), after === undefined ? undefined : gt(memberProfiles.userId, after)))
      .orderBy(asc(memberProfiles.userId))
      .all();
    const needle = query.q === undefined ? undefined : fold(query.q);
    const matching = rows.map(toView).filter((view) => {
      if (query.discipline !== undefined && !(view.disciplines ?? []).includes(query.discipline as never)) return false;
      if (needle === undefined) return true;
      return fold([view.displayName, view.headline ?? '', ...(view.skills ?? [])].join(' ')).includes(needle);
    });
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return { items: page, next: matching.length > limit && last !== undefined ? encodeCursor([last.userId]) : null };
  }
}

function toView(row: MemberProfileRow): MemberProfileView {
  return { userId: row.userId, ...(row.data as Omit<MemberProfileView, 'userId' | 'updatedAt'>), updatedAt: row.updatedAt };
}
