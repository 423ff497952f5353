/**
 * Notifies listeners when the set of connected providers changes: at once for changes made by
 * this process, and by polling the token store (`TokenStore.watch`: the tokens file's stat, or
 * the database's rows; never keeping the process alive) for changes made by another process (a
 * CLI `connect` while the server runs).
 */
import type { Logger } from '../logging/logger.js';
import type { TokenStore } from './token-store.js';

export interface ConnectionsWatcher {
  subscribe(listener: () => void): () => void;
  /**
   * Runs `work` (a write by this process), then records the new set and notifies once. File
   * polls during the write are ignored so the same change is not reported twice.
   */
  changeHere<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** Watches `store` for changes in the set of connected providers. */
export function createConnectionsWatcher(store: TokenStore, intervalMs: number, logger: Logger): ConnectionsWatcher {
  const listeners = new Set<() => void>();
  let known: string | undefined;
  let stopWatching: (() => void) | undefined;
  let localWrites = 0;

  const snapshot = async () => (await store.connectedProviders()).join(',');
  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        logger.warn({ err: error }, 'connections listener failed');
      }
    }
  };
  const onFileChange = () => {
    if (localWrites > 0) return;
    snapshot()
      .then((current) => {
        if (localWrites > 0 || (known !== undefined && current === known)) return;
        known = current;
        notify();
      })
      .catch((error: unknown) => logger.debug({ err: error }, 'could not read the stored connections after a change'));
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stopWatching) {
        snapshot().then((current) => (known ??= current), () => undefined);
        stopWatching = store.watch(intervalMs, onFileChange);
      }
      return () => listeners.delete(listener);
    },
    async changeHere(work) {
      localWrites++;
      try {
        return await work();
      } finally {
        known = await snapshot().catch(() => known);
        localWrites--;
        notify();
      }
    },
    close() {
      listeners.clear();
      stopWatching?.();
      stopWatching = undefined;
    },
  };
}
