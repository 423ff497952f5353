/**
 * Applies pending migrations. Several processes (servers, a CLI, tests) may open one database at
 * once: the whole check-and-apply runs under a session advisory lock keyed by the schema, on a
 * dedicated client, so exactly one applies each migration and the others then find it applied.
 * Each migration runs in its own transaction (PostgreSQL DDL is transactional).
 */
import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { WearablesError } from '../../core/errors.js';
import type { Logger } from '../../logging/logger.js';
import type { PgMigration } from './migrations.js';
import { quoteIdentifier } from './pg-names.js';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL
)`;

/** A stable signed 64-bit advisory lock key for `text` (as a decimal string for a bigint parameter). */
export function advisoryKey(text: string): string {
  return createHash('sha256').update(text).digest().readBigInt64BE(0).toString();
}

/** The highest applied version (0 before the first migration). */
export async function appliedVersion(client: { query: PoolClient['query'] }): Promise<number> {
  const exists = await client.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
  if (!exists.rows[0]?.found) return 0;
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

export interface MigrateOptions {
  schema: string;
  location: string;
  now: () => Date;
  logger?: Logger | undefined;
}

/** Creates the schema when absent and applies every pending migration; returns the version. */
export async function applyPgMigrations(client: PoolClient, migrations: readonly PgMigration[], options: MigrateOptions): Promise<number> {
  const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  const key = advisoryKey(`wearables-mcp:migrate:${options.schema}`);
  await client.query('SELECT pg_advisory_lock($1)', [key]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    await client.query(`SET search_path TO ${quoteIdentifier(options.schema)}`);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const current = await appliedVersion(client);
    if (current > latest) {
      throw new WearablesError(
        'CACHE_ERROR',
        `The database at ${options.location} (schema ${options.schema}) has schema version ${current}, but this wearables-mcp only knows up to version ${latest}.`,
        { hint: 'A newer wearables-mcp wrote this database: upgrade (npm install -g wearables-mcp@latest), or point DATABASE_URL at another database.' },
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.up);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, options.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      options.logger?.info({ version: migration.version, migration: migration.name }, 'database migration applied');
    }
    return await appliedVersion(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
  }
}
