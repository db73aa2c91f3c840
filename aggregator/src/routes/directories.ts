import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { accessibilityFlags, audiences, disciplines, ErrorBody, HubId, Id, involvementLevels, LIST_LIMIT, Page, participationTypes, PlacePublic, placeKinds, ProjectPublic, regions, vocabularySchema } from '@constellation/shared';
import { BadRequestError } from '../http-errors.ts';
import { NationalDirectory, type DirectoryKind } from '../read/directory.ts';
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

/** The hub's directory filters (hub/src/routes/list-filters.ts), under the same names, plus where: hub and bbox. */
export const ProjectDirectoryQuery = Type.Object(
  {
    q: text,
    discipline: Type.Optional(vocabularySchema(disciplines)),
    participationType: Type.Optional(vocabularySchema(participationTypes)),
    involvement: Type.Optional(vocabularySchema(involvementLevels)),
    audience: Type.Optional(vocabularySchema(audiences)),
    region,
    commune,
    hub,
    bbox,
    ...paging,
  },
  { additionalProperties: false },
);

export const PlaceDirectoryQuery = Type.Object(
  {
    q: text,
    kind: Type.Optional(vocabularySchema(placeKinds)),
    discipline: Type.Optional(vocabularySchema(disciplines)),
    audience: Type.Optional(vocabularySchema(audiences)),
    accessibility: Type.Optional(vocabularySchema(accessibilityFlags)),
    region,
    commune,
    hub,
    bbox,
    ...paging,
  },
  { additionalProperties: false },
);

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
 * The national directories of places to visit and participatory projects, and the points
 * the national map draws them with. Read from the records the workers already pull.
 */
export default async function directoryRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const directory = new NationalDirectory(services.store);
  api.get('/api/v1/projects', {
    schema: {
      tags: ['directories'],
      summary: 'Participatory-science projects of every approved hub, by name, searchable by name, theme, type, audience, involvement and place',
      description: "Items are the hubs' own documents, by name. `region` keeps a project that names the region among its regions (or, naming none, whose hub is in it). Pass `next` back as `cursor`.",
      querystring: ProjectDirectoryQuery,
      response: { 200: Page(ProjectPublic), 400: ErrorBody },
    },
  }, async (request, reply) => sendJsonText(reply, directory.list('project', request.query)));

  api.get('/api/v1/places', {
    schema: {
      tags: ['directories'],
      summary: 'Places to visit of every approved hub, by name, searchable by name, kind, theme, audience, accessibility and place',
      description: "Items are the hubs' own documents, by name. `region` is the hub's region. Pass `next` back as `cursor`.",
      querystring: PlaceDirectoryQuery,
      response: { 200: Page(PlacePublic), 400: ErrorBody },
    },
  }, async (request, reply) => sendJsonText(reply, directory.list('place', request.query)));

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
