/**
 * In-process serialisation per provider: two runs of the same provider never overlap. A request
 * with the same join key as one already running or queued shares its result instead of running
 * again (a second `sync` while one is running simply awaits it). With a cross-process lock, each
 * task also holds that lock while it runs and gets a signal that aborts when the lock is lost.
 */
import type { ProviderId } from '../core/types.js';

/** The process holding a provider's lock, as far as known. */
export interface LockHolder {
  pid?: number;
  host?: string;
  /** `pid 1234`, `pid 1234 on other-host`, ... */
  description: string;
}

export interface AcquireOptions {
  /** Called when the lock is held elsewhere and the caller starts waiting (again per new holder). */
  onWait?: (holder: LockHolder) => void;
  /** Stops waiting (throws the cancellation) when aborted. */
  signal?: AbortSignal;
}

/** A held cross-process lock. */
export interface HeldLock {
  /** Aborted (with the reason as a WearablesError) when the lock was lost while held. */
  signal: AbortSignal;
  /** Releases the lock; never throws (failures are logged). */
  release(): Promise<void>;
}

/**
 * Holds a provider's sync across processes (a CLI `sync` and a running server share one cache):
 * resolves once held.
 */
export type CrossProcessLock = (provider: ProviderId, options?: AcquireOptions) => Promise<HeldLock>;

export interface RunOptions extends AcquireOptions {
  /** A pending task with the same key is joined instead of queuing another. */
  joinKey?: string;
}

export interface ProviderLock {
  /**
   * Runs `task` after every earlier task of `provider`, or joins a pending task with `joinKey`.
   * `task` gets the signal to run under: the caller's, also aborted when the lock is lost.
   */
  run<T>(provider: ProviderId, task: (signal: AbortSignal | undefined) => Promise<T>, options?: RunOptions): Promise<T>;
  /** Whether a task of `provider` is running or queued. */
  busy(provider: ProviderId): boolean;
}

interface Lane {
  tail: Promise<unknown>;
  pending: Map<string, Joinable>;
  count: number;
}

interface Joinable {
  result: Promise<unknown>;
  /** Wait listeners of the callers sharing the task; the holder a late joiner should hear about. */
  listeners: Array<(holder: LockHolder) => void>;
  waitingFor?: LockHolder;
}

/** Creates an empty lock table; with `crossProcess`, each task also holds that lock while it runs. */
export function createProviderLock(crossProcess?: CrossProcessLock): ProviderLock {
  const guarded = <T>(provider: ProviderId, task: (signal: AbortSignal | undefined) => Promise<T>, joinable: Joinable, options: RunOptions) =>
    async () => {
      if (!crossProcess) return task(options.signal);
      const held = await crossProcess(provider, {
        ...(options.signal ? { signal: options.signal } : {}),
        onWait: (holder) => {
          joinable.waitingFor = holder;
          for (const listener of joinable.listeners) listener(holder);
        },
      });
      joinable.waitingFor = undefined;
      try {
        return await task(options.signal ? AbortSignal.any([options.signal, held.signal]) : held.signal);
      } finally {
        await held.release();
      }
    };
  const lanes = new Map<ProviderId, Lane>();
  const laneOf = (provider: ProviderId): Lane => {
    let lane = lanes.get(provider);
    if (!lane) lanes.set(provider, (lane = { tail: Promise.resolve(), pending: new Map(), count: 0 }));
    return lane;
  };
  return {
    run<T>(provider: ProviderId, task: (signal: AbortSignal | undefined) => Promise<T>, options: RunOptions = {}): Promise<T> {
      const lane = laneOf(provider);
      const { joinKey, onWait } = options;
      const joined = joinKey === undefined ? undefined : lane.pending.get(joinKey);
      if (joined) {
        if (onWait) {
          joined.listeners.push(onWait);
          if (joined.waitingFor) onWait(joined.waitingFor);
        }
        return joined.result as Promise<T>;
      }
      const joinable: Joinable = { result: Promise.resolve(), listeners: onWait ? [onWait] : [] };
      const run = guarded(provider, task, joinable, options);
      const result = lane.tail.then(run, run);
      joinable.result = result;
      lane.tail = result.catch(() => undefined);
      lane.count++;
      if (joinKey !== undefined) lane.pending.set(joinKey, joinable);
      const release = () => {
        lane.count--;
        if (joinKey !== undefined && lane.pending.get(joinKey) === joinable) lane.pending.delete(joinKey);
      };
      result.then(release, release);
      return result;
    },
    busy(provider) {
      return (lanes.get(provider)?.count ?? 0) > 0;
    },
  };
}
