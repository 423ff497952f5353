/**
 * `exportAccount` / `importAccount` of the SQLite driver (the format: ../account-dump.ts).
 * Export reads by key ranges (keyset paging), one bounded batch at a time, with no transaction
 * held between batches; `migrate` holds the home's sync locks meanwhile so no sync changes it.
 * Import writes each batch in its own transaction, the account carrying `IMPORT_MARKER` until
 * the last batch is written.
 */
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
  type DumpRecord,
} from '../account-dump.js';
import { checkDumpBatch } from '../account-dump-checks.js';
import type { ConnectionRow } from '../database.js';
import type { SyncRun } from '../store.js';
import type { SqliteContext } from './sqlite-context.js';
import type { SqliteHandle } from './sqlite-store.js';

/** Tables holding an account's rows (samples hang off series). */
const ACCOUNT_TABLES = ['records', 'series', 'coverage', 'open_checks', 'cursors', 'sync_runs', 'events', 'connections'] as const;

/** Yields `accountId`'s content in bounded batches (NOT_FOUND when the account does not exist). */
export async function* exportSqliteAccount(handle: SqliteHandle, accountId: string): AsyncGenerator<AccountDumpBatch> {
  // Each query runs alone on the connection (after any open connection transaction of the handle).
  const all = <T>(sql: string, ...params: unknown[]): Promise<T[]> => handle.run('account export', (context) => context.statement(sql).all(...params) as T[]);
  const [account] = await all<{ created_at: string; label: string | null; event_seq: number; events_compacted_seq: number; events_compacted_at: string | null }>(
    'SELECT created_at, label, event_seq, events_compacted_seq, events_compacted_at FROM accounts WHERE id = ?',
    accountId,
  );
  if (!account) throw new WearablesError('NOT_FOUND', `Account ${accountId} does not exist in this database.`, { hint: 'Check the account id.' });
  yield {
    kind: 'account',
    account: {
      version: ACCOUNT_DUMP_VERSION,
      label: account.label,
      createdAt: account.created_at,
      eventSeq: account.event_seq,
      compactedSeq: account.events_compacted_seq,
      compactedAt: account.events_compacted_at,
    },
  };

  // Records, by key.
  let after: [string, string, string] = ['', '', ''];
  for (;;) {
    const rows = await all<RecordRow>(`SELECT provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at FROM records
WHERE account_id = ? AND (provider, resource, id) > (?, ?, ?) ORDER BY provider, resource, id LIMIT ?`, accountId, ...after, DUMP_BATCH_ROWS);
    if (rows.length === 0) break;
    yield { kind: 'records', rows: rows.map(toDumpRecord) };
    const last = rows.at(-1) as RecordRow;
    after = [last.provider, last.resource, last.id];
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  // Samples, by series then time.
  let sampleAfter: [number, number] = [-1, Number.MIN_SAFE_INTEGER];
  for (;;) {
    const rows = await all<{ seriesId: number; provider: ProviderId; series: string; ts: number; value: number; source: string | null }>(
      `SELECT samples.series_id AS seriesId, series.provider AS provider, series.name AS series, samples.ts AS ts, samples.value AS value, samples.source AS source
FROM samples JOIN series ON series.series_id = samples.series_id
WHERE series.account_id = ? AND (samples.series_id, samples.ts) > (?, ?) ORDER BY samples.series_id, samples.ts LIMIT ?`,
      accountId,
      ...sampleAfter,
      DUMP_SAMPLE_BATCH_ROWS,
    );
    if (rows.length === 0) break;
    yield { kind: 'samples', rows: rows.map(({ provider, series, ts, value, source }) => ({ provider, series, ts, value, source })) };
    const last = rows.at(-1) as { seriesId: number; ts: number };
    sampleAfter = [last.seriesId, last.ts];
    if (rows.length < DUMP_SAMPLE_BATCH_ROWS) break;
  }

  yield* paged(all, 'coverage', `SELECT provider, resource, start, "end", first_synced_at AS firstSyncedAt, last_synced_at AS lastSyncedAt FROM coverage WHERE account_id = ? ORDER BY provider, resource, start`, accountId);
  yield* paged(all, 'checks', `SELECT provider, resource, start, "end", checked_at AS checkedAt FROM open_checks WHERE account_id = ? ORDER BY provider, resource, start`, accountId);
  yield* paged(
    all,
    'cursors',
    `SELECT provider, resource, cursor, updated_at AS updatedAt FROM cursors WHERE account_id = ? AND NOT (provider = '${IMPORT_MARKER.provider}' AND resource = '${IMPORT_MARKER.resource}') ORDER BY provider, resource`,
    accountId,
  );

  let runAfter = 0;
  for (;;) {
    const rows = await all<SyncRunRow>('SELECT id, provider, resources, mode, started_at, finished_at, status, counts, error FROM sync_runs WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?', accountId, runAfter, DUMP_BATCH_ROWS);
    if (rows.length === 0) break;
    yield {
      kind: 'syncRuns',
      rows: rows.map((row) => ({
        provider: row.provider as ProviderId,
        resources: JSON.parse(row.resources) as string[],
        mode: row.mode as SyncRun['mode'],
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        status: row.status as SyncRun['status'],
        counts: JSON.parse(row.counts) as SyncRun['counts'],
        error: row.error,
      })),
    };
    runAfter = (rows.at(-1) as SyncRunRow).id;
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  let seqAfter = -1;
  for (;;) {
    const rows = await all<{ seq: number; at: string; provider: ProviderId; resource: string; recordId: string; day: string | null; change: 'created' | 'updated' | 'deleted' }>(
      'SELECT seq, at, provider, resource, record_id AS recordId, day, change FROM events WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      accountId,
      seqAfter,
      DUMP_BATCH_ROWS,
    );
    if (rows.length === 0) break;
    yield { kind: 'events', rows };
    seqAfter = (rows.at(-1) as { seq: number }).seq;
    if (rows.length < DUMP_BATCH_ROWS) break;
  }

  const connections = await all<ConnectionDbRow>('SELECT provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at FROM connections WHERE account_id = ? ORDER BY provider', accountId);
  for (let index = 0; index < connections.length; index += DUMP_BATCH_ROWS) {
    yield { kind: 'connections', rows: connections.slice(index, index + DUMP_BATCH_ROWS).map(toConnectionRow) };
  }
}

/**
 * Writes a dump into `accountId`, which may exist but must hold no data (VALIDATION_ERROR
 * otherwise). The account is marked incomplete (`IMPORT_MARKER`) before the first row and
 * unmarked after the last batch: a failure in between (or in `batches`) leaves it marked.
 */
export async function importSqliteAccount(handle: SqliteHandle, accountId: string, batches: AsyncIterable<AccountDumpBatch>): Promise<DumpCounts> {
  const counts = emptyDumpCounts();
  let started = false;
  let previousKind: AccountDumpBatch['kind'] | undefined;
  const seriesIds = new Map<string, number>();
  for await (const batch of batches) {
    checkDumpBatch(batch, previousKind);
    previousKind = batch.kind;
    if (batch.kind === 'account') {
      await handle.run('account import', (context) => startImport(context, accountId, batch.account));
      started = true;
      continue;
    }
    await handle.run('account import', (context) => context.db.transaction(() => writeBatch(context, accountId, batch, seriesIds)).immediate());
    countBatch(counts, batch);
  }
  if (!started) throw new WearablesError('VALIDATION_ERROR', 'The account dump is empty (no account batch).', { hint: 'Export the account again.' });
  await handle.run('account import', (context) =>
    context.statement('DELETE FROM cursors WHERE account_id = ? AND provider = ? AND resource = ?').run(accountId, IMPORT_MARKER.provider, IMPORT_MARKER.resource),
  );
  return counts;
}

function startImport(context: SqliteContext, accountId: string, account: Extract<AccountDumpBatch, { kind: 'account' }>['account']): void {
  context.db
    .transaction(() => {
      for (const table of ACCOUNT_TABLES) {
        const found = context.statement(`SELECT 1 FROM ${table} WHERE account_id = ? LIMIT 1`).get(accountId);
        if (found) {
          throw new WearablesError('VALIDATION_ERROR', `Account ${accountId} already holds data (${table}); an import needs an empty account.`, {
            hint: 'Choose another account id, or delete that account first.',
          });
        }
      }
      context
        .statement(
          `INSERT INTO accounts (id, created_at, label, event_seq, events_compacted_seq, events_compacted_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET label = coalesce(accounts.label, excluded.label), event_seq = excluded.event_seq,
  events_compacted_seq = excluded.events_compacted_seq, events_compacted_at = excluded.events_compacted_at`,
        )
        .run(accountId, account.createdAt, account.label, account.eventSeq, account.compactedSeq, account.compactedAt);
      context
        .statement('INSERT INTO cursors (account_id, provider, resource, cursor, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(accountId, IMPORT_MARKER.provider, IMPORT_MARKER.resource, `incomplete since ${context.now().toISOString()}`, context.now().toISOString());
    })
    .immediate();
}

function writeBatch(context: SqliteContext, accountId: string, batch: Exclude<AccountDumpBatch, { kind: 'account' }>, seriesIds: Map<string, number>): void {
  switch (batch.kind) {
    case 'records': {
      const insert = context.statement(
        `INSERT INTO records (account_id, provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const row of batch.rows) {
        insert.run(accountId, row.provider, row.resource, row.id, row.day, row.start, row.end, row.tzOffset, row.updatedAt, JSON.stringify(row.data), row.raw === null || row.raw === undefined ? null : JSON.stringify(row.raw), row.contentHash, row.storedAt);
      }
      return;
    }
    case 'samples': {
      const insert = context.statement('INSERT INTO samples (series_id, ts, value, source) VALUES (?, ?, ?, ?)');
      for (const row of batch.rows) insert.run(seriesId(context, accountId, row.provider, row.series, seriesIds), row.ts, row.value, row.source);
      return;
    }
    case 'coverage': {
      const insert = context.statement('INSERT INTO coverage (account_id, provider, resource, start, "end", first_synced_at, last_synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const row of batch.rows) insert.run(accountId, row.provider, row.resource, row.start, row.end, row.firstSyncedAt, row.lastSyncedAt);
      return;
    }
    case 'checks': {
      const insert = context.statement('INSERT INTO open_checks (account_id, provider, resource, start, "end", checked_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const row of batch.rows) insert.run(accountId, row.provider, row.resource, row.start, row.end, row.checkedAt);
      return;
    }
    case 'cursors': {
      const insert = context.statement('INSERT INTO cursors (account_id, provider, resource, cursor, updated_at) VALUES (?, ?, ?, ?, ?)');
      for (const row of batch.rows) insert.run(accountId, row.provider, row.resource, row.cursor, row.updatedAt);
      return;
    }
    case 'syncRuns': {
      const insert = context.statement(
        'INSERT INTO sync_runs (account_id, provider, resources, mode, started_at, finished_at, status, counts, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const row of batch.rows) {
        insert.run(accountId, row.provider, JSON.stringify(row.resources), row.mode, row.startedAt, row.finishedAt, row.status, JSON.stringify(row.counts), row.error);
      }
      return;
    }
    case 'events': {
      const insert = context.statement('INSERT INTO events (account_id, seq, at, provider, resource, record_id, day, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const row of batch.rows) insert.run(accountId, row.seq, row.at, row.provider, row.resource, row.recordId, row.day, row.change);
      // Keeps the account's next seq past every imported one.
      context.statement('UPDATE accounts SET event_seq = max(event_seq, ?) WHERE id = ?').run((batch.rows.at(-1)?.seq ?? 0), accountId);
      return;
    }
    case 'connections': {
      const upsert = context.statement(
        `INSERT INTO connections (account_id, provider, blob, reconnect_needed, reconnect_reason, refresh_pending_since, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (account_id, provider) DO UPDATE SET blob = excluded.blob, reconnect_needed = excluded.reconnect_needed,
  reconnect_reason = excluded.reconnect_reason, refresh_pending_since = excluded.refresh_pending_since, updated_at = excluded.updated_at`,
      );
      for (const row of batch.rows) {
        upsert.run(accountId, row.provider, JSON.stringify(row.blob), row.reconnectNeeded ? 1 : 0, row.reconnectReason, row.refreshPendingSince, row.updatedAt);
      }
      return;
    }
  }
}

function seriesId(context: SqliteContext, accountId: string, provider: ProviderId, name: string, cache: Map<string, number>): number {
  const key = `${provider}\u0000${name}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  context.statement('INSERT OR IGNORE INTO series (account_id, provider, name) VALUES (?, ?, ?)').run(accountId, provider, name);
  const row = context.statement('SELECT series_id FROM series WHERE account_id = ? AND provider = ? AND name = ?').get(accountId, provider, name) as { series_id: number };
  cache.set(key, row.series_id);
  return row.series_id;
}

async function* paged(
  all: (sql: string, ...params: unknown[]) => Promise<never[]>,
  kind: 'coverage' | 'checks' | 'cursors',
  sql: string,
  accountId: string,
): AsyncGenerator<AccountDumpBatch> {
  for (let offset = 0; ; offset += DUMP_BATCH_ROWS) {
    const rows = await all(`${sql} LIMIT ? OFFSET ?`, accountId, DUMP_BATCH_ROWS, offset);
    if (rows.length === 0) return;
    yield { kind, rows };
    if (rows.length < DUMP_BATCH_ROWS) return;
  }
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
  data: string;
  raw: string | null;
  content_hash: string;
  stored_at: string;
}

function toDumpRecord(row: RecordRow): DumpRecord {
  return {
    provider: row.provider,
    resource: row.resource,
    id: row.id,
    day: row.day,
    start: row.start,
    end: row.end,
    tzOffset: row.tz_offset,
    updatedAt: row.updated_at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    raw: row.raw === null ? null : (JSON.parse(row.raw) as unknown),
    contentHash: row.content_hash,
    storedAt: row.stored_at,
  };
}

interface SyncRunRow {
  id: number;
  provider: string;
  resources: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts: string;
  error: string | null;
}

interface ConnectionDbRow {
  provider: ProviderId;
  blob: string;
  reconnect_needed: number;
  reconnect_reason: ConnectionRow['reconnectReason'];
  refresh_pending_since: number | null;
  updated_at: string;
}

function toConnectionRow(row: ConnectionDbRow): ConnectionRow {
  return {
    provider: row.provider,
    blob: JSON.parse(row.blob) as ConnectionRow['blob'],
    reconnectNeeded: row.reconnect_needed === 1,
    reconnectReason: row.reconnect_reason,
    refreshPendingSince: row.refresh_pending_since,
    updatedAt: row.updated_at,
  };
}
