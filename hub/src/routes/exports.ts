import type { FastifyInstance } from 'fastify';
import type { HubConfig } from '../config.ts';
import type { HubServices } from '../app.ts';

/** Open-data exports (iCal, RSS, Atom, JSON Feed, CSV) and server-rendered event pages. */
export default async function exportRoutes(_app: FastifyInstance, _options: { config: HubConfig; services: HubServices }) {}
