import { carve } from './arena.ts';
import type { Columns } from './index-columns.ts';
import { radixSortBy } from './radix.ts';

/*
 * The map index's occurrences listed by start (map-index.ts), in tiers by duration: a
 * tier whose occurrences last at most D is walked from `from - D`. Built anew, merged
 * with the former tail's events, at each rebuild.
 */

const DAY_MS = 86_400_000;
/**
 * Bounds of the duration tiers; the last is the contract's longest timing (366 days), so
 * every occurrence has a tier.
 */
export const TIER_BOUNDS_MS = [2, 7, 21, 64, 367].map((days) => days * DAY_MS);

/** Occurrences of one duration tier, by start: those lasting at most `bound`. */
export interface StartTier {
  bound: number;
  start: Float64Array;
  slot: Int32Array;
}

/**
 * The occurrence lists by start after a rebuild of `c`: the old entries renumbered (those of
 * dead slots dropped) merged with the entries of the former tail's events.
 */
export function mergeTiers(tiers: readonly StartTier[], c: Columns, pool: Float64Array, renumber: Int32Array, tailSlots: Int32Array): StartTier[] {
  const tierOf = (duration: number) => {
    let tier = 0;
    while (tier < TIER_BOUNDS_MS.length - 1 && duration > (TIER_BOUNDS_MS[tier] as number)) tier += 1;
    return tier;
  };
  const eachOccurrence = (slot: number, visit: (start: number, tier: number) => void) => {
    const offset = c.occ[slot] as number;
    if (offset < 0) {
      const start = c.first[slot] as number;
      visit(start, tierOf((c.last[slot] as number) - start));
      return;
    }
    const occurrences = pool[offset] as number;
    for (let i = 0; i < occurrences; i += 1) {
      const start = pool[offset + 2 + 2 * i] as number;
      visit(start, tierOf((pool[offset + 3 + 2 * i] as number) - start));
    }
  };
  const sizes = TIER_BOUNDS_MS.map(() => 0);
  for (const slot of tailSlots) eachOccurrence(slot, (_start, tier) => (sizes[tier] = (sizes[tier] ?? 0) + 1));
  const added = sizes.map((size) => ({ ...carve({ slot: [Int32Array, size], start: [Float64Array, size] }), n: 0 }));
  for (const slot of tailSlots) {
    eachOccurrence(slot, (start, tier) => {
      const list = added[tier] as (typeof added)[number];
      list.slot[list.n] = slot;
      list.start[list.n++] = start;
    });
  }
  // Starts are integer ms; offset into non-negative integers for the radix sort.
  const OFFSET = 2 ** 51;
  return TIER_BOUNDS_MS.map((bound, tier) => {
    const list = added[tier] as (typeof added)[number];
    const positions = new Int32Array(list.n);
    for (let i = 0; i < list.n; i += 1) positions[i] = i;
    const sorted = radixSortBy(positions, (i) => Math.min(2 ** 52, Math.max(0, (list.start[i] as number) + OFFSET)));
    const before = tiers[tier];
    let kept = 0;
    if (before !== undefined) for (let i = 0; i < before.slot.length; i += 1) if ((renumber[before.slot[i] as number] as number) >= 0) kept += 1;
    const merged = carve({ start: [Float64Array, kept + list.n], slot: [Int32Array, kept + list.n] });
    let i = 0;
    let j = 0;
    let n = 0;
    const oldLength = before?.slot.length ?? 0;
    while (i < oldLength || j < list.n) {
      // Skip the entries of dead slots.
      if (before !== undefined && i < oldLength && (renumber[before.slot[i] as number] as number) < 0) {
        i += 1;
        continue;
      }
      const oldStart = before !== undefined && i < oldLength ? (before.start[i] as number) : Infinity;
      const newStart = j < list.n ? (list.start[sorted[j] as number] as number) : Infinity;
      if (oldStart <= newStart && before !== undefined && i < oldLength) {
        merged.start[n] = oldStart;
        merged.slot[n++] = renumber[before.slot[i++] as number] as number;
      } else {
        merged.start[n] = newStart;
        merged.slot[n++] = list.slot[sorted[j++] as number] as number;
      }
    }
    return { bound, start: merged.start, slot: merged.slot };
  });
}

/** Start, end pairs ordered by start (as the writer inserts them; sorted when they are not). */
export function byStart(pairs: number[]): number[] {
  for (let i = 2; i < pairs.length; i += 2) {
    if ((pairs[i] as number) < (pairs[i - 2] as number)) {
      const sorted: [number, number][] = [];
      for (let k = 0; k < pairs.length; k += 2) sorted.push([pairs[k] as number, pairs[k + 1] as number]);
      return sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
    }
  }
  return pairs;
}

/** The first index in `values[lo, hi)` whose value is >= `target` (values ascending). */
export function lowerBound(values: Float64Array, target: number, lo = 0, hi = values.length): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
