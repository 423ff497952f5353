/**
 * The change feed of one account: events in `seq` order, paged by an opaque cursor that never
 * skips or repeats. An event is a reference: its `data` is the record as stored now (joined),
 * null for a deletion or a record deleted since. Compaction (`compactEvents`) drops old events and
 * records in `accounts` where the feed starts; a cursor or instant before that gets a `gap`.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import { encodeEventCursor, parseEventQuery, type ParsedEventQuery } from '../event-feed-query.js';
import type { ChangeEvent, ChangeKind, EventPage, EventQuery } from '../store.js';
import type { AccountContext, SqliteContext } from './sqlite-context.js';

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

interface FeedState {
  event_seq: number;
  events_compacted_seq: number;
  events_compacted_at: string | null;
}

/**
 * One page of events. Bounds are strict (`at > since`, `at < until`, `seq > cursor`); the cursor
 * is the last returned `seq`, so rows sharing one timestamp are neither skipped nor repeated.
 */
export function listEvents(context: AccountContext, query: EventQuery): EventPage {
  const parsed = parseEventQuery(query);
  // One read transaction: the page, the resume point and the feed start agree.
  return context.db.transaction(() => readPage(context, parsed)).deferred();
}

function readPage(context: AccountContext, parsed: ParsedEventQuery): EventPage {
  const clauses: string[] = ['e.account_id = ?'];
  const params: Array<string | number> = [context.accountId];
  if (parsed.afterSeq !== null) {
    clauses.push('e.seq > ?');
    params.push(parsed.afterSeq);
  }
  if (parsed.sinceAt !== null) {
    clauses.push('e.at > ?');
    params.push(parsed.sinceAt);
  }
  if (parsed.untilAt !== null) {
    clauses.push('e.at < ?');
    params.push(parsed.untilAt);
  }
  for (const [column, values] of [
    ['e.provider', parsed.providers],
    ['e.resource', parsed.resources],
  ] as const) {
    if (values === null) continue;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  const sql = `SELECT e.seq, e.at, e.provider, e.resource, e.record_id, e.day, e.change,
  CASE WHEN e.change = 'deleted' THEN NULL ELSE r.data END AS data
FROM events e LEFT JOIN records r ON r.account_id = e.account_id AND r.provider = e.provider AND r.resource = e.resource AND r.id = e.record_id
WHERE ${clauses.join(' AND ')} ORDER BY e.seq LIMIT ?`;
  // One row more than asked tells whether another page exists.
  const rows = context.statement(sql).all(...params, parsed.limit + 1) as EventRow[];
  const hasMore = rows.length > parsed.limit;
  const page = hasMore ? rows.slice(0, parsed.limit) : rows;
  const last = page[page.length - 1];
  const state = feedState(context);
  const result: EventPage = { events: page.map(toChangeEvent), nextCursor: resumeCursor(parsed, state, last?.seq), hasMore };
  if (isBeforeRetainedStart(parsed, state)) {
    const oldest = context.statement('SELECT at FROM events WHERE account_id = ? ORDER BY seq LIMIT 1').get(context.accountId) as { at: string } | undefined;
    result.gap = { oldestRetainedAt: oldest?.at ?? null };
  }
  return result;
}

function feedState(context: AccountContext): FeedState {
  const state = context.statement('SELECT event_seq, events_compacted_seq, events_compacted_at FROM accounts WHERE id = ?').get(context.accountId) as
    | FeedState
    | undefined;
  return state ?? { event_seq: 0, events_compacted_seq: 0, events_compacted_at: null };
}

/** A cursor before the last compacted seq, or an instant before the newest compacted event, missed events. */
function isBeforeRetainedStart(parsed: ParsedEventQuery, state: FeedState): boolean {
  if (parsed.afterSeq !== null) return parsed.afterSeq < state.events_compacted_seq;
  if (parsed.sinceAt !== null) return state.events_compacted_at !== null && parsed.sinceAt < state.events_compacted_at;
  return false;
}

/**
 * Where a later call continues: after the last event shown; with none shown, after the given
 * cursor, or (for an open-ended query) after the newest seq handed out (compacted or not), so a
 * poller that saw nothing still never re-reads or misses a row. Null when an `until` bound makes
 * that unsafe.
 */
function resumeCursor(parsed: ParsedEventQuery, state: FeedState, lastSeq: number | undefined): string | null {
  if (lastSeq !== undefined) return encodeEventCursor(lastSeq);
  if (parsed.afterSeq !== null) return encodeEventCursor(parsed.afterSeq);
  if (parsed.untilAt !== null) return null;
  return encodeEventCursor(state.event_seq);
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

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/** Refuses a retention that is not a whole number of days in 1..3650. */
export function validateRetentionDays(retentionDays: number): void {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
    throw new WearablesError('VALIDATION_ERROR', `Event retention must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} (got ${String(retentionDays)}).`, {
      hint: 'Set WEARABLES_MCP_EVENT_RETENTION_DAYS to e.g. 90.',
    });
  }
}

/**
 * Drops every account's events older than `retentionDays` (a prefix of each feed: everything up
 * to the newest event older than the cut), remembering per account the last dropped seq and the
 * newest dropped instant. One immediate transaction; cheap when nothing is due (an index probe).
 */
export function compactEvents(context: SqliteContext, retentionDays: number): { removed: number } {
  validateRetentionDays(retentionDays);
  const cut = new Date(context.now().getTime() - retentionDays * 86_400_000).toISOString();
  return context.db
    .transaction(() => {
      const accounts = context.statement('SELECT id FROM accounts').pluck().all() as string[];
      const dueSeq = context.statement('SELECT max(seq) FROM events WHERE account_id = ? AND at < ?').pluck();
      let removed = 0;
      for (const accountId of accounts) {
        // Per account on the (account_id, at) index: one probe when nothing is due.
        const seq = dueSeq.get(accountId, cut) as number | null;
        if (seq === null) continue;
        const newest = context.statement('SELECT max(at) AS at FROM events WHERE account_id = ? AND seq <= ?').get(accountId, seq) as { at: string };
        removed += context.statement('DELETE FROM events WHERE account_id = ? AND seq <= ?').run(accountId, seq).changes;
        context
          .statement(
            `UPDATE accounts SET events_compacted_seq = max(events_compacted_seq, ?),
  events_compacted_at = CASE WHEN events_compacted_at IS NULL OR events_compacted_at < ? THEN ? ELSE events_compacted_at END WHERE id = ?`,
          )
          .run(seq, newest.at, newest.at, accountId);
      }
      return { removed };
    })
    .immediate();
}
