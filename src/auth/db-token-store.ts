/**
 * The hosted token store: an account's provider connections as rows of the database
 * (`StoreDatabase.connections`), behind the same `TokenStore` interface as the tokens file, so the
 * token manager is unchanged. Each token set is AES-256-GCM ciphertext under a key from the
 * environment (auth/database-key.ts), bound to (account, provider) as associated data: a row
 * copied into another account does not decrypt.
 *
 * Like the file store, every write is committed before it resolves (each is its own database
 * transaction), so the refresh-pending mark is durable before the refresh request is sent and a
 * rotated pair is durable before it is used. `transaction` excludes other writers of the account's
 * connections for the whole read-refresh-write sequence: a database lease (PostgreSQL advisory
 * lock) when the driver has one, else a lock file beside the SQLite database.
 */
import type { ProviderId } from '../core/types.js';
import type { TokenSet } from '../core/token-set.js';
import { WearablesError } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import type { ConnectionRow, StoreDatabase } from '../store/database.js';
import { wrongKeyError, type EncryptedBlob, type TokenCipher } from './encryption.js';
import { parseTokenSet, type ReconnectReason, type StoredTokens, type TokenStore, type TokenTransaction } from './token-store.js';

export interface DatabaseTokenStoreOptions {
  database: Pick<StoreDatabase, 'driver' | 'location' | 'connections' | 'lease'>;
  accountId: string;
  /** The cipher (a key from the environment: `loadDatabaseEncryptionKey`). */
  cipher: () => Promise<TokenCipher>;
  logger: Logger;
  /** Longest wait for another process's token transaction (default 60 s). */
  lockWaitMs?: number;
  /** SQLite's lock file: taken over when not refreshed for this long (default 15 s; tests shorten it). */
  lockStaleMs?: number;
}

/** The associated data bound into every connection row's ciphertext. */
export function connectionAssociatedData(accountId: string, provider: ProviderId): string {
  return `wearables-mcp connection v1\n${accountId}\n${provider}`;
}

/** Opens the token store over `options.database`'s connection rows of `options.accountId`. */
export function createDatabaseTokenStore(options: DatabaseTokenStoreOptions): TokenStore {
  const { database, accountId, logger } = options;
  const rows = database.connections(accountId);
  const lockWaitMs = options.lockWaitMs ?? 60_000;
  const decrypted = new Map<ProviderId, { blob: EncryptedBlob; tokens: TokenSet }>();

  async function decrypt(row: ConnectionRow): Promise<StoredTokens> {
    const { provider, blob } = row;
    let tokens: TokenSet;
    const last = decrypted.get(provider);
    if (last && last.blob.iv === blob.iv && last.blob.tag === blob.tag && last.blob.data === blob.data) {
      tokens = { ...last.tokens };
    } else {
      const cipher = await options.cipher();
      if (blob.kid !== undefined && blob.kid !== cipher.keyId) throw wrongKeyError(provider);
      tokens = parseTokenSet(provider, cipher.decrypt(blob, provider, connectionAssociatedData(accountId, provider)));
      registerSecret(tokens.accessToken);
      registerSecret(tokens.refreshToken);
      decrypted.set(provider, { blob: { ...blob }, tokens: { ...tokens } });
    }
    return {
      tokens,
      reconnectNeeded: row.reconnectNeeded,
      ...(row.reconnectNeeded && row.reconnectReason ? { reconnectReason: row.reconnectReason } : {}),
      refreshInterrupted: row.refreshPendingSince !== null,
    };
  }

  async function readRow(provider: ProviderId): Promise<StoredTokens | undefined> {
    const row = await rows.get(provider);
    return row ? decrypt(row) : undefined;
  }

  /** Reads a row, lets `change` edit it, writes it back; one committed database transaction. */
  function updateRow(provider: ProviderId, change: (row: ConnectionRow) => ConnectionRow | null): Promise<boolean> {
    return rows.transaction(async (transaction) => {
      const row = await transaction.get(provider);
      if (!row) return false;
      const next = change(row);
      if (!next) return false;
      const { updatedAt: _updatedAt, ...rest } = next;
      await transaction.put(rest);
      return true;
    });
  }

  const transactionApi: TokenTransaction = {
    read: readRow,
    async write(provider, tokens) {
      registerSecret(tokens.accessToken);
      registerSecret(tokens.refreshToken);
      const cipher = await options.cipher();
      const blob = cipher.encrypt(JSON.stringify(tokens), provider, connectionAssociatedData(accountId, provider));
      await rows.transaction((transaction) =>
        transaction.put({ provider, blob, reconnectNeeded: false, reconnectReason: null, refreshPendingSince: null }),
      );
    },
    async markReconnectNeeded(provider, reason: ReconnectReason = 'rejected') {
      await updateRow(provider, (row) => (row.reconnectNeeded ? null : { ...row, reconnectNeeded: true, reconnectReason: reason, refreshPendingSince: null }));
    },
    async markRefreshPending(provider, pending) {
      await updateRow(provider, (row) =>
        (row.refreshPendingSince !== null) === pending ? null : { ...row, refreshPendingSince: pending ? Date.now() : null },
      );
    },
    remove(provider) {
      return rows.transaction((transaction) => transaction.remove(provider));
    },
  };

  const crossProcess = exclusionFor(options.database, accountId, { waitMs: lockWaitMs, staleMs: options.lockStaleMs ?? 15_000 }, logger);
  // Transactions of this store queue here first: each waiting for the database lease would hold
  // a pooled connection, and enough of them would leave none for the holder's own writes.
  const inProcess = queue();
  const exclusive: Acquire = async () => {
    const leave = await inProcess();
    try {
      const release = await crossProcess();
      return async () => {
        try {
          await release();
        } finally {
          await leave();
        }
      };
    } catch (error) {
      await leave();
      throw error;
    }
  };

  return {
    path: `${database.location} (account ${accountId})`,
    read: readRow,
    async connectedProviders() {
      return (await rows.list()).map((row) => row.provider).sort();
    },
    async transaction(work) {
      const release = await exclusive();
      try {
        return await work(transactionApi);
      } finally {
        await release().catch((error: unknown) => logger.warn({ err: error }, 'could not release the connections lock'));
      }
    },
    watch(intervalMs, onChange) {
      const timer = setInterval(onChange, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

type Acquire = () => Promise<() => Promise<void>>;

/** Cross-process exclusion for one account's token transactions. */
function exclusionFor(database: DatabaseTokenStoreOptions['database'], accountId: string, timing: { waitMs: number; staleMs: number }, logger: Logger): Acquire {
  const busy = () =>
    new WearablesError('AUTH_FAILED', 'Another wearables-mcp process is holding the provider connections lock.', {
      hint: 'Retry in a moment; a token refresh by another server or CLI run is in progress.',
      isRetryable: true,
    });
  const lease = database.lease?.bind(database);
  if (lease) {
    return async () => {
      try {
        const held = await lease(`connections:${accountId}`, { maxWaitMs: timing.waitMs });
        return () => held.release();
      } catch (error) {
        if (error instanceof WearablesError && error.code === 'SYNC_ERROR') throw busy();
        throw error;
      }
    };
  }
  if (database.driver === 'sqlite' && database.location !== ':memory:') {
    const path = database.location;
    return async () => {
      const { default: lockfile } = await import('proper-lockfile');
      try {
        return await lockfile.lock(path, {
          realpath: false,
          lockfilePath: `${path}.connections-${accountId}.lock`,
          stale: timing.staleMs,
          retries: { retries: Math.ceil(timing.waitMs / 500), factor: 1.5, minTimeout: 25, maxTimeout: 500, randomize: true },
          onCompromised: (error) => logger.warn({ err: error }, 'connections lock was compromised (held too long or removed)'),
        });
      } catch {
        throw busy();
      }
    };
  }
  // One process only (an in-memory database): the in-process queue is the whole exclusion.
  return async () => async () => undefined;
}

/** A FIFO mutex: resolves with the release once every earlier holder released. */
function queue(): Acquire {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    const previous = tail;
    let done!: () => void;
    tail = new Promise<void>((resolve) => (done = resolve));
    await previous;
    return async () => done();
  };
}
