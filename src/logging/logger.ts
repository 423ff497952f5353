/**
 * Structured JSON logs on stderr and in a size-rotated file (pino + pino-roll). stdout is never
 * written: over stdio it belongs to the MCP protocol. Secrets are scrubbed from every line.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger, type DestinationStream, type StreamEntry } from 'pino';
import { REDACT_PATHS, scrubSecrets } from './secrets.js';

export type { Logger };

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
}

/** Creates the process logger. The file stream is created lazily by pino-roll with mode 0600. */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const streams: StreamEntry[] = [
    { level: (options.stderrLevel ?? 'trace') as StreamEntry['level'], stream: options.stderr ?? process.stderr },
  ];
  if (options.file && options.level !== 'silent') {
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const opening = openRotatingFile(options.file, options.maxSize ?? '1m', options.keep ?? 5);
    streams.push({ level: 'trace', stream: options.deferFile ? bufferUntil(opening) : await opening });
  }
  return pino(
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
}

async function openRotatingFile(file: string, size: string, keep: number): Promise<DestinationStream> {
  const { default: pinoRoll } = await import('pino-roll');
  return pinoRoll({ file, size, limit: { count: keep }, mkdir: true, mode: 0o600 });
}

/** A stream that buffers lines until `target` resolves, then writes through (drops on failure). */
function bufferUntil(target: Promise<DestinationStream>): DestinationStream {
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
      process.stderr.write(`wearables-mcp: log file unavailable (${error instanceof Error ? error.message : String(error)}); logging to stderr only\n`);
    },
  );
  return {
    write(line: string) {
      if (ready) ready.write(line);
      else if (!failed) pending.push(line);
    },
  };
}

/** A logger that writes nothing (library use, tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Errors are logged by code and message only: never stacks with request bodies or causes. */
function serializeError(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object') {
    const record = error as { name?: unknown; code?: unknown; message?: unknown; statusCode?: unknown };
    return {
      type: typeof record.name === 'string' ? record.name : 'Error',
      code: record.code,
      message: typeof record.message === 'string' ? scrubSecrets(record.message) : undefined,
      statusCode: record.statusCode,
    };
  }
  return { message: scrubSecrets(String(error)) };
}
