/**
 * Typed errors with stable codes. Every layer throws `WearablesError`; the MCP boundary
 * translates it once into a tool result (`isError: true`) whose text tells the model what to do.
 */
import { describeFileError, describeInternalError, isNetworkError, isProgrammingError } from './thrown-errors.js';

/** Stable error codes surfaced to tools, the CLI (`--json`) and logs. */
export const ERROR_CODES = [
  'AUTH_FAILED',
  'NOT_CONNECTED',
  'RATE_LIMITED',
  'NOT_FOUND',
  'UPSTREAM_ERROR',
  'VALIDATION_ERROR',
  'CACHE_ERROR',
  'SYNC_ERROR',
  'CONFIG_ERROR',
  'FILE_EXISTS',
  'EXPORT_ERROR',
  /** A file or directory could not be read or written (permissions, missing folder, full disk). */
  'FILE_ERROR',
  /** A bug or an unforeseen failure: nothing the caller did; the log has the details. */
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WearablesErrorOptions {
  /** One sentence telling the user or model what to do next. */
  hint?: string;
  /** Seconds to wait before retrying (rate limits). */
  retryAfterSeconds?: number;
  /** HTTP status from the provider, when the error came from one. */
  statusCode?: number;
  /** Whether the same call may succeed if repeated later. */
  isRetryable?: boolean;
  cause?: unknown;
}

/** The one error type of this project. Messages must never contain secrets or raw provider bodies. */
export class WearablesError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;

  constructor(code: ErrorCode, message: string, options: WearablesErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WearablesError';
    this.code = code;
    this.hint = options.hint;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable ?? (code === 'RATE_LIMITED' || code === 'UPSTREAM_ERROR');
  }

  /** A JSON-safe view for tool results and `--json` output. */
  toJSON(): { code: ErrorCode; message: string; hint?: string; retry_after_seconds?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retry_after_seconds: this.retryAfterSeconds } : {}),
    };
  }
}

/**
 * Wraps anything thrown into a `WearablesError`: file-system failures become FILE_ERROR (naming
 * the path and its fix), plain bugs (TypeError, RangeError, ...) INTERNAL_ERROR (without their
 * message), anything else `fallback` (network and provider failures: usually UPSTREAM_ERROR).
 */
export function toWearablesError(error: unknown, fallback: ErrorCode = 'UPSTREAM_ERROR'): WearablesError {
  if (error instanceof WearablesError) return error;
  const described = describeFileError(error) ?? (isProgrammingError(error) ? describeInternalError(error) : undefined);
  if (described) return new WearablesError(described.code, `${described.message}.`, { hint: described.hint, cause: error });
  // A network failure is the provider's or the network's, never a bug, even where unknown means bug.
  if (fallback === 'INTERNAL_ERROR' && isNetworkError(error)) {
    return new WearablesError('UPSTREAM_ERROR', 'A network request failed.', { hint: 'Check the network and retry.', cause: error });
  }
  if (fallback === 'INTERNAL_ERROR') {
    const internal = describeInternalError(error);
    return new WearablesError('INTERNAL_ERROR', `${internal.message}.`, { hint: internal.hint, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WearablesError(fallback, message, { cause: error });
}
