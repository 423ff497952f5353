/** Cooperative cancellation between pages and chunks. */
import { WearablesError } from '../core/errors.js';

/** Throws SYNC_ERROR when `signal` was aborted; stored data stays, the cursor does not move. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    // A lost sync lock aborts with its own explanation.
    if (signal.reason instanceof WearablesError) throw signal.reason;
    throw new WearablesError('SYNC_ERROR', 'Sync cancelled before it finished.', {
      hint: 'Run the sync again; it resumes after the last completely stored window.',
      isRetryable: true,
    });
  }
}
