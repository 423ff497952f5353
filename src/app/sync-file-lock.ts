/**
 * The cross-process sync lock: one lock file per provider in the data directory (proper-lockfile,
 * kept fresh while held, taken over when its holder died). A second process waits for the first
 * run to finish instead of syncing the same windows at the same time, whose deletion
 * reconciliation could otherwise remove a record the other process had just stored.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import type { CrossProcessLock } from '../sync/provider-lock.js';

/** Longest wait for another process's sync of the same provider. */
const MAX_WAIT_MS = 15 * 60_000;

/** Builds the lock for a data directory. */
export function createSyncFileLock(home: string): CrossProcessLock {
  return async (provider: ProviderId) => {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      const release = await lockfile.lock(home, {
        lockfilePath: join(home, `sync-${provider}.lock`),
        realpath: false,
        stale: 30_000,
        update: 10_000,
        retries: { retries: Math.ceil(MAX_WAIT_MS / 1000), factor: 1, minTimeout: 1000, maxTimeout: 1000 },
      });
      return async () => {
        await release().catch(() => undefined);
      };
    } catch (error) {
      throw new WearablesError('SYNC_ERROR', `Another process has been syncing ${provider} for over ${MAX_WAIT_MS / 60_000} minutes.`, {
        hint: 'Wait for it to finish (see `wearables-mcp status`), then retry.',
        isRetryable: true,
        cause: error,
      });
    }
  };
}
