import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --config aggregator/drizzle.config.ts --name <what-changed>`;
// the SQL it writes is committed and applied at start (db/client.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './aggregator/src/db/schema/index.ts',
  out: './aggregator/drizzle',
});
