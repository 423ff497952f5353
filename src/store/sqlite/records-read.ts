/**
 * Reading records. Statements are prepared once per query shape; `raw` (the large provider
 * payload) is parsed only when a caller reads it, so summaries over `data` stay cheap.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import { paging } from '../query-paging.js';
import type { DayRecord, RecordQuery, StoredRecord } from '../store.js';
import { isDay } from '../../core/time/days.js';
import type { AccountContext } from './sqlite-context.js';

interface RecordRow {
  provider: string;
  resource: string;
  id: string;
  day: string | null;
  start: string | null;
  end: string | null;
  tz_offset: string | null;
  updated_at: string | null;
  data: string;
  raw: string | null;
  content_hash: string;
  stored_at: string;
}

const COLUMNS = 'provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at';

/** Records of one resource in an inclusive day range, ordered by day then start. */
export function queryRecords(context: AccountContext, query: RecordQuery): StoredRecord[] {
  const { where, params } = dayFilter(context, query);
  const { limit, offset } = paging(query.limit, query.offset);
  if (query.order !== undefined && query.order !== 'asc' && query.order !== 'desc') {
    throw new WearablesError('VALIDATION_ERROR', `order must be "asc" or "desc".`, { hint: 'Leave order out for ascending days.' });
  }
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const sql = `SELECT ${COLUMNS} FROM records WHERE ${where} ORDER BY day ${direction}, start ${direction}, id ${direction} LIMIT ? OFFSET ?`;
  const rows = context.statement(sql).all(...params, limit, offset) as RecordRow[];
  return rows.map(toStoredRecord);
}

const DAY_COLUMNS = 'id, day, start, "end", tz_offset, data, stored_at';
type DayRow = [id: string, day: string | null, start: string | null, end: string | null, tzOffset: string | null, data: string, storedAt: string];

/**
 * The normalized columns of one resource's records in an inclusive day range (never `raw`),
 * ascending by day and start in index order. Rows come back as arrays (better-sqlite3's raw
 * mode): a 365-day read then costs about what a plain `SELECT day, data` of the same rows does.
 */
export function queryDayRecords(context: AccountContext, query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): DayRecord[] {
  const { where, params } = dayFilter(context, query);
  const statement = context.statement(`SELECT ${DAY_COLUMNS} FROM records WHERE ${where} ORDER BY day, start`);
  const rows = statement.raw(true).all(...params) as DayRow[];
  const out = new Array<DayRecord>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const [id, day, start, end, tzOffset, data, storedAt] = rows[index] as DayRow;
    out[index] = { provider: query.provider, resource: query.resource, id, day, start, end, tzOffset, data: JSON.parse(data) as Record<string, unknown>, storedAt };
  }
  return out;
}

/** How many records of one resource fall in an inclusive day range. */
export function countRecords(context: AccountContext, query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): number {
  const { where, params } = dayFilter(context, query);
  const row = context.statement(`SELECT count(*) AS count FROM records WHERE ${where}`).get(...params) as { count: number };
  return row.count;
}

/** One record by its key, or null. */
export function getRecord(context: AccountContext, provider: ProviderId, resource: string, id: string): StoredRecord | null {
  const row = context.statement(`SELECT ${COLUMNS} FROM records WHERE account_id = ? AND provider = ? AND resource = ? AND id = ?`).get(context.accountId, provider, resource, id) as
    | RecordRow
    | undefined;
  return row ? toStoredRecord(row) : null;
}

function dayFilter(context: AccountContext, query: Pick<RecordQuery, 'provider' | 'resource' | 'startDay' | 'endDay'>): { where: string; params: string[] } {
  const clauses = ['account_id = ?', 'provider = ?', 'resource = ?'];
  const params: string[] = [context.accountId, query.provider, query.resource];
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
    clauses.push(`day ${operator} ?`);
    params.push(bound);
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
    data: JSON.parse(row.data) as Record<string, unknown>,
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
    storedAt: row.stored_at,
    contentHash: row.content_hash,
  };
}
