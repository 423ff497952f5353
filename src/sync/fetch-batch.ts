/**
 * Batches the cache-first fetches of one provider: jobs share one acquisition of the provider's
 * lock, different resources side by side (a tool reading sleep scores and sleep periods waits for
 * one round trip, not two), jobs of the same resource one after another so the second finds the
 * first's work done. A job queued while a batch waits for the lock, or while it runs, joins it
 * (up to a cap, so reads never keep a regular sync waiting for long); the next forms a new batch.
 */
import type { ProviderId } from '../core/types.js';
import type { ProviderLock } from './provider-lock.js';
import type { SyncWait, TargetedSyncOptions } from './sync-service.js';
import { lockOptions } from './sync-wait.js';

/** One unit of work run under the provider's lock. */
export type BatchJob<T> = (signal: AbortSignal | undefined) => Promise<T>;

/** Jobs one batch accepts before later ones wait for the next acquisition. */
const MAX_JOBS = 32;

interface Queued {
  resource: string;
  run: BatchJob<unknown>;
  onWait?: (wait: SyncWait) => void;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Batch {
  queued: Queued[];
  accepted: number;
  /** Set once the lock is held: jobs start at once from then on. */
  signal: AbortSignal | undefined;
  running: boolean;
  /** The last job of each resource (the next one of the same resource runs after it). */
  tails: Map<string, Promise<void>>;
  listeners: Array<(wait: SyncWait) => void>;
}

export interface FetchBatcher {
  /** Runs `job` under `provider`'s lock together with the other cache-first jobs of that provider. */
  enqueue<T>(provider: ProviderId, resource: string, job: BatchJob<T>, options?: TargetedSyncOptions): Promise<T>;
}

/** Creates a batcher over the engine's provider lock. */
export function createFetchBatcher(lock: ProviderLock): FetchBatcher {
  const open = new Map<ProviderId, Batch>();

  const launch = (batch: Batch, job: Queued): void => {
    const previous = batch.tails.get(job.resource) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        job.resolve(await job.run(batch.signal));
      } catch (error) {
        job.reject(error);
      }
    });
    batch.tails.set(job.resource, next);
  };

  async function runBatch(provider: ProviderId, batch: Batch): Promise<void> {
    const onWait = (wait: SyncWait) => batch.listeners.forEach((listener) => listener(wait));
    try {
      await lock.run(
        provider,
        async (signal) => {
          batch.signal = signal;
          batch.running = true;
          for (const job of batch.queued.splice(0)) launch(batch, job);
          // Late joiners extend the batch; it ends once every job (theirs too) has settled.
          for (;;) {
            const tails = [...batch.tails.values()];
            await Promise.all(tails);
            if ([...batch.tails.values()].every((tail) => tails.includes(tail))) break;
          }
          if (open.get(provider) === batch) open.delete(provider);
        },
        lockOptions(provider, { onWait }),
      );
    } catch (error) {
      // The lock could not be held (cancelled, lock failure): every waiting job hears why.
      if (open.get(provider) === batch) open.delete(provider);
      for (const job of batch.queued.splice(0)) job.reject(error);
    }
  }

  return {
    enqueue<T>(provider: ProviderId, resource: string, job: BatchJob<T>, options: TargetedSyncOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let batch = open.get(provider);
        if (!batch || batch.accepted >= MAX_JOBS) {
          const fresh: Batch = { queued: [], accepted: 0, signal: undefined, running: false, tails: new Map(), listeners: [] };
          open.set(provider, (batch = fresh));
          void runBatch(provider, fresh);
        }
        batch.accepted++;
        if (options.onWait) batch.listeners.push(options.onWait);
        const queued: Queued = { resource, run: job as BatchJob<unknown>, resolve: resolve as (value: unknown) => void, reject };
        if (batch.running) launch(batch, queued);
        else batch.queued.push(queued);
      });
    },
  };
}
