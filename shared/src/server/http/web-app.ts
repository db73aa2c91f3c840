import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { AppPages } from './app-pages.ts';
import { HttpError } from './errors.ts';
import { fileChange, REBUILD_CHECK_MS } from './file-change.ts';

/**
 * The built web app (Vite's `dist/`), served by either server: its files as they are,
 * and, for every other GET no route took, its index.html, since the app reads the path
 * itself (/agenda, /events/<hub>/<id>, /contribute/...). Paths the app never owns (the
 * API, federation, docs) keep a JSON 404, so a mistyped API call is not answered with a page.
 *
 * The files are listed at start: only those are ever read, so no request path can reach
 * outside the folder. A rebuild (`npm run build`) while the server runs is picked up
 * without a restart: index.html, held in memory, is looked at (one stat) at most once a
 * second, and when it changed the folder is listed again (see file-change.ts).
 */

/** The app's policy: scripts only from this site; tiles and styles may come from a configured tile server. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "connect-src 'self' https:",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Vite names what it puts under assets/ by content hash: such a file never changes under its name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
};

interface StaticFile {
  path: string;
  /** The file's bytes, for index.html only (served from memory: the page every visit asks for). */
  bytes?: Buffer;
  type: string;
  size: number;
  etag: string;
  cacheControl: string;
}

export interface WebAppOptions {
  /** The folder holding the built app's index.html. */
  root: string;
  /** Paths that are never the app's: a miss there is a JSON 404. */
  notApp: RegExp;
  /** The pages' Content-Security-Policy (default APP_CSP). */
  csp?: string;
  /** Renders the app's pages on the server (app-pages.ts); without it every page is the bare index.html. */
  pages?: AppPages;
}

function listFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Dot-folders are the build's own (.ssr: the server renderer), never the site's files.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const url = `/${relative(root, path).split(sep).join('/')}`;
        const stat = statSync(path);
        files.set(url, {
          path,
          type: TYPES[extname(entry.name).toLowerCase()] ?? 'application/octet-stream',
          size: stat.size,
          etag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
          cacheControl: url === '/index.html' ? 'no-cache' : url.startsWith('/assets/') ? IMMUTABLE : 'public, max-age=3600',
        });
      }
    }
  };
  walk(root);
  const index = files.get('/index.html');
  if (index !== undefined) {
    // Read with its size and etag, so both describe the same version of it.
    const bytes = readFileSync(index.path);
    files.set('/index.html', { ...index, bytes, size: bytes.length, etag: `W/"${bytes.length.toString(16)}-${Math.floor(statSync(index.path).mtimeMs).toString(16)}"` });
  }
  return files;
}

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, csp: string): FastifyReply {
  void reply.header('cache-control', file.cacheControl).header('etag', file.etag);
  if (file.type.startsWith('text/html')) void reply.header('content-security-policy', csp);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.type).header('content-length', String(file.size)).send(file.bytes ?? createReadStream(file.path));
}

/**
 * The build's files as they are now: listed again when index.html changed (looked at once
 * a second at most), or when an asset is asked for that the list lacks (a page of a build
 * written after the last listing), at most once a second too.
 */
function currentFiles(root: string): (options?: { missingAsset?: boolean }) => Map<string, StaticFile> {
  const index = fileChange(join(root, 'index.html'));
  index.changed();
  let files = listFiles(root);
  let listedAt = Date.now();
  return ({ missingAsset = false } = {}) => {
    const rebuilt = index.changed();
    if (rebuilt || (missingAsset && Date.now() - listedAt >= REBUILD_CHECK_MS)) {
      try {
        const listed = listFiles(root);
        // Mid-rebuild (the folder emptied, index.html not yet written): keep the last build.
        if (listed.has('/index.html')) files = listed;
        else index.retry();
      } catch {
        index.retry();
      }
      listedAt = Date.now();
    }
    return files;
  };
}

/**
 * Registers the app on `app` (GET `/` and `/*`; every other route wins over them).
 * Resolves to false, having registered nothing, when `root` holds no index.html.
 */
export async function serveWebApp(app: FastifyInstance, options: WebAppOptions): Promise<boolean> {
  if (!existsSync(join(options.root, 'index.html'))) return false;
  const build = currentFiles(options.root);
  if (!build().has('/index.html')) return false;
  const csp = options.csp ?? APP_CSP;

  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.url.split('?')[0] ?? '/';
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      path = raw;
    }
    const files = build();
    const file = files.get(path) ?? (path.startsWith('/assets/') ? build({ missingAsset: true }).get(path) : undefined);
    if (file !== undefined) return send(request, reply, file, csp);
    if (options.notApp.test(path)) throw new HttpError(404, 'not_found', `no route ${request.method} ${raw}`);
    // A missing hashed asset is an old page asking for a file a rebuild replaced: a 404, not the app.
    if (path.startsWith('/assets/')) throw new HttpError(404, 'not_found', `no file ${raw}`);
    if (options.pages !== undefined) {
      try {
        return await options.pages.send(request, reply);
      } catch (error) {
        // A page the server cannot render is still the app: the browser renders it.
        request.log.error({ err: error, url: request.url }, 'web: server render failed; sending the bare app');
      }
    }
    const index = files.get('/index.html');
    if (index === undefined) throw new HttpError(404, 'not_found', `no route ${request.method} ${raw}`);
    return send(request, reply, index, csp);
  };
  // Not API operations: kept out of the OpenAPI document (`hide` is @fastify/swagger's).
  const schema = { hide: true } as FastifySchema;
  app.get('/', { schema }, answer);
  app.get('/*', { schema }, answer);
  return true;
}
