/**
 * A progress display for sync: on a terminal one line per provider (a cli-progress multi-bar) with
 * its resource, position and records fetched, or what it waits for; plain lines otherwise (both on
 * stderr). While the bars are shown, log lines stay off the terminal (cli/terminal-logs.ts).
 */
import cliProgress from 'cli-progress';
import type { SyncProgress, SyncWait } from '../sync/sync-service.js';
import { holdTerminalLogs } from './terminal-logs.js';

export interface ProgressDisplay {
  update(progress: SyncProgress): void;
  /** A provider's run waits for another process's sync: shown on its line (a plain line without a terminal). */
  waiting(wait: SyncWait): void;
  /** Prints a line that must be seen, above the bars, even when quiet. */
  notice(message: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** --json: no progress, only notices and waits (stdout stays clean, a waiting sync still says why). */
  quiet: boolean;
  stream?: NodeJS.WriteStream;
  /** Providers in display order with their number of resources (a line each from the start). */
  plan?: ReadonlyArray<{ provider: string; resources: number }>;
}

/** Chooses the display for the stream (default stderr). */
export function createProgressDisplay(options: ProgressOptions): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  const line = (message: string) => stream.write(`${message}\n`);
  if (options.quiet) return { update: () => undefined, waiting: (wait) => line(wait.message), notice: line, stop: () => undefined };
  if (stream.isTTY) return multiBarDisplay(stream, options.plan ?? []);
  return {
    update(progress) {
      if (progress.done === progress.total) line(`synced ${progress.provider}/${progress.resource}: ${progress.fetched} fetched`);
    },
    waiting: (wait) => line(wait.message),
    notice: line,
    stop: () => undefined,
  };
}

/** Bar positions per resource: a provider's bar runs from 0 to resources x STEPS. */
const STEPS = 1000;

interface ProviderLine {
  bar: cliProgress.SingleBar;
  resources: number;
  /** Resources seen, in order (they run one after another within a provider). */
  seen: string[];
  /** Fetched by the resources before the current one. */
  fetchedBefore: number;
  current?: SyncProgress;
}

function multiBarDisplay(stream: NodeJS.WriteStream, plan: ReadonlyArray<{ provider: string; resources: number }>): ProgressDisplay {
  const width = Math.max(8, ...plan.map((entry) => entry.provider.length));
  const multi = new cliProgress.MultiBar(
    { stream, format: ' {name} {bar} {step}', barsize: 20, hideCursor: true, clearOnComplete: true, gracefulExit: false, fps: 8 },
    cliProgress.Presets.shades_classic,
  );
  const lines = new Map<string, ProviderLine>();
  let release: (() => void) | undefined;
  const lineOf = (provider: string, resources = 1): ProviderLine => {
    let entry = lines.get(provider);
    if (!entry) {
      release ??= holdTerminalLogs();
      const bar = multi.create(Math.max(1, resources) * STEPS, 0, { name: provider.padEnd(width), step: 'starting' });
      lines.set(provider, (entry = { bar, resources: Math.max(1, resources), seen: [], fetchedBefore: 0 }));
    }
    return entry;
  };
  for (const entry of plan) lineOf(entry.provider, entry.resources);
  return {
    update(progress) {
      const entry = lineOf(progress.provider);
      if (entry.seen.at(-1) !== progress.resource) {
        entry.fetchedBefore += entry.current?.fetched ?? 0;
        entry.seen.push(progress.resource);
        if (entry.seen.length > entry.resources) {
          entry.resources = entry.seen.length;
          entry.bar.setTotal(entry.resources * STEPS);
        }
      }
      entry.current = progress;
      const finished = entry.seen.length - 1 + (progress.total > 0 ? progress.done / progress.total : 1);
      const fetched = entry.fetchedBefore + progress.fetched;
      const step = `${entry.seen.length}/${entry.resources} ${progress.resource}  ${fetched.toLocaleString('en-US')} fetched`;
      entry.bar.update(Math.round(finished * STEPS), { step });
    },
    waiting(wait) {
      lineOf(wait.provider).bar.update({ step: wait.message.replace(/ of \S+ /, ' ') });
    },
    notice(message) {
      if (lines.size === 0) return void stream.write(`${message}\n`);
      // Printed above the bars by a redraw, never drawn over.
      multi.log(`${message}\n`);
      multi.update();
    },
    stop() {
      if (lines.size > 0) multi.stop();
      lines.clear();
      release?.();
      release = undefined;
    },
  };
}
