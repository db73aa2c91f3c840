import { defineConfig } from 'drizzle-kit';

// The PostgreSQL national store's migrations, beside the SQLite ones (drizzle.config.ts):
// `npx drizzle-kit generate --config aggregator/drizzle.pg.config.ts --name <what-changed>`;
// the SQL is committed and applied by `constellation aggregator migrate` and at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './aggregator/src/db/pg/schema.ts',
  out: './aggregator/drizzle-pg',
});
