/**
 * The one translation from errors to tool results. Tools throw `WearablesError`; here it becomes
 * an `isError: true` result whose text reads `<CODE>: message. Next: hint` and whose
 * structuredContent is `{ error: { code, message, hint, retry_after_seconds } }`. Anything else
 * becomes FILE_ERROR / CACHE_ERROR / INTERNAL_ERROR without leaking its message or a path.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { WearablesError, type ErrorCode } from '../core/errors.js';
import { describeFileError, describeInternalError, isNetworkError, looksLikeCacheFailure } from '../core/thrown-errors.js';
import type { Logger } from '../logging/logger.js';

const DEFAULT_HINTS: Record<ErrorCode, string> = {
  AUTH_FAILED: 'Reconnect the provider with `wearables-mcp connect <provider>`, then retry.',
  NOT_CONNECTED: 'Connect the provider with `wearables-mcp connect <provider>` (see get_auth_status), then retry.',
  RATE_LIMITED: 'Wait before retrying, or answer from cached data (omit fresh).',
  NOT_FOUND: 'Check the id or date range and retry.',
  UPSTREAM_ERROR: 'Retry in a minute; cached data is still available without fresh: true.',
  VALIDATION_ERROR: 'Fix the named arguments and call again.',
  CACHE_ERROR: 'Run health_check to see whether the local cache is readable and writable.',
  SYNC_ERROR: 'Retry the sync; run health_check if it keeps failing.',
  CONFIG_ERROR: 'Fix the named settings and restart the server.',
  FILE_EXISTS: 'Choose another path or allow overwriting.',
  EXPORT_ERROR: 'Check the export path and retry.',
  FILE_ERROR: 'Check that the named path exists and is writable by the server, then retry.',
  INTERNAL_ERROR: 'This is a bug in wearables-mcp, not in your request; the server log has the details. Retry once, then report it.',
};

/** The structured error payload of a failed tool call. */
export interface ToolErrorPayload {
  code: ErrorCode;
  message: string;
  hint: string;
  retry_after_seconds: number | null;
}

/**
 * Normalizes anything thrown into a `WearablesError` safe to show to the model: file-system
 * failures become FILE_ERROR without the path, store failures CACHE_ERROR, and everything else
 * INTERNAL_ERROR without its message (the log has it, with the stack).
 */
export function toSafeError(error: unknown): WearablesError {
  if (error instanceof WearablesError) {
    // A FILE_ERROR that toWearablesError built from a raw errno names a path of this machine:
    // the model does not need it. One written on purpose (a key file, an export target) stays.
    const generic = error.code === 'FILE_ERROR' && error.message === `${describeFileError(error.cause)?.message}.`;
    const hidden = generic ? describeFileError(error.cause, { showPath: false }) : undefined;
    return hidden ? new WearablesError('FILE_ERROR', hidden.message, { hint: hidden.hint, cause: error.cause }) : error;
  }
  if (isNetworkError(error)) {
    return new WearablesError('UPSTREAM_ERROR', 'A network request failed', { hint: DEFAULT_HINTS.UPSTREAM_ERROR, cause: error });
  }
  const file = describeFileError(error, { showPath: false });
  if (file) return new WearablesError('FILE_ERROR', file.message, { hint: file.hint, cause: error });
  if (looksLikeCacheFailure(error)) {
    return new WearablesError('CACHE_ERROR', 'The local cache could not be read or written', { cause: error });
  }
  const internal = describeInternalError(error);
  return new WearablesError('INTERNAL_ERROR', internal.message, { hint: internal.hint, cause: error });
}

/** Longest message a tool error carries: a message that echoes its input cannot flood the model. */
export const MAX_ERROR_MESSAGE_CHARS = 1_500;

function bounded(message: string): string {
  if (message.length <= MAX_ERROR_MESSAGE_CHARS) return message;
  const cut = message.slice(0, MAX_ERROR_MESSAGE_CHARS).replace(/\s+\S*$/, '');
  return `${cut} … (${(message.length - cut.length).toLocaleString('en-US')} more characters left out)`;
}

/** The JSON payload for an error (`hint` always filled with a next step, the message bounded). */
export function errorPayload(error: WearablesError): ToolErrorPayload {
  return {
    code: error.code,
    message: bounded(error.message.replace(/\.+$/, '')),
    hint: error.hint ?? DEFAULT_HINTS[error.code],
    retry_after_seconds: error.retryAfterSeconds ?? null,
  };
}

/** One-line text form: `<CODE>: message. Next: hint`. */
export function errorText(payload: ToolErrorPayload): string {
  const retry = payload.retry_after_seconds !== null ? ` Retry after ${payload.retry_after_seconds} s.` : '';
  return `${payload.code}: ${payload.message}.${retry} Next: ${payload.hint}`;
}

/** Translates anything thrown by a tool into an `isError: true` result. Never throws. */
export function toolErrorResult(error: unknown, logger?: Logger, toolName?: string): CallToolResult {
  const safe = toSafeError(error);
  if (!(error instanceof WearablesError) || safe.code === 'INTERNAL_ERROR') {
    // The stack goes to the log file only (the logger keeps it off the terminal and out of results).
    logger?.error({ tool: toolName, code: safe.code, err: error instanceof WearablesError ? (error.cause ?? error) : error }, 'tool failed with an unexpected error');
  } else {
    logger?.warn({ tool: toolName, code: safe.code }, 'tool returned an error');
  }
  const payload = errorPayload(safe);
  return { isError: true, content: [{ type: 'text', text: errorText(payload) }], structuredContent: { error: payload } };
}
