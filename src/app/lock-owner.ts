/**
 * Who holds a sync lock file and whether that holder is gone. The file records the owner's pid,
 * host and a random token; on the same host a dead pid means the lock is abandoned at once
 * (`process.kill(pid, 0)`), elsewhere (or for a pid that may have been reused) the file's mtime,
 * refreshed by a live holder, says so once it is older than the stale threshold.
 */
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  /** Random per acquisition: tells two holders with the same pid apart (pid reuse, takeover). */
  token: string;
  acquiredAt: string;
}

/** What is at a lock path right now. */
export type LockState =
  | { kind: 'free' }
  | { kind: 'owned'; owner: LockOwner; mtimeMs: number }
  /** A directory left by proper-lockfile (wearables-mcp before the owner record). */
  | { kind: 'legacy'; mtimeMs: number }
  /** A file without a readable owner: being written this instant, or cut short by a crash. */
  | { kind: 'unreadable'; mtimeMs: number };

/** A file without an owner this much older than its creation was not being written any more. */
const UNREADABLE_GRACE_MS = 2000;

/** The owner record of this process for a new acquisition. */
export function ownerRecord(token: string, now: Date): LockOwner {
  return { pid: process.pid, host: hostname(), token, acquiredAt: now.toISOString() };
}

/** Reads the lock at `path` (never throws for a missing, foreign or half-written file). */
export function readLockState(path: string): LockState {
  let mtimeMs: number;
  try {
    const stat = statSync(path);
    mtimeMs = stat.mtimeMs;
    if (stat.isDirectory()) return { kind: 'legacy', mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'free' };
    throw error;
  }
  try {
    const owner = parseOwner(readFileSync(path, 'utf8'));
    return owner ? { kind: 'owned', owner, mtimeMs } : { kind: 'unreadable', mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'free' };
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token, acquiredAt: String(value.acquiredAt ?? '') };
    }
  } catch {
    // Falls through: an empty or cut-off file has no owner.
  }
  return undefined;
}

/** Whether `pid` runs on this host (EPERM: it runs, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the holder of `state` is gone, so the lock may be taken over. `heldHere` says whether a
 * token belongs to a lock this process holds (the same pid can only be ours, or a dead earlier
 * process whose pid was reused).
 */
export function isAbandoned(state: LockState, options: { staleMs: number; nowMs: number; heldHere: (token: string) => boolean }): boolean {
  if (state.kind === 'free') return false;
  const age = options.nowMs - state.mtimeMs;
  if (state.kind === 'unreadable') return age > UNREADABLE_GRACE_MS;
  if (state.kind === 'owned' && state.owner.host === hostname()) {
    if (state.owner.pid === process.pid) return !options.heldHere(state.owner.token);
    if (!isProcessAlive(state.owner.pid)) return true;
  }
  // Another host, a live pid (maybe reused) or a legacy lock: only a holder that stopped refreshing.
  return age > options.staleMs;
}

/** "pid 1234", "pid 1234 on other-host", or what is known about a holder without a record. */
export function describeHolder(state: LockState): string {
  if (state.kind === 'owned') return state.owner.host === hostname() ? `pid ${state.owner.pid}` : `pid ${state.owner.pid} on ${state.owner.host}`;
  if (state.kind === 'legacy') return 'an older wearables-mcp';
  return 'unknown process';
}

/** The identity of a holder, to notice when the lock changes hands while waiting. */
export function holderKey(state: LockState): string {
  return state.kind === 'owned' ? state.owner.token : state.kind;
}
