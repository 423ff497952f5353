/**
 * One audited run of one provider: a `sync_runs` row, the resources one after another, a status
 * (`ok`, `partial` when some resources failed, `failed` when none succeeded) and info logs with
 * counts and durations only. A resource failing does not stop the next one, except when the
 * failure concerns the whole provider (revoked grant, rate limit, cancellation).
 */
import { WearablesError, toWearablesError } from '../core/errors.js';
import { emitTelemetry } from '../core/telemetry.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Logger } from '../logging/logger.js';
import { scrubSecrets } from '../logging/secrets.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { Store, SyncRun } from '../store/store.js';
import type { ProviderSyncResult, SyncProgress } from './sync-service.js';
import { emptyCounts, type ResourceCounts } from './counts.js';
import { runBounds, type RunBounds } from './plan-windows.js';
import type { ResourcePlan } from './resource-plan.js';
import { runResource } from './run-resource.js';

export interface ProviderRunInput {
  provider: Provider;
  specs: readonly ResourceSpec[];
  mode: SyncRun['mode'];
  store: Store;
  http: AuthorizedHttp;
  logger: Logger;
  now: () => Date;
  /** What to fetch for one resource (may read its cursor); unused for snapshots. */
  plan: (spec: ResourceSpec, bounds: RunBounds) => Promise<ResourcePlan>;
  allowFirstCursor: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

interface Failure {
  resource: string;
  error: WearablesError;
}

const PROVIDER_WIDE: ReadonlySet<string> = new Set(['AUTH_FAILED', 'NOT_CONNECTED', 'RATE_LIMITED']);

/** Runs the resources of one provider inside one audit row; never throws for provider errors. */
export async function runProvider(input: ProviderRunInput): Promise<ProviderSyncResult> {
  const { provider, store, logger, mode } = input;
  const started = Date.now();
  const bounds = runBounds(input.now());
  const runId = await store.startSyncRun({ provider: provider.id, resources: input.specs.map((spec) => spec.name), mode });
  const counts: Record<string, ResourceCounts> = {};
  const failures: Failure[] = [];
  let succeeded = 0;
  for (const spec of input.specs) {
    const resourceCounts = (counts[spec.name] = emptyCounts());
    if (failures.some((failure) => PROVIDER_WIDE.has(failure.error.code)) || input.signal?.aborted) {
      failures.push({ resource: spec.name, error: skippedError(failures[0]?.error) });
      continue;
    }
    const resourceStarted = Date.now();
    let invalid = 0;
    try {
      const { windows, ...plan } = spec.windowing === 'none' ? { windows: [] } : await input.plan(spec, bounds);
      await runResource({
        ...input,
        spec,
        windows,
        plan,
        bounds,
        counts: resourceCounts,
        onInvalid: (count) => (invalid += count),
        onChunk: (done, total) =>
          input.onProgress?.({ provider: provider.id, resource: spec.name, done, total, fetched: resourceCounts.fetched }),
      });
      succeeded++;
      const durationMs = Date.now() - resourceStarted;
      logger.info({ provider: provider.id, resource: spec.name, mode, runId, ...resourceCounts, invalid, durationMs }, 'sync resource done');
    } catch (error) {
      const failure = toWearablesError(error, 'SYNC_ERROR');
      failures.push({ resource: spec.name, error: failure });
      logger.warn(
        { provider: provider.id, resource: spec.name, mode, runId, ...resourceCounts, durationMs: Date.now() - resourceStarted, err: failure },
        'sync resource failed',
      );
    }
  }
  const status: SyncRun['status'] = failures.length === 0 ? 'ok' : succeeded > 0 ? 'partial' : 'failed';
  const errorText = failures.length === 0 ? null : failures.map((f) => `${f.resource}: ${f.error.code}: ${scrubSecrets(f.error.message)}`).join('; ');
  await store.finishSyncRun(runId, { status, counts, error: errorText });
  const durationMs = Date.now() - started;
  logger.info({ provider: provider.id, mode, runId, status, durationMs }, 'sync run finished');
  emitTelemetry({ type: 'sync_run', provider: provider.id, mode, status, durationMs });
  const firstError = failures.find((failure) => !isSkipped(failure.error))?.error ?? failures[0]?.error;
  return { provider: provider.id, runId, status, counts, ...(firstError ? { error: firstError } : {}) };
}

const SKIPPED = 'Skipped: an earlier failure or cancellation stopped this provider run.';

function skippedError(cause: WearablesError | undefined): WearablesError {
  return new WearablesError(cause?.code ?? 'SYNC_ERROR', SKIPPED, { hint: cause?.hint ?? 'Run the sync again.' });
}

function isSkipped(error: WearablesError): boolean {
  return error.message === SKIPPED;
}
