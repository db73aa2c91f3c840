import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/client.ts';

/** Exposes the hub's SQLite store and closes it when the app closes. */
export default fp(
  async function storePlugin(app: FastifyInstance, options: { store: Store }) {
    app.decorate('store', options.store);
    app.addHook('onClose', async () => options.store.close());
  },
  { name: 'store' },
);
