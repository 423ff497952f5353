/**
 * The cache-first paths: `ensureCovered` fetches only the parts of a window never completely
 * synced (mode `targeted`), `refreshWindow` re-fetches a window now (mode `fresh`). Both write
 * through, reconcile deletions and mark coverage like a regular run, under the provider lock.
 */
import { WearablesError } from '../core/errors.js';
import type { ProviderId, TimeWindow } from '../core/types.js';
import { resourceSpec, type Provider, type ResourceSpec } from '../providers/provider.js';
import type { EnsureCoveredResult, TargetedSyncOptions } from './sync-service.js';
import { lockOptions } from './sync-wait.js';
import { addDays, parseInstant } from './dates.js';
import { runInputBase, type EngineDeps } from './engine-deps.js';
import { runBounds } from './plan-windows.js';
import { runProvider } from './provider-run.js';
import { windowsPlan } from './resource-plan.js';
import { normalizeWindow, providerOf } from './validate.js';

/** Syncs the never-synced parts of `window`; see `SyncService.ensureCovered`. */
export async function ensureCovered(
  deps: EngineDeps,
  providerId: ProviderId,
  resource: string,
  window: TimeWindow,
  options: TargetedSyncOptions = {},
): Promise<EnsureCoveredResult> {
  const provider = providerOf(deps.providers, providerId);
  const spec = resourceSpec(provider, resource);
  const missing = await missingParts(deps, provider, spec, window);
  if (missing.length === 0) return { missing, unfetched: [] };
  if (!(await deps.isConnected(provider.id))) return { missing, unfetched: missing };
  const result = await deps.lock.run(
    provider.id,
    async (signal) => {
      // A run that held the lock before us may have filled part of the window meanwhile.
      const stillMissing = await missingParts(deps, provider, spec, window);
      if (stillMissing.length === 0) return null;
      return runProvider({
        ...runInputBase(deps, provider, [spec], 'targeted'),
        allowFirstCursor: false,
        ...(signal ? { signal } : {}),
        plan: async () => windowsPlan(stillMissing),
      });
    },
    lockOptions(provider.id, options),
  );
  if (!result?.error) return { missing, unfetched: [] };
  const unfetched = await missingParts(deps, provider, spec, window);
  if (result.status === 'failed' && !(await hasCachedData(deps, provider, spec, [window]))) throw result.error;
  return { missing, unfetched, error: result.error };
}

/** Fetches `window` now and writes it through; throws when the fetch failed. */
export async function refreshWindow(
  deps: EngineDeps,
  providerId: ProviderId,
  resource: string,
  window: TimeWindow,
  options: TargetedSyncOptions = {},
): Promise<void> {
  const provider = providerOf(deps.providers, providerId);
  const spec = resourceSpec(provider, resource);
  const normalized = spec.windowing === 'none' ? window : normalizeWindow(window, spec.windowing, runBounds(deps.now()));
  if (!normalized) return;
  if (!(await deps.isConnected(provider.id))) {
    throw new WearablesError('NOT_CONNECTED', `${provider.displayName} is not connected, so fresh data cannot be fetched.`, {
      hint: `Connect it with \`wearables-mcp connect ${provider.id}\`, or read the cached data without fresh.`,
    });
  }
  const result = await deps.lock.run(
    provider.id,
    (signal) =>
      runProvider({ ...runInputBase(deps, provider, [spec], 'fresh'), allowFirstCursor: false, ...(signal ? { signal } : {}), plan: async () => windowsPlan([normalized]) }),
    lockOptions(provider.id, options),
  );
  if (result.error) throw result.error;
}

async function missingParts(deps: EngineDeps, provider: Provider, spec: ResourceSpec, window: TimeWindow): Promise<TimeWindow[]> {
  if (spec.windowing === 'none') {
    // Snapshots have no time axis: missing until one was stored.
    const count = await deps.store.countRecords({ provider: provider.id, resource: spec.name });
    return count > 0 ? [] : [window];
  }
  const normalized = normalizeWindow(window, spec.windowing, runBounds(deps.now()));
  return normalized ? deps.store.missingWindows(provider.id, spec.name, normalized) : [];
}

async function hasCachedData(deps: EngineDeps, provider: Provider, spec: ResourceSpec, windows: TimeWindow[]): Promise<boolean> {
  for (const window of windows) {
    const count =
      spec.kind === 'series'
        ? await deps.store.countSamples({
            provider: provider.id,
            series: spec.series ?? spec.name,
            start: parseInstant(window.start, 'window start'),
            end: parseInstant(window.end, 'window end'),
          })
        : await deps.store.countRecords({
            provider: provider.id,
            resource: spec.name,
            ...(spec.windowing === 'day' ? { startDay: window.start, endDay: addDays(window.end, -1) } : {}),
          });
    if (count > 0) return true;
  }
  return false;
}
