import { defineConfig, defaultClientConditions } from 'vite';
import preact from '@preact/preset-vite';
import { basemapPlugin } from './build/basemap-plugin.ts';
import { ssrPlugin } from './build/ssr-plugin.ts';

// The workspace packages are imported by name; this condition points them at their
// TypeScript sources (as in tests), so the web bundles shared/ without a prior build.
const conditions = ['@constellation/source', ...defaultClientConditions];

export default defineConfig({
  plugins: [preact(), basemapPlugin(), ssrPlugin({ plugins: [preact()] })],
  resolve: { conditions },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // maplibre alone is a megabyte (its own chunk, loaded after the list): that is expected.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // maplibre in a chunk of its own, apart from our map code: cached across our releases,
        // and our own JavaScript can be weighed apart from it (bench/web).
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ }] },
      },
    },
  },
  server: {
    // `npm run dev -w web` against a running aggregator: API calls go to it.
    proxy: Object.fromEntries(['/api', '/events.ics', '/feed.rss', '/feed.atom', '/feed.json', '/events.csv'].map((path) => [path, process.env['CONSTELLATION_API'] ?? 'http://127.0.0.1:3000'])),
  },
});
