/**
 * A logger usable at once while the real one (pino) loads: `serve` keeps pino's import and set-up
 * off its start-up path (measured in bench/cold-start.mjs). Lines logged meanwhile are kept, in
 * order, and written when the logger arrives; past MAX_PENDING_LINES they are counted, not kept.
 */
import type { Logger } from './logger.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

/** Lines kept while the logger loads (start-up logs a handful). */
export const MAX_PENDING_LINES = 1_000;

function write(logger: Logger, level: Level, args: unknown[]): void {
  (logger[level] as (...values: unknown[]) => void).apply(logger, args);
}

/**
 * A logger that forwards to the one `loading` resolves to. When loading fails, `onFailure` gets
 * the error once and later lines are dropped (there is nowhere to write them). A warning or worse
 * logged before it arrives calls `onUrgent` (the caller starts loading at once).
 */
export function deferredLogger(loading: Promise<Logger>, onFailure: (error: unknown) => void, options: { onUrgent?: () => void } = {}): Logger {
  let target: Logger | undefined;
  let failed = false;
  let dropped = 0;
  const pending: Array<[Level, unknown[]]> = [];
  loading.then(
    (logger) => {
      target = logger;
      for (const [level, args] of pending.splice(0)) write(logger, level, args);
      if (dropped > 0) logger.warn({ dropped }, 'log lines dropped while the logger was loading');
    },
    (error: unknown) => {
      failed = true;
      pending.length = 0;
      onFailure(error);
    },
  );
  const urgent = new Set<Level>(['warn', 'error', 'fatal']);
  const method = (level: Level) => (...args: unknown[]) => {
    if (!target && urgent.has(level)) options.onUrgent?.();
    if (target) write(target, level, args);
    else if (failed) return;
    else if (pending.length < MAX_PENDING_LINES) pending.push([level, args]);
    else dropped++;
  };
  const methods = Object.fromEntries(LEVELS.map((level) => [level, method(level)])) as unknown as Omit<Logger, 'flush'>;
  return { ...methods, flush: () => target?.flush?.() };
}
