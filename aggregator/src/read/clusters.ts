import type Database from 'better-sqlite3';
import Type, { type Static } from 'typebox';
import { BadRequestError } from '../http-errors.ts';
import { isoSeconds } from './event-json.ts';
import type { EventSearch } from './event-search.ts';
import { filterFields, parseFilter, type FilterQuery } from './filter.ts';
import type { Cell } from './cell-grid.ts';
import { CELL_PX, cellDivisor, cellSpan, MAX_ZOOM, TILE_PX } from './morton.ts';
import type { ReadView } from './view.ts';

/** A view may span at most this many grid cells (a 4K screen spans about 2,300). */
export const MAX_CELLS = 16_384;

export const ClusterQuery = Type.Object(
  {
    ...filterFields,
    bbox: Type.String({ maxLength: 100, description: 'the map view: west,south,east,north in degrees' }),
    zoom: Type.Integer({ minimum: 0, maximum: MAX_ZOOM, description: `the map's zoom (on ${TILE_PX}-pixel tiles), 0 to ${MAX_ZOOM}` }),
  },
  { additionalProperties: false },
);
export type ClusterQuery = Static<typeof ClusterQuery>;

const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });

export const ClusterItem = Type.Object(
  {
    kind: Type.Literal('cluster'),
    count: Type.Integer({ minimum: 2 }),
    /** The centroid of its events. */
    lat: Latitude,
    lon: Longitude,
    /** The box around its events: west, south, east, north. */
    bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
    /** The first zoom at which its events fall in more than one cell; null when they share one place. */
    expansionZoom: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_ZOOM }), Type.Null()]),
    umbrella: Type.Optional(
      Type.Object(
        {
          hub: Type.String(),
          id: Type.String(),
          title: Type.String(),
          placeName: Type.Optional(Type.String()),
        },
        {
          additionalProperties: false,
          description: 'the umbrella event (a village des sciences, a festival) every event of the cluster belongs to, or is: one entry on the map that opens into its programme (GET /api/v1/events?parent={id})',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'several events close together' },
);

export const EventPoint = Type.Object(
  {
    kind: Type.Literal('event'),
    hub: Type.String(),
    id: Type.String(),
    title: Type.String(),
    /** Where it happens (the place's name): labelled on the map at street level. */
    placeName: Type.Optional(Type.String()),
    /** Its first occurrence in the window. */
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    lat: Latitude,
    lon: Longitude,
  },
  { additionalProperties: false, description: 'an event alone in its cell: open it with GET /api/v1/events/{hub}/{id}' },
);

export const ClusterAnswer = Type.Object(
  {
    zoom: Type.Integer(),
    /** Grid cell size in pixels at this zoom. */
    cellPx: Type.Integer(),
    /** Events counted in the view: the sum of the items' counts. */
    total: Type.Integer({ minimum: 0 }),
    items: Type.Array(Type.Union([ClusterItem, EventPoint])),
  },
  { additionalProperties: false },
);
export type ClusterAnswer = Static<typeof ClusterAnswer>;
type ClusterItem = Static<typeof ClusterItem>;

/** The first zoom after `zoom` at which the keys `min` and `max` fall in different cells. */
function expansionZoom(cell: Cell, zoom: number): number | null {
  for (let next = zoom + 1; next <= MAX_ZOOM; next += 1) {
    const divisor = cellDivisor(next);
    if (Math.floor(cell.minKey / divisor) !== Math.floor(cell.maxKey / divisor)) return next;
  }
  return null;
}

/**
 * Map clusters computed on the server: the matching events with a place in the view,
 * grouped by the cells of a grid of CELL_PX pixels at the zoom. Grids nest (a cell is four
 * cells of the next zoom), so a cluster's events are exactly those of the clusters inside
 * it one zoom closer. A cell with one event gives that event.
 */
export class Clusters {
  private readonly point;
  private readonly umbrellaById;

  constructor(
    sqlite: Database.Database,
    private readonly search: EventSearch,
  ) {
    this.point = sqlite.prepare<[number], { hub: string; id: string; title: string; placeName: string | null }>("SELECT hub, id, json_extract(data, '$.title') AS title, json_extract(data, '$.place.name') AS placeName FROM records WHERE row_id = ?");
    this.umbrellaById = sqlite.prepare<[string], { hub: string; id: string; title: string; placeName: string | null }>("SELECT hub, id, json_extract(data, '$.title') AS title, json_extract(data, '$.place.name') AS placeName FROM records WHERE id = ? AND type = 'event' ORDER BY row_id LIMIT 1");
  }

  /**
   * The umbrella a cluster's events all belong to (its programme, with or without the
   * umbrella itself): a village des sciences is one entry on the map, not dozens of dots.
   */
  private umbrellaOf(cell: Cell): ClusterItem['umbrella'] {
    if (cell.parent <= 0 || cell.loose > 1) return undefined;
    const id = this.search.umbrellaId(cell.parent);
    if (id === undefined) return undefined;
    // The one event without a parent must be the umbrella itself, or the cluster is mixed.
    const umbrella = cell.loose === 1 ? this.point.get(cell.looseRow) : this.umbrellaById.get(id);
    if (umbrella === undefined || umbrella.id !== id) return undefined;
    return { hub: umbrella.hub, id: umbrella.id, title: umbrella.title, ...(typeof umbrella.placeName === 'string' && umbrella.placeName !== '' ? { placeName: umbrella.placeName } : {}) };
  }

  compute(view: ReadView, query: ClusterQuery, now: number): ClusterAnswer {
    const filter = parseFilter(query as FilterQuery, now);
    const box = filter.bbox;
    if (box === undefined) throw new BadRequestError('query.bbox is required', 'query.bbox');
    const span = cellSpan(box, query.zoom);
    if (span.columns * span.rows > MAX_CELLS) {
      throw new BadRequestError(`query.bbox spans ${span.columns} x ${span.rows} cells at zoom ${query.zoom}: at most ${MAX_CELLS}; zoom out or narrow the view`, 'query.bbox');
    }
    const indexQuery = this.search.query(filter, view.shown);
    const rows = filter.text === undefined || filter.text === null || indexQuery.empty ? undefined : this.search.textRows(indexQuery, filter.text);
    const cells = [...indexQuery.cells(query.zoom, rows).values()].sort((a, b) => a.cell - b.cell);
    const items: ClusterAnswer['items'] = [];
    let total = 0;
    for (const cell of cells) {
      if (cell.count === 1 && cell.hit !== undefined) {
        const event = this.point.get(cell.hit.row);
        if (event === undefined) continue;
        total += 1;
        items.push({ kind: 'event', hub: event.hub, id: event.id, title: event.title, ...(typeof event.placeName === 'string' && event.placeName !== '' ? { placeName: event.placeName } : {}), start: isoSeconds(cell.hit.start), end: isoSeconds(cell.hit.end), lat: cell.sumLat, lon: cell.sumLon });
        continue;
      }
      total += cell.count;
      const umbrella = this.umbrellaOf(cell);
      items.push({
        kind: 'cluster',
        count: cell.count,
        lat: cell.sumLat / cell.count,
        lon: cell.sumLon / cell.count,
        bbox: [cell.west, cell.south, cell.east, cell.north],
        expansionZoom: expansionZoom(cell, query.zoom),
        ...(umbrella === undefined ? {} : { umbrella }),
      });
    }
    return { zoom: query.zoom, cellPx: CELL_PX, total, items };
  }
}
