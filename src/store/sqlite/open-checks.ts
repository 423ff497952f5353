/**
 * Open-window checks: when a resource's still-open recent window (days that may still change,
 * never marked covered) was last fetched completely. One row per account, provider, resource and
 * window start in `open_checks`, so every process sharing the cache sees the same freshness and it
 * survives restarts.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import type { OpenCheck } from '../store.js';
import { canonicalWindow } from '../windows.js';
import type { AccountContext } from './sqlite-context.js';

/** Checks older than this are of days long closed: pruned on the next write. */
const KEEP_MS = 3 * 86_400_000;

/** Validates a check before anything is written; returns the canonical window and instant. */
export function validateCheck(window: TimeWindow, checkedAt: string): { start: string; end: string; at: string } {
  const canonical = canonicalWindow(window);
  const atMs = Date.parse(checkedAt);
  if (Number.isNaN(atMs)) {
    throw new WearablesError('VALIDATION_ERROR', 'checkedAt is not an ISO-8601 instant.', { hint: 'Pass new Date().toISOString().' });
  }
  return { start: canonical.start, end: canonical.end, at: new Date(atMs).toISOString() };
}

/** Records a complete fetch of `window` by a run that started at `checkedAt` (replaces one with the same start). */
export function markChecked(context: AccountContext, provider: ProviderId, resource: string, window: TimeWindow, checkedAt: string): void {
  const check = validateCheck(window, checkedAt);
  if (check.start === check.end) return;
  const prune = context.statement('DELETE FROM open_checks WHERE account_id = ? AND provider = ? AND resource = ? AND checked_at < ?');
  const upsert = context.statement(
    `INSERT INTO open_checks (account_id, provider, resource, start, "end", checked_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (account_id, provider, resource, start) DO UPDATE SET "end" = excluded."end", checked_at = excluded.checked_at`,
  );
  context.db
    .transaction(() => {
      prune.run(context.accountId, provider, resource, new Date(Date.parse(check.at) - KEEP_MS).toISOString());
      upsert.run(context.accountId, provider, resource, check.start, check.end, check.at);
    })
    .immediate();
}

/** Every recorded check of a resource, newest first. */
export function listChecks(context: AccountContext, provider: ProviderId, resource: string): OpenCheck[] {
  return context
    .statement('SELECT start, "end", checked_at AS checkedAt FROM open_checks WHERE account_id = ? AND provider = ? AND resource = ? ORDER BY checked_at DESC, start DESC')
    .all(context.accountId, provider, resource) as OpenCheck[];
}

/** Forgets the checks of a provider (all resources or one): the next read fetches the open window again. */
export function clearChecks(context: AccountContext, provider: ProviderId, resource?: string): void {
  if (resource === undefined) context.statement('DELETE FROM open_checks WHERE account_id = ? AND provider = ?').run(context.accountId, provider);
  else context.statement('DELETE FROM open_checks WHERE account_id = ? AND provider = ? AND resource = ?').run(context.accountId, provider, resource);
}
