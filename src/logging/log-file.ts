/**
 * Opening the rotated log file without letting it take a command down. A log directory that
 * cannot be written (missing permission, a file where the folder should be, a full disk) costs
 * the file, not the command: the process logs to stderr and says so in one line. Only when the
 * user named the file (LOG_FILE, `logFile` in config.json) is it an error (FILE_ERROR): they asked
 * for a record there, and silently keeping none would hide that.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DestinationStream } from 'pino';
import { WearablesError } from '../core/errors.js';
import { fileErrorReason } from '../core/thrown-errors.js';

/** The log file used when the user named none (`<home>/logs/wearables-mcp.log`). */
export function defaultLogFile(home: string): string {
  return join(home, 'logs', 'wearables-mcp.log');
}

/** True when `logFile` is one the user chose (so failing to open it is an error, not a fallback). */
export function isExplicitLogFile(config: { home: string; logFile: string | null }): boolean {
  return config.logFile !== null && config.logFile !== defaultLogFile(config.home);
}

/**
 * Checks synchronously that the log folder can be created and written (a probe file created
 * exclusively and removed). Returns the failure, or undefined when the folder is usable.
 */
export function probeLogDirectory(file: string): unknown {
  const folder = dirname(file);
  const probe = join(folder, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The FILE_ERROR for a log file the user named and that cannot be written. */
export function logFileError(file: string, error: unknown): WearablesError {
  const reason = fileErrorReason(error) ?? 'it could not be opened';
  return new WearablesError('FILE_ERROR', `Cannot write the log file ${file}: ${reason}.`, {
    hint: `Set LOG_FILE to a file in a writable directory (or LOG_FILE= to log to stderr only); check that ${dirname(file)} exists and is writable.`,
    cause: error,
  });
}

/** The one line printed when the default log file is unusable and logs go to stderr only. */
export function fallbackLine(file: string, error: unknown): string {
  const reason = fileErrorReason(error) ?? 'it could not be opened';
  return (
    `wearables-mcp: cannot write the log file ${file}: ${reason}; logging to stderr only. ` +
    'Set LOG_FILE to a writable path, or LOG_FILE= to turn the file off.\n'
  );
}

/** Opens the size-rotated file with pino-roll (mode 0600, folder created). */
export async function openRotatingFile(file: string, size: string, keep: number): Promise<DestinationStream> {
  const { default: pinoRoll } = await import('pino-roll');
  return pinoRoll({ file, size, limit: { count: keep }, mkdir: true, mode: 0o600 });
}

/**
 * Forwards lines to the file stream until it fails (disk full, device error): then `onFailure`
 * runs once and lines go to stderr only. Without a listener, the stream's 'error' event would be
 * an uncaught exception that ends the process.
 */
export function guardStream(stream: DestinationStream, onFailure: (error: unknown) => void): DestinationStream {
  let failed = false;
  (stream as Partial<Pick<NodeJS.EventEmitter, 'on'>>).on?.('error', (error: unknown) => {
    if (failed) return;
    failed = true;
    onFailure(error);
  });
  return {
    write(line: string) {
      if (!failed) stream.write(line);
    },
  };
}

/**
 * A stream that buffers lines until `target` resolves, then writes through. If the file cannot
 * be opened after all, `onFailure` is called once and the buffered lines are dropped (they
 * already reached stderr through the other stream).
 */
export function bufferUntil(target: Promise<DestinationStream>, onFailure: (error: unknown) => void): DestinationStream {
  let ready: DestinationStream | null = null;
  let failed = false;
  const pending: string[] = [];
  target.then(
    (stream) => {
      ready = stream;
      for (const line of pending.splice(0)) stream.write(line);
    },
    (error: unknown) => {
      failed = true;
      pending.length = 0;
      onFailure(error);
    },
  );
  return {
    write(line: string) {
      if (ready) ready.write(line);
      else if (!failed) pending.push(line);
    },
  };
}
