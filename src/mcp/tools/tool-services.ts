/**
 * What a tool handler may use of the app: cache reads, the sync engine (every write goes
 * through it: lock, audit row, events), a view of the connections (never the tokens), the
 * registered providers' declarations, live provider calls that store nothing (probes, on-demand
 * signals), the export settings and the clock. Not the whole app.
 */
import type { ConnectionStatus } from '../../core/token-set.js';
import type { AuthorizedHttp } from '../../core/http.js';
import type { ProviderId } from '../../core/types.js';
import type { Provider } from '../../providers/provider.js';
import type { StoreReader } from '../../store/store.js';
import type { SyncService } from '../../sync/sync-service.js';


/** Whether providers are connected, and how (no token ever leaves the token manager). */
export interface ConnectionView {
  isConnected(provider: ProviderId): Promise<boolean>;
  status(provider: ProviderId): Promise<ConnectionStatus>;
}

/** Where exports may go and which files they must never touch. */
export interface ExportSettings {
  home: string;
  demo: boolean;
  logFile: string | null;
  exportRoots: readonly string[];
}

export interface ToolServices {
  store: StoreReader;
  sync: SyncService;
  tokens: ConnectionView;
  providers: ReadonlyMap<ProviderId, Provider>;
  /** Authenticated HTTP for live calls that store nothing (a health probe, an on-demand signal). */
  http(provider: ProviderId): AuthorizedHttp;
  config: ExportSettings;
  now(): Date;
}
