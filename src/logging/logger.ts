/**
 * Structured JSON logs on stderr and in a size-rotated file (pino + pino-roll). stdout is never
 * written: over stdio it belongs to the MCP protocol. Secrets are scrubbed from every line.
 */
import type { DestinationStream, LogFn, StreamEntry } from 'pino';
import { WearablesError } from '../core/errors.js';
import { isProgrammingError } from '../core/thrown-errors.js';
import { deferredLogger } from './deferred-logger.js';
import { bufferUntil, fallbackLine, guardStream, logFileError, openRotatingFile, probeLogDirectory } from './log-file.js';
import { REDACT_PATHS, scrubSecrets } from './secrets.js';

/**
 * What the project logs through: pino's logger, or (in `serve`, while pino loads) the deferred
 * one. pino is imported only when a logger is created, never by importing this module.
 */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** Writes buffered lines out (pino's; absent on the others). */
  flush?(): void;
}

export interface LoggerOptions {
  level: string;
  /** Rotated log file path; null disables the file. */
  file: string | null;
  /** Where console lines go (default: process.stderr). Tests pass a collector. */
  stderr?: DestinationStream;
  /** Minimum level written to stderr (default: `level`); CLI commands keep the terminal quiet. */
  stderrLevel?: string;
  /** Rotate at this size (pino-roll syntax), default 1m; keep `keep` old files. */
  maxSize?: string;
  keep?: number;
  /**
   * Open the file in the background (lines written meanwhile are buffered, none lost): keeps
   * the file stream's setup off the start-up path of `serve`.
   */
  deferFile?: boolean;
  /** The user named the file (LOG_FILE / config.json): failing to open it is a FILE_ERROR. */
  fileRequired?: boolean;
  /** `createDeferredLogger`: how long after start-up pino starts loading (default 1 s). */
  startAfterMs?: number;
}

/** `serve` answers its first requests (~0.5 s) before pino loads. */
const DEFERRED_START_MS = 1_000;

/**
 * Creates the process logger. The file stream is created by pino-roll with mode 0600. A log
 * folder that cannot be written falls back to stderr with one line, or throws FILE_ERROR when
 * `fileRequired` (the user named the file). Stacks of unexpected errors reach the file only.
 */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const { pino } = await import('pino');
  const stderr = options.stderr ?? process.stderr;
  const streams: StreamEntry[] = [
    { level: (options.stderrLevel ?? 'trace') as StreamEntry['level'], stream: withoutStacks(stderr) },
  ];
  const file = options.file && options.level !== 'silent' ? await fileStream(options, options.file, stderr) : undefined;
  if (file) streams.push({ level: 'trace', stream: file });
  const logger: Logger = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: scrubSecrets },
      serializers: { err: serializeError, error: serializeError },
    },
    pino.multistream(streams),
  );
  return logger;
}

async function fileStream(options: LoggerOptions, file: string, stderr: DestinationStream): Promise<DestinationStream | undefined> {
  const fallBack = (error: unknown) => stderr.write(fallbackLine(file, error));
  const fail = (error: unknown): undefined => {
    if (options.fileRequired) throw logFileError(file, error);
    fallBack(error);
    return undefined;
  };
  const problem = probeLogDirectory(file);
  if (problem !== undefined) return fail(problem);
  const opening = openRotatingFile(file, options.maxSize ?? '1m', options.keep ?? 5).then((stream) => guardStream(stream, fallBack));
  if (options.deferFile) return bufferUntil(opening, fallBack);
  return opening.catch(fail);
}

/** Stacks belong in the log file: the terminal (and an MCP client showing stderr) gets the line without. */
function withoutStacks(stream: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      if (!line.includes('"stack":')) return stream.write(line);
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        for (const key of ['err', 'error']) {
          const value = record[key];
          if (value && typeof value === 'object') delete (value as Record<string, unknown>).stack;
        }
        return stream.write(`${JSON.stringify(record)}\n`);
      } catch {
        return stream.write(line);
      }
    },
  };
}

/**
 * `createLogger` for `serve`: a logger usable at once, pino loading and the file opening in the
 * background, so neither is on the way to the first answer. A user-named log file whose folder
 * cannot be written is still a FILE_ERROR here, before anything is served.
 */
export function createDeferredLogger(options: LoggerOptions): Logger {
  if (options.file && options.fileRequired && options.level !== 'silent') {
    const problem = probeLogDirectory(options.file);
    if (problem !== undefined) throw logFileError(options.file, problem);
  }
  const stderr = options.stderr ?? process.stderr;
  // pino (~30 ms to import) loads once start-up is over: after `startAfterMs`, or at once for a
  // warning or worse, or when the event loop is about to empty (a short-lived process still
  // writes its lines). Until then lines wait, in order, in the deferred logger.
  let begin: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    begin = resolve;
  });
  const timer = setTimeout(begin, options.startAfterMs ?? DEFERRED_START_MS);
  timer.unref();
  process.once('beforeExit', begin);
  const loading = started.then(() => {
    clearTimeout(timer);
    process.removeListener('beforeExit', begin);
    return createLogger({ ...options, deferFile: true });
  });
  return deferredLogger(
    loading,
    (error) => {
      stderr.write(`wearables-mcp: logging is off: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
    },
    { onUrgent: () => begin() },
  );
}

const ignore: LogFn = () => undefined;

/** A logger that writes nothing (library use, tests that do not look at logs). */
export function silentLogger(): Logger {
  return { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore, fatal: ignore };
}

/**
 * Errors are logged by code and message, never with request bodies. A bug (TypeError, ...; or
 * an INTERNAL_ERROR wrapping one) also carries its stack, which only the log file keeps.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object') {
    const record = error as { name?: unknown; code?: unknown; message?: unknown; statusCode?: unknown };
    const bug = bugBehind(error);
    return {
      type: typeof record.name === 'string' ? record.name : 'Error',
      code: record.code,
      message: typeof record.message === 'string' ? scrubSecrets(record.message) : undefined,
      statusCode: record.statusCode,
      ...(bug?.stack ? { stack: scrubSecrets(bug.stack) } : {}),
    };
  }
  return { message: scrubSecrets(String(error)) };
}

function bugBehind(error: object): Error | undefined {
  if (isProgrammingError(error)) return error as Error;
  if (error instanceof WearablesError && error.code === 'INTERNAL_ERROR' && error.cause instanceof Error) return error.cause;
  return undefined;
}
