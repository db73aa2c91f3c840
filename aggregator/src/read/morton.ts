/**
 * Positions on the map as integers: Web-Mercator coordinates scaled to the clustering grid
 * of the deepest zoom, interleaved bit by bit (a Morton, or Z-order, key).
 *
 * The grid of zoom z has cells of CELL_PX pixels on 512-pixel tiles, so a cell at zoom z is
 * exactly four cells at zoom z + 1 (floor(2a) >> 1 = floor(a)). In Morton order every cell
 * of every zoom is then one contiguous run of keys, and a point's cell at zoom z is its
 * key divided by 4^(MAX_ZOOM - z): points sorted by key come out cell by cell at any zoom.
 */

/** The deepest zoom clusters are computed for. */
export const MAX_ZOOM = 22;
/** A cluster cell's side in screen pixels (on 512-pixel tiles, as MapLibre draws them). */
export const CELL_PX = 60;
export const TILE_PX = 512;

/** Cells across the world at MAX_ZOOM: about 35.8 million, under 2^26. */
const SCALE = (TILE_PX / CELL_PX) * 2 ** MAX_ZOOM;
const COORD_MAX = 2 ** 26 - 1;
/** Mercator's limit: the square world of web maps. */
const MAX_LAT = 85.051_128_78;

export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

export function mercatorY(lat: number): number {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** The column (or row) of the MAX_ZOOM grid a Mercator coordinate in [0, 1] falls in. */
export function gridCoordinate(unit: number): number {
  return Math.max(0, Math.min(COORD_MAX, Math.floor(unit * SCALE)));
}

/** 13 bits spread over 26: bit i goes to bit 2i. */
function spread(value: number): number {
  let v = value & 0x1fff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}

/** The Morton key of grid column x and row y (26 bits each): an integer below 2^52, exact in a double. */
export function interleave(x: number, y: number): number {
  const low = spread(x) | (spread(y) << 1);
  const high = spread(x >>> 13) | (spread(y >>> 13) << 1);
  return high * 2 ** 26 + (low >>> 0);
}

export function mortonKey(lat: number, lon: number): number {
  return interleave(gridCoordinate(mercatorX(lon)), gridCoordinate(mercatorY(lat)));
}

/** What to divide a MAX_ZOOM key by to get its cell at `zoom`. */
export function cellDivisor(zoom: number): number {
  return 4 ** (MAX_ZOOM - zoom);
}

/** How many grid cells of `zoom` a box spans across and down (at least 1 each). */
export function cellSpan(box: { west: number; south: number; east: number; north: number }, zoom: number): { columns: number; rows: number } {
  const shift = 2 ** (MAX_ZOOM - zoom);
  const columns = Math.floor(gridCoordinate(mercatorX(box.east)) / shift) - Math.floor(gridCoordinate(mercatorX(box.west)) / shift) + 1;
  const rows = Math.floor(gridCoordinate(mercatorY(box.south)) / shift) - Math.floor(gridCoordinate(mercatorY(box.north)) / shift) + 1;
  return { columns, rows };
}

/**
 * Half-open key ranges [from, to) that together hold every point of the box (and some
 * around it): the cells of the deepest zoom at which the box spans at most `maxCells`
 * cells a side, in key order, adjacent ones merged.
 */
export function keyRanges(box: { west: number; south: number; east: number; north: number }, maxCells = 8): [number, number][] {
  const x0 = gridCoordinate(mercatorX(box.west));
  const x1 = gridCoordinate(mercatorX(box.east));
  const y0 = gridCoordinate(mercatorY(box.north));
  const y1 = gridCoordinate(mercatorY(box.south));
  let level = MAX_ZOOM;
  while (level > 0 && (Math.floor(x1 / 2 ** (MAX_ZOOM - level)) - Math.floor(x0 / 2 ** (MAX_ZOOM - level)) >= maxCells || Math.floor(y1 / 2 ** (MAX_ZOOM - level)) - Math.floor(y0 / 2 ** (MAX_ZOOM - level)) >= maxCells)) level -= 1;
  const shift = 2 ** (MAX_ZOOM - level);
  const size = cellDivisor(level);
  const cells: number[] = [];
  for (let x = Math.floor(x0 / shift); x <= Math.floor(x1 / shift); x += 1) {
    for (let y = Math.floor(y0 / shift); y <= Math.floor(y1 / shift); y += 1) cells.push(interleave(x, y));
  }
  cells.sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const cell of cells) {
    const last = ranges.at(-1);
    if (last !== undefined && last[1] === cell * size) last[1] = (cell + 1) * size;
    else ranges.push([cell * size, (cell + 1) * size]);
  }
  return ranges;
}
