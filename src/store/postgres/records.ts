/**
 * Records on PostgreSQL: bulk upserts whose "unchanged" test is one content hash column covering
 * the raw payload AND the normalized columns (never text equality), deletion reconciliation, and
 * the reads. Every statement is scoped to one account. Events are appended by `appendEvents`
 * under the account's row lock (see events.ts for why).
 */
import { createHash } from 'node:crypto';
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, TimeWindow } from '../../core/types.js';
import { isProviderIdShape } from '../../core/provider-id.js';
import { isDay } from '../../core/time/days.js';
import { canonicalJson } from '../canonical-json.js';
import { paging } from '../query-paging.js';
import type { DayRecord, RecordQuery, StorableRecord, StoredRecord, UpsertResult } from '../store.js';
import { dayWindow } from '../windows.js';
import { appendEvents, type PendingEvent } from './events.js';
import type { Queryable } from './pg-context.js';

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
  /** Canonical JSON text of `data`. */
  data: string;
  /** JSON text of `raw`, or null. */
  raw: string | null;
  contentHash: string;
}

/**
 * SHA-256 of the canonical JSON of everything a reader can see of a record: the raw payload and
 * every normalized column. Equal hash = nothing to write; a newer normalizer that derives other
 * fields from a byte-identical payload changes the hash, so it still reaches the store.
 */
export function recordContentHash(values: Omit<RecordRowValues, 'contentHash' | 'data' | 'raw'> & { data: object; raw: unknown }): string {
  const covered = {
    raw: values.raw ?? null,
    data: values.data,
    day: values.day,
    start: values.start,
    end: values.end,
    tzOffset: values.tzOffset,
    updatedAt: values.updatedAt,
  };
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** Validates and converts a batch before any transaction starts (nothing is written on failure). */
export function toRowValues(records: readonly StorableRecord[]): RecordRowValues[] {
  return records.map((record) => {
    validateRecord(record);
    const hasRaw = record.raw !== undefined && record.raw !== null;
    const base = {
      provider: record.provider,
      resource: record.resource,
      id: record.id,
      day: record.day ?? null,
      start: record.start ?? null,
      end: record.end ?? null,
      tzOffset: record.tzOffset ?? null,
      updatedAt: record.updatedAt ?? null,
    };
    return {
      ...base,
      data: canonicalJson(record.data),
      raw: hasRaw ? JSON.stringify(record.raw) : null,
      contentHash: recordContentHash({ ...base, data: record.data, raw: hasRaw ? record.raw : null }),
    };
  });
}

const UPSERT = `INSERT INTO records (account_id, provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at)
SELECT $1, r.provider, r.resource, r.id, r.day, r.start, r."end", r.tz_offset, r.updated_at, r.data, r.raw, r.content_hash, $2
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::jsonb[], $13::text[])
  AS r (provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash)
ON CONFLICT (account_id, provider, resource, id) DO UPDATE SET day = excluded.day, start = excluded.start, "end" = excluded."end",
  tz_offset = excluded.tz_offset, updated_at = excluded.updated_at, data = excluded.data, raw = excluded.raw,
  content_hash = excluded.content_hash, stored_at = excluded.stored_at`;

/**
 * Upserts validated rows inside the caller's transaction (the account row is locked). A batch
 * naming one record twice is applied in rounds, each key once per round, so the outcome and the
 * counts are those of applying the batch in order.
 */
export async function upsertRecordRows(client: Queryable, accountId: string, rows: readonly RecordRowValues[], at: Date): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0 };
  const events: PendingEvent[] = [];
  for (const round of rounds(rows)) {
    const { rows: existing } = await client.query<{ provider: string; resource: string; id: string; content_hash: string }>(
      `SELECT r.provider, r.resource, r.id, r.content_hash FROM records r
JOIN unnest($2::text[], $3::text[], $4::text[]) AS k (provider, resource, id) ON r.provider = k.provider AND r.resource = k.resource AND r.id = k.id
WHERE r.account_id = $1`,
      [accountId, round.map((row) => row.provider), round.map((row) => row.resource), round.map((row) => row.id)],
    );
    const stored = new Map(existing.map((row) => [keyOf(row), row.content_hash]));
    const changed: RecordRowValues[] = [];
    for (const row of round) {
      const hash = stored.get(keyOf(row));
      if (hash === row.contentHash) {
        result.unchanged += 1;
        continue;
      }
      changed.push(row);
      events.push({ provider: row.provider, resource: row.resource, id: row.id, day: row.day, change: hash === undefined ? 'created' : 'updated' });
      if (hash === undefined) result.created += 1;
      else result.updated += 1;
    }
    if (changed.length === 0) continue;
    await client.query(UPSERT, [
      accountId,
      at,
      changed.map((row) => row.provider),
      changed.map((row) => row.resource),
      changed.map((row) => row.id),
      changed.map((row) => row.day),
      changed.map((row) => row.start),
      changed.map((row) => row.end),
      changed.map((row) => row.tzOffset),
      changed.map((row) => row.updatedAt),
      changed.map((row) => row.data),
      changed.map((row) => row.raw),
      changed.map((row) => row.contentHash),
    ]);
  }
  await appendEvents(client, accountId, at, events);
  return result;
}

function keyOf(row: { provider: string; resource: string; id: string }): string {
  return `${row.provider}\u0000${row.resource}\u0000${row.id}`;
}

function rounds(rows: readonly RecordRowValues[]): RecordRowValues[][] {
  const seen = new Map<string, number>();
  const out: RecordRowValues[][] = [];
  for (const row of rows) {
    const key = keyOf(row);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (out[round] ??= []).push(row);
  }
  return out;
}

/** Deletes records of the window a complete fetch no longer returned (inside the caller's transaction). */
export async function deleteMissingRows(
  client: Queryable,
  accountId: string,
  provider: ProviderId,
  resource: string,
  days: TimeWindow,
  keepIds: readonly string[],
  at: Date,
): Promise<number> {
  const keep = new Set(keepIds);
  const { rows } = await client.query<{ id: string; day: string | null }>(
    'SELECT id, day FROM records WHERE account_id = $1 AND provider = $2 AND resource = $3 AND day >= $4 AND day < $5 ORDER BY day, start, id',
    [accountId, provider, resource, days.start, days.end],
  );
  const gone = rows.filter((row) => !keep.has(row.id));
  if (gone.length === 0) return 0;
  await client.query('DELETE FROM records WHERE account_id = $1 AND provider = $2 AND resource = $3 AND id = ANY($4::text[])', [
    accountId,
    provider,
    resource,
    gone.map((row) => row.id),
  ]);
  await appendEvents(
    client,
    accountId,
    at,
    gone.map((row) => ({ provider, resource, id: row.id, day: row.day, change: 'deleted' as const })),
  );
  return gone.length;
}

/** Validates a deletion window (days) before any transaction starts. */
export function deletionWindow(window: TimeWindow): TimeWindow {
  return dayWindow(window);
}

interface RecordRow {
  provider: string;
  resource: string;
  id: string;
  day: string | null;
  start: string | null;
  end: string | null;
  tz_offset: string | null;
  updated_at: string | null;
  data: Record<string, unknown>;
  raw: string | null;
  content_hash: string;
  stored_at: Date;
}

// raw is read as text and parsed only when a caller touches it (summaries never do).
const COLUMNS = 'provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw::text AS raw, content_hash, stored_at';

export async function queryRecords(db: Queryable, accountId: string, query: RecordQuery): Promise<StoredRecord[]> {
  const { where, params } = dayFilter(accountId, query);
  const { limit, offset } = paging(query.limit, query.offset);
  if (query.order !== undefined && query.order !== 'asc' && query.order !== 'desc') {
    throw new WearablesError('VALIDATION_ERROR', `order must be "asc" or "desc".`, { hint: 'Leave order out for ascending days.' });
  }
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const nulls = query.order === 'desc' ? 'NULLS LAST' : 'NULLS FIRST';
  params.push(limit < 0 ? null : limit, offset);
  const sql = `SELECT ${COLUMNS} FROM records WHERE ${where}
ORDER BY day ${direction} ${nulls}, start ${direction} ${nulls}, id ${direction} LIMIT $${params.length - 1} OFFSET $${params.length}`;
  const { rows } = await db.query<RecordRow>(sql, params);
  return rows.map(toStoredRecord);
}

export async function queryDayRecords(db: Queryable, accountId: string, query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<DayRecord[]> {
  const { where, params } = dayFilter(accountId, query);
  const { rows } = await db.query<{ id: string; day: string | null; start: string | null; end: string | null; tz_offset: string | null; data: Record<string, unknown>; stored_at: Date }>(
    `SELECT id, day, start, "end", tz_offset, data, stored_at FROM records WHERE ${where} ORDER BY day NULLS FIRST, start NULLS FIRST`,
    params,
  );
  return rows.map((row) => ({
    provider: query.provider,
    resource: query.resource,
    id: row.id,
    day: row.day,
    start: row.start,
    end: row.end,
    tzOffset: row.tz_offset,
    data: row.data,
    storedAt: row.stored_at.toISOString(),
  }));
}

export async function countRecords(db: Queryable, accountId: string, query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<number> {
  const { where, params } = dayFilter(accountId, query);
  const { rows } = await db.query<{ count: number }>(`SELECT count(*) AS count FROM records WHERE ${where}`, params);
  return rows[0]?.count ?? 0;
}

export async function getRecord(db: Queryable, accountId: string, provider: ProviderId, resource: string, id: string): Promise<StoredRecord | null> {
  const { rows } = await db.query<RecordRow>(`SELECT ${COLUMNS} FROM records WHERE account_id = $1 AND provider = $2 AND resource = $3 AND id = $4`, [
    accountId,
    provider,
    resource,
    id,
  ]);
  return rows[0] ? toStoredRecord(rows[0]) : null;
}

function dayFilter(accountId: string, query: Pick<RecordQuery, 'provider' | 'resource' | 'startDay' | 'endDay'>): { where: string; params: unknown[] } {
  const clauses = ['account_id = $1', 'provider = $2', 'resource = $3'];
  const params: unknown[] = [accountId, query.provider, query.resource];
  for (const [bound, operator] of [
    [query.startDay, '>='],
    [query.endDay, '<='],
  ] as const) {
    if (bound === undefined) continue;
    if (!isDay(bound)) {
      throw new WearablesError('VALIDATION_ERROR', `Day ${JSON.stringify(String(bound)).slice(0, 40)} is not a YYYY-MM-DD date.`, {
        hint: 'Give days as YYYY-MM-DD, e.g. 2024-05-01.',
      });
    }
    params.push(bound);
    clauses.push(`day ${operator} $${params.length}`);
  }
  return { where: clauses.join(' AND '), params };
}

function toStoredRecord(row: RecordRow): StoredRecord {
  const rawText = row.raw;
  let raw: unknown;
  let parsed = false;
  return {
    provider: row.provider as ProviderId,
    resource: row.resource,
    id: row.id,
    day: row.day,
    start: row.start,
    end: row.end,
    tzOffset: row.tz_offset,
    updatedAt: row.updated_at,
    data: row.data,
    get raw(): unknown {
      if (!parsed) {
        raw = rawText === null ? null : JSON.parse(rawText);
        parsed = true;
      }
      return raw;
    },
    set raw(value: unknown) {
      raw = value;
      parsed = true;
    },
    storedAt: row.stored_at.toISOString(),
    contentHash: row.content_hash,
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
