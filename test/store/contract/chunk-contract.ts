/**
 * Contract: `writeChunk` is one unit of work. A chunk's records, deletions, samples, coverage,
 * check and cursor are all committed, or (an invalid input anywhere, a step that fails) none is.
 */
import { describe, expect, it } from 'vitest';
import type { ChunkWrite, Store } from '../../../src/store/store.js';
import { days, heartRate, sleepRecord } from '../store-fixtures.js';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const HOUR = 3_600_000;
const SAMPLE_RANGE = { provider: 'oura' as const, series: 'heart_rate', start: T0, end: T0 + 24 * HOUR };

/** Everything a chunk may change, read back through the Store. */
async function snapshot(store: Store): Promise<unknown> {
  return {
    records: (await store.queryRecords({ provider: 'oura', resource: 'daily_sleep' })).map((record) => [record.id, record.contentHash, record.storedAt]),
    samples: await store.querySamples(SAMPLE_RANGE),
    missing: await store.missingWindows('oura', 'daily_sleep', { start: '2024-04-01', end: '2024-06-01' }),
    checks: await store.listChecks('oura', 'daily_sleep'),
    cursor: await store.getCursor('oura', 'daily_sleep'),
    events: (await store.listEvents({ limit: 1000 })).events.map((event) => [event.seq, event.id, event.change]),
  };
}

/** A chunk touching every part: May 1-5 re-fetched (May 3 gone, May 2 re-scored), samples replaced. */
function fullChunk(overrides: Partial<ChunkWrite> = {}): ChunkWrite {
  return {
    records: [sleepRecord('2024-05-01'), sleepRecord('2024-05-02', { data: { score: 99 }, raw: { rescored: true } }), sleepRecord('2024-05-04'), sleepRecord('2024-05-05')],
    deleteMissing: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-01', end: '2024-05-06' }, keepIds: ['ds-2024-05-01', 'ds-2024-05-02', 'ds-2024-05-04', 'ds-2024-05-05'] },
    replaceSamples: { provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 2 * HOUR },
    samples: heartRate(T0, 6, 600_000).map((sample) => ({ ...sample, value: 70 })),
    covered: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-01', end: '2024-05-06' }, syncedAt: '2024-05-06T00:00:00Z' },
    checked: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-06', end: '2024-05-08' }, checkedAt: '2024-05-07T00:00:00Z' },
    cursor: { provider: 'oura', resource: 'daily_sleep', cursor: '2024-05-06' },
    ...overrides,
  };
}

async function seed(store: Store): Promise<void> {
  await store.upsertRecords(days('2024-05-01', 4).map((day) => sleepRecord(day)));
  await store.upsertSamples(heartRate(T0, 30));
  await store.markCovered('oura', 'daily_sleep', { start: '2024-04-20', end: '2024-05-01' }, '2024-05-01T00:00:00Z');
  await store.setCursor('oura', 'daily_sleep', '2024-05-01');
}

export function chunkContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('writeChunk', () => {
    it('commits records, deletions, samples, coverage, check and cursor together', async () => {
      const { store, clock } = await fresh();
      await seed(store);
      clock.advance(60_000);
      const result = await store.writeChunk(fullChunk());
      expect(result).toEqual({ created: 1, updated: 1, unchanged: 2, deleted: 1, samplesRemoved: 24, samplesWritten: 6 });
      expect((await store.queryRecords({ provider: 'oura', resource: 'daily_sleep' })).map((record) => record.day)).toEqual(['2024-05-01', '2024-05-02', '2024-05-04', '2024-05-05']);
      expect((await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-02'))?.data).toEqual({ score: 99 });
      expect(await store.countSamples(SAMPLE_RANGE)).toBe(6 + 30 - 24);
      expect(await store.missingWindows('oura', 'daily_sleep', { start: '2024-04-20', end: '2024-05-08' })).toEqual([{ start: '2024-05-06', end: '2024-05-08' }]);
      expect(await store.listChecks('oura', 'daily_sleep')).toEqual([{ start: '2024-05-06', end: '2024-05-08', checkedAt: '2024-05-07T00:00:00.000Z' }]);
      expect(await store.getCursor('oura', 'daily_sleep')).toBe('2024-05-06');
      const events = (await store.listEvents({})).events.slice(4);
      expect(events.map((event) => [event.id, event.change])).toEqual([
        ['ds-2024-05-02', 'updated'],
        ['ds-2024-05-05', 'created'],
        ['ds-2024-05-03', 'deleted'],
      ]);
      // Replaying the same chunk changes nothing and emits nothing.
      expect(await store.writeChunk(fullChunk())).toEqual({ created: 0, updated: 0, unchanged: 4, deleted: 0, samplesRemoved: 6, samplesWritten: 6 });
      expect((await store.listEvents({})).events).toHaveLength(7);
      expect(await store.writeChunk({})).toEqual({ created: 0, updated: 0, unchanged: 0, deleted: 0, samplesRemoved: 0, samplesWritten: 0 });
    });

    it('writes nothing when any input is invalid, wherever it is in the chunk', async () => {
      const { store, clock } = await fresh();
      await seed(store);
      const before = await snapshot(store);
      clock.advance(60_000);
      const invalid: Array<[string, Partial<ChunkWrite>]> = [
        ['last record', { records: [...(fullChunk().records ?? []), sleepRecord('2024-05-06', { day: 'May 6' })] }],
        ['a sample', { samples: [...heartRate(T0, 3), { provider: 'oura', series: 'heart_rate', ts: T0 + 1, value: Number.NaN }] }],
        ['the deletion window', { deleteMissing: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-01T00:00:00Z', end: '2024-05-02T00:00:00Z' }, keepIds: [] } }],
        ['the sample range', { replaceSamples: { provider: 'oura', series: 'heart_rate', start: T0 + HOUR, end: T0 } }],
        ['the coverage window', { covered: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-06', end: '2024-05-01' }, syncedAt: '2024-05-06T00:00:00Z' } }],
        ['the coverage time', { covered: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-01', end: '2024-05-06' }, syncedAt: 'soon' } }],
        ['the check', { checked: { provider: 'oura', resource: 'daily_sleep', window: { start: 'x', end: '2024-05-08' }, checkedAt: '2024-05-07T00:00:00Z' } }],
        ['the cursor', { cursor: { provider: 'oura', resource: 'daily_sleep', cursor: '' } }],
      ];
      for (const [where, override] of invalid) {
        const error = await expectWearablesError(store.writeChunk(fullChunk(override)), 'VALIDATION_ERROR');
        expect(error.message, where).not.toBe('');
        expect(await snapshot(store), where).toEqual(before);
      }
    });

    it('rolls back every earlier step when a later step fails inside the transaction', async () => {
      const { store, clock } = await fresh();
      await seed(store);
      // Coverage of this resource is kept in days: a window of instants fails when the coverage is merged.
      const before = await snapshot(store);
      clock.advance(60_000);
      const failing = fullChunk({
        covered: { provider: 'oura', resource: 'daily_sleep', window: { start: '2024-05-01T00:00:00Z', end: '2024-05-06T00:00:00Z' }, syncedAt: '2024-05-06T00:00:00Z' },
      });
      await expectWearablesError(store.writeChunk(failing), 'VALIDATION_ERROR');
      expect(await snapshot(store)).toEqual(before);
      // The same chunk with a valid window then commits as a whole.
      expect((await store.writeChunk(fullChunk())).deleted).toBe(1);
      expect(await store.getCursor('oura', 'daily_sleep')).toBe('2024-05-06');
    });
  });
}
