/**
 * Opens (creating if needed) the SQLite cache: private file modes, WAL, busy timeout for the
 * several processes that share the file (CLI sync, a running server), then migrations.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../logging/logger.js';
import { LOCAL_ACCOUNT_ID } from '../database.js';
import type { Store } from '../store.js';
import { applyMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { createSqliteContext } from './sqlite-context.js';
import { toCacheError } from './sqlite-errors.js';
import { SqliteDatabase } from './sqlite-database.js';

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

/**
 * Opens and migrates the SQLite database at `options.path` (no account is created). Failures are
 * `CACHE_ERROR`s with a hint.
 */
export async function openSqliteDatabase(options: SqliteStoreOptions): Promise<SqliteDatabase> {
  const now = options.now ?? (() => new Date());
  const inMemory = options.path === ':memory:';
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  let db: Database.Database | undefined;
  try {
    if (!inMemory) createPrivateFile(options.path);
    db = new Database(options.path);
    configure(db, busyTimeoutMs, inMemory);
    if (!inMemory) restrictModes(options.path, options.logger);
    applyMigrations(db, MIGRATIONS, { path: options.path, now, logger: options.logger });
    if (!inMemory) restrictModes(options.path, options.logger);
    return Promise.resolve(new SqliteDatabase(createSqliteContext(db, inMemory ? null : options.path, now, options.logger), options.path, busyTimeoutMs));
  } catch (error) {
    db?.close();
    throw toCacheError(error, `open of ${options.path}`);
  }
}

/**
 * Opens the database and returns the store of the local account (created when absent), whose
 * `close()` closes the database: the single-person modes and most tests need nothing more.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const database = await openSqliteDatabase(options);
  try {
    await database.accounts.ensure(LOCAL_ACCOUNT_ID);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database.ownedStore(LOCAL_ACCOUNT_ID);
}

function configure(db: Database.Database, busyTimeoutMs: number, inMemory: boolean): void {
  // The busy timeout comes first: switching to WAL itself may wait for another process.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
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
