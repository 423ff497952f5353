/**
 * The change feed on PostgreSQL. Each account numbers its own events: `seq` comes from the
 * account row (`UPDATE accounts SET event_seq = event_seq + n ... RETURNING`), taken inside the
 * writing transaction, so the row lock is held until COMMIT and one account's events commit in
 * `seq` order. Why not a plain sequence (or an identity column): sequence values are handed out
 * at insert time but become visible at commit, in any order. Writer A takes 41, writer B takes 42
 * and commits first; a poller reads `seq > 40`, sees 42 and moves its cursor to 42; A commits 41
 * a moment later and the poller never sees it. With the row lock, B cannot take a number before
 * A has committed (or rolled back, returning its numbers), so everything a poller can see is a
 * prefix of the account's feed and a cursor never passes an event still to commit.
 *
 * An event keeps a reference to its record, not a copy: `data` is read from `records` (null for
 * a deletion, and null once the record is gone).
 */
import type { ProviderId } from '../../core/types.js';
import { encodeEventCursor, parseEventQuery } from '../event-feed-query.js';
import type { ChangeEvent, ChangeKind, EventPage, EventQuery } from '../store.js';
import { unknownAccount, type Queryable } from './pg-context.js';

export interface PendingEvent {
  provider: string;
  resource: string;
  id: string;
  day: string | null;
  change: ChangeKind;
}

/** Numbers and inserts events in the caller's transaction (which holds or now takes the account row lock). */
export async function appendEvents(client: Queryable, accountId: string, at: Date, events: readonly PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { rows } = await client.query<{ event_seq: number }>('UPDATE accounts SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq', [
    accountId,
    events.length,
  ]);
  const last = rows[0]?.event_seq;
  if (last === undefined) throw unknownAccount(accountId);
  const first = last - events.length + 1;
  await client.query(
    `INSERT INTO events (account_id, seq, at, provider, resource, record_id, day, change)
SELECT $1, $2::bigint + e.ord - 1, $3, e.provider, e.resource, e.record_id, e.day, e.change
FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e (provider, resource, record_id, day, change, ord)`,
    [
      accountId,
      first,
      at,
      events.map((event) => event.provider),
      events.map((event) => event.resource),
      events.map((event) => event.id),
      events.map((event) => event.day),
      events.map((event) => event.change),
    ],
  );
}

interface EventRow {
  seq: number;
  at: Date;
  provider: string;
  resource: string;
  record_id: string;
  day: string | null;
  change: ChangeKind;
  data: Record<string, unknown> | null;
}

interface FeedHead {
  event_seq: number;
  compacted_seq: number;
  compacted_at: Date | null;
}

/**
 * One page of events (strict bounds, `seq` order, one row more than asked to tell `hasMore`).
 * The account's head (last committed seq, compaction point) is read BEFORE the page: a resume
 * point taken from it can only be at or behind what the page could see, never past an event.
 */
export async function listEvents(db: Queryable, accountId: string, query: EventQuery): Promise<EventPage> {
  const parsed = parseEventQuery(query);
  const head = (await db.query<FeedHead>('SELECT event_seq, compacted_seq, compacted_at FROM accounts WHERE id = $1', [accountId])).rows[0];
  if (!head) throw unknownAccount(accountId);
  const clauses = ['e.account_id = $1'];
  const params: unknown[] = [accountId];
  const add = (clause: (index: number) => string, value: unknown): void => {
    params.push(value);
    clauses.push(clause(params.length));
  };
  if (parsed.afterSeq !== null) add((index) => `e.seq > $${index}`, parsed.afterSeq);
  if (parsed.sinceAt !== null) add((index) => `e.at > $${index}`, parsed.sinceAt);
  if (parsed.untilAt !== null) add((index) => `e.at < $${index}`, parsed.untilAt);
  if (parsed.providers !== null) add((index) => `e.provider = ANY($${index}::text[])`, parsed.providers);
  if (parsed.resources !== null) add((index) => `e.resource = ANY($${index}::text[])`, parsed.resources);
  params.push(parsed.limit + 1);
  const { rows } = await db.query<EventRow>(
    `SELECT e.seq, e.at, e.provider, e.resource, e.record_id, e.day, e.change, CASE WHEN e.change = 'deleted' THEN NULL ELSE r.data END AS data
FROM events e LEFT JOIN records r ON r.account_id = e.account_id AND r.provider = e.provider AND r.resource = e.resource AND r.id = e.record_id
WHERE ${clauses.join(' AND ')} ORDER BY e.seq LIMIT $${params.length}`,
    params,
  );
  const hasMore = rows.length > parsed.limit;
  const page = hasMore ? rows.slice(0, parsed.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor =
    last !== undefined
      ? encodeEventCursor(last.seq)
      : parsed.afterSeq !== null
        ? encodeEventCursor(parsed.afterSeq)
        : parsed.untilAt !== null
          ? null
          : encodeEventCursor(head.event_seq);
  const result: EventPage = { events: page.map(toChangeEvent), nextCursor, hasMore };
  if (pointsBeforeRetained(parsed, head)) {
    const oldest = await db.query<{ at: Date }>('SELECT at FROM events WHERE account_id = $1 ORDER BY seq LIMIT 1', [accountId]);
    result.gap = { oldestRetainedAt: oldest.rows[0]?.at.toISOString() ?? null };
  }
  return result;
}

/** True when compaction removed events after the query's cursor or instant. */
function pointsBeforeRetained(parsed: ReturnType<typeof parseEventQuery>, head: FeedHead): boolean {
  if (head.compacted_seq === 0) return false;
  if (parsed.afterSeq !== null) return parsed.afterSeq < head.compacted_seq;
  if (parsed.sinceAt !== null) return head.compacted_at !== null && Date.parse(parsed.sinceAt) < head.compacted_at.getTime();
  // Reading from the beginning is reading what is retained: no gap is claimed.
  return false;
}

function toChangeEvent(row: EventRow): ChangeEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    provider: row.provider as ProviderId,
    resource: row.resource,
    id: row.record_id,
    day: row.day,
    change: row.change,
    data: row.data,
  };
}

/**
 * Drops, in every account, the events up to the newest one older than `cutoff` (by seq, so the
 * retained feed is always a suffix even when clocks of writers disagreed) and records the last
 * removed seq and instant, so an older cursor is answered with a `gap`.
 */
export async function compactEvents(client: Queryable, cutoff: Date): Promise<number> {
  const { rows } = await client.query<{ removed: number }>(
    `WITH bounds AS (
  SELECT account_id, max(seq) AS seq FROM events WHERE at < $1 GROUP BY account_id
), removed AS (
  DELETE FROM events e USING bounds b WHERE e.account_id = b.account_id AND e.seq <= b.seq RETURNING e.account_id, e.seq, e.at
), per_account AS (
  SELECT account_id, max(seq) AS seq, max(at) AS at, count(*) AS n FROM removed GROUP BY account_id
), marked AS (
  UPDATE accounts a SET compacted_seq = GREATEST(a.compacted_seq, p.seq), compacted_at = GREATEST(a.compacted_at, p.at)
  FROM per_account p WHERE a.id = p.account_id RETURNING p.n
)
SELECT COALESCE(sum(n), 0)::bigint AS removed FROM marked`,
    [cutoff],
  );
  return rows[0]?.removed ?? 0;
}
