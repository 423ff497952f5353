/** What every SQLite store module needs: the connection, a prepared statement cache and the clock. */
import type Database from 'better-sqlite3';
import type { Logger } from '../../logging/logger.js';

export interface SqliteContext {
  readonly db: Database.Database;
  readonly path: string | null;
  now(): Date;
  readonly logger: Logger | undefined;
  /** A prepared statement for `sql`, prepared once per connection and reused. */
  statement(sql: string): Database.Statement;
}

/** Builds a context whose statements are cached by SQL text. */
export function createSqliteContext(db: Database.Database, path: string | null, now: () => Date, logger?: Logger): SqliteContext {
  const cache = new Map<string, Database.Statement>();
  return {
    db,
    path,
    now,
    logger,
    statement(sql: string): Database.Statement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
