/**
 * The background scheduler of `serve --http`: an incremental sync of every connected provider
 * every `intervalMs` (default 2 hours) plus a random jitter, so many servers do not hit a
 * provider at the same minute. Runs never overlap: the next run is planned only after the
 * previous one finished, `runNow` joins a running run, and the sync engine's per-provider lock
 * joins any sync started elsewhere (a tool, a webhook). `stop` aborts a running sync, which
 * keeps every chunk already stored and resumes after it next time. After a run, `afterRun`
 * (the change feed's daily compaction) runs before the next run is planned.
 */
import type { Logger } from '../logging/logger.js';
import type { SyncReport, SyncService } from '../sync/sync-service.js';

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncSchedulerOptions {
  sync: Pick<SyncService, 'sync'>;
  logger: Logger;
  /** Time between the end of one run and the start of the next; 0 disables the scheduler. */
  intervalMs: number;
  /** Up to this much random delay is added to every wait. */
  jitterMs: number;
  /** Delay before the first run (default: the jitter alone, so a restart syncs soon). */
  initialDelayMs?: number;
  random?: () => number;
  timers?: SchedulerTimers;
  now?: () => Date;
  /** Housekeeping after each run, before the next is planned (change feed compaction); its failure is logged. */
  afterRun?: () => Promise<unknown>;
}

/** What `/health` shows about the scheduler. */
export interface SchedulerState {
  enabled: boolean;
  interval_seconds: number;
  running: boolean;
  runs: number;
  last_run: { started_at: string; finished_at: string; statuses: Record<string, string> } | null;
  next_run_at: string | null;
}

export interface SyncScheduler {
  start(): void;
  /** Runs now, or joins the run in progress. */
  runNow(): Promise<SyncReport | undefined>;
  /** Cancels the timer, aborts a running sync and waits for it to checkpoint. */
  stop(): Promise<void>;
  state(): SchedulerState;
}

const defaultTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Creates a scheduler (call `start`). */
export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const timers = options.timers ?? defaultTimers;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  let timer: unknown;
  let nextRunAt: Date | null = null;
  let running: Promise<SyncReport | undefined> | undefined;
  let abort: AbortController | undefined;
  let stopped = true;
  let runs = 0;
  let lastRun: SchedulerState['last_run'] = null;

  const jitter = () => Math.floor(random() * (options.jitterMs + 1));

  function plan(delayMs: number): void {
    if (stopped || options.intervalMs <= 0) return;
    nextRunAt = new Date(now().getTime() + delayMs);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void runNow().finally(() => plan(options.intervalMs + jitter()));
    }, delayMs);
  }

  function runNow(): Promise<SyncReport | undefined> {
    if (running) return running;
    abort = new AbortController();
    const startedAt = now().toISOString();
    nextRunAt = null;
    runs++;
    running = options.sync
      .sync({ signal: abort.signal })
      .then((report) => {
        const statuses = Object.fromEntries(report.results.map((result) => [result.provider, result.status]));
        lastRun = { started_at: startedAt, finished_at: now().toISOString(), statuses };
        options.logger.info({ statuses }, 'scheduled sync finished');
        return report;
      })
      .catch((error: unknown) => {
        lastRun = { started_at: startedAt, finished_at: now().toISOString(), statuses: { all: 'failed' } };
        options.logger.warn({ err: error }, 'scheduled sync failed');
        return undefined;
      })
      .then(async (report) => {
        try {
          await options.afterRun?.();
        } catch (error) {
          options.logger.warn({ err: error }, 'housekeeping after the scheduled sync failed');
        }
        return report;
      })
      .finally(() => {
        running = undefined;
        abort = undefined;
      });
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      plan(options.initialDelayMs ?? jitter());
    },
    runNow,
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      nextRunAt = null;
      abort?.abort();
      await running;
    },
    state: () => ({
      enabled: options.intervalMs > 0,
      interval_seconds: Math.round(options.intervalMs / 1000),
      running: running !== undefined,
      runs,
      last_run: lastRun,
      next_run_at: nextRunAt?.toISOString() ?? null,
    }),
  };
}
