/** A progress display for sync: a bar on a terminal, plain lines otherwise (both on stderr). */
import cliProgress from 'cli-progress';
import type { SyncProgress } from '../sync/sync-service.js';

export interface ProgressDisplay {
  update(progress: SyncProgress): void;
  /** Prints a line that must be seen (e.g. waiting for another sync), above the bar, even when quiet. */
  notice(message: string): void;
  stop(): void;
}

/**
 * Chooses the display for `stream` (default stderr). `quiet` (e.g. --json) prints no progress,
 * only notices: stdout stays clean, and a sync that waits still says why.
 */
export function createProgressDisplay(options: { quiet: boolean; stream?: NodeJS.WriteStream }): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  const line = (message: string) => stream.write(`${message}\n`);
  if (options.quiet) return { update: () => undefined, notice: line, stop: () => undefined };
  if (stream.isTTY) return barDisplay(stream, line);
  return {
    update(progress) {
      if (progress.done === progress.total) line(`synced ${progress.provider}/${progress.resource}: ${progress.fetched} fetched`);
    },
    notice: line,
    stop: () => undefined,
  };
}

function barDisplay(stream: NodeJS.WriteStream, line: (message: string) => void): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    { stream, format: ' {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = '';
  return {
    update(progress) {
      const key = `${progress.provider}/${progress.resource}`;
      const label = `${key} (${progress.fetched} fetched)`;
      if (started !== key) {
        if (started) bar.stop();
        bar.start(progress.total, progress.done, { label });
        started = key;
      } else {
        bar.update(progress.done, { label });
      }
    },
    notice(message) {
      // Written under a running bar, the line would be redrawn over: clear the bar, print, and
      // let the next update draw it again below.
      if (started) bar.stop();
      started = '';
      line(message);
    },
    stop() {
      if (started) bar.stop();
      started = '';
    },
  };
}
