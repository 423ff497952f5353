/**
 * Open-window checks: when a resource's still-open recent window (days that may still change,
 * never marked covered) was last fetched completely. Kept in the `meta` table (one row per
 * provider, resource and window start) so every process sharing the cache sees the same freshness
 * and it survives restarts; no schema change.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import type { OpenCheck } from '../store.js';
import { canonicalWindow } from '../windows.js';
import type { SqliteContext } from './sqlite-context.js';

const PREFIX = 'open_check/';
/** Checks older than this are of days long closed: pruned on the next write. */
const KEEP_MS = 3 * 86_400_000;

function keyPrefix(provider: ProviderId, resource: string): string {
  return `${PREFIX}${provider}/${resource}/`;
}

/** Records a complete fetch of `window` by a run that started at `checkedAt` (replaces one with the same start). */
export function markChecked(context: SqliteContext, provider: ProviderId, resource: string, window: TimeWindow, checkedAt: string): void {
  const canonical = canonicalWindow(window);
  if (canonical.start === canonical.end) return;
  const atMs = Date.parse(checkedAt);
  if (Number.isNaN(atMs)) {
    throw new WearablesError('VALIDATION_ERROR', 'checkedAt is not an ISO-8601 instant.', { hint: 'Pass new Date().toISOString().' });
  }
  const at = new Date(atMs).toISOString();
  const prefix = keyPrefix(provider, resource);
  const upsert = context.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  context.db
    .transaction(() => {
      for (const check of readChecks(context, prefix)) {
        if (Date.parse(check.checkedAt) < atMs - KEEP_MS) context.statement('DELETE FROM meta WHERE key = ?').run(`${prefix}${check.start}`);
      }
      upsert.run(`${prefix}${canonical.start}`, JSON.stringify({ end: canonical.end, checkedAt: at }));
    })
    .immediate();
}

/** Every recorded check of a resource, newest first. */
export function listChecks(context: SqliteContext, provider: ProviderId, resource: string): OpenCheck[] {
  return readChecks(context, keyPrefix(provider, resource)).sort((a, b) => (a.checkedAt < b.checkedAt ? 1 : a.checkedAt > b.checkedAt ? -1 : 0));
}

/** Forgets the checks of a provider (all resources or one): the next read fetches the open window again. */
export function clearChecks(context: SqliteContext, provider: ProviderId, resource?: string): void {
  const prefix = resource === undefined ? `${PREFIX}${provider}/` : keyPrefix(provider, resource);
  context.statement('DELETE FROM meta WHERE key >= ? AND key < ?').run(prefix, `${prefix}\uffff`);
}

function readChecks(context: SqliteContext, prefix: string): OpenCheck[] {
  const rows = context.statement('SELECT key, value FROM meta WHERE key >= ? AND key < ?').all(prefix, `${prefix}\uffff`) as Array<{ key: string; value: string }>;
  const checks: OpenCheck[] = [];
  for (const row of rows) {
    try {
      const value = JSON.parse(row.value) as { end?: unknown; checkedAt?: unknown };
      if (typeof value.end === 'string' && typeof value.checkedAt === 'string') {
        checks.push({ start: row.key.slice(prefix.length), end: value.end, checkedAt: value.checkedAt });
      }
    } catch {
      // A damaged row only means one more fetch: it reads as "never checked".
    }
  }
  return checks;
}
