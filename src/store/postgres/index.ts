/** The PostgreSQL store driver (loaded lazily: import this module only when DATABASE_URL chooses PostgreSQL). */
export { openPostgresDatabase, openPostgresStore, type PostgresDatabaseOptions } from './open-postgres-database.js';
export { describePostgresUrl, parsePostgresUrl, postgresUrlPassword } from './url.js';
export { PG_LATEST_SCHEMA_VERSION, PG_MIGRATIONS } from './migrations.js';
