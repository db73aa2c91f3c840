import { join } from 'node:path';
import { build, defaultServerConditions, type Plugin, type UserConfig } from 'vite';

/** Where the server renderer goes, inside the client's output (servers skip dot-folders when serving files). */
export const SSR_DIR = '.ssr';

/**
 * After the browser build, builds the server renderer (src/ssr/render.tsx) into
 * `<outDir>/.ssr/render.js`: one self-contained Node module (preact and the app bundled
 * in), so the hub and the aggregator load it from their web root wherever it was built.
 * maplibre stays out: the map is drawn in the browser only.
 */
export function ssrPlugin(shared: Pick<UserConfig, 'plugins'>): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  let done = false;
  return {
    name: 'constellation-ssr',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      root = config.root;
    },
    async closeBundle() {
      // Once, after the client build (the nested build runs these hooks too).
      if (done || this.environment.name !== 'client') return;
      done = true;
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        ...shared,
        // The workspace packages from their TypeScript sources, as for the browser build.
        ssr: { noExternal: true, external: ['maplibre-gl', 'pmtiles'], resolve: { conditions: ['@constellation/source', ...defaultServerConditions] } },
        build: {
          ssr: 'src/ssr/render.tsx',
          outDir: join(outDir, SSR_DIR),
          emptyOutDir: true,
          target: 'node20',
          minify: false,
          rolldownOptions: { output: { entryFileNames: 'render.js' } },
        },
      });
    },
  };
}
