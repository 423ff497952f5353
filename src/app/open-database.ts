/**
 * Opens the store database the config names. SQLite (the home's `wearables.db`) is the embedded
 * default; a PostgreSQL driver is chosen here by `DATABASE_URL` when it exists.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { StoreDatabase } from '../store/database.js';
import { openSqliteDatabase } from '../store/sqlite/index.js';

export interface OpenStoreDatabaseOptions {
  now: () => Date;
  logger?: Logger;
}

/** Opens (and migrates) the database of `config`. Failures are CACHE_ERRORs with a hint. */
export function openStoreDatabase(config: Config, options: OpenStoreDatabaseOptions): Promise<StoreDatabase> {
  return openSqliteDatabase({ path: config.dbPath, now: options.now, ...(options.logger ? { logger: options.logger } : {}) });
}
