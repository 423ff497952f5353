/**
 * Contract: an account's dump and restore (`exportAccount` / `importAccount`, what `migrate`
 * streams). A restored account answers every read as the original (records with raw, hash and
 * stored_at; samples; events with their seq, so a cursor means the same place; coverage, checks,
 * cursors, sync runs; connection rows as ciphertext), holds as many rows per table, and keeps
 * giving out seqs after the imported ones. A non-empty account is refused; an import cut short
 * stays marked incomplete; batches are bounded; malformed or misordered batches are refused.
 */
import { describe, expect, it } from 'vitest';
import { compareDigests, digestAccount } from '../../../src/store/account-digest.js';
import { DUMP_BATCH_ROWS, IMPORT_MARKER, isImportIncomplete, type AccountDumpBatch } from '../../../src/store/account-dump.js';
import type { StoreDatabase } from '../../../src/store/database.js';
import { encodeEventCursor } from '../../../src/store/event-feed-query.js';
import type { Store } from '../../../src/store/store.js';
import { days, heartRate, sleepRecord } from '../store-fixtures.js';
import { ACCOUNT, expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const COPY = 'contract-copy';
const RESOURCES = [{ provider: 'oura', resource: 'daily_sleep' }];

/** Fills `store` with one of everything the dump carries, including updates and a deletion. */
async function populate(db: StoreDatabase, store: Store, clock: { advance(ms: number): void }): Promise<void> {
  const window = days('2024-04-01', 30);
  await store.upsertRecords(window.map((day) => sleepRecord(day)));
  clock.advance(60_000);
  await store.upsertRecords(window.slice(0, 5).map((day) => sleepRecord(day, { data: { score: 99 }, raw: { rescored: day } })));
  await store.deleteMissing('oura', 'daily_sleep', { start: '2024-04-29', end: '2024-05-01' }, ['ds-2024-04-29']);
  await store.upsertSamples(heartRate(Date.parse('2024-04-01T00:00:00Z'), 500));
  await store.markCovered('oura', 'daily_sleep', { start: '2024-04-01', end: '2024-04-28' }, '2024-05-01T08:00:00.000Z');
  await store.markChecked('oura', 'daily_sleep', { start: '2024-04-28', end: '2024-05-01' }, '2024-05-01T08:00:00.000Z');
  await store.setCursor('oura', 'daily_sleep', '2024-04-28');
  const run = await store.startSyncRun({ provider: 'oura', resources: ['daily_sleep'], mode: 'full' });
  await store.finishSyncRun(run, { status: 'ok', counts: { daily_sleep: { fetched: 30, created: 30, updated: 5, unchanged: 0, deleted: 1 } }, error: null });
  await store.startSyncRun({ provider: 'oura', resources: ['heartrate'], mode: 'incremental' });
  await db.connections(store.accountId).transaction((transaction) =>
    transaction.put({ provider: 'oura', blob: { iv: 'aXYxMjM0NTY3ODkw', tag: 'dGFnMTIzNDU2Nzg5MDEy', data: 'Y2lwaGVydGV4dA==', kid: 'k1' }, reconnectNeeded: true, reconnectReason: 'grant_lost', refreshPendingSince: null }),
  );
}

async function collect(iterable: AsyncIterable<AccountDumpBatch>): Promise<AccountDumpBatch[]> {
  const out: AccountDumpBatch[] = [];
  for await (const batch of iterable) out.push(batch);
  return out;
}

async function* replay(batches: readonly AccountDumpBatch[]): AsyncGenerator<AccountDumpBatch> {
  for (const batch of batches) yield batch;
}

export function dumpContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('account dump and restore', () => {
    it('restores an account that answers every read as the original, row for row', async () => {
      const { db, store, clock, neighbour } = await fresh();
      await populate(db, store, clock);
      const neighbourBefore = await digestAccount(neighbour, { resources: RESOURCES });
      clock.advance(3_600_000);
      const counts = await db.importAccount(COPY, db.exportAccount(ACCOUNT));
      expect(counts).toMatchObject({ records: 29, samples: 500, coverage: 1, checks: 1, cursors: 1, syncRuns: 2, connections: 1 });
      expect(counts.events).toBeGreaterThanOrEqual(36);
      const copy = db.forAccount(COPY);
      const comparison = compareDigests(await digestAccount(store, { resources: RESOURCES }), await digestAccount(copy, { resources: RESOURCES }));
      expect(comparison.differences).toEqual([]);
      // Reads directly, beyond the digest: records keep stored_at and hash, the feed its seqs.
      expect(await copy.queryRecords({ provider: 'oura', resource: 'daily_sleep' })).toEqual(await store.queryRecords({ provider: 'oura', resource: 'daily_sleep' }));
      const page = await store.listEvents({ since: encodeEventCursor(0), limit: 10 });
      const [after, copyAfter] = await Promise.all([store.listEvents({ since: page.nextCursor as string }), copy.listEvents({ since: page.nextCursor as string })]);
      expect(copyAfter.events).toEqual(after.events);
      expect(await copy.missingWindows('oura', 'daily_sleep', { start: '2024-03-01', end: '2024-05-01' })).toEqual(
        await store.missingWindows('oura', 'daily_sleep', { start: '2024-03-01', end: '2024-05-01' }),
      );
      const [rows, copyRows] = await Promise.all([db.connections(ACCOUNT).list(), db.connections(COPY).list()]);
      expect(copyRows.map(({ updatedAt: _at, ...row }) => row)).toEqual(rows.map(({ updatedAt: _at, ...row }) => row));
      // Same rows in every table, and the neighbour untouched.
      const [original, restored] = await Promise.all([driver.accountRowCounts(db, ACCOUNT), driver.accountRowCounts(db, COPY)]);
      expect(restored).toEqual(original);
      expect(compareDigests(neighbourBefore, await digestAccount(neighbour, { resources: RESOURCES })).equal).toBe(true);
      expect(await isImportIncomplete(copy)).toBe(false);
      // The copy's feed goes on after the imported seqs.
      const lastSeq = (await copy.listEvents({ since: encodeEventCursor(0), limit: 5000 })).events.at(-1)?.seq ?? 0;
      await copy.upsertRecords([sleepRecord('2024-05-02')]);
      const next = await copy.listEvents({ since: encodeEventCursor(lastSeq) });
      expect(next.events.map((event) => [event.seq, event.id])).toEqual([[lastSeq + 1, 'ds-2024-05-02']]);
    });

    it('comes in bounded batches, account first', async () => {
      const { db, store } = await fresh({ neighbour: false });
      await store.upsertRecords(days('2020-01-01', DUMP_BATCH_ROWS + 5).map((day) => sleepRecord(day)));
      const batches = await collect(db.exportAccount(ACCOUNT));
      expect(batches[0]?.kind).toBe('account');
      const records = batches.filter((batch) => batch.kind === 'records');
      expect(records.map((batch) => batch.rows.length)).toEqual([DUMP_BATCH_ROWS, 5]);
      expect(batches.every((batch) => batch.kind === 'account' || batch.rows.length <= 20_000)).toBe(true);
      await expectWearablesError(collect(db.exportAccount('no-such-account')), 'NOT_FOUND');
    });

    it('refuses an account that holds data, changing nothing', async () => {
      const { db, store, clock, neighbour } = await fresh();
      await populate(db, store, clock);
      const before = await driver.accountRowCounts(db, 'contract-b');
      await expectWearablesError(db.importAccount(neighbour.accountId, db.exportAccount(ACCOUNT)), 'VALIDATION_ERROR');
      expect(await driver.accountRowCounts(db, 'contract-b')).toEqual(before);
      expect(await isImportIncomplete(neighbour)).toBe(false);
    });

    it('leaves an import cut short marked incomplete; deleting the account clears every row', async () => {
      const { db, store, clock } = await fresh({ neighbour: false });
      await populate(db, store, clock);
      const batches = await collect(db.exportAccount(ACCOUNT));
      async function* cutShort(): AsyncGenerator<AccountDumpBatch> {
        yield* replay(batches.slice(0, 2));
        throw new Error('the process died here');
      }
      await expect(db.importAccount(COPY, cutShort())).rejects.toThrow('the process died here');
      const copy = db.forAccount(COPY);
      expect(await isImportIncomplete(copy)).toBe(true);
      expect(await copy.getCursor(IMPORT_MARKER.provider, IMPORT_MARKER.resource)).toMatch(/^incomplete/);
      expect(await db.accounts.delete(COPY)).toBe(true);
      expect(Object.values(await driver.accountRowCounts(db, COPY)).every((count) => count === 0)).toBe(true);
      // And it imports whole afterwards, without the marker in the dump of the original.
      await db.importAccount(COPY, replay(batches));
      expect(await isImportIncomplete(copy)).toBe(false);
      expect(batches.some((batch) => batch.kind === 'cursors' && batch.rows.some((row) => row.provider === IMPORT_MARKER.provider))).toBe(false);
    });

    it('refuses misordered or malformed batches before writing them', async () => {
      const { db, store, clock } = await fresh({ neighbour: false });
      await populate(db, store, clock);
      const batches = await collect(db.exportAccount(ACCOUNT));
      const withoutAccount = batches.filter((batch) => batch.kind !== 'account');
      await expectWearablesError(db.importAccount('copy-1', replay(withoutAccount)), 'VALIDATION_ERROR');
      expect(await db.accounts.get('copy-1')).toBeNull();
      const records = batches.find((batch) => batch.kind === 'records') as Extract<AccountDumpBatch, { kind: 'records' }>;
      const samples = batches.find((batch) => batch.kind === 'samples') as AccountDumpBatch;
      await expectWearablesError(db.importAccount('copy-2', replay([batches[0]!, samples, records])), 'VALIDATION_ERROR');
      const badProvider = { ...records, rows: [{ ...records.rows[0]!, provider: 'Not A Provider' }] };
      await expectWearablesError(db.importAccount('copy-3', replay([batches[0]!, badProvider])), 'VALIDATION_ERROR');
      expect((await db.forAccount('copy-3').stats()).records).toEqual([]);
    });
  });
}
