/**
 * Compaction of the change feed on a schedule: at most once a day per process, run after a sync
 * (the scheduler of `serve --http`, the `sync` command). Cheap when nothing is due (one index
 * probe per account); a failure is logged and never fails the sync it follows.
 */
import type { Logger } from '../logging/logger.js';
import type { StoreDatabase } from '../store/database.js';

const DAY_MS = 86_400_000;

export interface FeedCompactorOptions {
  database: Pick<StoreDatabase, 'compactEvents'>;
  retentionDays: number;
  now: () => Date;
  logger: Logger;
  /** Least time between two compactions of this process (default one day). */
  everyMs?: number;
}

/** Returns `compactIfDue`: compacts when the last compaction of this process is `everyMs` old (or none ran). */
export function createFeedCompactor(options: FeedCompactorOptions): () => Promise<{ removed: number } | null> {
  const everyMs = options.everyMs ?? DAY_MS;
  let lastAt: number | null = null;
  let running: Promise<{ removed: number } | null> | null = null;
  return () => {
    if (running) return running;
    const nowMs = options.now().getTime();
    if (lastAt !== null && nowMs - lastAt < everyMs) return Promise.resolve(null);
    lastAt = nowMs;
    running = options.database
      .compactEvents({ retentionDays: options.retentionDays })
      .then((result) => {
        if (result.removed > 0) options.logger.info({ removed: result.removed, retentionDays: options.retentionDays }, 'change feed compacted');
        return result;
      })
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'change feed compaction failed; it is tried again after the next sync');
        lastAt = null;
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}
