/**
 * Builds the `AppContext` once per process: config -> logger -> store -> providers -> tokens ->
 * authenticated HTTP -> sync. Every command and transport starts here.
 */
import type { AppContext } from './app-context.js';
import type { FetchLike } from '../core/http.js';
import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createProviders } from '../providers/registry.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { createTokenManager } from '../auth/token-manager.js';
import { createSyncService } from '../sync/engine.js';
import { registerSecret } from '../logging/secrets.js';
import { providerHttpFor } from './provider-http.js';
import { createSyncFileLock } from './sync-file-lock.js';

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
  const now = options.now ?? (() => new Date());
  const store = await openSqliteStore({ path: config.dbPath, now, logger });
  const providers = createProviders(config, options.fetch);
  const tokens = createTokenManager({ config, providers, logger, now: () => now().getTime() });
  const http = providerHttpFor({ tokens, logger, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
  const sync = createSyncService({
    store,
    providers,
    http,
    isConnected: (provider) => tokens.isConnected(provider),
    historyDays: config.historyDays,
    freshnessMs: config.freshnessMinutes * 60_000,
    logger,
    now,
    crossProcessLock: createSyncFileLock(config.home, { logger }),
  });
  let closed = false;
  return {
    config,
    logger,
    store,
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
      logger.flush?.();
    },
  };
}
