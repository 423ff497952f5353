/** Per-resource cursors and the `sync_runs` audit trail of one account. */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import type { SyncRun } from '../store.js';
import type { AccountContext } from './sqlite-context.js';

interface SyncRunRow {
  id: number;
  provider: string;
  resources: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts: string;
  error: string | null;
}

/** Longest cursor kept (the engine's cursors are instants or days). */
const MAX_CURSOR_LENGTH = 1_000;

/** Refuses an empty or oversized cursor before anything is written. */
export function validateCursor(cursor: string): void {
  if (typeof cursor !== 'string' || cursor === '' || cursor.length > MAX_CURSOR_LENGTH) {
    throw new WearablesError('VALIDATION_ERROR', `A sync cursor must be a non-empty string of at most ${MAX_CURSOR_LENGTH} characters.`, {
      hint: 'Pass the end of the last completely stored window (a day or an ISO-8601 instant).',
    });
  }
}

/** The stored cursor of a resource, or null. */
export function getCursor(context: AccountContext, provider: ProviderId, resource: string): string | null {
  const row = context.statement('SELECT cursor FROM cursors WHERE account_id = ? AND provider = ? AND resource = ?').get(context.accountId, provider, resource) as
    | { cursor: string }
    | undefined;
  return row?.cursor ?? null;
}

/** Stores (replaces) the cursor of a resource. */
export function setCursor(context: AccountContext, provider: ProviderId, resource: string, cursor: string): void {
  validateCursor(cursor);
  context
    .statement(
      `INSERT INTO cursors (account_id, provider, resource, cursor, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (account_id, provider, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    )
    .run(context.accountId, provider, resource, cursor, context.now().toISOString());
}

/** Opens an audit row in status `running`; returns its id. */
export function startSyncRun(context: AccountContext, run: Pick<SyncRun, 'provider' | 'resources' | 'mode'>): number {
  const result = context
    .statement("INSERT INTO sync_runs (account_id, provider, resources, mode, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')")
    .run(context.accountId, run.provider, JSON.stringify(run.resources), run.mode, context.now().toISOString());
  return Number(result.lastInsertRowid);
}

/** Closes an audit row of this account with its outcome. */
export function finishSyncRun(context: AccountContext, id: number, result: Pick<SyncRun, 'status' | 'counts' | 'error'>): void {
  const changes = context
    .statement('UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, error = ? WHERE id = ? AND account_id = ?')
    .run(context.now().toISOString(), result.status, JSON.stringify(result.counts), result.error, id, context.accountId).changes;
  if (changes === 0) {
    throw new WearablesError('NOT_FOUND', `Sync run ${id} does not exist.`, { hint: 'Pass the id returned by startSyncRun.' });
  }
}

/** Newest runs first. */
export function listSyncRuns(context: AccountContext, options: { provider?: ProviderId; limit?: number } = {}): SyncRun[] {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new WearablesError('VALIDATION_ERROR', 'limit must be a positive integer.', { hint: 'Use e.g. 20.' });
  }
  const rows = (
    options.provider === undefined
      ? context.statement('SELECT * FROM sync_runs WHERE account_id = ? ORDER BY id DESC LIMIT ?').all(context.accountId, limit)
      : context.statement('SELECT * FROM sync_runs WHERE account_id = ? AND provider = ? ORDER BY id DESC LIMIT ?').all(context.accountId, options.provider, limit)
  ) as SyncRunRow[];
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider as ProviderId,
    resources: JSON.parse(row.resources) as string[],
    mode: row.mode as SyncRun['mode'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as SyncRun['status'],
    counts: JSON.parse(row.counts) as SyncRun['counts'],
    error: row.error,
  }));
}
