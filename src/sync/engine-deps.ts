/** What the sync engine is built from, shared by its entry points. */
import type { ProviderId } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Logger } from '../logging/logger.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { Store, SyncRun } from '../store/store.js';
import type { FetchBatcher } from './fetch-batch.js';
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
  /**
   * How long a check of a resource's open (recent, still changing) days answers repeated reads
   * without asking the provider again (default 5 minutes).
   */
  freshnessMs?: number;
}

export interface EngineDeps extends Required<Omit<SyncServiceOptions, 'crossProcessLock'>> {
  lock: ProviderLock;
  /** Cache-first fetches of one provider share one lock acquisition, resources side by side. */
  batcher: FetchBatcher;
  /** Background re-checks in flight, by provider/resource/open window (a second one joins). */
  background: Map<string, Promise<void>>;
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
