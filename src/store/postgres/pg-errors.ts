/**
 * Turns PostgreSQL and node-postgres failures into `CACHE_ERROR`s with a hint a user can act on.
 * A message is repeated only where PostgreSQL's text names objects, never values: connection and
 * resource failures, syntax and schema errors, constraint names. Data exceptions (class 22) quote
 * the offending input, so only their code is kept. The connection string never appears: the
 * driver's errors name host and port, never the password.
 */
import { WearablesError } from '../../core/errors.js';

const STATUS_HINT = 'Run `wearables-mcp status` to check the database connection.';

interface PgLikeError {
  code?: unknown;
  message?: unknown;
}

function hintFor(code: string): { hint: string; isRetryable: boolean } {
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code.startsWith('08') || code === '57P01' || code === '57P03') {
    return { hint: 'The PostgreSQL server in DATABASE_URL cannot be reached or closed the connection; check that it is running and reachable, then retry.', isRetryable: true };
  }
  if (code === '28P01' || code === '28000') {
    return { hint: 'PostgreSQL refused the credentials in DATABASE_URL; check the user and password.', isRetryable: false };
  }
  if (code === '3D000') return { hint: 'The database named in DATABASE_URL does not exist; create it (createdb) or fix the URL.', isRetryable: false };
  if (code === '40001' || code === '40P01' || code === '55P03') return { hint: 'Another writer held the same rows; retry.', isRetryable: true };
  if (code === '53100' || code === '53200' || code === '53300') return { hint: 'The PostgreSQL server is out of disk, memory or connections; free some and retry.', isRetryable: true };
  if (code === '42501') return { hint: 'The PostgreSQL user in DATABASE_URL lacks a privilege on the schema; grant it or use the owner.', isRetryable: false };
  if (code === '57014') return { hint: 'The statement was cancelled (timeout); retry with a smaller window.', isRetryable: true };
  return { hint: STATUS_HINT, isRetryable: false };
}

/** Wraps anything thrown by a database operation; `WearablesError`s pass through unchanged. */
export function toPgCacheError(error: unknown, operation: string): WearablesError {
  if (error instanceof WearablesError) return error;
  const typed = (error ?? {}) as PgLikeError;
  const message = typeof typed.message === 'string' ? typed.message : '';
  // node-postgres's own connection failures carry no code; their text names no value.
  const lostConnection = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message);
  const code = typeof typed.code === 'string' ? typed.code : lostConnection ? 'ECONNRESET' : 'UNKNOWN';
  const fromServer = /^[0-9A-Z]{5}$/.test(code);
  const isNetwork = /^E[A-Z]+$/.test(code);
  const safe = (fromServer && !code.startsWith('22')) || isNetwork;
  const detail = safe && message !== '' ? message : `unexpected ${error instanceof Error ? error.name : typeof error}`;
  const { hint, isRetryable } = hintFor(code);
  return new WearablesError('CACHE_ERROR', `Database ${operation} failed (${code}): ${detail.slice(0, 200)}`, { hint, isRetryable, cause: error });
}
