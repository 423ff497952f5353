/**
 * The cache-first paths: `ensureCovered` fetches only the parts of a window never completely
 * synced, and its still-open recent part at most once per freshness window (mode `targeted`);
 * `refreshWindow` re-fetches a window now (mode `fresh`). Both write through, reconcile deletions
 * and mark coverage like a regular run, under the provider lock, batched per provider so several
 * resources are fetched side by side.
 */
import { WearablesError } from '../core/errors.js';
import type { ProviderId, TimeWindow } from '../core/types.js';
import { resourceSpec, type Provider, type ResourceSpec } from '../providers/provider.js';
import type { EnsureCoveredResult, ProviderSyncResult, TargetedSyncOptions } from './sync-service.js';
import { addDays } from '../core/time/days.js';
import { parseUtcDayOrInstant } from '../core/time/instants.js';
import { runInputBase, type EngineDeps } from './engine-deps.js';
import { windowState } from './freshness.js';
import { runBounds } from './plan-windows.js';
import { runProvider } from './provider-run.js';
import { windowsPlan } from './resource-plan.js';
import { normalizeWindow, providerOf } from './validate.js';

/** Syncs what `window` lacks; see `SyncService.ensureCovered`. */
export async function ensureCovered(
  deps: EngineDeps,
  providerId: ProviderId,
  resource: string,
  window: TimeWindow,
  options: TargetedSyncOptions = {},
): Promise<EnsureCoveredResult> {
  const provider = providerOf(deps.providers, providerId);
  const spec = resourceSpec(provider, resource);
  if (spec.windowing === 'none') return ensureSnapshot(deps, provider, spec, window, options);
  const state = await windowState(deps, provider, spec, window);
  const checkedAt = state?.check?.checkedAt ?? null;
  if (!state || state.toFetch.length === 0) return { missing: [], unfetched: [], checkedAt };
  const missing = state.toFetch;
  if (!(await deps.isConnected(provider.id))) return { missing, unfetched: missing, checkedAt };
  if (state.closed.length === 0 && (await hasCachedData(deps, provider, spec, [window]))) {
    refreshInBackground(deps, provider, spec, window, state.open);
    return { missing: [], unfetched: [], checkedAt, backgroundRefresh: true };
  }
  const result = await deps.batcher.enqueue(provider.id, spec.name, (signal) => fetchStale(deps, provider, spec, window, signal), options);
  const after = await windowState(deps, provider, spec, window);
  const latest = after?.check?.checkedAt ?? checkedAt;
  if (!result?.error) return { missing, unfetched: [], checkedAt: latest };
  const unfetched = after?.toFetch ?? [];
  if (result.status === 'failed' && !(await hasCachedData(deps, provider, spec, [window]))) throw result.error;
  return { missing, unfetched, error: result.error, checkedAt: latest };
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
  const result = await deps.batcher.enqueue(
    provider.id,
    spec.name,
    (signal) => runProvider({ ...runInputBase(deps, provider, [spec], 'fresh'), allowFirstCursor: false, ...(signal ? { signal } : {}), plan: async () => windowsPlan([normalized]) }),
    options,
  );
  if (result.error) throw result.error;
}

/** Under the lock: fetches what is still stale (a run that held the lock before may have done it). */
async function fetchStale(deps: EngineDeps, provider: Provider, spec: ResourceSpec, window: TimeWindow, signal: AbortSignal | undefined): Promise<ProviderSyncResult | null> {
  const state = await windowState(deps, provider, spec, window);
  if (!state || state.toFetch.length === 0) return null;
  const toFetch = state.toFetch;
  return runProvider({
    ...runInputBase(deps, provider, [spec], 'targeted'),
    allowFirstCursor: false,
    ...(signal ? { signal } : {}),
    plan: async () => windowsPlan(toFetch),
  });
}

/**
 * Re-checks the open part after the answer was given. Never rejects (failures are logged: the
 * next read tries again); a second request for the same open window joins the one in flight.
 */
function refreshInBackground(deps: EngineDeps, provider: Provider, spec: ResourceSpec, window: TimeWindow, open: TimeWindow | null): void {
  const key = `${provider.id}/${spec.name}/${open?.start ?? window.start}..${open?.end ?? window.end}`;
  if (deps.background.has(key)) return;
  const done = deps.batcher
    .enqueue(provider.id, spec.name, (signal) => fetchStale(deps, provider, spec, window, signal))
    .then(
      (result) => {
        if (result?.error) deps.logger.warn({ provider: provider.id, resource: spec.name, err: result.error }, 'background re-check failed');
      },
      (error: unknown) => deps.logger.warn({ provider: provider.id, resource: spec.name, err: error }, 'background re-check failed'),
    )
    .finally(() => deps.background.delete(key));
  deps.background.set(key, done);
}

/** Snapshots have no time axis: missing until one was stored. */
async function ensureSnapshot(deps: EngineDeps, provider: Provider, spec: ResourceSpec, window: TimeWindow, options: TargetedSyncOptions): Promise<EnsureCoveredResult> {
  const stored = async () => (await deps.store.countRecords({ provider: provider.id, resource: spec.name })) > 0;
  if (await stored()) return { missing: [], unfetched: [] };
  const missing = [window];
  if (!(await deps.isConnected(provider.id))) return { missing, unfetched: missing };
  const result = await deps.batcher.enqueue(
    provider.id,
    spec.name,
    async (signal) =>
      (await stored())
        ? null
        : runProvider({ ...runInputBase(deps, provider, [spec], 'targeted'), allowFirstCursor: false, ...(signal ? { signal } : {}), plan: async () => windowsPlan(missing) }),
    options,
  );
  if (!result?.error) return { missing, unfetched: [] };
  const unfetched = (await stored()) ? [] : missing;
  if (result.status === 'failed' && unfetched.length > 0) throw result.error;
  return { missing, unfetched, error: result.error };
}

async function hasCachedData(deps: EngineDeps, provider: Provider, spec: ResourceSpec, windows: TimeWindow[]): Promise<boolean> {
  for (const window of windows) {
    const count =
      spec.kind === 'series'
        ? await deps.store.countSamples({
            provider: provider.id,
            series: spec.series ?? spec.name,
            start: parseUtcDayOrInstant(window.start, 'window start'),
            end: parseUtcDayOrInstant(window.end, 'window end'),
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
