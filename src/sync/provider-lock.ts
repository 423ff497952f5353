/**
 * In-process serialisation per provider: two runs of the same provider never overlap. A request
 * with the same join key as one already running or queued shares its result instead of running
 * again (a second `sync` while one is running simply awaits it).
 */
import type { ProviderId } from '../core/types.js';

export interface ProviderLock {
  /** Runs `task` after every earlier task of `provider`, or joins a pending task with `joinKey`. */
  run<T>(provider: ProviderId, task: () => Promise<T>, joinKey?: string): Promise<T>;
  /** Whether a task of `provider` is running or queued. */
  busy(provider: ProviderId): boolean;
}

interface Lane {
  tail: Promise<unknown>;
  pending: Map<string, Promise<unknown>>;
  count: number;
}

/**
 * Holds a provider's sync across processes (a CLI `sync` and a running server share one cache):
 * resolves once held, with the function that releases it.
 */
export type CrossProcessLock = (provider: ProviderId) => Promise<() => Promise<void>>;

/** Creates an empty lock table; with `crossProcess`, each task also holds that lock while it runs. */
export function createProviderLock(crossProcess?: CrossProcessLock): ProviderLock {
  const guarded = <T>(provider: ProviderId, task: () => Promise<T>) =>
    crossProcess
      ? async () => {
          const release = await crossProcess(provider);
          try {
            return await task();
          } finally {
            await release();
          }
        }
      : task;
  const lanes = new Map<ProviderId, Lane>();
  const laneOf = (provider: ProviderId): Lane => {
    let lane = lanes.get(provider);
    if (!lane) lanes.set(provider, (lane = { tail: Promise.resolve(), pending: new Map(), count: 0 }));
    return lane;
  };
  return {
    run<T>(provider: ProviderId, task: () => Promise<T>, joinKey?: string): Promise<T> {
      const lane = laneOf(provider);
      const joined = joinKey === undefined ? undefined : lane.pending.get(joinKey);
      if (joined) return joined as Promise<T>;
      const run = guarded(provider, task);
      const result = lane.tail.then(run, run);
      lane.tail = result.catch(() => undefined);
      lane.count++;
      if (joinKey !== undefined) lane.pending.set(joinKey, result);
      const release = () => {
        lane.count--;
        if (joinKey !== undefined && lane.pending.get(joinKey) === result) lane.pending.delete(joinKey);
      };
      result.then(release, release);
      return result;
    },
    busy(provider) {
      return (lanes.get(provider)?.count ?? 0) > 0;
    },
  };
}
