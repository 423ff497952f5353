/**
 * Opens the PostgreSQL driver: parses and checks the URL, loads node-postgres lazily (only when
 * PostgreSQL is chosen, so the SQLite cold start never loads it), builds one pool whose
 * connections use `schema` as their search_path, and applies the migrations under an advisory
 * lock. The URL's password never leaves this module: `location` is `postgres://host:port/db`.
 */
import { WearablesError } from '../../core/errors.js';
import type { Logger } from '../../logging/logger.js';
import type { HeldLease, LeaseOptions, StoreDatabase } from '../database.js';
import type { Store } from '../store.js';
import { createAccountDirectory, createConnectionRows, validAccountId } from './accounts.js';
import type { AccountDumpBatch, DumpCounts } from '../account-dump.js';
import { exportPostgresAccount, importPostgresAccount } from './account-dump.js';
import { compactEvents } from './events.js';
import { acquireLease, type LeaseSettings } from './lease.js';
import { appliedVersion, applyPgMigrations } from './migrate.js';
import { PG_MIGRATIONS } from './migrations.js';
import type { PgContext } from './pg-context.js';
import { toPgCacheError } from './pg-errors.js';
import { quoteIdentifier, validSchema } from './pg-names.js';
import { PostgresStore } from './postgres-store.js';
import { describePostgresUrl } from './url.js';

export interface PostgresDatabaseOptions {
  /** postgres:// or postgresql:// URL (its password is never logged or shown). */
  url: string;
  /** Schema holding every table (created when absent; default `public`). */
  schema?: string;
  now?: () => Date;
  logger?: Logger;
  /** Most connections the pool opens (default 10). Each held lease takes one more. */
  poolSize?: number;
  /** Test hooks for lease timing. */
  lease?: LeaseSettings;
}

/** Opens, migrates and returns the PostgreSQL `StoreDatabase`. Failures are CACHE_ERROR/CONFIG_ERROR with a hint. */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<StoreDatabase> {
  const location = describePostgresUrl(options.url);
  const schema = validSchema(options.schema ?? 'public');
  const poolSize = options.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100) {
    throw new WearablesError('CONFIG_ERROR', `The PostgreSQL pool size must be 1 to 100 (got ${String(poolSize)}).`, { hint: 'Use e.g. 10.' });
  }
  const now = options.now ?? (() => new Date());
  const [{ default: pg }, { from: copyFrom }] = await Promise.all([import('pg'), import('pg-copy-streams')]);
  const int8 = (value: string): number => Number(value);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'wearables-mcp',
    options: `-c search_path=${quoteIdentifier(schema)}`,
    // bigint counts, seqs and epoch-ms timestamps fit a double exactly (< 2^53).
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? int8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server dropped must not crash the process: the next query reconnects.
  pool.on('error', (error) => options.logger?.warn({ err: toPgCacheError(error, 'idle connection') }, 'a pooled database connection failed'));
  const context: PgContext = { pool, location, schema, now, logger: options.logger, copyFrom: copyFrom as PgContext['copyFrom'] };
  const migrate = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      await applyPgMigrations(client, PG_MIGRATIONS, { schema, location, now, logger: options.logger });
    } finally {
      client.release();
    }
  };
  try {
    await migrate();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toPgCacheError(error, `open of ${location}`);
  }
  return new PostgresDatabase(context, migrate, options.lease ?? {});
}

class PostgresDatabase implements StoreDatabase {
  readonly driver = 'postgres' as const;
  readonly accounts;
  #closed = false;

  constructor(
    private readonly context: PgContext,
    private readonly migrate: () => Promise<void>,
    private readonly leaseSettings: LeaseSettings,
  ) {
    this.accounts = createAccountDirectory(context);
  }

  get location(): string {
    return this.context.location;
  }

  forAccount(accountId: string): Store {
    return new PostgresStore(this.context, validAccountId(accountId), { migrate: this.migrate });
  }

  connections(accountId: string) {
    return createConnectionRows(this.context, accountId);
  }

  lease(key: string, options?: LeaseOptions): Promise<HeldLease> {
    return acquireLease(this.context, key, options, this.leaseSettings);
  }

  /** Dump and restore of an account: account-dump.ts (helper C's module). */
  exportAccount(accountId: string): AsyncIterable<AccountDumpBatch> {
    return exportPostgresAccount(this.context, validAccountId(accountId));
  }

  importAccount(accountId: string, batches: AsyncIterable<AccountDumpBatch>): Promise<DumpCounts> {
    return importPostgresAccount(this.context, validAccountId(accountId), batches);
  }

  async compactEvents(options: { retentionDays: number }): Promise<{ removed: number }> {
    const days = options.retentionDays;
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new WearablesError('VALIDATION_ERROR', `Event retention must be a whole number of days from 1 to 3650 (got ${String(days)}).`, {
        hint: 'Use e.g. 30 (days of change history a poller can resume within).',
      });
    }
    try {
      const removed = await compactEvents(this.context.pool, new Date(this.context.now().getTime() - days * 86_400_000));
      return { removed };
    } catch (error) {
      throw toPgCacheError(error, 'event compaction');
    }
  }

  async schemaVersion(): Promise<number> {
    try {
      return await appliedVersion(this.context.pool);
    } catch (error) {
      throw toPgCacheError(error, 'schema version read');
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.context.pool.end().catch((error: unknown) => this.context.logger?.warn({ err: toPgCacheError(error, 'close') }, 'closing the database pool failed'));
  }
}

/** Opens the database and returns one account's store whose `close()` closes the database (tests, tools). */
export async function openPostgresStore(options: PostgresDatabaseOptions & { accountId?: string }): Promise<Store> {
  const database = await openPostgresDatabase(options);
  const accountId = options.accountId ?? 'local';
  try {
    await database.accounts.ensure(accountId);
  } catch (error) {
    await database.close();
    throw error;
  }
  const view = database.forAccount(accountId) as PostgresStore;
  const close = view.close.bind(view);
  view.close = async () => {
    await close();
    await database.close();
  };
  return view;
}
