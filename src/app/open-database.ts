/**
 * Opens the store database the config names: PostgreSQL when `DATABASE_URL` is set (its driver,
 * node-postgres included, is imported only then, so the SQLite cold start never loads it), else
 * the home's `wearables.db` (SQLite, the embedded default).
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { StoreDatabase } from '../store/database.js';
import { openSqliteDatabase } from '../store/sqlite/index.js';

export interface OpenStoreDatabaseOptions {
  now: () => Date;
  logger?: Logger;
}

/** Opens (and migrates) the database of `config`. Failures are CACHE_ERRORs (CONFIG_ERROR for a bad schema name) with a hint. */
export async function openStoreDatabase(config: Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseSchema'>, options: OpenStoreDatabaseOptions): Promise<StoreDatabase> {
  const logger = options.logger ? { logger: options.logger } : {};
  if (config.databaseUrl !== null) {
    const { openPostgresDatabase } = await import('../store/postgres/index.js');
    return openPostgresDatabase({ url: config.databaseUrl, schema: config.databaseSchema, now: options.now, ...logger });
  }
  return openSqliteDatabase({ path: config.dbPath, now: options.now, ...logger });
}
