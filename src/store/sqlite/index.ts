/** The SQLite store driver. */
export { openSqliteStore, type SqliteStoreOptions } from './open-sqlite-store.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';
