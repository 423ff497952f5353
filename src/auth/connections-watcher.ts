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
  /** Called after this process changed the file: notifies and records the new set. */
  changedHere(): Promise<void>;
  close(): void;
}

/** Watches `store` for changes in the set of connected providers. */
export function createConnectionsWatcher(store: TokenStore, intervalMs: number, logger: Logger): ConnectionsWatcher {
  const listeners = new Set<() => void>();
  let known: string | undefined;
  let watching = false;

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
    snapshot()
      .then((current) => {
        if (known !== undefined && current === known) return;
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
    async changedHere() {
      known = await snapshot().catch(() => known);
      notify();
    },
    close() {
      listeners.clear();
      if (watching) unwatchFile(store.path, onFileChange);
      watching = false;
    },
  };
}
