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

/** A context bound to one account: every statement of a `Store` filters or writes `account_id`. */
export interface AccountContext extends SqliteContext {
  readonly accountId: string;
}

/** The account-bound view of `context` (shares its connection and statement cache). */
export function forAccountContext(context: SqliteContext, accountId: string): AccountContext {
  return {
    db: context.db,
    path: context.path,
    now: () => context.now(),
    logger: context.logger,
    statement: (sql) => context.statement(sql),
    accountId,
  };
}
