/**
 * An existing home upgrades in place: a cache written with schema version 1 (built here from the
 * v1 migration SQL and rows as the v1 code wrote them) opens with the account schema and gives
 * the same answers, keeps a poller's saved cursor, and re-syncs nothing.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/store/canonical-json.js';
import { LOCAL_ACCOUNT_ID } from '../../src/store/database.js';
import { encodeEventCursor } from '../../src/store/event-feed-query.js';
import { MIGRATIONS, openSqliteDatabase, openSqliteStore } from '../../src/store/sqlite/index.js';
import { days, sleepRecord, testClock } from './store-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'wearables-sqlite-upgrade-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.parse('2024-05-01T00:00:00Z');
const STORED_AT = '2024-05-01T08:00:00.000Z';
const RECORD_DAYS = days('2024-05-01', 3);

/** Writes a version-1 cache the way the v1 code did (same columns, hashes and event rows). */
function buildV1(path: string): void {
  const v1 = MIGRATIONS.find((migration) => migration.version === 1);
  if (!v1) throw new Error('no v1 migration');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  db.exec(v1.up);
  db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(v1.name, STORED_AT);
  const insertRecord = db.prepare(
    'INSERT INTO records (provider, resource, id, day, start, "end", tz_offset, updated_at, data, raw, content_hash, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare('INSERT INTO events (at, provider, resource, record_id, day, change, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const day of RECORD_DAYS) {
    const record = sleepRecord(day);
    insertRecord.run('oura', 'daily_sleep', record.id, day, record.start, null, record.tzOffset, null, canonicalJson(record.data), JSON.stringify(record.raw), contentHash(record.raw), STORED_AT);
    insertEvent.run(STORED_AT, 'oura', 'daily_sleep', record.id, day, 'created', canonicalJson(record.data));
  }
  // A record created, updated and deleted: its events stay, the row is gone.
  insertEvent.run(STORED_AT, 'oura', 'daily_sleep', 'ds-gone', '2024-05-04', 'created', '{"score":1}');
  insertEvent.run(STORED_AT, 'oura', 'daily_sleep', 'ds-gone', '2024-05-04', 'deleted', null);
  // Two events of a provider purged since: their seqs (6, 7) were handed out and must not return.
  insertEvent.run(STORED_AT, 'whoop', 'cycle', 'c1', '2024-05-01', 'created', '{}');
  insertEvent.run(STORED_AT, 'whoop', 'cycle', 'c2', '2024-05-01', 'created', '{}');
  db.prepare("DELETE FROM events WHERE provider = 'whoop'").run();
  db.prepare("INSERT INTO series (series_id, provider, name) VALUES (1, 'oura', 'heart_rate')").run();
  const sample = db.prepare('INSERT INTO samples (series_id, ts, value, source) VALUES (1, ?, ?, ?)');
  for (let index = 0; index < 10; index++) sample.run(T0 + index * 60_000, 50 + index, index % 2 === 0 ? 'rest' : null);
  db.prepare("INSERT INTO coverage VALUES ('oura', 'daily_sleep', '2024-04-01', '2024-05-04', ?, ?)").run(STORED_AT, STORED_AT);
  db.prepare("INSERT INTO cursors VALUES ('oura', 'daily_sleep', '2024-05-04', ?)").run(STORED_AT);
  db.prepare(
    "INSERT INTO sync_runs (id, provider, resources, mode, started_at, finished_at, status, counts, error) VALUES (41, 'oura', '[\"daily_sleep\"]', 'incremental', ?, ?, 'ok', '{}', NULL)",
  ).run(STORED_AT, STORED_AT);
  db.prepare("INSERT INTO meta VALUES ('open_check/oura/daily_sleep/2024-05-04', ?)").run(JSON.stringify({ end: '2024-05-06', checkedAt: '2024-05-05T00:00:00.000Z' }));
  db.prepare("INSERT INTO meta VALUES ('open_check/oura/daily_sleep/broken', 'not json')").run();
  db.close();
}

describe('sqlite upgrade from schema version 1', () => {
  it('opens a v1 cache in place with the same answers, cursors and feed, and re-writes nothing', async () => {
    const path = join(root, 'home', 'wearables.db');
    mkdirSync(join(root, 'home'), { recursive: true });
    buildV1(path);
    const clock = testClock('2024-05-02T08:00:00.000Z');
    const store = await openSqliteStore({ path, now: clock.now });

    expect(await store.schemaVersion()).toBe(2);
    expect(store.accountId).toBe(LOCAL_ACCOUNT_ID);
    const records = await store.queryRecords({ provider: 'oura', resource: 'daily_sleep' });
    expect(records.map((record) => [record.id, record.day, record.data, record.raw, record.contentHash, record.storedAt])).toEqual(
      RECORD_DAYS.map((day) => {
        const record = sleepRecord(day);
        return [record.id, day, record.data, record.raw, contentHash(record.raw), STORED_AT];
      }),
    );
    const range = { provider: 'oura' as const, series: 'heart_rate', start: T0, end: T0 + 3_600_000 };
    expect(await store.querySamples(range)).toEqual(
      Array.from({ length: 10 }, (_, index) => ({ provider: 'oura', series: 'heart_rate', ts: T0 + index * 60_000, value: 50 + index, source: index % 2 === 0 ? 'rest' : null })),
    );
    expect(await store.missingWindows('oura', 'daily_sleep', { start: '2024-03-30', end: '2024-05-06' })).toEqual([
      { start: '2024-03-30', end: '2024-04-01' },
      { start: '2024-05-04', end: '2024-05-06' },
    ]);
    expect(await store.getCursor('oura', 'daily_sleep')).toBe('2024-05-04');
    expect((await store.listSyncRuns()).map((run) => [run.id, run.status])).toEqual([[41, 'ok']]);
    expect(await store.listChecks('oura', 'daily_sleep')).toEqual([{ start: '2024-05-04', end: '2024-05-06', checkedAt: '2024-05-05T00:00:00.000Z' }]);

    // The feed keeps its seqs; data is the record as stored now (null once deleted).
    const feed = (await store.listEvents({})).events;
    expect(feed.map((event) => [event.seq, event.id, event.change, event.data])).toEqual([
      [1, 'ds-2024-05-01', 'created', sleepRecord('2024-05-01').data],
      [2, 'ds-2024-05-02', 'created', sleepRecord('2024-05-02').data],
      [3, 'ds-2024-05-03', 'created', sleepRecord('2024-05-03').data],
      [4, 'ds-gone', 'created', null],
      [5, 'ds-gone', 'deleted', null],
    ]);
    // A poller's cursor saved before the upgrade continues exactly.
    expect((await store.listEvents({ since: encodeEventCursor(3) })).events.map((event) => event.seq)).toEqual([4, 5]);

    // An identical re-fetch writes nothing and emits nothing.
    expect(await store.upsertRecords(RECORD_DAYS.map((day) => sleepRecord(day)))).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect((await store.listEvents({ since: encodeEventCursor(5) })).events).toEqual([]);
    // A real change continues after every seq handed out before (the purged 6 and 7 included).
    await store.upsertRecords([sleepRecord('2024-05-09')]);
    expect((await store.listEvents({ since: encodeEventCursor(5) })).events.map((event) => event.seq)).toEqual([8]);
    await store.close();

    const database = await openSqliteDatabase({ path });
    expect((await database.accounts.list()).map((account) => account.id)).toEqual([LOCAL_ACCOUNT_ID]);
    await database.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2]);
    expect((raw.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[]).includes('data')).toBe(false);
    expect(raw.prepare("SELECT count(*) FROM meta WHERE key LIKE 'open_check/%'").pluck().get()).toBe(0);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('creates no account for a new, empty cache', async () => {
    const database = await openSqliteDatabase({ path: join(root, 'empty', 'wearables.db') });
    expect(await database.accounts.list()).toEqual([]);
    expect(await database.schemaVersion()).toBe(2);
    await database.close();
  });
});
