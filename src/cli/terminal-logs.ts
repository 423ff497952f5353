/**
 * The terminal's share of a CLI command's log lines. While a progress display owns the terminal,
 * a log line written to it would be drawn over by the next redraw (or break the bars apart), so
 * lines are held back: with a log file they are already there (the file stream is separate) and
 * the terminal gets one line saying so; without one they are printed once the display is gone.
 */
import { dirname } from 'node:path';
import type { DestinationStream } from 'pino';

/** Lines kept for a terminal without a log file; beyond this only the count is kept. */
const MAX_HELD_LINES = 200;

export interface TerminalLogs {
  /** The stream the logger writes its terminal lines to (pass as `stderr` to createLogger). */
  stream: DestinationStream;
  /** Keeps lines off the terminal until the returned release is called (nested holds stack). */
  hold(): () => void;
}

/**
 * Creates the gate in front of `target` (default stderr). `logFile` is where the held lines can
 * be read (null: no file, so they are printed after the hold instead).
 */
export function createTerminalLogs(options: { logFile: string | null; target?: { write(text: string): unknown } }): TerminalLogs {
  const target = options.target ?? process.stderr;
  let holds = 0;
  let held: string[] = [];
  let count = 0;
  const flush = () => {
    const lines = held;
    const total = count;
    held = [];
    count = 0;
    if (total === 0) return;
    if (options.logFile !== null) {
      // pino-roll numbers the files it writes (wearables-mcp.1.log): name their folder.
      target.write(`${total} log ${total === 1 ? 'line' : 'lines'} written while the progress was shown: see the log in ${dirname(options.logFile)}\n`);
      return;
    }
    for (const line of lines) target.write(line);
    if (total > lines.length) target.write(`(${total - lines.length} more log lines not shown)\n`);
  };
  return {
    stream: {
      write(line: string) {
        if (holds === 0) return target.write(line);
        count++;
        if (options.logFile === null && held.length < MAX_HELD_LINES) held.push(line);
        return true;
      },
    },
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0) flush();
      };
    },
  };
}

let current: TerminalLogs | undefined;

/** Makes `logs` the gate that progress displays hold (set by the command's context). */
export function useTerminalLogs(logs: TerminalLogs | undefined): void {
  current = logs;
}

/** Holds the current gate, if any; returns the release. */
export function holdTerminalLogs(): () => void {
  return current ? current.hold() : () => undefined;
}
