/** SQLite driver on real files: permissions, WAL, migrations, version guard, errors. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openSqliteStore } from '../../src/store/sqlite/index.js';
import { expectWearablesError } from './contract/harness.js';
import { days, sleepRecord } from './store-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'wearables-sqlite-files-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshPath(): string {
  counter += 1;
  return join(root, `case-${counter}`, 'nested', 'wearables.db');
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('sqlite store files', () => {
  it('creates the directory 0700 and the database, -wal and -shm files 0600 whatever the umask', async () => {
    const path = freshPath();
    const previous = process.umask(0o000);
    try {
      const store = await openSqliteStore({ path });
      await store.upsertRecords([sleepRecord('2024-05-01')]);
      expect(mode(join(path, '..'))).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file)).toBe(0o600);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing world-readable database file to 0600 on open', async () => {
    const path = freshPath();
    await (await openSqliteStore({ path })).close();
    chmodSync(path, 0o644);
    await (await openSqliteStore({ path })).close();
    expect(mode(path)).toBe(0o600);
  });

  it('runs in WAL mode with NORMAL sync and a busy timeout', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
  });

  it('keeps data and applies nothing twice when reopened', async () => {
    const path = freshPath();
    const first = await openSqliteStore({ path });
    await first.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day)));
    const version = await first.schemaVersion();
    await first.close();
    const second = await openSqliteStore({ path });
    expect(await second.schemaVersion()).toBe(version);
    expect(await second.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(3);
    expect((await second.upsertRecords([sleepRecord('2024-05-01')])).unchanged).toBe(1);
    await second.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((migration) => migration.version));
    raw.close();
  });

  it('refuses a cache written by a newer version and tells the user to upgrade', async () => {
    const path = freshPath();
    await (await openSqliteStore({ path })).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')").run();
    raw.close();
    const error = await expectWearablesError(openSqliteStore({ path }), 'CACHE_ERROR');
    expect(error.message).toContain('999');
    expect(error.hint).toMatch(/upgrade/i);
  });

  it('reports a file that is not a database as a damaged cache with a way out', async () => {
    const path = freshPath();
    await (await openSqliteStore({ path })).close();
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    writeFileSync(path, 'this is not a database, just some text that happens to be long enough '.repeat(100));
    const error = await expectWearablesError(openSqliteStore({ path }), 'CACHE_ERROR');
    expect(error.hint).toMatch(/sync --full/);
  });

  it('fails a write held up by another process lock with a retryable CACHE_ERROR, not a hang', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await expectWearablesError(store.upsertRecords([sleepRecord('2024-05-01')]), 'CACHE_ERROR');
    expect(error.isRetryable).toBe(true);
    expect(error.hint).toMatch(/another wearables-mcp process/i);
    expect(await store.probe()).toEqual({ readable: true, writable: false });
    other.exec('ROLLBACK');
    other.close();
    expect(await store.probe()).toEqual({ readable: true, writable: true });
    expect((await store.upsertRecords([sleepRecord('2024-05-01')])).created).toBe(1);
    await store.close();
  });

  it('leaves no trace of a probe write', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    await store.probe();
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM meta').pluck().get()).toBe(0);
    raw.close();
  });

  it('writes nothing of a batch whose transaction fails mid-way, and no events', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    // A failure on the third row of the batch, inside SQLite (as a full disk would be).
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER fail_third BEFORE INSERT ON records WHEN NEW.id = 'ds-2024-05-03' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    raw.close();
    const batch = days('2024-05-01', 5).map((day) => sleepRecord(day, { data: { secret_note: 'do-not-leak' } }));
    const error = await expectWearablesError(store.upsertRecords(batch), 'CACHE_ERROR');
    expect(error.message).not.toContain('do-not-leak');
    expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(0);
    expect((await store.listEvents({})).events).toEqual([]);
    await store.close();
  });

  it('purges a provider from the bytes on disk, not just from query results', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    const marker = 'purge-marker-7f3a9c';
    await store.upsertRecords(days('2024-05-01', 40).map((day) => sleepRecord(day, { data: { note: marker }, raw: { note: marker, day } })));
    await store.upsertRecords([sleepRecord('2024-05-01', { provider: 'whoop', id: 'kept' })]);
    const onDisk = (): string => [path, `${path}-wal`].map((file) => (existsSync(file) ? readFileSync(file).toString('latin1') : '')).join('');
    expect(onDisk()).toContain(marker);
    await store.purgeProvider('oura');
    expect(onDisk()).not.toContain(marker);
    expect(await store.countRecords({ provider: 'whoop', resource: 'daily_sleep' })).toBe(1);
    await store.close();
  });

  it('reports the file size including the WAL', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    await store.upsertRecords(days('2024-01-01', 100).map((day) => sleepRecord(day)));
    const stats = await store.stats();
    expect(stats.path).toBe(path);
    expect(stats.sizeBytes).toBe(statSync(path).size + statSync(`${path}-wal`).size);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await store.close();
  });

  it('explains a cache path that runs through a file', async () => {
    const blocker = join(root, `blocker-${++counter}`);
    writeFileSync(blocker, 'not a directory');
    const error = await expectWearablesError(openSqliteStore({ path: join(blocker, 'wearables.db') }), 'CACHE_ERROR');
    expect(error.message).toContain('ENOTDIR');
    expect(error.hint).toMatch(/WEARABLES_MCP_HOME/);
  });

  // Root ignores directory permissions, so this can only be observed as a normal user.
  it.skipIf(process.getuid?.() === 0)('explains a cache directory that is not writable', async () => {
    const parent = join(root, `readonly-${++counter}`);
    mkdirSync(parent, { mode: 0o500 });
    try {
      const error = await expectWearablesError(openSqliteStore({ path: join(parent, 'sub', 'wearables.db') }), 'CACHE_ERROR');
      expect(error.message).toContain('EACCES');
      expect(error.hint).toMatch(/not writable/);
    } finally {
      chmodSync(parent, 0o700);
    }
  });

  it('supports a throwaway in-memory store', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    await store.upsertRecords([sleepRecord('2024-05-01')]);
    expect((await store.stats()).path).toBeNull();
    await store.close();
  });
});
