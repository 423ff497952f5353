/**
 * Coverage: the merged intervals of each resource known to be completely synced. Bounds are
 * canonical text (see ../windows.ts), so SQL compares them as plain strings.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import { canonicalWindow, mergeInterval, subtractIntervals, type WindowFormat } from '../windows.js';
import type { AccountContext } from './sqlite-context.js';

interface CoverageRow {
  start: string;
  end: string;
  first_synced_at: string;
  last_synced_at: string;
}

/** Marks `[start, end)` covered, merging it with every overlapping or adjacent interval. */
export function markCovered(context: AccountContext, provider: ProviderId, resource: string, window: TimeWindow, syncedAt: string): void {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return;
  const syncedAtMs = Date.parse(syncedAt);
  if (Number.isNaN(syncedAtMs)) {
    throw new WearablesError('VALIDATION_ERROR', 'syncedAt is not an ISO-8601 instant.', { hint: 'Pass new Date().toISOString().' });
  }
  const at = new Date(syncedAtMs).toISOString();
  const touching = context.statement(
    'SELECT start, "end", first_synced_at, last_synced_at FROM coverage WHERE account_id = ? AND provider = ? AND resource = ? AND start <= ? AND "end" >= ? ORDER BY start',
  );
  const remove = context.statement('DELETE FROM coverage WHERE account_id = ? AND provider = ? AND resource = ? AND start = ?');
  const insert = context.statement(
    'INSERT INTO coverage (account_id, provider, resource, start, "end", first_synced_at, last_synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  context.db
    .transaction(() => {
      assertSameFormat(context, provider, resource, canonical.format);
      const rows = touching.all(context.accountId, provider, resource, canonical.end, canonical.start) as CoverageRow[];
      const { merged } = mergeInterval(rows, canonical);
      let first = at;
      let last = at;
      for (const row of rows) {
        if (row.first_synced_at < first) first = row.first_synced_at;
        if (row.last_synced_at > last) last = row.last_synced_at;
        remove.run(context.accountId, provider, resource, row.start);
      }
      insert.run(context.accountId, provider, resource, merged.start, merged.end, first, last);
    })
    .immediate();
}

/** The gaps of `window` not covered yet, ascending. */
export function missingWindows(context: AccountContext, provider: ProviderId, resource: string, window: TimeWindow): TimeWindow[] {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return [];
  const rows = context
    .statement('SELECT start, "end" FROM coverage WHERE account_id = ? AND provider = ? AND resource = ? AND start < ? AND "end" > ? ORDER BY start')
    .all(context.accountId, provider, resource, canonical.end, canonical.start) as TimeWindow[];
  const sameFormat = rows.filter((row) => formatOf(row.start) === canonical.format);
  return subtractIntervals({ start: canonical.start, end: canonical.end }, sameFormat);
}

/** Removes coverage of a provider (all resources or one). */
export function clearCoverage(context: AccountContext, provider: ProviderId, resource?: string): void {
  if (resource === undefined) context.statement('DELETE FROM coverage WHERE account_id = ? AND provider = ?').run(context.accountId, provider);
  else context.statement('DELETE FROM coverage WHERE account_id = ? AND provider = ? AND resource = ?').run(context.accountId, provider, resource);
}

function formatOf(bound: string): WindowFormat {
  return bound.length === 10 ? 'day' : 'instant';
}

/** A resource keeps one bound format; mixing days and instants would make string order lie. */
function assertSameFormat(context: AccountContext, provider: ProviderId, resource: string, format: WindowFormat): void {
  const row = context.statement('SELECT start FROM coverage WHERE account_id = ? AND provider = ? AND resource = ? LIMIT 1').get(context.accountId, provider, resource) as
    | { start: string }
    | undefined;
  if (row && formatOf(row.start) !== format) {
    throw new WearablesError('VALIDATION_ERROR', `Coverage of ${provider}/${resource} is kept in ${formatOf(row.start)}s, but this window uses ${format}s.`, {
      hint: 'Use the windowing the resource declares (days or instants) for every coverage call, or clear its coverage first.',
    });
  }
}
