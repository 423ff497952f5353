/**
 * A store driver's database: the accounts it holds, one `Store` per account, the encrypted
 * provider connections of an account (hosted token store), cross-process leases and feed
 * compaction. SQLite (`sqlite/`, the embedded default: one file in the home) and PostgreSQL
 * (`postgres/`, chosen by `DATABASE_URL=postgres://…`) implement it and pass one contract suite
 * (`test/store/store-contract.ts`).
 *
 * The local modes (stdio, `serve --http` with `AUTH_TOKEN`, the CLI) use one implicit account,
 * `LOCAL_ACCOUNT_ID`; a home made before accounts existed is migrated in place into it.
 */
import type { ProviderId } from '../core/types.js';
import type { AccountDumpBatch, DumpCounts } from './account-dump.js';
import type { Store } from './store.js';

/** The implicit account of the local, single-person modes. */
export const LOCAL_ACCOUNT_ID = 'local';

/** An account id: `local`, or a generated id (lowercase letters, digits, `-`, `_`; 1–64 chars). */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface Account {
  id: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** A display name (never used for identity), e.g. the first provider's user name. */
  label: string | null;
}

/** How a person is known to a provider: the provider's own user id (as its API reports it). */
export interface AccountIdentity {
  accountId: string;
  provider: ProviderId;
  providerUserId: string;
  linkedAt: string;
}

export interface AccountDirectory {
  /** Creates the account when absent (idempotent); returns it either way. A malformed id is a VALIDATION_ERROR. */
  ensure(id: string, options?: { label?: string | null }): Promise<Account>;
  get(id: string): Promise<Account | null>;
  list(): Promise<Account[]>;
  /** The account a provider user id is linked to, if any. */
  findByIdentity(provider: ProviderId, providerUserId: string): Promise<Account | null>;
  /**
   * Links a provider user id to an account (idempotent); fails with VALIDATION_ERROR when it is
   * linked to another account, NOT_FOUND when the account does not exist.
   */
  linkIdentity(accountId: string, provider: ProviderId, providerUserId: string): Promise<void>;
  unlinkIdentity(accountId: string, provider: ProviderId): Promise<void>;
  identities(accountId: string): Promise<AccountIdentity[]>;
  /**
   * Removes the account and every row that belongs to it (records, samples, coverage, checks,
   * cursors, sync runs, events, connections, identities) in one transaction. True when it existed.
   */
  delete(id: string): Promise<boolean>;
}

/**
 * One provider connection as the database keeps it: the token set is ciphertext the store never
 * reads (auth/ encrypts and decrypts with a key from the environment, never stored beside it).
 */
export interface ConnectionRow {
  provider: ProviderId;
  /** AES-256-GCM envelope (see auth/encryption.ts `EncryptedBlob`). */
  blob: { iv: string; tag: string; data: string; kid?: string };
  reconnectNeeded: boolean;
  reconnectReason: 'rejected' | 'grant_lost' | null;
  /** Epoch ms of a refresh sent whose answer was never recorded, else null. */
  refreshPendingSince: number | null;
  updatedAt: string;
}

/** Writes allowed while an account's connections are locked (one transaction). */
export interface ConnectionTransaction {
  get(provider: ProviderId): Promise<ConnectionRow | null>;
  put(row: Omit<ConnectionRow, 'updatedAt'>): Promise<void>;
  remove(provider: ProviderId): Promise<boolean>;
}

/** An account's provider connections. */
export interface ConnectionRows {
  list(): Promise<ConnectionRow[]>;
  get(provider: ProviderId): Promise<ConnectionRow | null>;
  /**
   * Runs `work` in one transaction holding an exclusive lock on this account's connections
   * (row or advisory lock), so two processes never overwrite each other's rotated tokens.
   * Committed before it resolves.
   */
  transaction<T>(work: (transaction: ConnectionTransaction) => Promise<T>): Promise<T>;
}

/** A held cross-process lease (same shape as sync/'s `HeldLock`). */
export interface HeldLease {
  /** Aborted (reason: a WearablesError) when the lease was lost while held (connection dropped). */
  signal: AbortSignal;
  /** Releases the lease; never throws. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** Called once when the lease is held elsewhere and the caller starts waiting. */
  onWait?: () => void;
  /** Stops waiting (throws the abort reason) when aborted. */
  signal?: AbortSignal;
  /** Longest wait before a SYNC_ERROR (default 15 minutes). */
  maxWaitMs?: number;
}

export interface StoreDatabase {
  readonly driver: 'sqlite' | 'postgres';
  /** Where the data is, without secrets: a file path, or `postgres://host:port/db`. */
  readonly location: string;
  readonly accounts: AccountDirectory;
  /**
   * The `Store` of one account (the account must exist: `accounts.ensure` first; a malformed id
   * throws VALIDATION_ERROR). Its `close()` closes only the view.
   */
  forAccount(accountId: string): Store;
  /** An account's provider connections (the hosted token store's rows). */
  connections(accountId: string): ConnectionRows;
  /**
   * An exclusive lease on `key` shared by every process on this database (PostgreSQL: an
   * advisory lock on its own connection). Absent on SQLite, where the home's lock files serve.
   */
  lease?(key: string, options?: LeaseOptions): Promise<HeldLease>;
  /**
   * Drops events older than `retentionDays` (every account), remembering per account where the
   * retained feed starts so an older cursor is answered with a `gap`. Returns how many were removed.
   * `retentionDays` outside whole 1..3650 is a VALIDATION_ERROR.
   */
  compactEvents(options: { retentionDays: number }): Promise<{ removed: number }>;
  /**
   * An account's whole content as bounded batches (format: account-dump.ts): records with raw,
   * hash and stored_at, samples, coverage, open checks, cursors, sync runs, events in order,
   * connection rows as ciphertext. NOT_FOUND when the account does not exist.
   */
  exportAccount(accountId: string): AsyncIterable<AccountDumpBatch>;
  /**
   * Writes a dump (from any driver) into `accountId`, created when absent; an existing account
   * must hold no data (VALIDATION_ERROR). Keeps stored_at, hashes and event seq values. Each
   * batch commits on its own; the account carries `IMPORT_MARKER` until `batches` is exhausted
   * and written, so an interrupted import is recognisable (`isImportIncomplete`).
   */
  importAccount(accountId: string, batches: AsyncIterable<AccountDumpBatch>): Promise<DumpCounts>;
  schemaVersion(): Promise<number>;
  /** Closes the database (idempotent); every view's later call fails with CACHE_ERROR and probes false. */
  close(): Promise<void>;
}
