import type Database from 'better-sqlite3';

/*
 * Cross-hub duplicates: the same event posted on two hubs (a travelling exhibition, a
 * festival two regions both list) is listed once. Two events are the same when they are
 * on different hubs, within about 500 m, overlap in time, and share at least half their
 * title words. The older record (lower row id) stays listed and the newer points at it,
 * so a group is stable however its members are edited. Two events a national admin split
 * (duplicate_reviews, verdict 'split') are never paired again, whatever is pulled later.
 */

/** Half-sizes of the search box: ~550 m of latitude, ~500 m of longitude in France. */
export const DLAT = 0.005;
export const DLON = 0.007;
/** Share of title words two titles must have in common (Jaccard index). */
export const TITLE_SIMILARITY = 0.5;

export function titleSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const left = new Set(a.split(' '));
  const right = b.split(' ');
  let shared = 0;
  for (const word of right) if (left.has(word)) shared += 1;
  return shared / (left.size + right.length - shared);
}

/** The candidate whose title is most like `titleKey`, at or above the threshold; the lowest row id among equals. */
export function bestCandidate(titleKey: string, candidates: readonly { row_id: number; title_key: string }[]): number | null {
  let best: number | null = null;
  let bestScore = TITLE_SIMILARITY;
  for (const candidate of candidates) {
    const score = titleSimilarity(titleKey, candidate.title_key);
    if (score >= bestScore && (best === null || score > bestScore || candidate.row_id < best)) {
      best = candidate.row_id;
      bestScore = score;
    }
  }
  return best;
}

interface Candidate {
  row_id: number;
  title_key: string;
}

interface Self {
  row_id: number;
  hub: string;
  id: string;
  lat: number | null;
  lon: number | null;
  title_key: string;
  first_start: number;
  first_end: number;
}

export class DuplicateFinder {
  private readonly self: Database.Statement<[number], Self>;
  private readonly candidates: Database.Statement<unknown[], Candidate>;
  private readonly dependents: Database.Statement<[number], { row_id: number }>;
  private readonly setDuplicate: Database.Statement<[number | null, number]>;

  constructor(sqlite: Database.Database) {
    this.self = sqlite.prepare(`SELECT e.row_id, e.hub, (SELECT r.id FROM records r WHERE r.row_id = e.row_id) AS id, e.lat, e.lon, e.title_key,
        (SELECT min(o.start) FROM event_occurrences o WHERE o.event_row = e.row_id) AS first_start,
        (SELECT o."end" FROM event_occurrences o WHERE o.event_row = e.row_id ORDER BY o.start LIMIT 1) AS first_end
      FROM events_index e WHERE e.row_id = ?`);
    // CROSS JOIN from the R*Tree side: the planner otherwise may scan events first.
    this.candidates = sqlite.prepare(`SELECT DISTINCT e.row_id, e.title_key
      FROM occurrence_boxes b CROSS JOIN event_occurrences o ON o.id = b.id CROSS JOIN events_index e ON e.row_id = o.event_row
        CROSS JOIN records r ON r.row_id = e.row_id
      WHERE b.x0 <= ? AND b.x1 >= ? AND b.y0 <= ? AND b.y1 >= ? AND b.t0 <= ? AND b.t1 >= ?
        AND o.start < ? AND o."end" > ? AND e.hub <> ? AND e.row_id < ? AND e.duplicate_of IS NULL
        AND NOT EXISTS (SELECT 1 FROM duplicate_reviews d WHERE d.verdict = 'split' AND (
          (d.left_hub = ? AND d.left_id = ? AND d.right_hub = r.hub AND d.right_id = r.id) OR
          (d.right_hub = ? AND d.right_id = ? AND d.left_hub = r.hub AND d.left_id = r.id)))
      LIMIT 64`);
    this.dependents = sqlite.prepare('SELECT row_id FROM events_index WHERE duplicate_of = ?');
    this.setDuplicate = sqlite.prepare('UPDATE events_index SET duplicate_of = ? WHERE row_id = ?');
  }

  /** The listed event this one duplicates, if any. */
  private canonicalOf(rowId: number): number | null {
    const self = this.self.get(rowId);
    if (self === undefined || self.lat === null || self.lon === null || self.title_key === '') return null;
    const candidates = this.candidates.all(
      self.lon + DLON, self.lon - DLON, self.lat + DLAT, self.lat - DLAT,
      self.first_end / 60_000, self.first_start / 60_000, self.first_end, self.first_start, self.hub, rowId,
      self.hub, self.id, self.hub, self.id,
    );
    return bestCandidate(self.title_key, candidates);
  }

  /**
   * Re-groups around a changed event (just indexed, or just removed from the index):
   * the events that pointed at it look again, and it looks for an older twin. Returns
   * the other rows whose listing changed, so their change can be announced.
   */
  regroup(rowId: number, live: boolean): number[] {
    const touched: number[] = [];
    const dependents = this.dependents.all(rowId).map((row) => row.row_id);
    for (const dependent of dependents) this.setDuplicate.run(null, dependent);
    if (live) this.setDuplicate.run(this.canonicalOf(rowId), rowId);
    for (const dependent of dependents) {
      const canonical = this.canonicalOf(dependent);
      if (canonical !== null) this.setDuplicate.run(canonical, dependent);
      if (canonical !== rowId) touched.push(dependent);
    }
    return touched;
  }
}
