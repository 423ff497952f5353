/**
 * Builds the `AppContext` once per process: config -> logger -> database (the local account's store) -> providers -> tokens ->
 * authenticated HTTP -> sync. Every command and transport starts here.
 */
import type { AppContext } from './app-context.js';
import type { FetchLike } from '../core/http.js';
import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createProviders } from '../providers/registry.js';
import { LOCAL_ACCOUNT_ID } from '../store/database.js';
import { createTokenManager } from '../auth/token-manager.js';
import { loadDatabaseEncryptionKey } from '../auth/database-key.js';
import { createDatabaseTokenStore } from '../auth/db-token-store.js';
import { createTokenCipher } from '../auth/encryption.js';
import type { TokenStore } from '../auth/token-store.js';
import type { StoreDatabase } from '../store/database.js';
import { createLazySyncService } from '../sync/lazy-engine.js';
import { registerSecret } from '../logging/secrets.js';
import { createFeedCompactor } from './feed-compaction.js';
import { openStoreDatabase } from './open-database.js';
import { providerHttpFor } from './provider-http.js';
import { createSyncFileLock } from './sync-file-lock.js';
import { createSyncLeaseLock } from './sync-lease-lock.js';
import { postgresUrlPassword } from '../store/postgres/url.js';

export interface CreateAppContextOptions {
  logger?: Logger;
  fetch?: FetchLike;
  now?: () => Date;
  /** Test hook: replaces backoff waits. */
  sleep?: (ms: number) => Promise<void>;
}

/** Opens everything a command needs. Call `close()` when done. */
export async function createAppContext(config: Config, options: CreateAppContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? (await createLogger({ level: config.logLevel, file: config.logFile }));
  for (const provider of Object.values(config.providers)) registerSecret(provider.clientSecret);
  registerSecret(config.encryptionKey);
  if (config.databaseUrl !== null) {
    registerSecret(config.databaseUrl);
    registerSecret(postgresUrlPassword(config.databaseUrl));
  }
  const now = options.now ?? (() => new Date());
  const database = await openStoreDatabase(config, { now, logger });
  const accountId = LOCAL_ACCOUNT_ID;
  let store;
  try {
    await database.accounts.ensure(accountId);
    store = database.forAccount(accountId);
  } catch (error) {
    await database.close();
    throw error;
  }
  const compactFeedIfDue = createFeedCompactor({ database, retentionDays: config.eventRetentionDays, now, logger });
  const providers = createProviders(config, options.fetch);
  // PostgreSQL (hosted): the tokens are rows of the database, under a key from the environment
  // (required now, so a missing key is said at start); SQLite keeps the home's tokens file.
  const tokenStore = database.driver === 'postgres' ? await databaseTokenStore(database, config, logger) : undefined;
  const tokens = createTokenManager({ config, providers, logger, now: () => now().getTime(), ...(tokenStore ? { store: tokenStore } : {}) });
  const http = providerHttpFor({ tokens, logger, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
  const sync = createLazySyncService({
    store,
    providers,
    http,
    isConnected: (provider) => tokens.isConnected(provider),
    historyDays: config.historyDays,
    freshnessMs: config.freshnessMinutes * 60_000,
    logger,
    now,
    // A database with leases (PostgreSQL) serialises syncs itself; SQLite keeps the home's lock files.
    crossProcessLock: database.lease ? createSyncLeaseLock({ lease: database.lease.bind(database) }, accountId) : createSyncFileLock(config.home, { logger }),
  });
  let closed = false;
  return {
    config,
    logger,
    database,
    accountId,
    store,
    compactFeedIfDue,
    tokens,
    providers,
    http,
    sync,
    now,
    async close() {
      if (closed) return;
      closed = true;
      // Background re-checks write to the store: let them finish (they never throw).
      await sync.idle();
      tokens.close();
      await store.close();
      await database.close();
      logger.flush?.();
    },
  };
}

/** The local account's connection rows, encrypted with the environment's key (CONFIG_ERROR without one). */
async function databaseTokenStore(database: StoreDatabase, config: Config, logger: Logger): Promise<TokenStore> {
  let key: Buffer;
  try {
    key = await loadDatabaseEncryptionKey({ encryptionKey: config.encryptionKey, encryptionKeyFile: config.encryptionKeyFile, home: config.home });
  } catch (error) {
    await database.close();
    throw error;
  }
  const cipher = createTokenCipher(key);
  return createDatabaseTokenStore({ database, accountId: LOCAL_ACCOUNT_ID, cipher: async () => cipher, logger });
}
