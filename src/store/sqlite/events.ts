/** The change feed: events in `seq` order, paged by an opaque cursor that never skips or repeats. */
import type { ProviderId } from '../../core/types.js';
import { encodeEventCursor, parseEventQuery } from '../event-feed-query.js';
import type { ChangeEvent, ChangeKind, EventPage, EventQuery } from '../store.js';
import type { SqliteContext } from './sqlite-context.js';

interface EventRow {
  seq: number;
  at: string;
  provider: string;
  resource: string;
  record_id: string;
  day: string | null;
  change: string;
  data: string | null;
}

/**
 * One page of events. Bounds are strict (`at > since`, `at < until`, `seq > cursor`); the cursor
 * is the last returned `seq`, so rows sharing one timestamp are neither skipped nor repeated.
 */
export function listEvents(context: SqliteContext, query: EventQuery): EventPage {
  const parsed = parseEventQuery(query);
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  if (parsed.afterSeq !== null) {
    clauses.push('seq > ?');
    params.push(parsed.afterSeq);
  }
  if (parsed.sinceAt !== null) {
    clauses.push('at > ?');
    params.push(parsed.sinceAt);
  }
  if (parsed.untilAt !== null) {
    clauses.push('at < ?');
    params.push(parsed.untilAt);
  }
  for (const [column, values] of [
    ['provider', parsed.providers],
    ['resource', parsed.resources],
  ] as const) {
    if (values === null) continue;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const sql = `SELECT seq, at, provider, resource, record_id, day, change, data FROM events ${where} ORDER BY seq LIMIT ?`;
  // One row more than asked tells whether another page exists.
  const rows = context.statement(sql).all(...params, parsed.limit + 1) as EventRow[];
  const hasMore = rows.length > parsed.limit;
  const page = hasMore ? rows.slice(0, parsed.limit) : rows;
  const last = page[page.length - 1];
  return { events: page.map(toChangeEvent), nextCursor: resumeCursor(context, parsed, last?.seq), hasMore };
}

/**
 * Where a later call continues: after the last event shown; with none shown, after the given
 * cursor, or (for an open-ended query) after the newest event now stored, so a poller that saw
 * nothing still never re-reads or misses a row. Null when an `until` bound makes that unsafe.
 */
function resumeCursor(context: SqliteContext, parsed: ReturnType<typeof parseEventQuery>, lastSeq: number | undefined): string | null {
  if (lastSeq !== undefined) return encodeEventCursor(lastSeq);
  if (parsed.afterSeq !== null) return encodeEventCursor(parsed.afterSeq);
  if (parsed.untilAt !== null) return null;
  const row = context.statement('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
  return encodeEventCursor(row.seq ?? 0);
}

function toChangeEvent(row: EventRow): ChangeEvent {
  return {
    seq: row.seq,
    at: row.at,
    provider: row.provider as ProviderId,
    resource: row.resource,
    id: row.record_id,
    day: row.day,
    change: row.change as ChangeKind,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  };
}
