/** A progress display for sync: a bar on a terminal, plain lines otherwise (both on stderr). */
import cliProgress from 'cli-progress';
import type { SyncProgress } from '../sync/sync-service.js';

export interface ProgressDisplay {
  update(progress: SyncProgress): void;
  stop(): void;
}

/** Chooses the display for the current stderr. `quiet` (e.g. --json) prints nothing. */
export function createProgressDisplay(options: { quiet: boolean }): ProgressDisplay {
  if (options.quiet) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: ' {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
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
      stop() {
        if (started) bar.stop();
      },
    };
  }
  return {
    update(progress) {
      if (progress.done === progress.total) {
        process.stderr.write(`synced ${progress.provider}/${progress.resource}: ${progress.fetched} fetched\n`);
      }
    },
    stop: () => undefined,
  };
}
