/**
 * Everything a command or the MCP server needs, built once by `createAppContext` and injected.
 * Layers receive this instead of reading globals.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import type { SyncService } from '../sync/sync-service.js';
import type { TokenManager } from '../auth/token-manager-api.js';
import type { ProviderId } from './types.js';
import type { AuthorizedHttp } from './http.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  store: Store;
  tokens: TokenManager;
  /** Registered providers (every provider built here, connected or not). */
  providers: ReadonlyMap<ProviderId, Provider>;
  /** Authenticated HTTP per provider (shared retry policy, token refresh). */
  http(provider: ProviderId): AuthorizedHttp;
  sync: SyncService;
  /** Injectable clock. */
  now(): Date;
  close(): Promise<void>;
}
