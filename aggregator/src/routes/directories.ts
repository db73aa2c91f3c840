import type { FastifyInstance, FastifyReply } from 'fastify';
import { answeredFromCache, canonicalQuery, etagFor } from '@constellation/shared/server';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { accessibilityFlags, audiences, disciplines, ErrorBody, HubId, Id, involvementLevels, LIST_LIMIT, Page, participationTypes, PlacePublic, placeKinds, ProjectPublic, regions, vocabularySchema } from '@constellation/shared';
import { BadRequestError } from '../http-errors.ts';
import { DIRECTORY_EXPORT_MAX, renderDirectoryCsv, renderDirectoryGeoJson } from '../read/directory-exports.ts';
import { NationalDirectory, type DirectoryKind, type DirectoryQuery } from '../read/directory.ts';
import type { AggregatorServices } from '../services.ts';

const text = Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words of the name, summary, keywords or commune (all of them; accents and case ignored)' }));
const commune = Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the commune of the location: its name (case and accents ignored) or its INSEE code' }));
const hub = Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', description: 'comma-separated hub ids (any of)' }));
const bbox = Type.Optional(Type.String({ maxLength: 100, description: 'west,south,east,north in degrees' }));
const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${LIST_LIMIT.max}` })),
  cursor: Type.Optional(Type.String({ maxLength: 20, description: 'the `next` of the previous page' })),
};
const region = Type.Optional(vocabularySchema(regions));
const notModifiedBody = Type.Null({ description: 'Not modified: If-None-Match named the current ETag' });

const projectFilters = {
  q: text,
  discipline: Type.Optional(vocabularySchema(disciplines)),
  participationType: Type.Optional(vocabularySchema(participationTypes)),
  involvement: Type.Optional(vocabularySchema(involvementLevels)),
  audience: Type.Optional(vocabularySchema(audiences)),
  region,
  commune,
  hub,
  bbox,
};
const placeFilters = {
  q: text,
  kind: Type.Optional(vocabularySchema(placeKinds)),
  discipline: Type.Optional(vocabularySchema(disciplines)),
  audience: Type.Optional(vocabularySchema(audiences)),
  accessibility: Type.Optional(vocabularySchema(accessibilityFlags)),
  region,
  commune,
  hub,
  bbox,
};
const exportLimit = { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DIRECTORY_EXPORT_MAX, description: `at most ${DIRECTORY_EXPORT_MAX} items (the default)` })) };

/** The hub's directory filters (hub/src/routes/list-filters.ts), under the same names, plus where: hub and bbox. */
export const ProjectDirectoryQuery = Type.Object({ ...projectFilters, ...paging }, { additionalProperties: false });
export const PlaceDirectoryQuery = Type.Object({ ...placeFilters, ...paging }, { additionalProperties: false });
/** An export takes the list's filters, from its first item: no cursor. */
export const ProjectExportQuery = Type.Object({ ...projectFilters, ...exportLimit }, { additionalProperties: false });
export const PlaceExportQuery = Type.Object({ ...placeFilters, ...exportLimit }, { additionalProperties: false });

export const DirectoryPoint = Type.Object(
  {
    type: Type.Union([Type.Literal('place'), Type.Literal('project')]),
    hub: HubId,
    id: Id,
    title: Type.String(),
    lat: Type.Number(),
    lon: Type.Number(),
    kind: Type.String({ description: "a place's kind, a project's participation type" }),
    commune: Type.Optional(Type.String()),
    url: Type.String({ description: 'its page on its hub' }),
  },
  { additionalProperties: false },
);

export const PointsQuery = Type.Object(
  {
    type: Type.String({ pattern: '^(place|project)(,(place|project))?$', description: 'place, project or both, comma-separated' }),
    hub,
    bbox,
  },
  { additionalProperties: false },
);

/** The hubs' stored documents, spliced as text (never parsed again); the response schema documents them. */
function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}

/**
 * A national directory: its list (`GET /api/v1<path>`) and its open-data exports
 * (`<path>.csv`, `<path>.geojson`, with the list's filters; directory-exports.ts).
 */
interface DirectoryRoutes {
  type: DirectoryKind;
  path: '/places' | '/projects';
  listQuery: typeof PlaceDirectoryQuery | typeof ProjectDirectoryQuery;
  exportQuery: typeof PlaceExportQuery | typeof ProjectExportQuery;
  item: typeof PlacePublic | typeof ProjectPublic;
  summary: string;
  description: string;
  /** What its exports' summaries call the items. */
  plural: string;
  /** The CSV's file name, without its extension. */
  file: string;
}

const DIRECTORIES: readonly DirectoryRoutes[] = [
  {
    type: 'project',
    path: '/projects',
    listQuery: ProjectDirectoryQuery,
    exportQuery: ProjectExportQuery,
    item: ProjectPublic,
    summary: 'Participatory-science projects of every approved hub, by name, searchable by name, theme, type, audience, involvement and place',
    description: "Items are the hubs' own documents, by name. `region` keeps a project that names the region among its regions (or, naming none, whose hub is in it). Pass `next` back as `cursor`.",
    plural: 'participatory-science projects',
    file: 'projets',
  },
  {
    type: 'place',
    path: '/places',
    listQuery: PlaceDirectoryQuery,
    exportQuery: PlaceExportQuery,
    item: PlacePublic,
    summary: 'Places to visit of every approved hub, by name, searchable by name, kind, theme, audience, accessibility and place',
    description: "Items are the hubs' own documents, by name. `region` is the hub's region. Pass `next` back as `cursor`.",
    plural: 'places to visit',
    file: 'lieux',
  },
];

function registerDirectory(app: FastifyInstance, directory: NationalDirectory, { type, path, listQuery, exportQuery, item, summary, description, plural, file }: DirectoryRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(`/api/v1${path}`, {
    schema: { tags: ['directories'], summary, description, querystring: listQuery, response: { 200: Page(item), 400: ErrorBody } },
  }, async (request, reply) => sendJsonText(reply, directory.list(type, request.query)));

  const records = (request: { query: DirectoryQuery }, reply: FastifyReply, format: string) => {
    const etag = etagFor(0, [directory.currentVersion(), format, type, canonicalQuery(request.query)]);
    return answeredFromCache(reply, etag) ? undefined : directory.records(type, request.query, request.query.limit ?? DIRECTORY_EXPORT_MAX);
  };
  api.get(`${path}.csv`, {
    schema: {
      tags: ['exports'],
      summary: `The ${plural} of every approved hub as CSV (RFC 4180, UTF-8 with BOM), one row per item, with the filters of GET /api/v1${path}`,
      querystring: exportQuery,
      response: { 200: Type.String({ description: `CSV with a header row, served as text/csv; charset=utf-8; at most ${DIRECTORY_EXPORT_MAX} rows` }), 304: notModifiedBody, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const found = records(request, reply, 'csv');
    if (found === undefined) return reply;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(renderDirectoryCsv(type, found));
  });
  api.get(`${path}.geojson`, {
    schema: {
      tags: ['exports'],
      summary: `The ${plural} of every approved hub with coordinates as a GeoJSON FeatureCollection (RFC 7946), with the filters of GET /api/v1${path}`,
      querystring: exportQuery,
      response: { 200: Type.String({ description: `GeoJSON, served as application/geo+json; the CSV's fields as properties; at most ${DIRECTORY_EXPORT_MAX} features` }), 304: notModifiedBody, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const found = records(request, reply, 'geojson');
    if (found === undefined) return reply;
    return reply.type('application/geo+json; charset=utf-8').send(renderDirectoryGeoJson(type, found));
  });
}

/**
 * The national directories of places to visit and participatory projects, and the points
 * the national map draws them with. Read from the records the workers already pull.
 */
export default async function directoryRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const directory = new NationalDirectory(services.store);
  for (const routes of DIRECTORIES) registerDirectory(app, directory, routes);

  api.get('/api/v1/points', {
    schema: {
      tags: ['directories'],
      summary: 'Every place to visit and/or participatory project with coordinates, as points for the map',
      querystring: PointsQuery,
      response: { 200: Type.Object({ items: Type.Array(DirectoryPoint) }, { additionalProperties: false }), 400: ErrorBody },
    },
  }, async (request, reply) => {
    const types = [...new Set(request.query.type.split(','))] as DirectoryKind[];
    if (types.length === 0) throw new BadRequestError('query.type must name place or project', 'query.type');
    void reply.header('cache-control', 'public, max-age=30');
    return { items: directory.points(types, request.query) };
  });
}
