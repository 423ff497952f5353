/**
 * Opens (creating if needed) the SQLite cache: private file modes, WAL, busy timeout for the
 * several processes that share the file (CLI sync, a running server), then migrations.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../store.js';
import { applyMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { createSqliteContext } from './sqlite-context.js';
import { toCacheError } from './sqlite-errors.js';
import { SqliteStore } from './sqlite-store.js';

export interface SqliteStoreOptions {
  /** Database file path, or `:memory:` for a throwaway store. */
  path: string;
  /** Clock for `stored_at` / event `at` (tests freeze it). */
  now?: () => Date;
  logger?: Logger;
  /** How long a write waits for another process's lock before failing (default 10 s). */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Opens and migrates the SQLite store at `options.path`. Failures are `CACHE_ERROR`s with a hint. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const inMemory = options.path === ':memory:';
  let db: Database.Database | undefined;
  try {
    if (!inMemory) createPrivateFile(options.path);
    db = new Database(options.path);
    configure(db, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, inMemory);
    if (!inMemory) restrictModes(options.path, options.logger);
    applyMigrations(db, MIGRATIONS, { path: options.path, now, logger: options.logger });
    if (!inMemory) restrictModes(options.path, options.logger);
    return new SqliteStore(createSqliteContext(db, inMemory ? null : options.path, now, options.logger));
  } catch (error) {
    db?.close();
    throw toCacheError(error, `open of ${options.path}`);
  }
}

function configure(db: Database.Database, busyTimeoutMs: number, inMemory: boolean): void {
  // The busy timeout comes first: switching to WAL itself may wait for another process.
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  if (!inMemory) db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut may lose the last commits, never corrupts (they re-sync).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** Creates the directory (0700) and the file (0600) before SQLite does, so no umask applies. */
function createPrivateFile(path: string): void {
  const directory = dirname(path);
  if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}

/** chmod 0600 on the database and its -wal/-shm files (they hold the same health data). */
function restrictModes(path: string, logger: Logger | undefined): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${path}${suffix}`;
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch (error) {
      logger?.warn({ err: error, file }, 'could not restrict cache file permissions to 0600');
    }
  }
}
