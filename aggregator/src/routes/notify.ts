import type { FastifyInstance } from 'fastify';
import type { AggregatorServices } from '../services.ts';

/** STUB, filled by the work on this part of the aggregator. */
export default async function notifyRoutes(_app: FastifyInstance, _options: { services: AggregatorServices }): Promise<void> {}
