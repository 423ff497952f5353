/** Turns a caller's sync options into the provider lock's: its signal and a worded wait notice. */
import type { ProviderId } from '../core/types.js';
import type { LockHolder, RunOptions } from './provider-lock.js';
import type { SyncWait } from './sync-service.js';

/** The message shown while a run waits: `waiting for another sync of <provider> (pid 1234)`. */
export function waitMessage(provider: ProviderId, holder: LockHolder): string {
  return `waiting for another sync of ${provider} (${holder.description})`;
}

/** The lock options of one provider's run for a caller's `signal` and `onWait`. */
export function lockOptions(provider: ProviderId, options: { signal?: AbortSignal; onWait?: (wait: SyncWait) => void }): RunOptions {
  const { signal, onWait } = options;
  return {
    ...(signal ? { signal } : {}),
    ...(onWait
      ? { onWait: (holder: LockHolder) => onWait({ provider, ...(holder.pid !== undefined ? { pid: holder.pid } : {}), message: waitMessage(provider, holder) }) }
      : {}),
  };
}
