import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

/*
 * The PostgreSQL national store on a real server (Debian's PostgreSQL, started by the
 * harness as an unprivileged user in a temporary folder): one server for the file, a
 * fresh database per test.
 */

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.close();
});

describe('the test PostgreSQL server', () => {
  it('runs as a non-root user, on loopback, with the contrib extensions the store uses', async () => {
    const url = await server.database();
    const [who] = await server.query<{ user: string; loopback: boolean; data: string }>(
      "SELECT current_user AS user, inet_server_addr() = '127.0.0.1'::inet AS loopback, current_setting('data_directory') AS data",
      [],
      url,
    );
    expect(who).toMatchObject({ user: 'constellation', loopback: true });
    // initdb and postgres refuse root: the cluster belongs to an unprivileged account.
    expect(statSync(who?.data ?? '').uid).not.toBe(0);
    const available = await server.query<{ name: string }>("SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent') ORDER BY name", [], url);
    expect(available.map((row) => row.name)).toEqual(['pg_trgm', 'unaccent']);
  });
});
