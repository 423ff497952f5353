/** The SQLite store driver. */
export { openSqliteDatabase, openSqliteStore, type SqliteStoreOptions } from './open-sqlite-store.js';
export { SqliteDatabase } from './sqlite-database.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';
