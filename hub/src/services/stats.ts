import type { ContentType, StatsQuery, StatsReport } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { BadRequestError } from '../errors.ts';

/** Only these are counted when read: the pages people come for. */
export const VIEWED_TYPES: readonly ContentType[] = ['event', 'article'];
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const TOP = 10;
const TOP_SEARCHES = 20;
/** A search text is kept at most this long (lower-cased, spaces collapsed). */
const QUERY_MAX = 100;
/** Counters wait in memory at most this long before they are written (one write for many reads). */
const FLUSH_MS = 15_000;

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A search text as it is counted: "  Éclipse  Lunaire" and "éclipse lunaire" are one search. */
export function normaliseQuery(q: string): string {
  return q.normalize('NFC').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim().slice(0, QUERY_MAX);
}

/**
 * The operators' statistics. Reads and empty searches are counted in memory and written
 * in one transaction every few seconds (and before a report, and at close): a read never
 * waits on a write. Nothing identifies a reader: a view is one more on a (content, day)
 * counter, a search one more on a (text, day) counter.
 */
export class StatsService {
  private views = new Map<string, number>();
  private misses = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A public read of an item, by its id or its slug (resolved when written). */
  countView(type: ContentType, key: { id: string } | { slug: string }): void {
    if (!VIEWED_TYPES.includes(type)) return;
    const name = 'id' in key ? `id\u0000${key.id}` : `slug\u0000${type}\u0000${key.slug}`;
    this.bump(this.views, `${day(this.now())}\u0000${name}`);
  }

  /** A search of a public list that found nothing. */
  countSearchMiss(q: string): void {
    const query = normaliseQuery(q);
    if (query === '') return;
    this.bump(this.misses, `${day(this.now())}\u0000${query}`);
  }

  private bump(counters: Map<string, number>, key: string): void {
    counters.set(key, (counters.get(key) ?? 0) + 1);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Writes the counters kept in memory. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.views.size === 0 && this.misses.size === 0) return;
    const views = this.views;
    const misses = this.misses;
    this.views = new Map();
    this.misses = new Map();
    const { sqlite } = this.store;
    const bySlug = sqlite.prepare<[string, string], { id: string }>('SELECT id FROM content WHERE type = ? AND slug = ?');
    const addView = sqlite.prepare('INSERT INTO content_views (content_id, day, views) VALUES (?, ?, ?) ON CONFLICT (content_id, day) DO UPDATE SET views = views + excluded.views');
    const addMiss = sqlite.prepare('INSERT INTO search_misses (query, day, count) VALUES (?, ?, ?) ON CONFLICT (query, day) DO UPDATE SET count = count + excluded.count');
    sqlite.transaction(() => {
      for (const [key, count] of views) {
        const [when = '', kind, first = '', second = ''] = key.split('\u0000');
        const id = kind === 'id' ? first : bySlug.get(first, second)?.id;
        if (id !== undefined) addView.run(id, when, count);
      }
      for (const [key, count] of misses) {
        const [when = '', query = ''] = key.split('\u0000');
        addMiss.run(query, when, count);
      }
    })();
  }

  close(): void {
    this.flush();
  }

  /** The period asked for, checked: both days real, in order, at most a year. */
  private period(query: StatsQuery): { from: string; to: string } {
    const to = query.to ?? day(this.now());
    const from = query.from ?? day(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || day(new Date(`${value}T00:00:00Z`)) !== value) throw new BadRequestError(`${field} is not a calendar day`, `query.${field}`);
    }
    if (from > to) throw new BadRequestError('from must not be after to', 'query.from');
    if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS >= MAX_DAYS) throw new BadRequestError(`the period is at most ${MAX_DAYS} days`, 'query.from');
    return { from, to };
  }

  report(query: StatsQuery): StatsReport {
    const { from, to } = this.period(query);
    this.flush();
    const { sqlite } = this.store;
    const now = this.now();
    const firstMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString();
    const published = sqlite
      .prepare<[string], { month: string; type: ContentType; count: number }>(
        `SELECT substr(published_at, 1, 7) AS month, type, count(*) AS count FROM content
         WHERE status = 'published' AND published_at >= ? GROUP BY month, type ORDER BY month, type`,
      )
      .all(firstMonth);

    const pendingRows = sqlite.prepare<[], { updatedAt: string }>(`SELECT updated_at AS updatedAt FROM content WHERE status = 'pending' ORDER BY updated_at`).all();
    const ages = { day: 0, 'three-days': 0, week: 0, older: 0 };
    for (const row of pendingRows) {
      const waited = now.getTime() - Date.parse(row.updatedAt);
      ages[waited < DAY_MS ? 'day' : waited < 3 * DAY_MS ? 'three-days' : waited < 7 * DAY_MS ? 'week' : 'older'] += 1;
    }

    const end = day(new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS));
    const decisions = sqlite
      .prepare<[string, string], { userId: string; name: string | null; role: string | null; approved: number; rejected: number }>(
        `SELECT a.user_id AS userId, u.display_name AS name, u.role AS role,
                sum(a.action = 'approve') AS approved, sum(a.action = 'reject') AS rejected
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.action IN ('approve', 'reject') AND a.at >= ? AND a.at < ?
         GROUP BY a.user_id ORDER BY approved + rejected DESC, name`,
      )
      .all(from, end);

    const top = sqlite
      .prepare<[string, string, number], { id: string; type: ContentType; title: string; slug: string; status: string; views: number }>(
        `SELECT c.id, c.type, c.title, c.slug, c.status, sum(v.views) AS views
         FROM content_views v JOIN content c ON c.id = v.content_id
         WHERE v.day >= ? AND v.day <= ? GROUP BY c.id ORDER BY views DESC, c.title LIMIT ?`,
      )
      .all(from, to, TOP);
    const daily = sqlite.prepare<[string, string, string], { day: string; views: number }>('SELECT day, views FROM content_views WHERE content_id = ? AND day >= ? AND day <= ? ORDER BY day');
    const mostViewed = top.map((row) => ({ id: row.id, type: row.type, title: row.title, slug: row.status === 'published' ? row.slug : null, views: row.views, days: daily.all(row.id, from, to) }));

    const searchMisses = sqlite
      .prepare<[string, string, number], { query: string; count: number }>('SELECT query, sum(count) AS count FROM search_misses WHERE day >= ? AND day <= ? GROUP BY query ORDER BY count DESC, query LIMIT ?')
      .all(from, to, TOP_SEARCHES);

    return {
      from,
      to,
      published,
      queue: { pending: pendingRows.length, oldest: pendingRows[0]?.updatedAt ?? null, ages: Object.entries(ages).map(([bucket, count]) => ({ bucket: bucket as keyof typeof ages, count })) },
      decisions,
      mostViewed,
      searchMisses,
    };
  }
}
