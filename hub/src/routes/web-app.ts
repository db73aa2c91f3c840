import type { FastifyInstance } from 'fastify';
import { serveWebApp, type AppPages } from '@constellation/shared/server';

/**
 * Paths that are never the portal's: a miss there is a JSON 404. The portal owns every
 * other path (/admin, /moderation, /events/<hub>/<id>...), and the hub's own pages
 * (/events/<slug>, the feeds, /docs) are routes, which always win over the fallback.
 */
export const NOT_PORTAL = /^\/(?:api|federation|docs|healthz|media|\.well-known)(?:[/?]|$)|^\/(?:events|feed)\.[^/]*$/;

/**
 * The regional portal: the built web app, served when the operator configured `webRoot`;
 * its pages rendered on the server when that build has the renderer (`pages`).
 */
export default async function webAppRoutes(app: FastifyInstance, options: { webRoot: string | undefined; pages: AppPages | undefined }) {
  if (options.webRoot === undefined) return;
  if (!(await serveWebApp(app, { root: options.webRoot, notApp: NOT_PORTAL, ...(options.pages === undefined ? {} : { pages: options.pages }) }))) {
    app.log.warn({ webRoot: options.webRoot }, 'web: no index.html in webRoot (run `npm run build -w web`); the portal is not served');
  }
}
