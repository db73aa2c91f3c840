/** An event a query kept: its slot and row, and its first occurrence in the window. */
export interface Hit {
  slot: number;
  row: number;
  start: number;
  end: number;
}

/** Keyset position: only items after (value, row) are wanted. */
export interface After {
  value: number;
  row: number;
}

/**
 * The best `limit` (value, row) pairs after `after`, ascending, kept sorted by insertion;
 * each row offered once. The value is the start (date order) or minus a relevance.
 */
export class TopHits {
  private readonly values: Float64Array;
  private readonly rows: Float64Array;
  private readonly slots: Int32Array;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly after?: After,
  ) {
    const capacity = Math.max(limit, 1);
    this.values = new Float64Array(capacity);
    this.rows = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  get worstValue(): number {
    return this.size === 0 ? Infinity : (this.values[this.size - 1] as number);
  }

  offer(value: number, row: number, slot: number, end: number, start = value): void {
    const after = this.after;
    if (after !== undefined && (value < after.value || (value === after.value && row <= after.row))) return;
    let at = this.size;
    if (this.size >= this.limit) {
      const worst = this.values[this.size - 1] as number;
      if (value > worst || (value === worst && row >= (this.rows[this.size - 1] as number))) return;
      at -= 1;
    } else this.size += 1;
    while (at > 0) {
      const value0 = this.values[at - 1] as number;
      if (value0 < value || (value0 === value && (this.rows[at - 1] as number) < row)) break;
      this.values[at] = value0;
      this.rows[at] = this.rows[at - 1] as number;
      this.slots[at] = this.slots[at - 1] as number;
      this.starts[at] = this.starts[at - 1] as number;
      this.ends[at] = this.ends[at - 1] as number;
      at -= 1;
    }
    this.values[at] = value;
    this.rows[at] = row;
    this.slots[at] = slot;
    this.starts[at] = start;
    this.ends[at] = end;
  }

  /** The kept hits, best first, with their sort values. */
  ranked(): (Hit & { value: number })[] {
    const hits: (Hit & { value: number })[] = [];
    for (let i = 0; i < this.size; i += 1) {
      hits.push({ slot: this.slots[i] as number, row: this.rows[i] as number, start: this.starts[i] as number, end: this.ends[i] as number, value: this.values[i] as number });
    }
    return hits;
  }

  hits(): Hit[] {
    return this.ranked();
  }
}
