import type { FastifyInstance } from 'fastify';
import type { AggregatorServices } from '../services.ts';

/** STUB, filled by the web work: the built web app at `/` and server-rendered event pages. */
export default async function pagesRoutes(_app: FastifyInstance, _options: { services: AggregatorServices }): Promise<void> {}
