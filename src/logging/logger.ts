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
}

/** Creates the process logger. The file stream is created lazily by pino-roll with mode 0600. */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const streams: StreamEntry[] = [
    { level: (options.stderrLevel ?? 'trace') as StreamEntry['level'], stream: options.stderr ?? process.stderr },
  ];
  if (options.file && options.level !== 'silent') {
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const { default: pinoRoll } = await import('pino-roll');
    const fileStream = await pinoRoll({
      file: options.file,
      size: options.maxSize ?? '1m',
      limit: { count: options.keep ?? 5 },
      mkdir: true,
      mode: 0o600,
    });
    streams.push({ level: 'trace', stream: fileStream });
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
