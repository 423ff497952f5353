/**
 * The cross-process sync lock from a database lease (PostgreSQL's advisory locks): one lease per
 * account and provider, shared by every process and machine on the database, so no lock files
 * are needed. A lease lost while held (its connection dropped) aborts the run through its signal.
 */
import type { ProviderId } from '../core/types.js';
import type { StoreDatabase } from '../store/database.js';
import type { AcquireOptions, CrossProcessLock } from '../sync/provider-lock.js';

export function createSyncLeaseLock(database: Required<Pick<StoreDatabase, 'lease'>>, accountId: string): CrossProcessLock {
  return (provider: ProviderId, acquire: AcquireOptions = {}) =>
    database.lease(`sync:${accountId}:${provider}`, {
      onWait: () => acquire.onWait?.({ description: `another process syncing ${provider} on this database` }),
      ...(acquire.signal ? { signal: acquire.signal } : {}),
    });
}
