/**
 * Coverage intervals, open-window checks, cursors and the sync run audit on PostgreSQL. Window
 * bounds are canonical text (../windows.ts) in the "C" collation, compared as plain strings.
 * Coverage is merged under the account's row lock, so two processes never interleave a merge.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import type { OpenCheck, SyncRun } from '../store.js';
import { canonicalWindow, mergeInterval, subtractIntervals, type WindowFormat } from '../windows.js';
import type { Queryable } from './pg-context.js';

/** Checks older than this are of days long closed: pruned on the next write. */
const CHECK_KEEP_MS = 3 * 86_400_000;

export function instantOf(value: string, what: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new WearablesError('VALIDATION_ERROR', `${what} is not an ISO-8601 instant.`, { hint: 'Pass new Date().toISOString().' });
  return new Date(ms);
}

function formatOf(bound: string): WindowFormat {
  return bound.length === 10 ? 'day' : 'instant';
}

/** Marks `[start, end)` covered inside the caller's transaction (account row locked), merging touching intervals. */
export async function markCovered(client: Queryable, accountId: string, provider: ProviderId, resource: string, window: TimeWindow, syncedAt: Date): Promise<void> {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return;
  const any = await client.query<{ start: string }>('SELECT start FROM coverage WHERE account_id = $1 AND provider = $2 AND resource = $3 LIMIT 1', [
    accountId,
    provider,
    resource,
  ]);
  const existing = any.rows[0];
  if (existing && formatOf(existing.start) !== canonical.format) {
    throw new WearablesError('VALIDATION_ERROR', `Coverage of ${provider}/${resource} is kept in ${formatOf(existing.start)}s, but this window uses ${canonical.format}s.`, {
      hint: 'Use the windowing the resource declares (days or instants) for every coverage call, or clear its coverage first.',
    });
  }
  const { rows } = await client.query<{ start: string; end: string; first_synced_at: Date; last_synced_at: Date }>(
    `SELECT start, "end", first_synced_at, last_synced_at FROM coverage WHERE account_id = $1 AND provider = $2 AND resource = $3 AND start <= $4 AND "end" >= $5 ORDER BY start`,
    [accountId, provider, resource, canonical.end, canonical.start],
  );
  const { merged } = mergeInterval(rows, canonical);
  let first = syncedAt;
  let last = syncedAt;
  for (const row of rows) {
    if (row.first_synced_at < first) first = row.first_synced_at;
    if (row.last_synced_at > last) last = row.last_synced_at;
  }
  if (rows.length > 0) {
    await client.query('DELETE FROM coverage WHERE account_id = $1 AND provider = $2 AND resource = $3 AND start = ANY($4::text[])', [
      accountId,
      provider,
      resource,
      rows.map((row) => row.start),
    ]);
  }
  await client.query('INSERT INTO coverage (account_id, provider, resource, start, "end", first_synced_at, last_synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    accountId,
    provider,
    resource,
    merged.start,
    merged.end,
    first,
    last,
  ]);
}

export async function missingWindows(db: Queryable, accountId: string, provider: ProviderId, resource: string, window: TimeWindow): Promise<TimeWindow[]> {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return [];
  const { rows } = await db.query<TimeWindow>(
    'SELECT start, "end" FROM coverage WHERE account_id = $1 AND provider = $2 AND resource = $3 AND start < $4 AND "end" > $5 ORDER BY start',
    [accountId, provider, resource, canonical.end, canonical.start],
  );
  return subtractIntervals(
    { start: canonical.start, end: canonical.end },
    rows.filter((row) => formatOf(row.start) === canonical.format),
  );
}

/** Removes coverage and open-window checks of a provider (all resources or one). */
export async function clearCoverage(db: Queryable, accountId: string, provider: ProviderId, resource?: string): Promise<void> {
  for (const table of ['coverage', 'open_checks']) {
    if (resource === undefined) await db.query(`DELETE FROM ${table} WHERE account_id = $1 AND provider = $2`, [accountId, provider]);
    else await db.query(`DELETE FROM ${table} WHERE account_id = $1 AND provider = $2 AND resource = $3`, [accountId, provider, resource]);
  }
}

/** Records a complete fetch of an open window (replacing one with the same start) and prunes old checks. */
export async function markChecked(db: Queryable, accountId: string, provider: ProviderId, resource: string, window: TimeWindow, checkedAt: Date): Promise<void> {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return;
  await db.query('DELETE FROM open_checks WHERE account_id = $1 AND provider = $2 AND resource = $3 AND checked_at < $4', [
    accountId,
    provider,
    resource,
    new Date(checkedAt.getTime() - CHECK_KEEP_MS),
  ]);
  await db.query(
    `INSERT INTO open_checks (account_id, provider, resource, start, "end", checked_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (account_id, provider, resource, start) DO UPDATE SET "end" = excluded."end", checked_at = excluded.checked_at`,
    [accountId, provider, resource, canonical.start, canonical.end, checkedAt],
  );
}

export async function listChecks(db: Queryable, accountId: string, provider: ProviderId, resource: string): Promise<OpenCheck[]> {
  const { rows } = await db.query<{ start: string; end: string; checked_at: Date }>(
    'SELECT start, "end", checked_at FROM open_checks WHERE account_id = $1 AND provider = $2 AND resource = $3 ORDER BY checked_at DESC, start',
    [accountId, provider, resource],
  );
  return rows.map((row) => ({ start: row.start, end: row.end, checkedAt: row.checked_at.toISOString() }));
}

export async function getCursor(db: Queryable, accountId: string, provider: ProviderId, resource: string): Promise<string | null> {
  const { rows } = await db.query<{ cursor: string }>('SELECT cursor FROM cursors WHERE account_id = $1 AND provider = $2 AND resource = $3', [accountId, provider, resource]);
  return rows[0]?.cursor ?? null;
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

export async function setCursor(db: Queryable, accountId: string, provider: ProviderId, resource: string, cursor: string, at: Date): Promise<void> {
  validateCursor(cursor);
  await db.query(
    `INSERT INTO cursors (account_id, provider, resource, cursor, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (account_id, provider, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [accountId, provider, resource, cursor, at],
  );
}

export async function startSyncRun(db: Queryable, accountId: string, run: Pick<SyncRun, 'provider' | 'resources' | 'mode'>, at: Date): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sync_runs (account_id, provider, resources, mode, started_at, status) VALUES ($1, $2, $3, $4, $5, 'running') RETURNING id`,
    [accountId, run.provider, JSON.stringify(run.resources), run.mode, at],
  );
  return rows[0]?.id ?? 0;
}

export async function finishSyncRun(db: Queryable, accountId: string, id: number, result: Pick<SyncRun, 'status' | 'counts' | 'error'>, at: Date): Promise<void> {
  const updated = await db.query('UPDATE sync_runs SET finished_at = $3, status = $4, counts = $5, error = $6 WHERE account_id = $1 AND id = $2', [
    accountId,
    Number.isSafeInteger(id) ? id : -1,
    at,
    result.status,
    JSON.stringify(result.counts),
    result.error,
  ]);
  if ((updated.rowCount ?? 0) === 0) {
    throw new WearablesError('NOT_FOUND', `Sync run ${id} does not exist.`, { hint: 'Pass the id returned by startSyncRun.' });
  }
}

interface SyncRunRow {
  id: number;
  provider: string;
  resources: string[];
  mode: SyncRun['mode'];
  started_at: Date;
  finished_at: Date | null;
  status: SyncRun['status'];
  counts: SyncRun['counts'];
  error: string | null;
}

export async function listSyncRuns(db: Queryable, accountId: string, options: { provider?: ProviderId; limit?: number } = {}): Promise<SyncRun[]> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1) throw new WearablesError('VALIDATION_ERROR', 'limit must be a positive integer.', { hint: 'Use e.g. 20.' });
  const { rows } =
    options.provider === undefined
      ? await db.query<SyncRunRow>('SELECT * FROM sync_runs WHERE account_id = $1 ORDER BY id DESC LIMIT $2', [accountId, limit])
      : await db.query<SyncRunRow>('SELECT * FROM sync_runs WHERE account_id = $1 AND provider = $2 ORDER BY id DESC LIMIT $3', [accountId, options.provider, limit]);
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider as ProviderId,
    resources: row.resources,
    mode: row.mode,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    status: row.status,
    counts: row.counts,
    error: row.error,
  }));
}
