/**
 * What an unknown thrown value is. The one place that tells a file-system failure (FILE_ERROR,
 * with the fix for its path), a network failure (the caller's fallback, usually UPSTREAM_ERROR)
 * and a plain bug (INTERNAL_ERROR) apart, so every boundary labels them the same way.
 * Descriptions name an errno code, a syscall and a path, never the original message (which may
 * quote a token or a request body).
 */
import { dirname } from 'node:path';
import type { ErrorCode } from './errors.js';

/** A classified failure, ready to become a `WearablesError`. */
export interface ThrownDescription {
  code: ErrorCode;
  message: string;
  hint: string;
}

/** errno codes that mean "this path cannot be used", with a reason a user understands. */
const FILE_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the directory is not empty',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EFBIG: 'the file is too large',
  EXDEV: 'it is on another device',
  EIO: 'an input/output error of the device',
};

/** errno / undici codes of a network failure: the provider or the network, not this program. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'EPROTO',
]);

/** Built-in error types that only a defect in this program throws. */
const BUG_TYPES = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError']);

/** What a syscall was doing, for "Cannot <verb> <path>". */
const VERBS: Record<string, string> = {
  open: 'open', read: 'read', write: 'write', mkdir: 'create the directory', rename: 'replace',
  unlink: 'remove', rmdir: 'remove the directory', scandir: 'list', stat: 'inspect', lstat: 'inspect',
  copyfile: 'copy to', link: 'create', symlink: 'create', chmod: 'set permissions of', access: 'access',
  realpath: 'resolve', fsync: 'flush', ftruncate: 'truncate', utime: 'touch',
};

interface ErrnoLike {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function errnoOf(error: unknown): ErrnoLike | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, syscall, path, dest } = error as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;
  return {
    code,
    ...(typeof syscall === 'string' ? { syscall } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof dest === 'string' ? { dest } : {}),
  };
}

/** True when `error` is a file-system errno error (EACCES, ENOTDIR, ENOSPC, ...). */
export function isFileSystemError(error: unknown): boolean {
  const errno = errnoOf(error);
  return errno !== undefined && errno.code in FILE_REASONS && !errno.syscall?.startsWith('spawn');
}

/** True for a network failure: an errno/undici network code, `fetch failed`, an abort or timeout. */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = errnoOf(error)?.code ?? errnoOf(error.cause)?.code;
  if (code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** True for what only a bug throws (TypeError, RangeError, ...) and is not a network failure. */
export function isProgrammingError(error: unknown): boolean {
  return error instanceof Error && BUG_TYPES.has(error.name) && !isNetworkError(error);
}

/** "permission denied (EACCES)" for a file-system error, else undefined. */
export function fileErrorReason(error: unknown): string | undefined {
  if (!isFileSystemError(error)) return undefined;
  const { code, syscall } = errnoOf(error) as ErrnoLike;
  // mkdir -p answers EEXIST when a file sits where a folder of the path should be.
  const reason = code === 'EEXIST' && syscall === 'mkdir' ? 'a file is in the place of a directory' : (FILE_REASONS[code] as string);
  return `${reason} (${code})`;
}

/** Our temp files (`.name.<pid>.<hex>.tmp` or `name.<pid>.<hex>.tmp`) are named by their target. */
function targetOf(path: string): string {
  return path.replace(/(^|\/)\.?([^/]+)\.\d+\.[0-9a-f]{6,}\.tmp$/, '$1$2');
}

/**
 * Describes a file-system error. With `showPath` the message names the path and the hint the
 * folder to fix (CLI, logs); without it neither is named (tool output seen by a model).
 */
export function describeFileError(error: unknown, options: { showPath: boolean } = { showPath: true }): ThrownDescription | undefined {
  if (!isFileSystemError(error)) return undefined;
  const errno = errnoOf(error) as ErrnoLike;
  const reason = (fileErrorReason(error) as string).replace(/ \(\w+\)$/, '');
  const verb = VERBS[errno.syscall ?? ''] ?? 'use';
  if (!options.showPath || errno.path === undefined) {
    return {
      code: 'FILE_ERROR',
      message: `A file of wearables-mcp could not be used: ${reason} (${errno.code})`,
      hint:
        'Check that the wearables-mcp data directory and log directory exist and are writable by the server ' +
        '(set WEARABLES_MCP_HOME, or LOG_FILE for the log), then retry.',
    };
  }
  const path = targetOf(errno.path);
  const folder = errno.syscall === 'mkdir' || errno.syscall === 'scandir' ? path : dirname(path);
  return {
    code: 'FILE_ERROR',
    message: `Cannot ${verb} ${path}: ${reason} (${errno.code})`,
    hint: fileHint(errno.code, folder),
  };
}

function fileHint(code: string, folder: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return `Free some space on the disk holding ${folder}, then retry.`;
  if (code === 'EEXIST') return 'Choose another path, or remove the existing one if it is not needed.';
  return (
    `Check that ${folder} exists, is a directory and is writable by you, or choose another location ` +
    '(--home / WEARABLES_MCP_HOME for the data, LOG_FILE for the log), then retry.'
  );
}

/** Describes a programming error without its message (which may quote data); the log has the stack. */
export function describeInternalError(error: unknown): ThrownDescription {
  const type = error instanceof Error ? error.name : typeof error;
  return {
    code: 'INTERNAL_ERROR',
    message: `An unexpected internal error occurred (${type})`,
    hint: 'This is a bug in wearables-mcp, not in your request; the log file has the details. Retry once, then report it.',
  };
}

/** SQLite / driver failures (the store), told apart by name, code or message. */
export function looksLikeCacheFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errnoOf(error)?.code ?? '';
  return /sqlite|database|SQLITE_|disk I\/O|readonly|not open/i.test(`${error.name} ${code} ${error.message}`);
}
