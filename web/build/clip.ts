/**
 * Clipping of GeoJSON geometries to boxes, for the offline basemap (basemap.ts): the map
 * needs 1:50m detail only around France (metropolitan and overseas), and MapLibre's worker
 * spends its time indexing every point it is given, the world's coasts included.
 * Polygons are clipped ring by ring (Sutherland–Hodgman against each side of the box: a
 * fill needs nothing more), lines segment by segment (Liang–Barsky).
 */

export type Box = readonly [west: number, south: number, east: number, north: number];
type Position = [number, number];
type Ring = Position[];

interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

/** One side of the box: inside test and the crossing point of a segment. */
interface Side {
  inside(point: Position): boolean;
  cross(a: Position, b: Position): Position;
}

function sides([west, south, east, north]: Box): Side[] {
  const atX = (x: number) => (a: Position, b: Position): Position => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const atY = (y: number) => (a: Position, b: Position): Position => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  return [
    { inside: (p) => p[0] >= west, cross: atX(west) },
    { inside: (p) => p[0] <= east, cross: atX(east) },
    { inside: (p) => p[1] >= south, cross: atY(south) },
    { inside: (p) => p[1] <= north, cross: atY(north) },
  ];
}

/** A closed ring clipped to the box; fewer than 4 positions when nothing is left. */
export function clipRing(ring: readonly Position[], box: Box): Ring {
  let output: Ring = ring.slice(0, -1);
  for (const side of sides(box)) {
    const input = output;
    output = [];
    for (let index = 0; index < input.length; index += 1) {
      const current = input[index] as Position;
      const previous = input[(index + input.length - 1) % input.length] as Position;
      if (side.inside(current)) {
        if (!side.inside(previous)) output.push(side.cross(previous, current));
        output.push(current);
      } else if (side.inside(previous)) output.push(side.cross(previous, current));
    }
    if (output.length === 0) return [];
  }
  const first = output[0];
  return first === undefined || output.length < 3 ? [] : [...output, [first[0], first[1]]];
}

/** A line clipped to the box: the pieces of it inside. */
export function clipLine(line: readonly Position[], [west, south, east, north]: Box): Position[][] {
  const pieces: Position[][] = [];
  let piece: Position[] = [];
  for (let index = 1; index < line.length; index += 1) {
    const a = line[index - 1] as Position;
    const b = line[index] as Position;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    let t0 = 0;
    let t1 = 1;
    let kept = true;
    for (const [p, q] of [[-dx, a[0] - west], [dx, east - a[0]], [-dy, a[1] - south], [dy, north - a[1]]] as const) {
      if (p === 0) {
        if (q < 0) kept = false;
        continue;
      }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
    if (!kept || t0 > t1) {
      if (piece.length > 1) pieces.push(piece);
      piece = [];
      continue;
    }
    const start: Position = [a[0] + t0 * dx, a[1] + t0 * dy];
    const end: Position = [a[0] + t1 * dx, a[1] + t1 * dy];
    if (piece.length === 0) piece.push(start);
    piece.push(end);
    if (t1 < 1) {
      pieces.push(piece);
      piece = [];
    }
  }
  if (piece.length > 1) pieces.push(piece);
  return pieces;
}

function bounds(positions: readonly Position[]): Box {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of positions) {
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  return [west, south, east, north];
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

function polygons(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Position[][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Position[][][];
  if (geometry.type === 'GeometryCollection') return (geometry.geometries ?? []).flatMap(polygons);
  return [];
}

function lines(geometry: Geometry): Position[][] {
  if (geometry.type === 'LineString') return [geometry.coordinates as Position[]];
  if (geometry.type === 'MultiLineString') return geometry.coordinates as Position[][];
  if (geometry.type === 'GeometryCollection') return (geometry.geometries ?? []).flatMap(lines);
  return [];
}

/**
 * A geometry's parts inside any of the boxes (which must not overlap), as one
 * MultiPolygon or MultiLineString; undefined when nothing is inside.
 */
export function clipGeometry(geometry: Geometry, boxes: readonly Box[]): Geometry | undefined {
  const areas = polygons(geometry);
  if (areas.length > 0) {
    const kept: Position[][][] = [];
    for (const polygon of areas) {
      const outer = polygon[0];
      if (outer === undefined) continue;
      const extent = bounds(outer);
      for (const box of boxes) {
        if (!overlaps(extent, box)) continue;
        const clipped = clipRing(outer, box);
        if (clipped.length < 4) continue;
        const holes = polygon.slice(1).map((hole) => clipRing(hole, box)).filter((hole) => hole.length >= 4);
        kept.push([clipped, ...holes]);
      }
    }
    return kept.length === 0 ? undefined : { type: 'MultiPolygon', coordinates: kept };
  }
  const kept = lines(geometry).flatMap((line) => {
    const extent = bounds(line);
    return boxes.filter((box) => overlaps(extent, box)).flatMap((box) => clipLine(line, box));
  });
  return kept.length === 0 ? undefined : { type: 'MultiLineString', coordinates: kept };
}
