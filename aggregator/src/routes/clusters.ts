import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@constellation/shared';
import { ClusterAnswer, ClusterQuery, MAX_CELLS } from '../read/clusters.ts';
import { CELL_PX } from '../read/morton.ts';
import { nationalRead } from '../read/national-read.ts';
import type { AggregatorServices } from '../services.ts';

/** Map clusters for a view and a zoom, computed on the server from the map index. */
export default async function clustersRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = nationalRead(services.store);

  api.get('/api/v1/clusters', {
    schema: {
      tags: ['events'],
      summary: 'Map clusters of the events matching the list\'s filters in a view, at a zoom',
      description:
        `Events with a place in bbox (and the other filters of GET /api/v1/events, time window included) grouped by the cells of a ${CELL_PX}-pixel grid at the zoom. ` +
        'A cluster gives its count, centroid, bounding box and the zoom at which it splits; a cell holding one event gives that event. ' +
        `Grids nest: a cluster's events are exactly those of the clusters inside its box one zoom closer. The view may span at most ${MAX_CELLS} cells.`,
      querystring: ClusterQuery,
      response: { 200: ClusterAnswer, 400: ErrorBody },
    },
  }, async (request) => read.clusters(request.query));
}
