/**
 * `exportAccount` / `importAccount` of the PostgreSQL driver (the format: ../account-dump.ts).
 * Export reads by key ranges (keyset paging), one bounded batch per query. Import writes each
 * batch in its own transaction with multi-row `unnest` inserts, the account carrying
 * `IMPORT_MARKER` until the last batch is written; event seq values are kept and the account's
 * `event_seq` moved past them, so a poller's cursor means the same event in both databases.
 */
import type { PoolClient } from 'pg';
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import {
  ACCOUNT_DUMP_VERSION,
  DUMP_BATCH_ROWS,
  DUMP_SAMPLE_BATCH_ROWS,
  IMPORT_MARKER,
  countBatch,
  emptyDumpCounts,
  type AccountDumpBatch,
  type DumpCounts,
} from '../account-dump.js';
import { checkDumpBatch } from '../account-dump-checks.js';
import type { ConnectionRow } from '../database.js';
import type { SyncRun } from '../store.js';
import { inTransaction, type PgContext } from './pg-context.js';
import { writeSamples } from './samples.js';

const ACCOUNT_TABLES = ['records', 'series', 'coverage', 'open_checks', 'cursors', 'sync_runs', 'events', 'connections'] as const;

const iso = (value: Date | string | null): string | null => (value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** Yields `accountId`'s content in bounded batches (NOT_FOUND when the account does not exist). */
export async function* exportPostgresAccount(context: PgContext, accountId: string): AsyncGenerator<AccountDumpBatch> {
  const db = context.pool;
  const { rows: accounts } = await db.query<{ created_at: Date; label: string | null; event_seq: number; compacted_seq: number; compacted_at: Date | null }>(
    'SELECT created_at, label, event_seq, compacted_seq, compacted_at FROM accounts WHERE id = $1',
    [accountId],
  );
  const account = accounts[0];
  if (!account) throw new WearablesError('NOT_FOUND', `Account ${accountId} does not exist in ${context.location}.`, { hint: 'Check the account id.' });
  yield {
    kind: 'account',
    account: {
      version: ACCOUNT_DUMP_VERSION,
      label: account.label,
      createdAt: iso(account.created_at) as string,
      eventSeq: Number(account.event_seq),
      compactedSeq: Number(account.compacted_seq),
      compactedAt: iso(account.compacted_at),
    },
  };

  let after: [string, string, string] = ['', '', ''];
  for (;;) {
    const { rows } = await db.query<RecordRow>(
      `SELECT provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw::text AS raw, content_hash, stored_at FROM records
WHERE account_id = $1 AND (provider, resource, id) > ($2, $3, $4) ORDER BY provider, resource, id LIMIT $5`,
      [accountId, ...after, DUMP_BATCH_ROWS],
    );
    if (rows.length === 0) break;
    yield {
      kind: 'records',
      rows: rows.map((row) => ({
        provider: row.provider,
        resource: row.resource,
        id: row.id,
        day: row.day,
        start: row.start,
        end: row.end,
        tzOffset: row.tz_offset,
        updatedAt: row.updated_at,
        data: row.data,
        raw: row.raw === null ? null : (JSON.parse(row.raw) as unknown),
        contentHash: row.content_hash,
        storedAt: iso(row.stored_at) as string,
      })),
    };
    const last = rows.at(-1) as RecordRow;
    after = [last.provider, last.resource, last.id];
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  let sampleAfter: [number, number] = [-1, Number.MIN_SAFE_INTEGER];
  for (;;) {
    const { rows } = await db.query<{ series_id: number; provider: ProviderId; name: string; ts: number; value: number; source: string | null }>(
      `SELECT samples.series_id, series.provider, series.name, samples.ts, samples.value, samples.source
FROM samples JOIN series ON series.series_id = samples.series_id
WHERE series.account_id = $1 AND (samples.series_id, samples.ts) > ($2, $3) ORDER BY samples.series_id, samples.ts LIMIT $4`,
      [accountId, ...sampleAfter, DUMP_SAMPLE_BATCH_ROWS],
    );
    if (rows.length === 0) break;
    yield { kind: 'samples', rows: rows.map((row) => ({ provider: row.provider, series: row.name, ts: Number(row.ts), value: row.value, source: row.source })) };
    const last = rows.at(-1) as { series_id: number; ts: number };
    sampleAfter = [last.series_id, Number(last.ts)];
    if (rows.length < DUMP_SAMPLE_BATCH_ROWS) break;
  }

  for (let offset = 0; ; offset += DUMP_BATCH_ROWS) {
    const { rows } = await db.query<{ provider: ProviderId; resource: string; start: string; end: string; first_synced_at: Date; last_synced_at: Date }>(
      `SELECT provider, resource, start, "end", first_synced_at, last_synced_at FROM coverage WHERE account_id = $1 ORDER BY provider, resource, start LIMIT $2 OFFSET $3`,
      [accountId, DUMP_BATCH_ROWS, offset],
    );
    if (rows.length > 0) {
      yield {
        kind: 'coverage',
        rows: rows.map((row) => ({ provider: row.provider, resource: row.resource, start: row.start, end: row.end, firstSyncedAt: iso(row.first_synced_at) as string, lastSyncedAt: iso(row.last_synced_at) as string })),
      };
    }
    if (rows.length < DUMP_BATCH_ROWS) break;
  }
  for (let offset = 0; ; offset += DUMP_BATCH_ROWS) {
    const { rows } = await db.query<{ provider: ProviderId; resource: string; start: string; end: string; checked_at: Date }>(
      `SELECT provider, resource, start, "end", checked_at FROM open_checks WHERE account_id = $1 ORDER BY provider, resource, start LIMIT $2 OFFSET $3`,
      [accountId, DUMP_BATCH_ROWS, offset],
    );
    if (rows.length > 0) {
      yield { kind: 'checks', rows: rows.map((row) => ({ provider: row.provider, resource: row.resource, start: row.start, end: row.end, checkedAt: iso(row.checked_at) as string })) };
    }
    if (rows.length < DUMP_BATCH_ROWS) break;
  }
  for (let offset = 0; ; offset += DUMP_BATCH_ROWS) {
    const { rows } = await db.query<{ provider: ProviderId; resource: string; cursor: string; updated_at: Date }>(
      `SELECT provider, resource, cursor, updated_at FROM cursors WHERE account_id = $1 AND NOT (provider = $2 AND resource = $3) ORDER BY provider, resource LIMIT $4 OFFSET $5`,
      [accountId, IMPORT_MARKER.provider, IMPORT_MARKER.resource, DUMP_BATCH_ROWS, offset],
    );
    if (rows.length > 0) yield { kind: 'cursors', rows: rows.map((row) => ({ provider: row.provider, resource: row.resource, cursor: row.cursor, updatedAt: iso(row.updated_at) as string })) };
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  let runAfter = 0;
  for (;;) {
    const { rows } = await db.query<{ id: number; provider: ProviderId; resources: string[]; mode: SyncRun['mode']; started_at: Date; finished_at: Date | null; status: SyncRun['status']; counts: SyncRun['counts']; error: string | null }>(
      'SELECT id, provider, resources, mode, started_at, finished_at, status, counts, error FROM sync_runs WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [accountId, runAfter, DUMP_BATCH_ROWS],
    );
    if (rows.length === 0) break;
    yield {
      kind: 'syncRuns',
      rows: rows.map((row) => ({
        provider: row.provider,
        resources: row.resources,
        mode: row.mode,
        startedAt: iso(row.started_at) as string,
        finishedAt: iso(row.finished_at),
        status: row.status,
        counts: row.counts,
        error: row.error,
      })),
    };
    runAfter = Number((rows.at(-1) as { id: number }).id);
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  let seqAfter = -1;
  for (;;) {
    const { rows } = await db.query<{ seq: number; at: Date; provider: ProviderId; resource: string; record_id: string; day: string | null; change: 'created' | 'updated' | 'deleted' }>(
      'SELECT seq, at, provider, resource, record_id, day, change FROM events WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [accountId, seqAfter, DUMP_BATCH_ROWS],
    );
    if (rows.length === 0) break;
    yield {
      kind: 'events',
      rows: rows.map((row) => ({ seq: Number(row.seq), at: iso(row.at) as string, provider: row.provider, resource: row.resource, recordId: row.record_id, day: row.day, change: row.change })),
    };
    seqAfter = Number((rows.at(-1) as { seq: number }).seq);
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  const { rows: connections } = await db.query<{ provider: ProviderId; blob: ConnectionRow['blob']; reconnect_needed: boolean; reconnect_reason: ConnectionRow['reconnectReason']; refresh_pending_since: number | null; updated_at: Date }>(
    'SELECT provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at FROM connections WHERE account_id = $1 ORDER BY provider',
    [accountId],
  );
  for (let index = 0; index < connections.length; index += DUMP_BATCH_ROWS) {
    yield {
      kind: 'connections',
      rows: connections.slice(index, index + DUMP_BATCH_ROWS).map((row) => ({
        provider: row.provider,
        blob: row.blob,
        reconnectNeeded: row.reconnect_needed,
        reconnectReason: row.reconnect_reason,
        refreshPendingSince: row.refresh_pending_since === null ? null : Number(row.refresh_pending_since),
        updatedAt: iso(row.updated_at) as string,
      })),
    };
  }
}

/**
 * Writes a dump into `accountId`, which may exist but must hold no data (VALIDATION_ERROR
 * otherwise). Marked incomplete (`IMPORT_MARKER`) before the first row, unmarked after the last.
 */
export async function importPostgresAccount(context: PgContext, accountId: string, batches: AsyncIterable<AccountDumpBatch>): Promise<DumpCounts> {
  const counts = emptyDumpCounts();
  let started = false;
  let previousKind: AccountDumpBatch['kind'] | undefined;
  for await (const batch of batches) {
    checkDumpBatch(batch, previousKind);
    previousKind = batch.kind;
    if (batch.kind === 'account') {
      await startImport(context, accountId, batch.account);
      started = true;
      continue;
    }
    await inTransaction(context, (client) => writeBatch(context, client, accountId, batch));
    countBatch(counts, batch);
  }
  if (!started) throw new WearablesError('VALIDATION_ERROR', 'The account dump is empty (no account batch).', { hint: 'Export the account again.' });
  await context.pool.query('DELETE FROM cursors WHERE account_id = $1 AND provider = $2 AND resource = $3', [accountId, IMPORT_MARKER.provider, IMPORT_MARKER.resource]);
  return counts;
}

async function startImport(context: PgContext, accountId: string, account: Extract<AccountDumpBatch, { kind: 'account' }>['account']): Promise<void> {
  await inTransaction(context, async (client) => {
    await client.query(
      `INSERT INTO accounts (id, created_at, label, event_seq, compacted_seq, compacted_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET label = coalesce(accounts.label, excluded.label), event_seq = excluded.event_seq,
  compacted_seq = excluded.compacted_seq, compacted_at = excluded.compacted_at`,
      [accountId, account.createdAt, account.label, account.eventSeq, account.compactedSeq, account.compactedAt],
    );
    // The account row lock (taken by the upsert) keeps writers out while emptiness is checked.
    for (const table of ACCOUNT_TABLES) {
      const { rows } = await client.query(`SELECT 1 FROM ${table} WHERE account_id = $1 LIMIT 1`, [accountId]);
      if (rows.length > 0) {
        throw new WearablesError('VALIDATION_ERROR', `Account ${accountId} already holds data (${table}); an import needs an empty account.`, {
          hint: 'Choose another account id, or delete that account first.',
        });
      }
    }
    const at = context.now().toISOString();
    await client.query('INSERT INTO cursors (account_id, provider, resource, cursor, updated_at) VALUES ($1, $2, $3, $4, $5)', [
      accountId,
      IMPORT_MARKER.provider,
      IMPORT_MARKER.resource,
      `incomplete since ${at}`,
      at,
    ]);
  });
}

async function writeBatch(context: PgContext, client: PoolClient, accountId: string, batch: Exclude<AccountDumpBatch, { kind: 'account' }>): Promise<void> {
  const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);
  switch (batch.kind) {
    case 'records': {
      const rows = batch.rows;
      await client.query(
        `INSERT INTO records (account_id, provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at)
SELECT $1, r.provider, r.resource, r.id, r.day, r.start, r."end", r.tz_offset, r.updated_at, r.data::jsonb, r.raw::jsonb, r.content_hash, r.stored_at::timestamptz
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
  AS r(provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at)`,
        [
          accountId,
          column(rows, (row) => row.provider),
          column(rows, (row) => row.resource),
          column(rows, (row) => row.id),
          column(rows, (row) => row.day),
          column(rows, (row) => row.start),
          column(rows, (row) => row.end),
          column(rows, (row) => row.tzOffset),
          column(rows, (row) => row.updatedAt),
          column(rows, (row) => JSON.stringify(row.data)),
          column(rows, (row) => (row.raw === null || row.raw === undefined ? null : JSON.stringify(row.raw))),
          column(rows, (row) => row.contentHash),
          column(rows, (row) => row.storedAt),
        ],
      );
      return;
    }
    case 'samples':
      // The driver's own sample writer: COPY into the (empty) account's series.
      await writeSamples(context, client, accountId, batch.rows);
      return;
    case 'coverage':
      await client.query(
        `INSERT INTO coverage (account_id, provider, resource, start, "end", first_synced_at, last_synced_at)
SELECT $1, c.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[]) AS c`,
        [accountId, ...columns(batch.rows, ['provider', 'resource', 'start', 'end', 'firstSyncedAt', 'lastSyncedAt'])],
      );
      return;
    case 'checks':
      await client.query(
        `INSERT INTO open_checks (account_id, provider, resource, start, "end", checked_at)
SELECT $1, c.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS c`,
        [accountId, ...columns(batch.rows, ['provider', 'resource', 'start', 'end', 'checkedAt'])],
      );
      return;
    case 'cursors':
      await client.query(
        `INSERT INTO cursors (account_id, provider, resource, cursor, updated_at)
SELECT $1, c.* FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS c`,
        [accountId, ...columns(batch.rows, ['provider', 'resource', 'cursor', 'updatedAt'])],
      );
      return;
    case 'syncRuns':
      // WITH ORDINALITY keeps the source order, so ids ascend as they did there.
      await client.query(
        `INSERT INTO sync_runs (account_id, provider, resources, mode, started_at, finished_at, status, counts, error)
SELECT $1, r.provider, r.resources::jsonb, r.mode, r.started_at, r.finished_at, r.status, r.counts::jsonb, r.error
FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
  WITH ORDINALITY AS r(provider, resources, mode, started_at, finished_at, status, counts, error, position)
ORDER BY r.position`,
        [
          accountId,
          column(batch.rows, (row) => row.provider),
          column(batch.rows, (row) => JSON.stringify(row.resources)),
          column(batch.rows, (row) => row.mode),
          column(batch.rows, (row) => row.startedAt),
          column(batch.rows, (row) => row.finishedAt),
          column(batch.rows, (row) => row.status),
          column(batch.rows, (row) => JSON.stringify(row.counts)),
          column(batch.rows, (row) => row.error),
        ],
      );
      return;
    case 'events': {
      await client.query(
        `INSERT INTO events (account_id, seq, at, provider, resource, record_id, day, change)
SELECT $1, e.* FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS e`,
        [accountId, ...columns(batch.rows, ['seq', 'at', 'provider', 'resource', 'recordId', 'day', 'change'])],
      );
      await client.query('UPDATE accounts SET event_seq = greatest(event_seq, $2) WHERE id = $1', [accountId, batch.rows.at(-1)?.seq ?? 0]);
      return;
    }
    case 'connections':
      for (const row of batch.rows) {
        await client.query(
          `INSERT INTO connections (account_id, provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (account_id, provider) DO UPDATE SET blob = excluded.blob, reconnect_needed = excluded.reconnect_needed,
  reconnect_reason = excluded.reconnect_reason, refresh_pending_since = excluded.refresh_pending_since, updated_at = excluded.updated_at`,
          [accountId, row.provider, JSON.stringify(row.blob), row.reconnectNeeded, row.reconnectReason, row.refreshPendingSince, row.updatedAt],
        );
      }
      return;
  }
}

function columns<T extends object>(rows: readonly T[], names: ReadonlyArray<keyof T>): unknown[][] {
  return names.map((name) => rows.map((row) => row[name] ?? null));
}

interface RecordRow {
  provider: ProviderId;
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
