/**
 * One account's services in a database shared by many people (the hosted mode): its `Store`
 * (`database.forAccount`), its provider tokens (the database's connection rows, encrypted with
 * the key from the environment), authenticated HTTP per provider and its sync engine, whose
 * per-provider exclusion is a database lease on (account, provider). The same shape as the
 * local `AppContext`, so the one MCP server factory serves an account unchanged.
 */
import { createDatabaseTokenStore } from '../auth/db-token-store.js';
import type { TokenCipher } from '../auth/encryption.js';
import { createTokenManager } from '../auth/token-manager.js';
import type { Config } from '../config/config.js';
import { WearablesError } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import type { Logger } from '../logging/logger.js';
import { createProviders } from '../providers/registry.js';
import type { StoreDatabase } from '../store/database.js';
import { createSyncService } from '../sync/engine.js';
import type { AppContext } from './app-context.js';
import { providerHttpFor } from './provider-http.js';
import { createSyncLeaseLock } from './sync-lease-lock.js';

export interface AccountContextBase {
  config: Config;
  logger: Logger;
  database: StoreDatabase;
  cipher: TokenCipher;
  fetch?: FetchLike;
  now?: () => Date;
  /** The process's change-feed compactor (every account's feed at once). */
  compactFeedIfDue(): Promise<{ removed: number } | null>;
}

/** Opens the services of `accountId` (which must exist). `close()` leaves the shared database open. */
export async function openAccountContext(base: AccountContextBase, accountId: string): Promise<AppContext> {
  if (!(await base.database.accounts.get(accountId))) {
    throw new WearablesError('NOT_FOUND', 'This account does not exist (it may have been deleted).', { hint: 'Sign in again.' });
  }
  const { logger } = base;
  // Each account sees the tools of the providers it connected, also when the simulator stands in
  // for the providers (--demo shows every tool in the single-person modes).
  const config: Config = base.config.demo ? { ...base.config, demo: false } : base.config;
  // Provider instances of its own: a provider learns things about the person it serves (the
  // offsets their records report), which must never carry over to another account.
  const providers = createProviders(config, base.fetch);
  const now = base.now ?? (() => new Date());
  const store = base.database.forAccount(accountId);
  const tokens = createTokenManager({
    config,
    providers,
    logger,
    now: () => now().getTime(),
    // Another process's connect shows up within this interval (this process's at once).
    watchIntervalMs: 15_000,
    store: createDatabaseTokenStore({ database: base.database, accountId, cipher: async () => base.cipher, logger }),
  });
  const http = providerHttpFor({ tokens, logger, ...(base.fetch ? { fetch: base.fetch } : {}) });
  const lease = base.database.lease?.bind(base.database);
  const lock = lease ? createSyncLeaseLock({ lease }, accountId) : undefined;
  const sync = createSyncService({
    store,
    providers,
    http,
    isConnected: (provider) => tokens.isConnected(provider),
    historyDays: config.historyDays,
    freshnessMs: config.freshnessMinutes * 60_000,
    logger,
    now,
    ...(lock ? { crossProcessLock: lock } : {}),
  });
  let closed = false;
  return {
    config,
    logger,
    database: base.database,
    accountId,
    compactFeedIfDue: () => base.compactFeedIfDue(),
    store,
    tokens,
    providers,
    http,
    sync,
    now,
    async close() {
      if (closed) return;
      closed = true;
      await sync.idle();
      tokens.close();
      await store.close();
    },
  };
}
