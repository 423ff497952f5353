/**
 * Turns SQLite failures into `CACHE_ERROR`s with a hint a user can act on. Messages carry the
 * operation and SQLite's own text (which names tables and constraints, never bound values), so
 * record payloads cannot leak into errors or logs.
 */
import { WearablesError } from '../../core/errors.js';

const STATUS_HINT = 'Run `wearables-mcp status` to check the cache file.';

/** Hints by SQLite primary result code (the part before the first `_` extension). */
function hintFor(code: string): { hint: string; isRetryable: boolean } {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      hint: 'Another wearables-mcp process (a sync or the server) held the cache file locked for too long; wait for it to finish and retry.',
      isRetryable: true,
    };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return {
      hint: 'The cache file is damaged or not a wearables-mcp database. It is only a mirror: move it aside and run `wearables-mcp sync --full` to rebuild it.',
      isRetryable: false,
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return { hint: 'The cache file or its directory is not writable by this user; check their owner and permissions.', isRetryable: false };
  }
  if (code.startsWith('SQLITE_FULL')) return { hint: 'The disk holding the cache is full; free some space and retry.', isRetryable: true };
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return { hint: 'The cache file cannot be opened; check that its directory exists and is writable (see `wearables-mcp status`).', isRetryable: false };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { hint: 'The cache directory or file is not writable by this user; fix its permissions or set WEARABLES_MCP_HOME to a writable directory.', isRetryable: false };
  }
  if (code === 'ENOTDIR' || code === 'EISDIR') {
    return { hint: 'The cache path is wrong: a part of it is a file where a directory is expected (or the reverse); check WEARABLES_MCP_HOME.', isRetryable: false };
  }
  if (code === 'ENOSPC') return { hint: 'The disk holding the cache is full; free some space and retry.', isRetryable: true };
  if (code.startsWith('SQLITE_IOERR')) return { hint: `A disk I/O error hit the cache file. ${STATUS_HINT}`, isRetryable: true };
  return { hint: STATUS_HINT, isRetryable: false };
}

/** Wraps anything thrown by a store operation; `WearablesError`s pass through unchanged. */
export function toCacheError(error: unknown, operation: string): WearablesError {
  if (error instanceof WearablesError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'UNKNOWN';
  // Only SQLite's own messages are safe to repeat; others (JSON.parse) can quote the payload.
  // File-system errors (EACCES ...) name a path, never payloads.
  const isSqlite = error instanceof Error && (error.name === 'SqliteError' || /^E[A-Z]+$/.test(code));
  const detail = isSqlite ? error.message : `unexpected ${error instanceof Error ? error.name : typeof error}`;
  const { hint, isRetryable } = hintFor(code);
  return new WearablesError('CACHE_ERROR', `Cache ${operation} failed (${code}): ${detail.slice(0, 200)}`, {
    hint,
    isRetryable,
    cause: error,
  });
}
