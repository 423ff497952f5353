/**
 * Batches the cache-first fetches of one provider: every job queued before the provider's lock is
 * acquired runs under that one acquisition, different resources side by side (a tool reading
 * sleep scores and sleep periods waits for one round trip, not two), jobs of the same resource one
 * after another so the second finds the first's work done. Jobs queued while a batch runs form
 * the next batch.
 */
import type { ProviderId } from '../core/types.js';
import type { ProviderLock } from './provider-lock.js';
import type { SyncWait, TargetedSyncOptions } from './sync-service.js';
import { lockOptions } from './sync-wait.js';

/** One unit of work run under the provider's lock. */
export type BatchJob<T> = (signal: AbortSignal | undefined) => Promise<T>;

interface Queued {
  resource: string;
  run: BatchJob<unknown>;
  onWait?: (wait: SyncWait) => void;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface FetchBatcher {
  /** Runs `job` under `provider`'s lock together with the other jobs queued in the same turn. */
  enqueue<T>(provider: ProviderId, resource: string, job: BatchJob<T>, options?: TargetedSyncOptions): Promise<T>;
}

/** Creates a batcher over the engine's provider lock. */
export function createFetchBatcher(lock: ProviderLock): FetchBatcher {
  const waiting = new Map<ProviderId, Queued[]>();

  async function runBatch(provider: ProviderId, jobs: Queued[]): Promise<void> {
    const listeners = jobs.flatMap((job) => (job.onWait ? [job.onWait] : []));
    const onWait = listeners.length > 0 ? (wait: SyncWait) => listeners.forEach((listener) => listener(wait)) : undefined;
    try {
      await lock.run(
        provider,
        async (signal) => {
          // Jobs queued from now on wait for the next acquisition.
          if (waiting.get(provider) === jobs) waiting.delete(provider);
          const byResource = new Map<string, Queued[]>();
          for (const job of jobs) byResource.set(job.resource, [...(byResource.get(job.resource) ?? []), job]);
          await Promise.all(
            [...byResource.values()].map(async (sameResource) => {
              for (const job of sameResource) {
                try {
                  job.resolve(await job.run(signal));
                } catch (error) {
                  job.reject(error);
                }
              }
            }),
          );
        },
        lockOptions(provider, onWait ? { onWait } : {}),
      );
    } catch (error) {
      // The lock could not be held (cancelled, store failure): every job of the batch hears why.
      if (waiting.get(provider) === jobs) waiting.delete(provider);
      for (const job of jobs) job.reject(error);
    }
  }

  return {
    enqueue<T>(provider: ProviderId, resource: string, job: BatchJob<T>, options: TargetedSyncOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let jobs = waiting.get(provider);
        if (!jobs) {
          const batch: Queued[] = [];
          waiting.set(provider, (jobs = batch));
          // One macrotask later: the sibling reads of a `Promise.all` have queued theirs by then.
          setImmediate(() => void runBatch(provider, batch));
        }
        jobs.push({ resource, run: job as BatchJob<unknown>, ...(options.onWait ? { onWait: options.onWait } : {}), resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}
