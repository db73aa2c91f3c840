/**
 * A stable least-significant-digit radix sort of indices by a non-negative integer key
 * (below 2^53, or Infinity for "last"). Rebuilding the map index sorts a million keys;
 * a comparison sort with a callback takes several times as long.
 */

import { carve } from './arena.ts';

const DIGIT = 16;
const BUCKETS = 1 << DIGIT;
const TWO_32 = 2 ** 32;

/** `items` reordered so that `key(item)` ascends; equal keys keep their order. */
export function radixSortBy(items: Int32Array, key: (item: number) => number): Int32Array {
  const count = items.length;
  const { high, low, first, second, sorted } = carve({ high: [Uint32Array, count], low: [Uint32Array, count], first: [Int32Array, count], second: [Int32Array, count], sorted: [Int32Array, count] });
  for (let i = 0; i < count; i += 1) {
    const value = key(items[i] as number);
    if (value === Infinity) {
      high[i] = 0xffffffff;
      low[i] = 0xffffffff;
    } else {
      const h = Math.floor(value / TWO_32);
      high[i] = h;
      low[i] = value - h * TWO_32;
    }
  }
  // Sort positions 0..count-1, then map them back to items.
  let order = first;
  for (let i = 0; i < count; i += 1) order[i] = i;
  let spare = second;
  const buckets = new Uint32Array(BUCKETS);
  for (const [words, shift] of [[low, 0], [low, DIGIT], [high, 0], [high, DIGIT]] as const) {
    buckets.fill(0);
    for (let i = 0; i < count; i += 1) {
      const digit = ((words[i] as number) >>> shift) & 0xffff;
      buckets[digit] = (buckets[digit] as number) + 1;
    }
    // A digit every key shares moves nothing: skip the pass.
    if (count === 0 || buckets[((words[0] as number) >>> shift) & 0xffff] === count) continue;
    let total = 0;
    for (let b = 0; b < BUCKETS; b += 1) {
      const size = buckets[b] as number;
      buckets[b] = total;
      total += size;
    }
    for (let i = 0; i < count; i += 1) {
      const position = order[i] as number;
      const digit = ((words[position] as number) >>> shift) & 0xffff;
      const at = buckets[digit] as number;
      spare[at] = position;
      buckets[digit] = at + 1;
    }
    [order, spare] = [spare, order];
  }
  for (let i = 0; i < count; i += 1) sorted[i] = items[order[i] as number] as number;
  return sorted;
}
