import type { Plugin } from 'vite';
import { buildBasemap } from './basemap.ts';

const TYPES: Record<string, string> = { json: 'application/json', pbf: 'application/x-protobuf' };

/**
 * Puts the offline basemap in the build output (`dist/basemap/...`) and serves the same
 * files from memory in the dev server; nothing generated is written into the source tree.
 */
export function basemapPlugin(): Plugin {
  let files: Map<string, Uint8Array> | undefined;
  const load = () => (files ??= buildBasemap());
  return {
    name: 'constellation-basemap',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://dev.invalid').pathname).replace(/^\/+/, '');
        const file = load().get(path);
        if (file === undefined) return next();
        response.setHeader('content-type', TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream');
        response.end(file);
      });
    },
    generateBundle() {
      for (const [fileName, source] of load()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
