import type { Hit } from './top-hits.ts';
import type { MapIndex } from './map-index.ts';

/** One cell of the clustering grid at the query's zoom, with what fell in it. */
export interface Cell {
  cell: number;
  count: number;
  sumLat: number;
  sumLon: number;
  west: number;
  south: number;
  east: number;
  north: number;
  /** Smallest and largest Morton key of its events: where they first split apart. */
  minKey: number;
  maxKey: number;
  /** The event, when it is alone in its cell. */
  hit?: Hit;
  /**
   * The umbrella its programme events share (1 + index in the map index's umbrella
   * dictionary): 0 when none of its events has a parent, -1 when they have different ones.
   */
  parent: number;
  /** How many of its events have no parent, and the record row of the last one (the umbrella itself, maybe). */
  loose: number;
  looseRow: number;
}

/** The common umbrella of two parts of a cell (see Cell.parent). */
export function commonParent(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  return a === b ? a : -1;
}

/** Cells of the grid at one zoom; consecutive events of one cell (key order) add up without a map lookup each. */
export class CellGrid {
  readonly cells = new Map<number, Cell>();
  private current: Cell | undefined;

  constructor(
    readonly divisor: number,
    private readonly columns: MapIndex['columns'],
  ) {}

  /** Adds up a part of a cell counted elsewhere (a run of the scan). */
  merge(part: Cell): void {
    const cell = this.cells.get(part.cell);
    if (cell === undefined) {
      this.cells.set(part.cell, part);
      return;
    }
    cell.count += part.count;
    cell.sumLat += part.sumLat;
    cell.sumLon += part.sumLon;
    cell.west = Math.min(cell.west, part.west);
    cell.south = Math.min(cell.south, part.south);
    cell.east = Math.max(cell.east, part.east);
    cell.north = Math.max(cell.north, part.north);
    cell.minKey = Math.min(cell.minKey, part.minKey);
    cell.maxKey = Math.max(cell.maxKey, part.maxKey);
    cell.parent = commonParent(cell.parent, part.parent);
    if (part.loose > 0) cell.looseRow = part.looseRow;
    cell.loose += part.loose;
    delete cell.hit;
  }

  add(slot: number, startOrHit: number | Hit, end = 0): void {
    const key = this.columns.key[slot] as number;
    const cellId = Math.floor(key / this.divisor);
    let cell = this.current;
    if (cell === undefined || cell.cell !== cellId) {
      cell = this.cells.get(cellId);
      if (cell === undefined) {
        cell = { cell: cellId, count: 0, sumLat: 0, sumLon: 0, west: Infinity, south: Infinity, east: -Infinity, north: -Infinity, minKey: Infinity, maxKey: -Infinity, parent: 0, loose: 0, looseRow: 0 };
        this.cells.set(cellId, cell);
      }
      this.current = cell;
    }
    const lat = this.columns.lat[slot] as number;
    const lon = this.columns.lon[slot] as number;
    cell.count += 1;
    cell.sumLat += lat;
    cell.sumLon += lon;
    if (lat < cell.south) cell.south = lat;
    if (lat > cell.north) cell.north = lat;
    if (lon < cell.west) cell.west = lon;
    if (lon > cell.east) cell.east = lon;
    if (key < cell.minKey) cell.minKey = key;
    if (key > cell.maxKey) cell.maxKey = key;
    const parent = this.columns.parent[slot] as number;
    if (parent === 0) {
      cell.loose += 1;
      cell.looseRow = this.columns.rowId[slot] as number;
    } else cell.parent = commonParent(cell.parent, parent);
    if (cell.count === 1) cell.hit = typeof startOrHit === 'number' ? { slot, row: this.columns.rowId[slot] as number, start: startOrHit, end } : startOrHit;
    else if (cell.hit !== undefined) delete cell.hit;
  }
}
