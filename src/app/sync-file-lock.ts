/**
 * The cross-process sync lock: one file per provider in the data directory
 * (`sync-<provider>.lock`, created exclusively, holding its owner's pid, host and token). A second
 * process waits for the first run to finish instead of syncing the same windows at the same time,
 * whose deletion reconciliation could otherwise remove a record the other process had just stored.
 *
 * Replaces proper-lockfile here: it keys its lock table by target, so the per-provider locks on one
 * directory overwrote each other (crashing the process from its refresh timer), and its lock has
 * no owner record, so the lock of a killed process could only be taken over once stale (~30 s).
 * While held, the file's mtime is refreshed every `updateMs`; a holder that finds its file gone or
 * taken over aborts its run through the returned signal (logged, never thrown from a timer).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { WearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import { throwIfCancelled } from '../sync/cancel.js';
import type { AcquireOptions, CrossProcessLock, HeldLock, LockHolder } from '../sync/provider-lock.js';
import { describeHolder, holderKey, isAbandoned, ownerRecord, readLockState, type LockOwner, type LockState } from './lock-owner.js';

export interface SyncFileLockOptions {
  logger: Logger;
  /** How often a holder refreshes its lock file's mtime (default 5 s). */
  updateMs?: number;
  /** A lock not refreshed for this long is abandoned even when its pid looks alive (default 30 s). */
  staleMs?: number;
  /** How often a waiting process looks at the lock again (default 250 ms). */
  pollMs?: number;
  /** Longest wait for another process's sync of the same provider (default 15 minutes). */
  maxWaitMs?: number;
}

type Settings = Required<SyncFileLockOptions>;

/** Lock files this process holds (token -> path), removed on exit and told apart from a reused pid. */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

/** Builds the lock for a data directory. */
export function createSyncFileLock(home: string, options: SyncFileLockOptions): CrossProcessLock {
  const settings: Settings = { updateMs: 5000, staleMs: 30_000, pollMs: 250, maxWaitMs: 15 * 60_000, ...options };
  return async (provider: ProviderId, acquire: AcquireOptions = {}) => {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const path = join(home, `sync-${provider}.lock`);
    const owner = await waitForLock(path, provider, settings, acquire);
    return holdLock(path, provider, owner, settings);
  };
}

async function waitForLock(path: string, provider: ProviderId, settings: Settings, acquire: AcquireOptions): Promise<LockOwner> {
  const started = Date.now();
  let announced: string | undefined;
  for (;;) {
    throwIfCancelled(acquire.signal);
    const owner = ownerRecord(randomBytes(12).toString('hex'), new Date());
    if (tryCreate(path, owner)) {
      if (announced !== undefined) settings.logger.info({ provider, waitedMs: Date.now() - started }, 'sync lock acquired after waiting');
      return owner;
    }
    const state = inspect(path);
    if (state.kind === 'free') continue;
    if (isAbandoned(state, abandonOptions(settings))) {
      if (takeOver(path, provider, state, settings)) continue;
    } else if (holderKey(state) !== announced) {
      announced = holderKey(state);
      const holder = lockHolder(state);
      settings.logger.info({ provider, holder: holder.description }, 'waiting for another sync of this provider');
      acquire.onWait?.(holder);
    }
    if (Date.now() - started > settings.maxWaitMs) {
      throw new WearablesError('SYNC_ERROR', `Another process (${describeHolder(state)}) has been syncing ${provider} for over ${Math.round(settings.maxWaitMs / 60_000)} minutes.`, {
        hint: 'Wait for it to finish (see `wearables-mcp status`), then retry.',
        isRetryable: true,
      });
    }
    await pause(settings.pollMs, undefined, acquire.signal ? { signal: acquire.signal } : {}).catch(() => undefined);
  }
}

/** The lock's state; a lock that cannot be read (permissions) is a FILE_ERROR with the fix. */
function inspect(path: string): LockState {
  try {
    return readLockState(path);
  } catch (error) {
    throw fileError(path, error, 'read');
  }
}

function abandonOptions(settings: Settings) {
  return { staleMs: settings.staleMs, nowMs: Date.now(), heldHere: (token: string) => heldHere.has(token) };
}

function lockHolder(state: LockState): LockHolder {
  return state.kind === 'owned'
    ? { pid: state.owner.pid, host: state.owner.host, description: describeHolder(state) }
    : { description: describeHolder(state) };
}

/** Creates the lock file with its owner record; false when it exists. */
function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'EISDIR') return false;
    throw fileError(path, error);
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } catch (error) {
    unlinkSync(path);
    throw fileError(path, error);
  } finally {
    closeSync(fd);
  }
  heldHere.set(owner.token, path);
  installExitHook();
  return true;
}

function fileError(path: string, error: unknown, action: 'create' | 'read' = 'create'): WearablesError {
  return new WearablesError('FILE_ERROR', `Could not ${action} the sync lock ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
    hint: 'Make sure the data directory exists, is writable by you and its disk is not full, then retry.',
    cause: error,
  });
}

/**
 * Removes an abandoned lock. Takeovers are serialised by a guard directory and re-check the lock
 * under it, so two waiters never both remove a lock (the second would remove the first's new one).
 */
function takeOver(path: string, provider: ProviderId, seen: LockState, settings: Settings): boolean {
  const guard = `${path}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(guard, error);
    // A guard is held for microseconds; an old one belongs to a process that died inside it.
    const age = Date.now() - (statMtime(guard) ?? Date.now());
    if (age > settings.staleMs) rmSync(guard, { recursive: true, force: true });
    return false;
  }
  try {
    const current = inspect(path);
    if (current.kind === 'free') return true;
    if (holderKey(current) !== holderKey(seen) || !isAbandoned(current, abandonOptions(settings))) return false;
    rmSync(path, { recursive: current.kind === 'legacy', force: true });
    settings.logger.warn({ provider, holder: describeHolder(current) }, 'took over the sync lock of a process that is gone');
    return true;
  } finally {
    try {
      rmdirSync(guard);
    } catch (error) {
      settings.logger.warn({ provider, err: error }, 'could not remove the sync lock takeover guard');
    }
  }
}

function statMtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Keeps the lock fresh until released; aborts `signal` when it was lost. */
function holdLock(path: string, provider: ProviderId, owner: LockOwner, settings: Settings): HeldLock {
  const { logger } = settings;
  const controller = new AbortController();
  let lastRefresh = Date.now();
  const lose = (reason: string, cause?: unknown) => {
    clearInterval(timer);
    heldHere.delete(owner.token);
    const error = new WearablesError('SYNC_ERROR', `Lost the sync lock of ${provider} (${reason}); this run stopped after its last stored window.`, {
      hint: 'Run the sync again; it resumes where this one stopped.',
      isRetryable: true,
      cause,
    });
    logger.warn({ provider, err: error }, 'sync lock compromised');
    controller.abort(error);
  };
  const refresh = () => {
    try {
      const state = readLockState(path);
      if (state.kind === 'free') return lose('its lock file was removed');
      if (state.kind !== 'owned' || state.owner.token !== owner.token) return lose(`${describeHolder(state)} took it over`);
      const now = new Date();
      utimesSync(path, now, now);
      lastRefresh = Date.now();
    } catch (error) {
      if (Date.now() - lastRefresh > settings.staleMs) return lose('it could not be refreshed', error);
      logger.warn({ provider, err: error }, 'could not refresh the sync lock; retrying');
    }
  };
  const timer = setInterval(refresh, settings.updateMs);
  // A held lock must not keep a finished process alive; exit removes it (see installExitHook).
  timer.unref();
  return {
    signal: controller.signal,
    async release() {
      clearInterval(timer);
      // Lost meanwhile: the file belongs to whoever took it over.
      if (!heldHere.delete(owner.token)) return;
      try {
        const state = readLockState(path);
        if (state.kind === 'owned' && state.owner.token === owner.token) unlinkSync(path);
        else logger.warn({ provider, holder: describeHolder(state) }, 'the sync lock changed hands before it was released; left it to its holder');
      } catch (error) {
        logger.warn({ provider, err: error }, 'could not release the sync lock');
      }
    },
  };
}

/** Removes this process's lock files when it exits with a lock still held. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [token, path] of heldHere) {
      try {
        const state = readLockState(path);
        if (state.kind === 'owned' && state.owner.token === token) unlinkSync(path);
      } catch {
        // Exiting: a lock that cannot be removed is taken over by the next process (dead pid).
      }
    }
  });
}
