import type Database from 'better-sqlite3';
import { words, type TextQuery } from './filter.ts';

/*
 * Full-text search over events_fts (title, summary, body, place; accents removed).
 *
 * What FTS5 costs here (STACK.md, and measured on a million events): listing the rows that
 * match a word found in a third of them takes ~70 ms, and ranking them all with bm25 over
 * 200 ms; the first few thousand rows, newest first, take a few ms; but asking whether one
 * given row matches costs as much as scanning the word's whole list, so FTS5 cannot check
 * a candidate set the map index found. Hence the plans in event-search.ts: FTS5 gives the
 * rows when they are few, and the index's candidates are checked here, in JavaScript, with
 * the same folding and word cutting as the tokenizer, when the text is common.
 */

/** Column weights of the ranking: a word in the title counts most. */
export const COLUMN_WEIGHTS = [4, 2, 1, 1] as const;
const K1 = 1.2;
const B = 0.75;
/**
 * Rows read per FTS5 query. A prefix query ("atel"*) merges the doclists of every term it
 * expands to before giving its first row, so each query of a common prefix costs that
 * merge: read in as few queries as possible.
 */
const CHUNK = 16_385;

export class TextSearch {
  private readonly statements;

  constructor(sqlite: Database.Database) {
    // FTS5 uses a rowid bound only when it is bound as an integer: numbers from JavaScript
    // bind as REAL, so bounds go in as BigInt (a REAL bound is silently not used).
    this.statements = {
      newer: sqlite.prepare<[string, bigint, number], number>('SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').pluck(),
      all: sqlite.prepare<[string], number>('SELECT rowid FROM events_fts WHERE events_fts MATCH ?').pluck(),
      ranked: sqlite.prepare<[string, bigint, bigint], [number, number]>(
        `SELECT rowid, bm25(events_fts, ${COLUMN_WEIGHTS.join(', ')}) FROM events_fts WHERE events_fts MATCH ? AND rowid >= ? AND rowid <= ?`,
      ).raw(),
      text: sqlite.prepare<[bigint], [string, string, string, string]>('SELECT title, summary, body, place FROM events_fts WHERE rowid = ?').raw(),
    };
  }

  /** The rows matching, newest first, at most `max`; `complete` when that is all of them. */
  newest(text: TextQuery, max: number): { rows: number[]; complete: boolean } {
    const rows: number[] = [];
    let below = 2n ** 62n;
    for (;;) {
      // One more than `max` in all, to know whether there are more.
      const wanted = Math.min(CHUNK, max + 1 - rows.length);
      const chunk = this.statements.newer.all(text.match, below, wanted);
      for (const row of chunk) rows.push(row);
      if (chunk.length < wanted) return { rows, complete: true };
      if (rows.length > max) return { rows: rows.slice(0, max), complete: false };
      below = BigInt(chunk.at(-1) as number);
    }
  }

  /** Every matching row (costly for a common word: a plan's last resort). */
  all(text: TextQuery): number[] {
    return this.statements.all.all(text.match);
  }

  /**
   * FTS5's bm25 relevance (higher is better) of the given matching rows: read for the
   * rows between the lowest and the highest given, so keep them few (a complete `newest`).
   */
  relevance(text: TextQuery, rows: readonly number[]): Map<number, number> {
    const scores = new Map<number, number>();
    if (rows.length === 0) return scores;
    let low = Infinity;
    let high = -Infinity;
    for (const row of rows) {
      if (row < low) low = row;
      if (row > high) high = row;
    }
    const wanted = new Set(rows);
    for (const [row, bm25] of this.statements.ranked.iterate(text.match, BigInt(low), BigInt(high))) if (wanted.has(row)) scores.set(row, -bm25);
    return scores;
  }

  /**
   * Matches and scores rows outside FTS5: the rows' indexed text is read by rowid (cheap)
   * and each term looked for as the tokenizer would find it (a whole word, the last term
   * as a word's start; case and accents ignored). Returns the relevance of the rows that
   * match: BM25 per column with the same weights, without the inverse document frequency
   * (every row matches every term anyway), lengths in characters averaged over the rows.
   */
  matchAndScore(text: TextQuery, rows: readonly number[]): Map<number, number> {
    const patterns = text.terms.map((term, t) => termPattern(term, t === text.terms.length - 1 && text.prefix));
    const documents: { row: number; counts: number[][]; lengths: number[] }[] = [];
    const totals = [0, 0, 0, 0];
    for (const row of rows) {
      const stored = this.statements.text.get(BigInt(row));
      if (stored === undefined) continue;
      const columns = stored.map((value) => (value === null ? '' : COMBINING.test(value) ? value.normalize('NFC') : value));
      const counts = patterns.map((pattern) => columns.map((column) => column.match(pattern)?.length ?? 0));
      if (!counts.every((perColumn) => perColumn.some((count) => count > 0))) continue;
      const lengths = columns.map((column) => column.length);
      lengths.forEach((length, i) => (totals[i] = (totals[i] ?? 0) + length));
      documents.push({ row, counts, lengths });
    }
    const averages = totals.map((total) => Math.max(1, total / Math.max(1, documents.length)));
    const scores = new Map<number, number>();
    for (const { row, counts, lengths } of documents) {
      let score = 0;
      for (const perColumn of counts) {
        perColumn.forEach((frequency, i) => {
          if (frequency === 0) return;
          const norm = 1 - B + (B * (lengths[i] ?? 0)) / (averages[i] ?? 1);
          score += ((COLUMN_WEIGHTS[i] ?? 1) * frequency * (K1 + 1)) / (frequency + K1 * norm);
        });
      }
      scores.set(row, score);
    }
    return scores;
  }
}

const COMBINING = /\p{M}/u;

/** For each folded Latin letter, the characters that fold to it (é, è, ê, ë for e...). */
const VARIANTS: ReadonlyMap<string, string> = (() => {
  const variants = new Map<string, string>();
  for (let code = 0xc0; code <= 0x24f; code += 1) {
    const char = String.fromCharCode(code);
    const folded = words(char).join('');
    if ([...folded].length !== 1 || folded === char) continue;
    variants.set(folded, (variants.get(folded) ?? '') + char.toLowerCase());
  }
  return variants;
})();

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

/**
 * A term as a pattern over unfolded text: each letter with its accented forms, case
 * ignored, starting a word (not after a letter or digit) and, unless a prefix, ending it.
 */
export function termPattern(term: string, prefix: boolean): RegExp {
  const body = [...term].map((char) => `[${escapeClass(char + (VARIANTS.get(char) ?? ''))}]`).join('');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'giu');
}
