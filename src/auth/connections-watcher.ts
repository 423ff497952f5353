/**
 * Notifies listeners when the set of connected providers changes: at once for changes made by
 * this process, and by polling the tokens file (`fs.watchFile`, never keeping the process alive)
 * for changes made by another process (a CLI `connect` while the server runs).
 */
import { unwatchFile, watchFile } from 'node:fs';
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
  let watching = false;
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
      .catch((error: unknown) => logger.debug({ err: error }, 'could not read the tokens file after a change'));
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!watching) {
        watching = true;
        snapshot().then((current) => (known ??= current), () => undefined);
        // persistent: false is watchFile's unref: the watcher never keeps the process alive.
        watchFile(store.path, { interval: intervalMs, persistent: false }, onFileChange);
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
      if (watching) unwatchFile(store.path, onFileChange);
      watching = false;
    },
  };
}
