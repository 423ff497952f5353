/**
 * What the hosts of the MCP server (stdio, HTTP) give it: the app's services. Declared here, at
 * the MCP layer, so the server and the HTTP app never import `app/` (which assembles a value of
 * this shape, `AppContext`, and adds `close()`). Tools get less: `ToolServices`.
 */
import type { Config } from '../config/config.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { ProviderId } from '../core/types.js';
import type { TokenManager } from '../auth/token-manager-api.js';
import type { Logger } from '../logging/logger.js';
import type { Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import type { SyncService } from '../sync/sync-service.js';

export interface HostContext {
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
}
