import type { FastifyInstance } from 'fastify';
import type { HubConfig } from '../config.ts';
import type { HubServices } from '../app.ts';

/** Imports of events from iCal and OpenAgenda into an actor's account. */
export default async function importRoutes(_app: FastifyInstance, _options: { config: HubConfig; services: HubServices }) {}
