/**
 * Writing records: idempotent upserts that emit change events, and deletion reconciliation.
 * Validation and hashing happen before the transaction so the write lock is held briefly.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { canonicalJson, contentHash } from '../canonical-json.js';
import type { ChangeKind, StorableRecord, UpsertResult } from '../store.js';
import { isDay } from '../../core/time/days.js';
import { dayWindow } from '../windows.js';
import type { AccountContext } from './sqlite-context.js';

/** One record turned into the column values it is stored as. */
export interface RecordRowValues {
  provider: string;
  resource: string;
  id: string;
  day: string | null;
  start: string | null;
  end: string | null;
  tzOffset: string | null;
  updatedAt: string | null;
  data: string;
  raw: string | null;
  contentHash: string;
}

interface ExistingRow {
  content_hash: string;
  data: string;
  day: string | null;
  start: string | null;
  end: string | null;
  tz_offset: string | null;
  updated_at: string | null;
}

const SELECT_EXISTING =
  'SELECT content_hash, data, day, start, "end", tz_offset, updated_at FROM records WHERE account_id = ? AND provider = ? AND resource = ? AND id = ?';
const UPSERT = `INSERT INTO records (account_id, provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (account_id, provider, resource, id) DO UPDATE SET day = excluded.day, start = excluded.start, "end" = excluded."end",
  tz_offset = excluded.tz_offset, updated_at = excluded.updated_at, data = excluded.data, raw = excluded.raw,
  content_hash = excluded.content_hash, stored_at = excluded.stored_at`;
const INSERT_EVENT = 'INSERT INTO events (account_id, seq, at, provider, resource, record_id, day, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const NEXT_SEQ = 'UPDATE accounts SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq';

/**
 * Appends one event to the account's feed. The seq comes from `accounts.event_seq`, incremented
 * in the writing transaction: an account's events are numbered in commit order, so a poller
 * following its cursor never skips one.
 */
export function appendEvent(context: AccountContext, at: string, provider: string, resource: string, id: string, day: string | null, change: ChangeKind): void {
  const row = context.statement(NEXT_SEQ).get(context.accountId) as { event_seq: number } | undefined;
  if (!row) {
    throw new WearablesError('NOT_FOUND', `Account ${context.accountId} does not exist.`, { hint: 'Create the account first (accounts.ensure).' });
  }
  context.statement(INSERT_EVENT).run(context.accountId, row.event_seq, at, provider, resource, id, day, change);
}

/** Validates and serializes records (before any transaction); throws VALIDATION_ERROR on the first bad one. */
export function prepareRecords(records: readonly StorableRecord[]): RecordRowValues[] {
  return records.map(toRowValues);
}

/** Writes prepared rows; call inside a transaction. Unchanged content is not written and emits no event. */
export function applyRecords(context: AccountContext, rows: readonly RecordRowValues[]): UpsertResult {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return result;
  const select = context.statement(SELECT_EXISTING);
  const upsert = context.statement(UPSERT);
  const at = context.now().toISOString();
  for (const row of rows) {
    const existing = select.get(context.accountId, row.provider, row.resource, row.id) as ExistingRow | undefined;
    if (existing && isSameContent(existing, row)) {
      result.unchanged += 1;
      continue;
    }
    upsert.run(context.accountId, row.provider, row.resource, row.id, row.day, row.start, row.end, row.tzOffset, row.updatedAt, row.data, row.raw, row.contentHash, at);
    appendEvent(context, at, row.provider, row.resource, row.id, row.day, existing ? 'updated' : 'created');
    if (existing) result.updated += 1;
    else result.created += 1;
  }
  return result;
}

/** Inserts/updates records in one transaction; unchanged content is not written and emits no event. */
export function upsertRecords(context: AccountContext, records: readonly StorableRecord[]): UpsertResult {
  const rows = prepareRecords(records);
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  return context.db.transaction(() => applyRecords(context, rows)).immediate();
}

/** Deletes missing records of a (validated) day window; call inside a transaction. */
export function applyDeleteMissing(context: AccountContext, provider: ProviderId, resource: string, days: TimeWindow, keepIds: readonly string[]): number {
  const keep = new Set(keepIds);
  const select = context.statement('SELECT id, day FROM records WHERE account_id = ? AND provider = ? AND resource = ? AND day >= ? AND day < ?');
  const remove = context.statement('DELETE FROM records WHERE account_id = ? AND provider = ? AND resource = ? AND id = ?');
  const at = context.now().toISOString();
  let deleted = 0;
  const stored = select.all(context.accountId, provider, resource, days.start, days.end) as Array<{ id: string; day: string | null }>;
  for (const row of stored) {
    if (keep.has(row.id)) continue;
    remove.run(context.accountId, provider, resource, row.id);
    appendEvent(context, at, provider, resource, row.id, row.day, 'deleted');
    deleted += 1;
  }
  return deleted;
}

/**
 * Deletes records of `resource` whose day lies in `[window.start, window.end)` and whose id is
 * not in `keepIds`, with one `deleted` event each.
 */
export function deleteMissing(context: AccountContext, provider: ProviderId, resource: string, window: TimeWindow, keepIds: readonly string[]): number {
  const days = dayWindow(window);
  return context.db.transaction(() => applyDeleteMissing(context, provider, resource, days, keepIds)).immediate();
}

/**
 * Same content = same raw payload hash AND the same normalized columns. The second half matters
 * when a newer normalizer derives different fields from a byte-identical raw payload.
 */
function isSameContent(existing: ExistingRow, row: RecordRowValues): boolean {
  return (
    existing.content_hash === row.contentHash &&
    existing.data === row.data &&
    existing.day === row.day &&
    existing.start === row.start &&
    existing.end === row.end &&
    existing.tz_offset === row.tzOffset &&
    existing.updated_at === row.updatedAt
  );
}

function toRowValues(record: StorableRecord): RecordRowValues {
  validateRecord(record);
  const hasRaw = record.raw !== undefined && record.raw !== null;
  return {
    provider: record.provider,
    resource: record.resource,
    id: record.id,
    day: record.day ?? null,
    start: record.start ?? null,
    end: record.end ?? null,
    tzOffset: record.tzOffset ?? null,
    updatedAt: record.updatedAt ?? null,
    data: canonicalJson(record.data),
    raw: hasRaw ? JSON.stringify(record.raw) : null,
    contentHash: contentHash(hasRaw ? record.raw : record.data),
  };
}

function validateRecord(record: StorableRecord): void {
  const where = `${String(record.provider)}/${String(record.resource)}/${String(record.id)}`;
  const fail = (problem: string, hint: string): never => {
    throw new WearablesError('VALIDATION_ERROR', `Record ${where.slice(0, 120)} ${problem}; nothing in this batch was stored.`, { hint });
  };
  if (!isProviderIdShape(record.provider)) fail('has no valid provider id', 'Set `provider` to the registered provider id (lowercase letters, digits, dashes).');
  if (typeof record.resource !== 'string' || record.resource === '') fail('has no resource name', 'Set `resource` to the provider resource name.');
  if (typeof record.id !== 'string' || record.id === '') fail('has no id', 'Set `id` to the provider document id (or the day for day documents).');
  if (record.day !== null && record.day !== undefined && !isDay(record.day)) fail('has a day that is not YYYY-MM-DD', 'Normalize `day` to the local calendar day, e.g. 2024-05-01.');
  if (typeof record.data !== 'object' || record.data === null || Array.isArray(record.data)) fail('has no data object', 'Set `data` to an object of normalized fields.');
  for (const field of ['start', 'end', 'tzOffset', 'updatedAt'] as const) {
    const value = record[field];
    if (value !== null && value !== undefined && typeof value !== 'string') fail(`has a non-string ${field}`, `Give ${field} as an ISO-8601 string or null.`);
  }
}
