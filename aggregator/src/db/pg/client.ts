import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { withReplicas } from 'drizzle-orm/pg-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema.ts';

export type PgNationalDb = NodePgDatabase<typeof schema>;

/**
 * The national store on PostgreSQL: a pool on the primary (every write, and every read
 * that must see the latest commit: the change log, the registry), and optionally pools on
 * read replicas for reads that may lag (see docs/scaling.md, "Read replicas": a replica's
 * answer is never older than the change log position the caller already holds).
 */
export interface PgNationalStore {
  readonly engine: 'postgres';
  /** drizzle over the primary, or over primary + replicas (`$primary` for the primary alone). */
  readonly db: PgNationalDb;
  readonly pool: pg.Pool;
  readonly replicaPools: readonly pg.Pool[];
  close(): Promise<void>;
}

// Resolved from this file, so it works from src/ (tests) and from dist/ (production).
const MIGRATIONS = fileURLToPath(new URL('../../../drizzle-pg', import.meta.url));
/** Any fixed number: held while migrating, so processes started together migrate once. */
const MIGRATION_LOCK = 7_146_211;

// int8 (bigint: instants, seqs, counts) as a JavaScript number: every value the store keeps
// is below 2^53. Set per pool, not on the pg module, so other users of pg are untouched.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export interface PgStoreOptions {
  /** Read replicas' URLs; reads that may lag go there (round robin). */
  replicaUrls?: readonly string[];
  /** Connections per pool (each process holds its own pools). */
  poolSize?: number;
}

function poolFor(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, types, application_name: 'constellation-aggregator' });
  // An idle client's error (a restarted server) is reported by the next query, not thrown here.
  pool.on('error', () => undefined);
  return pool;
}

/** The migrations this build ships, by tag. */
export function shippedPgMigrations(): string[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((entry) => entry.tag);
}

/**
 * Applies the committed migrations (the deployment's one migration step:
 * `constellation aggregator migrate`). An advisory lock makes concurrent runs wait for
 * each other, so two machines started together never migrate twice.
 */
export async function migratePgStore(url: string): Promise<{ applied: number; total: number }> {
  const pool = poolFor(url, 1);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const before = await appliedCount(client);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
    const after = await appliedCount(client);
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    return { applied: after - before, total: after };
  } finally {
    client.release();
    await pool.end();
  }
}

async function appliedCount(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (exists.rows[0]?.present !== true) return 0;
  const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return rows.rows[0]?.n ?? 0;
}

export class PgSchemaBehind extends Error {
  constructor(applied: number, shipped: number) {
    super(`the PostgreSQL national store has ${applied} of this version's ${shipped} migrations: run \`constellation aggregator migrate\` first`);
    this.name = 'PgSchemaBehind';
  }
}

/**
 * Opens the store. API processes and workers do not change the schema (several machines
 * start at once; a migration is one deployment step): they refuse to start on a database
 * that lacks this version's migrations.
 */
export async function openPgNationalStore(url: string, options: PgStoreOptions = {}): Promise<PgNationalStore> {
  const pool = poolFor(url, options.poolSize ?? 10);
  const replicaPools = (options.replicaUrls ?? []).map((replica) => poolFor(replica, options.poolSize ?? 10));
  try {
    const client = await pool.connect();
    try {
      const applied = await appliedCount(client);
      const shipped = shippedPgMigrations().length;
      if (applied < shipped) throw new PgSchemaBehind(applied, shipped);
    } finally {
      client.release();
    }
  } catch (error) {
    await Promise.all([pool.end(), ...replicaPools.map((replica) => replica.end())]);
    throw error;
  }
  const primary = drizzle(pool, { schema });
  const [first, ...rest] = replicaPools.map((replica) => drizzle(replica, { schema }));
  const db = first === undefined ? primary : (withReplicas(primary, [first, ...rest]) as unknown as PgNationalDb);
  return {
    engine: 'postgres',
    db,
    pool,
    replicaPools,
    close: async () => {
      await Promise.all([pool.end(), ...replicaPools.map((replica) => replica.end())]);
    },
  };
}
