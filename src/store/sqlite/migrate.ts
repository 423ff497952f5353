/**
 * Applies pending migrations. Several processes may open the same file at once, so each
 * migration runs in a `BEGIN IMMEDIATE` transaction that re-checks whether another process
 * already applied it.
 */
import type Database from 'better-sqlite3';
import { WearablesError } from '../../core/errors.js';
import type { Logger } from '../../logging/logger.js';
import { LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The highest applied version (0 for an empty database). */
export function appliedVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** Refuses a database written by a newer version of wearables-mcp. */
export function assertKnownVersion(db: Database.Database, path: string, latest = LATEST_SCHEMA_VERSION): void {
  const version = appliedVersion(db);
  if (version > latest) {
    throw new WearablesError(
      'CACHE_ERROR',
      `The cache at ${path} has schema version ${version}, but this wearables-mcp only knows up to version ${latest}.`,
      { hint: 'A newer wearables-mcp wrote this cache: upgrade (npm install -g wearables-mcp@latest), or point WEARABLES_MCP_HOME at another directory.' },
    );
  }
}

/** Applies every migration newer than the database, each in its own immediate transaction. */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { path: string; now: () => Date; logger?: Logger },
): number {
  const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  db.exec(CREATE_MIGRATIONS_TABLE);
  assertKnownVersion(db, options.path, latest);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    const applied = db
      .transaction(() => {
        if (isApplied.get(migration.version)) return false;
        db.exec(migration.up);
        record.run(migration.version, migration.name, options.now().toISOString());
        return true;
      })
      .immediate();
    if (applied) options.logger?.info({ version: migration.version, migration: migration.name }, 'cache migration applied');
  }
  return appliedVersion(db);
}
