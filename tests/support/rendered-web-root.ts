import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * A web root as `npm run build -w web` makes it, for servers that render pages: an
 * index.html shaped like the built one, one asset, and the server renderer at
 * `.ssr/render.js`, which here re-exports the renderer's sources (Vitest compiles them), so
 * a test needs no Vite build.
 */

const REPO = resolve(import.meta.dirname, '../..');

export const RENDERED_INDEX = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Constellation</title>
    <meta name="description" content="Tous les événements." />
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-abc123.css">
  </head>
  <body>
    <div id="app">
      <noscript>Constellation a besoin de JavaScript.</noscript>
    </div>
  </body>
</html>
`;

export function renderedWebRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'constellation-ssr-'));
  mkdirSync(join(root, '.ssr'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), RENDERED_INDEX);
  writeFileSync(join(root, 'assets/index-abc123.js'), 'console.log("app");');
  writeFileSync(join(root, '.ssr/render.js'), `export { renderPage } from ${JSON.stringify(pathToFileURL(join(REPO, 'web/src/ssr/render.tsx')).href)};\n`);
  return root;
}

/** What page readers see in the app's element, tags dropped and spaces folded. */
export function appText(html: string): string {
  const app = /<div id="app">([\s\S]*)<\/div>\s*<script type="application\/json"/.exec(html)?.[1] ?? '';
  return app.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/[\s\u00a0\u202f\u2009]+/g, ' ');
}
