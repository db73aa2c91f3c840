import { LIST_LIMIT } from '@constellation/shared';
import { BadRequestError } from '../http-errors.ts';
import type { SortOrder } from './filter.ts';

/**
 * Keyset cursors, opaque to clients: base64url of the sort key of the last item given.
 * By date: [start (epoch ms), row id]; by relevance: [score, row id]. The row id (the
 * record's, stable while the record lives) breaks ties, so pages never overlap or skip.
 */
export interface Cursor {
  sort: SortOrder;
  /** The first occurrence's start (date) or the score (relevance) of the last item. */
  value: number;
  row: number;
}

const TAGS: Record<SortOrder, string> = { date: 'd', relevance: 'r' };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([TAGS[cursor.sort], cursor.value, cursor.row])).toString('base64url');
}

export function decodeCursor(text: string, sort: SortOrder, field = 'query.cursor'): Cursor {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== 3 || typeof key[1] !== 'number' || !Number.isFinite(key[1]) || !Number.isSafeInteger(key[2])) {
    throw new BadRequestError(`${field} is not a cursor this list gave out`, field);
  }
  if (key[0] !== TAGS[sort]) throw new BadRequestError(`${field} was given by a list sorted another way than by ${sort}`, field);
  return { sort, value: key[1] as number, row: key[2] as number };
}

export function clampLimit(limit: number | undefined, bounds: { default: number; max: number } = LIST_LIMIT): number {
  return Math.min(Math.max(Math.floor(limit ?? bounds.default), 1), bounds.max);
}
