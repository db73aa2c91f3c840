import Type, { type Static } from 'typebox';
import type { NationalEngine } from '../db/engine.ts';
import type { DuplicateVerdict } from '../db/schema/index.ts';
import type { AppliedChange } from '../ingest/apply.ts';
import { ConflictError, NotFoundError } from '../http-errors.ts';

/*
 * The national admins' review of cross-hub duplicates (ingest/dedupe.ts pairs them on its
 * own): each group is the event listed nationally (the older record: the finder keeps it
 * whatever is edited later) and the other hubs' copies listed under it. A copy is pending
 * until an admin confirms it (the pair leaves the list) or splits it (the finder never
 * pairs the two again, the copy is listed on its own). Verdicts are kept by (hub, id).
 */

const Key = Type.Object(
  { hub: Type.String({ minLength: 1, maxLength: 100 }), id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type RecordKey = Static<typeof Key>;

/** One event of a group, side by side with the others. */
export const DuplicateItem = Type.Object(
  {
    hub: Type.String(),
    hubName: Type.String(),
    id: Type.String(),
    title: Type.String(),
    /** The first occurrence's start and the last one's end. */
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    place: Type.Union([Type.String(), Type.Null()], { description: 'the place\'s name and commune, as the hub gave them' }),
    url: Type.Union([Type.String(), Type.Null()], { description: 'the event\'s page on its hub' }),
  },
  { additionalProperties: false },
);
export type DuplicateItem = Static<typeof DuplicateItem>;

export const PairVerdict = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('split')]);
export type PairVerdict = Static<typeof PairVerdict>;

export const DuplicateGroup = Type.Object(
  {
    listed: DuplicateItem,
    copies: Type.Array(
      Type.Object(
        { ...DuplicateItem.properties, verdict: PairVerdict, decidedBy: Type.Union([Type.String(), Type.Null()]), decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DuplicateGroup = Static<typeof DuplicateGroup>;

export const DuplicatesQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('split')], {
        default: 'pending',
        description: 'pending: groups with a copy nobody decided on; confirmed: groups whose every copy was confirmed; split: pairs an admin split',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type DuplicatesQuery = Static<typeof DuplicatesQuery>;

export const DuplicatesList = Type.Object(
  {
    items: Type.Array(DuplicateGroup),
    counts: Type.Object({ pending: Type.Integer(), confirmed: Type.Integer(), split: Type.Integer() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type DuplicatesList = Static<typeof DuplicatesList>;

export const VerdictBody = Type.Object(
  {
    listed: Type.Object(Key.properties, { additionalProperties: false, description: 'the event listed nationally (the group\'s head)' }),
    copy: Type.Object(Key.properties, { additionalProperties: false, description: 'another hub\'s copy listed under it' }),
  },
  { additionalProperties: false },
);
export type VerdictBody = Static<typeof VerdictBody>;

export const VerdictAnswer = Type.Object(
  {
    verdict: Type.Union([Type.Literal('confirmed'), Type.Literal('split')]),
    listed: DuplicateItem,
    copy: DuplicateItem,
    /** After a split: the event the copy is now listed under (another twin), or null when it is listed on its own. */
    copyListedUnder: Type.Union([Type.Object(Key.properties, { additionalProperties: false }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type VerdictAnswer = Static<typeof VerdictAnswer>;

interface Pair {
  copyRow: number;
  listedRow: number;
  copyHub: string;
  copyId: string;
  listedHub: string;
  listedId: string;
  firstStart: number;
}

interface Review {
  left_hub: string;
  left_id: string;
  right_hub: string;
  right_id: string;
  verdict: DuplicateVerdict;
  at: number;
  admin_email: string;
}

interface ItemRow {
  rowId: number;
  hub: string;
  id: string;
  data: string | null;
  firstStart: number | null;
  lastEnd: number | null;
  hubName: string | null;
}

const ITEM_COLUMNS = `r.row_id AS "rowId", r.hub, r.id, r.data, e.first_start AS "firstStart", e.last_end AS "lastEnd", h.name AS "hubName"
  FROM records r LEFT JOIN events_index e ON e.row_id = r.row_id LEFT JOIN hubs h ON h.id = r.hub`;

/** A pair's key, the smaller (hub, id) first, as duplicate_reviews stores it. */
export function pairKey(a: RecordKey, b: RecordKey): { left: RecordKey; right: RecordKey } {
  const first = `${a.hub}\u0000${a.id}` <= `${b.hub}\u0000${b.id}`;
  return first ? { left: a, right: b } : { left: b, right: a };
}

const keyOf = (hub: string, id: string) => `${hub}\u0000${id}`;
const pairOf = (a: string, b: string) => (a <= b ? `${a}\u0001${b}` : `${b}\u0001${a}`);

function iso(ms: number | null): string {
  return new Date(ms ?? 0).toISOString();
}

function item(row: ItemRow): DuplicateItem {
  let data: { title?: unknown; url?: unknown; place?: { name?: unknown; commune?: unknown } } = {};
  try {
    data = row.data === null ? {} : (JSON.parse(row.data) as typeof data);
  } catch {
    data = {};
  }
  const place = [data.place?.name, data.place?.commune].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return {
    hub: row.hub,
    hubName: row.hubName ?? row.hub,
    id: row.id,
    title: typeof data.title === 'string' ? data.title : row.id,
    start: iso(row.firstStart),
    end: iso(row.lastEnd),
    place: place.length === 0 ? null : [...new Set(place)].join(', '),
    url: typeof data.url === 'string' ? data.url : null,
  };
}

export class DuplicateReview {
  constructor(
    private readonly engine: Pick<NationalEngine, 'duplicates'>,
    private readonly now: () => number = Date.now,
  ) {}

  private async reviews(): Promise<Map<string, Review>> {
    const rows = await this.engine.duplicates.all<Review>('SELECT left_hub, left_id, right_hub, right_id, verdict, at, admin_email FROM duplicate_reviews');
    return new Map(rows.map((row) => [pairOf(keyOf(row.left_hub, row.left_id), keyOf(row.right_hub, row.right_id)), row]));
  }

  private async items(rowIds: readonly number[]): Promise<Map<number, DuplicateItem>> {
    if (rowIds.length === 0) return new Map();
    const rows = await this.engine.duplicates.all<ItemRow>(`SELECT ${ITEM_COLUMNS} WHERE r.row_id IN (${rowIds.map(() => '?').join(', ')})`, rowIds);
    return new Map(rows.map((row) => [row.rowId, item(row)]));
  }

  /** The groups in a state, soonest event first, and how many there are in each state. */
  async list(query: DuplicatesQuery): Promise<DuplicatesList> {
    const status = query.status ?? 'pending';
    const limit = query.limit ?? 50;
    const [pairs, reviews] = await Promise.all([
      this.engine.duplicates.all<Pair>(
        `SELECT c.row_id AS "copyRow", c.duplicate_of AS "listedRow", cr.hub AS "copyHub", cr.id AS "copyId", lr.hub AS "listedHub", lr.id AS "listedId", l.first_start AS "firstStart"
         FROM events_index c JOIN records cr ON cr.row_id = c.row_id JOIN records lr ON lr.row_id = c.duplicate_of JOIN events_index l ON l.row_id = c.duplicate_of
         WHERE c.duplicate_of IS NOT NULL ORDER BY l.first_start, c.duplicate_of, c.row_id`,
      ),
      this.reviews(),
    ]);
    const verdictOf = (pair: Pair) => reviews.get(pairOf(keyOf(pair.copyHub, pair.copyId), keyOf(pair.listedHub, pair.listedId)));
    const groups = new Map<number, Pair[]>();
    for (const pair of pairs) groups.set(pair.listedRow, [...(groups.get(pair.listedRow) ?? []), pair]);
    const pending = [...groups.values()].filter((group) => group.some((pair) => verdictOf(pair)?.verdict !== 'confirmed'));
    const confirmed = [...groups.values()].filter((group) => group.every((pair) => verdictOf(pair)?.verdict === 'confirmed'));
    const splits = [...reviews.values()].filter((review) => review.verdict === 'split');
    const counts = { pending: pending.length, confirmed: confirmed.length, split: splits.length };
    if (status === 'split') return { items: await this.splitPairs(splits.sort((a, b) => b.at - a.at).slice(0, limit)), counts };
    const page = (status === 'pending' ? pending : confirmed).slice(0, limit);
    const items = await this.items(page.flatMap((group) => [group[0]?.listedRow ?? 0, ...group.map((pair) => pair.copyRow)]));
    const out: DuplicateGroup[] = [];
    for (const group of page) {
      const listed = items.get(group[0]?.listedRow ?? 0);
      if (listed === undefined) continue;
      out.push({
        listed,
        copies: group.flatMap((pair) => {
          const copy = items.get(pair.copyRow);
          const review = verdictOf(pair);
          return copy === undefined ? [] : [{ ...copy, verdict: review?.verdict ?? 'pending', decidedBy: review?.admin_email ?? null, decidedAt: review === undefined ? null : iso(review.at) }];
        }),
      });
    }
    return { items: out, counts };
  }

  /** Split pairs, each as a group of two: the records as held now. */
  private async splitPairs(splits: readonly Review[]): Promise<DuplicateGroup[]> {
    const out: DuplicateGroup[] = [];
    for (const review of splits) {
      const rows = await this.engine.duplicates.all<ItemRow>(`SELECT ${ITEM_COLUMNS} WHERE (r.hub = ? AND r.id = ?) OR (r.hub = ? AND r.id = ?)`, [review.left_hub, review.left_id, review.right_hub, review.right_id]);
      const left = rows.find((row) => row.hub === review.left_hub && row.id === review.left_id);
      const right = rows.find((row) => row.hub === review.right_hub && row.id === review.right_id);
      if (left === undefined || right === undefined) continue;
      // The older record first, where the finder had listed it.
      const [first, second] = left.rowId < right.rowId ? [left, right] : [right, left];
      out.push({ listed: item(first), copies: [{ ...item(second), verdict: 'split', decidedBy: review.admin_email, decidedAt: iso(review.at) }] });
    }
    return out;
  }

  /**
   * Records a verdict on a copy listed under `listed`. Refused by field: an unknown event
   * (404), a copy not listed under that event (409). Returns the changes a split announces.
   */
  async decide(verdict: 'confirmed' | 'split', body: VerdictBody, admin: { email: string }): Promise<{ answer: VerdictAnswer; changes: AppliedChange[] }> {
    const find = async (key: RecordKey, field: 'listed' | 'copy') => {
      const rows = await this.engine.duplicates.all<{ rowId: number; duplicateOf: number | null }>(
        'SELECT e.row_id AS "rowId", e.duplicate_of AS "duplicateOf" FROM events_index e JOIN records r ON r.row_id = e.row_id WHERE r.hub = ? AND r.id = ?',
        [key.hub, key.id],
      );
      const row = rows[0];
      if (row === undefined) throw new NotFoundError(`no live event ${key.id} from hub ${key.hub}`, field);
      return row;
    };
    const listed = await find(body.listed, 'listed');
    const copy = await find(body.copy, 'copy');
    if (copy.duplicateOf !== listed.rowId) throw new ConflictError(`${body.copy.hub}/${body.copy.id} is not listed under ${body.listed.hub}/${body.listed.id} (the duplicate finder changed its groups since the page was read)`, 'copy');
    const { left, right } = pairKey(body.listed, body.copy);
    const changes = await this.engine.duplicates.decide(
      { leftHub: left.hub, leftId: left.id, rightHub: right.hub, rightId: right.id, verdict, at: this.now(), adminEmail: admin.email },
      copy.rowId,
    );
    const after = await find(body.copy, 'copy');
    const items = await this.items([listed.rowId, copy.rowId, ...(after.duplicateOf === null ? [] : [after.duplicateOf])]);
    const under = after.duplicateOf === null ? undefined : items.get(after.duplicateOf);
    const listedItem = items.get(listed.rowId);
    const copyItem = items.get(copy.rowId);
    if (listedItem === undefined || copyItem === undefined) throw new NotFoundError(`no live event ${body.copy.id}`, 'copy');
    return { answer: { verdict, listed: listedItem, copy: copyItem, copyListedUnder: under === undefined ? null : { hub: under.hub, id: under.id } }, changes };
  }
}
