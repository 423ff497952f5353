/**
 * The SQLite `StoreDatabase`: one better-sqlite3 connection to the home's cache file (WAL, shared
 * by the processes of one home), the accounts it holds, one `Store` view per account, the
 * accounts' provider connection rows, and feed compaction. No `lease`: on SQLite the home's lock
 * files serialise syncs.
 *
 * Every operation is synchronous on the connection and runs in one go, except a connection-row
 * transaction, which spans the awaits of its work (a token refresh): while it is open, the other
 * operations of this handle wait for it (they would otherwise join its transaction), and a second
 * handle or process waits for its write lock without blocking the event loop.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { ACCOUNT_ID_PATTERN, type Account, type AccountDirectory, type AccountIdentity, type ConnectionRow, type ConnectionRows, type ConnectionTransaction, type StoreDatabase } from '../database.js';
import type { Store } from '../store.js';
import type { AccountDumpBatch, DumpCounts } from '../account-dump.js';
import { exportSqliteAccount, importSqliteAccount } from './account-dump.js';
import { compactEvents } from './events.js';
import { appliedVersion } from './migrate.js';
import type { SqliteContext } from './sqlite-context.js';
import { toCacheError } from './sqlite-errors.js';
import { SqliteStore, type SqliteHandle } from './sqlite-store.js';

interface AccountRow {
  id: string;
  created_at: string;
  label: string | null;
}

interface ConnectionDbRow {
  provider: string;
  blob: string;
  reconnect_needed: number;
  reconnect_reason: 'rejected' | 'grant_lost' | null;
  refresh_pending_since: number | null;
  updated_at: string;
}

/** Longest provider user id kept (the providers' ids are far shorter). */
const MAX_PROVIDER_USER_ID = 200;
const MAX_LABEL = 200;

/** Tables holding an account's rows by `account_id` (samples go with their series). */
const ACCOUNT_TABLES = ['series', 'records', 'events', 'coverage', 'open_checks', 'cursors', 'sync_runs', 'connections', 'account_identities'] as const;

export class SqliteDatabase implements StoreDatabase, SqliteHandle {
  readonly driver = 'sqlite' as const;
  readonly accounts: AccountDirectory;
  #closed = false;
  /** Settles when the open connection-row transaction of this handle ends; null when none is open. */
  #gate: Promise<void> | null = null;
  /** Connection-row transactions of this handle, one at a time. */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: SqliteContext,
    readonly location: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.accounts = new SqliteAccounts(this);
  }

  run<T>(operation: string, work: (context: SqliteContext) => T): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new WearablesError('CACHE_ERROR', `Cache ${operation} failed: the database is closed.`, { hint: 'Open the store again.' }));
    }
    if (this.#gate) return this.#gate.then(() => this.run(operation, work));
    try {
      return Promise.resolve(work(this.context));
    } catch (error) {
      return Promise.reject(toCacheError(error, operation));
    }
  }

  forAccount(accountId: string): Store {
    assertAccountId(accountId);
    return new SqliteStore(this, accountId);
  }

  /** The store of an account whose `close()` closes this database (`openSqliteStore`). */
  ownedStore(accountId: string): Store {
    assertAccountId(accountId);
    return new SqliteStore(this, accountId, true);
  }

  connections(accountId: string): ConnectionRows {
    assertAccountId(accountId);
    return new SqliteConnections(this, accountId);
  }

  /** Dump and restore of an account: account-dump.ts (helper C's module). */
  exportAccount(accountId: string): AsyncIterable<AccountDumpBatch> {
    assertAccountId(accountId);
    return exportSqliteAccount(this, accountId);
  }

  importAccount(accountId: string, batches: AsyncIterable<AccountDumpBatch>): Promise<DumpCounts> {
    assertAccountId(accountId);
    return importSqliteAccount(this, accountId, batches);
  }

  compactEvents(options: { retentionDays: number }): Promise<{ removed: number }> {
    return this.run('event compaction', (context) => compactEvents(context, options.retentionDays));
  }

  schemaVersion(): Promise<number> {
    return this.run('schema version read', (context) => appliedVersion(context.db));
  }

  /** Closes the connection (idempotent); later calls of every view fail with CACHE_ERROR. */
  async close(): Promise<void> {
    if (this.#closed) return;
    // An open connection transaction finishes first (its work is already running).
    await this.#gate;
    this.#closed = true;
    try {
      this.context.db.close();
    } catch (error) {
      throw toCacheError(error, 'close');
    }
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE ... COMMIT on this connection. Transactions of this handle
   * queue; the write lock of another handle or process is waited for with short sleeps (never a
   * synchronous busy wait, which would stall the event loop the lock holder needs).
   */
  async exclusive<T>(operation: string, work: (context: SqliteContext) => Promise<T>): Promise<T> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await previous;
    let open!: () => void;
    try {
      // Let the other operations of this handle that were already waiting run first.
      await this.run(operation, () => undefined);
      await this.begin(operation);
      this.#gate = new Promise((resolve) => (open = resolve));
      try {
        const result = await work(this.context);
        this.context.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.context.db.inTransaction) this.context.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.#gate = null;
      open?.();
      release();
    }
  }

  private async begin(operation: string): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    const db = this.context.db;
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) throw new WearablesError('CACHE_ERROR', `Cache ${operation} failed: the database is closed.`, { hint: 'Open the store again.' });
      db.pragma('busy_timeout = 0');
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw toCacheError(error, operation);
      } finally {
        db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      }
      await sleep(Math.min(5 + attempt * 5, 50));
    }
  }
}

function assertAccountId(accountId: string): void {
  if (typeof accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new WearablesError('VALIDATION_ERROR', `Account id ${JSON.stringify(String(accountId)).slice(0, 80)} is not valid.`, {
      hint: 'An account id is 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit (e.g. "local").',
    });
  }
}

function assertProvider(provider: ProviderId): void {
  if (!isProviderIdShape(provider)) {
    throw new WearablesError('VALIDATION_ERROR', `Provider id ${JSON.stringify(String(provider)).slice(0, 60)} is not valid.`, {
      hint: 'Use the registered provider id (lowercase letters, digits, dashes).',
    });
  }
}

function notFound(accountId: string): WearablesError {
  return new WearablesError('NOT_FOUND', `Account ${accountId} does not exist.`, { hint: 'Create the account first (accounts.ensure).' });
}

function toAccount(row: AccountRow): Account {
  return { id: row.id, createdAt: row.created_at, label: row.label };
}

class SqliteAccounts implements AccountDirectory {
  constructor(private readonly database: SqliteDatabase) {}

  ensure(id: string, options: { label?: string | null } = {}): Promise<Account> {
    return this.database.run('account creation', (context) => {
      assertAccountId(id);
      const label = options.label ?? null;
      if (label !== null && (typeof label !== 'string' || label.length > MAX_LABEL)) {
        throw new WearablesError('VALIDATION_ERROR', `An account label is a string of at most ${MAX_LABEL} characters.`, { hint: 'Shorten the label or leave it out.' });
      }
      context.statement('INSERT INTO accounts (id, created_at, label) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, context.now().toISOString(), label);
      return toAccount(context.statement('SELECT id, created_at, label FROM accounts WHERE id = ?').get(id) as AccountRow);
    });
  }

  get(id: string): Promise<Account | null> {
    return this.database.run('account read', (context) => {
      const row = context.statement('SELECT id, created_at, label FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
      return row ? toAccount(row) : null;
    });
  }

  list(): Promise<Account[]> {
    return this.database.run('account list', (context) =>
      (context.statement('SELECT id, created_at, label FROM accounts ORDER BY created_at, id').all() as AccountRow[]).map(toAccount),
    );
  }

  findByIdentity(provider: ProviderId, providerUserId: string): Promise<Account | null> {
    return this.database.run('account lookup', (context) => {
      const row = context
        .statement('SELECT a.id, a.created_at, a.label FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.provider = ? AND i.provider_user_id = ?')
        .get(provider, providerUserId) as AccountRow | undefined;
      return row ? toAccount(row) : null;
    });
  }

  linkIdentity(accountId: string, provider: ProviderId, providerUserId: string): Promise<void> {
    return this.database.run('identity link', (context) => {
      assertAccountId(accountId);
      assertProvider(provider);
      if (typeof providerUserId !== 'string' || providerUserId === '' || providerUserId.length > MAX_PROVIDER_USER_ID) {
        throw new WearablesError('VALIDATION_ERROR', `A provider user id is a non-empty string of at most ${MAX_PROVIDER_USER_ID} characters.`, {
          hint: "Pass the provider's own user id as its API reports it.",
        });
      }
      context.db
        .transaction(() => {
          if (!context.statement('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) throw notFound(accountId);
          const owner = context.statement('SELECT account_id FROM account_identities WHERE provider = ? AND provider_user_id = ?').get(provider, providerUserId) as
            | { account_id: string }
            | undefined;
          if (owner && owner.account_id !== accountId) {
            throw new WearablesError('VALIDATION_ERROR', `This ${provider} user is already linked to another account.`, {
              hint: 'Sign in to that account instead, or unlink the provider there first.',
            });
          }
          if (owner) return;
          context
            .statement(
              `INSERT INTO account_identities (account_id, provider, provider_user_id, linked_at) VALUES (?, ?, ?, ?)
ON CONFLICT (account_id, provider) DO UPDATE SET provider_user_id = excluded.provider_user_id, linked_at = excluded.linked_at`,
            )
            .run(accountId, provider, providerUserId, context.now().toISOString());
        })
        .immediate();
    });
  }

  unlinkIdentity(accountId: string, provider: ProviderId): Promise<void> {
    return this.database.run('identity unlink', (context) => {
      context.statement('DELETE FROM account_identities WHERE account_id = ? AND provider = ?').run(accountId, provider);
    });
  }

  identities(accountId: string): Promise<AccountIdentity[]> {
    return this.database.run('identity list', (context) =>
      context
        .statement(
          'SELECT account_id AS accountId, provider, provider_user_id AS providerUserId, linked_at AS linkedAt FROM account_identities WHERE account_id = ? ORDER BY provider',
        )
        .all(accountId) as AccountIdentity[],
    );
  }

  delete(id: string): Promise<boolean> {
    return this.database.run('account deletion', (context) => {
      // Zero the deleted cells: an account's health data and tokens must not linger in free pages.
      context.db.pragma('secure_delete = ON');
      try {
        return context.db
          .transaction(() => {
            context.statement('DELETE FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE account_id = ?)').run(id);
            for (const table of ACCOUNT_TABLES) context.statement(`DELETE FROM ${table} WHERE account_id = ?`).run(id);
            return context.statement('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
          })
          .immediate();
      } finally {
        context.db.pragma('secure_delete = OFF');
      }
    });
  }
}

function toConnectionRow(row: ConnectionDbRow): ConnectionRow {
  return {
    provider: row.provider as ProviderId,
    blob: JSON.parse(row.blob) as ConnectionRow['blob'],
    reconnectNeeded: row.reconnect_needed === 1,
    reconnectReason: row.reconnect_reason,
    refreshPendingSince: row.refresh_pending_since,
    updatedAt: row.updated_at,
  };
}

const CONNECTION_COLUMNS = 'provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at';

function readConnection(context: SqliteContext, accountId: string, provider: ProviderId): ConnectionRow | null {
  const row = context.statement(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE account_id = ? AND provider = ?`).get(accountId, provider) as
    | ConnectionDbRow
    | undefined;
  return row ? toConnectionRow(row) : null;
}

function validateConnection(row: Omit<ConnectionRow, 'updatedAt'>): void {
  assertProvider(row.provider);
  const blob = row.blob as Partial<ConnectionRow['blob']> | null;
  const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length > 0 && value.length <= max;
  const valid =
    blob !== null &&
    typeof blob === 'object' &&
    isText(blob.iv, 100) &&
    isText(blob.tag, 100) &&
    isText(blob.data, 1_000_000) &&
    (blob.kid === undefined || isText(blob.kid, 100)) &&
    typeof row.reconnectNeeded === 'boolean' &&
    (row.reconnectReason === null || row.reconnectReason === 'rejected' || row.reconnectReason === 'grant_lost') &&
    (row.refreshPendingSince === null || Number.isSafeInteger(row.refreshPendingSince));
  if (!valid) {
    throw new WearablesError('VALIDATION_ERROR', `The connection row of ${row.provider} is malformed.`, {
      hint: 'Store the encrypted envelope (iv, tag, data, optional kid) as auth/encryption.ts produces it.',
    });
  }
}

class SqliteConnections implements ConnectionRows {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly accountId: string,
  ) {}

  list(): Promise<ConnectionRow[]> {
    return this.database.run('connection list', (context) =>
      (context.statement(`SELECT ${CONNECTION_COLUMNS} FROM connections WHERE account_id = ? ORDER BY provider`).all(this.accountId) as ConnectionDbRow[]).map(toConnectionRow),
    );
  }

  get(provider: ProviderId): Promise<ConnectionRow | null> {
    return this.database.run('connection read', (context) => readConnection(context, this.accountId, provider));
  }

  transaction<T>(work: (transaction: ConnectionTransaction) => Promise<T>): Promise<T> {
    const accountId = this.accountId;
    return this.database.exclusive('connection transaction', (context) => {
      const guard = <R>(operation: string, step: () => R): Promise<R> => {
        try {
          return Promise.resolve(step());
        } catch (error) {
          return Promise.reject(toCacheError(error, operation));
        }
      };
      const transaction: ConnectionTransaction = {
        get: (provider) => guard('connection read', () => readConnection(context, accountId, provider)),
        put: (row) =>
          guard('connection write', () => {
            validateConnection(row);
            const { iv, tag, data, kid } = row.blob;
            context
              .statement(
                `INSERT INTO connections (account_id, provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (account_id, provider) DO UPDATE SET blob = excluded.blob, reconnect_needed = excluded.reconnect_needed,
  reconnect_reason = excluded.reconnect_reason, refresh_pending_since = excluded.refresh_pending_since, updated_at = excluded.updated_at`,
              )
              .run(
                accountId,
                row.provider,
                JSON.stringify(kid === undefined ? { iv, tag, data } : { iv, tag, data, kid }),
                row.reconnectNeeded ? 1 : 0,
                row.reconnectReason,
                row.refreshPendingSince,
                context.now().toISOString(),
              );
          }),
        remove: (provider) =>
          guard('connection removal', () => context.statement('DELETE FROM connections WHERE account_id = ? AND provider = ?').run(accountId, provider).changes > 0),
      };
      return work(transaction);
    });
  }
}
