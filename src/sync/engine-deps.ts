/** What the sync engine is built from, shared by its entry points. */
import type { ProviderId } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Logger } from '../logging/logger.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { Store, SyncRun } from '../store/store.js';
import type { CrossProcessLock, ProviderLock } from './provider-lock.js';
import type { ProviderRunInput } from './provider-run.js';
import type { RequestPacer } from './pacer.js';

export interface SyncServiceOptions {
  store: Store;
  providers: ReadonlyMap<ProviderId, Provider>;
  /** Authenticated HTTP per provider. */
  http: (provider: ProviderId) => AuthorizedHttp;
  isConnected: (provider: ProviderId) => Promise<boolean>;
  /** Days of history a first (or full) sync fetches. */
  historyDays: number;
  logger: Logger;
  /** Injectable clock (default: the system clock). */
  now?: () => Date;
  /** Serialises a provider's runs across processes too (default: within this process only). */
  crossProcessLock?: CrossProcessLock;
}

export interface EngineDeps extends Required<Omit<SyncServiceOptions, 'crossProcessLock'>> {
  lock: ProviderLock;
  /** One backfill pacer per provider, shared by every full run of this service. */
  pacer: (provider: Provider) => RequestPacer | null;
}

/** The parts of a provider run input every entry point fills the same way. */
export function runInputBase(
  deps: EngineDeps,
  provider: Provider,
  specs: readonly ResourceSpec[],
  mode: SyncRun['mode'],
): Pick<ProviderRunInput, 'provider' | 'specs' | 'mode' | 'store' | 'http' | 'logger' | 'now'> {
  return { provider, specs, mode, store: deps.store, http: deps.http(provider.id), logger: deps.logger, now: deps.now };
}
