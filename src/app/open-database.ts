/**
 * Opens the store the configuration chooses: PostgreSQL when `DATABASE_URL` is set (its driver,
 * node-postgres included, is imported only then, so the SQLite cold start never loads it), else
 * the SQLite file in the home. The local modes use the implicit local account.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { LOCAL_ACCOUNT_ID, type StoreDatabase } from '../store/database.js';
import type { Store } from '../store/store.js';
import { openSqliteDatabase } from '../store/sqlite/index.js';

export interface OpenedDatabase {
  database: StoreDatabase;
  /** The local account's store (closing it leaves the database open: close `database`). */
  store: Store;
}

export async function openAppDatabase(config: Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseSchema'>, options: { now: () => Date; logger: Logger }): Promise<OpenedDatabase> {
  let database: StoreDatabase;
  if (config.databaseUrl !== null) {
    const { openPostgresDatabase } = await import('../store/postgres/index.js');
    database = await openPostgresDatabase({ url: config.databaseUrl, schema: config.databaseSchema, now: options.now, logger: options.logger });
  } else {
    database = await openSqliteDatabase({ path: config.dbPath, now: options.now, logger: options.logger });
  }
  try {
    await database.accounts.ensure(LOCAL_ACCOUNT_ID);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, store: database.forAccount(LOCAL_ACCOUNT_ID) };
}
