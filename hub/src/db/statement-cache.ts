import type Database from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Lists build their SQL from the filters a request
 * uses, so the same few shapes come back again and again: preparing each once saves
 * SQLite's compile on every request. Bounded, as query shapes combine.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly max = 500,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= this.max) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
