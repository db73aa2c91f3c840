import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, Id } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { findDuplicateActors } from '../services/actor-duplicates.ts';
import type { HubServices } from '../services/hub-services.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const DuplicateActor = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String(), status: Type.String(), verified: Type.Boolean(), content: Type.Integer(), members: Type.Integer() },
  { additionalProperties: false },
);
const Group = Type.Object({ reason: Type.Enum(['siret', 'name']), actors: Type.Array(DuplicateActor) }, { additionalProperties: false });

/** The operator finds actors entered twice and merges them, keeping their content and members. */
export default async function actorDuplicateRoutes(app: FastifyInstance, { store, services }: { store: Store; services: HubServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const admins = app.requireRole('admin');
  const security = [{ bearer: [] }];

  api.get('/api/v1/admin/actors/duplicates', {
    schema: { tags: ['admin'], summary: 'Actors that look entered twice: the same SIRET, or the same name, at the same place', security, response: { 200: Type.Object({ items: Type.Array(Group) }, { additionalProperties: false }), ...errors } },
    preHandler: admins,
  }, async () => ({ items: findDuplicateActors(store) }));

  api.post('/api/v1/admin/actors/:id/merge', {
    schema: {
      tags: ['admin'],
      summary: 'Merge this actor into another: its content and members move there, then it is deleted',
      security,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      body: Type.Object({ into: Id }, { additionalProperties: false }),
      response: { 200: Type.Object({ moved: Type.Integer(), members: Type.Integer() }, { additionalProperties: false }), ...errors },
    },
    preHandler: admins,
  }, async (request) => services.content.mergeActor(request.params.id, request.body.into, viewerOf(request, services.accounts)));
}
