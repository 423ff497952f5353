/** Contract: record upserts are idempotent, changes and deletions are detected and evented. */
import { describe, expect, it } from 'vitest';
import { days, sleepRecord } from '../store-fixtures.js';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

export function recordsContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('upsertRecords', () => {
    it('stores new records once; an identical second upsert changes nothing and emits no event', async () => {
      const { store, clock } = await fresh();
      const batch = days('2024-05-01', 3).map((day) => sleepRecord(day));
      expect(await store.upsertRecords(batch)).toEqual({ created: 3, updated: 0, unchanged: 0 });
      const firstStoredAt = (await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-01'))?.storedAt;
      clock.advance(60_000);
      expect(await store.upsertRecords(batch)).toEqual({ created: 0, updated: 0, unchanged: 3 });
      const events = await store.listEvents({});
      expect(events.events.map((event) => event.change)).toEqual(['created', 'created', 'created']);
      expect((await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-01'))?.storedAt).toBe(firstStoredAt);
    });

    it('treats the same raw payload with keys in another order as unchanged', async () => {
      const { store } = await fresh();
      await store.upsertRecords([sleepRecord('2024-05-01', { raw: { b: 2, a: { y: 1, x: [1, 2] } } })]);
      const again = await store.upsertRecords([sleepRecord('2024-05-01', { raw: { a: { x: [1, 2], y: 1 }, b: 2 } })]);
      expect(again.unchanged).toBe(1);
      expect((await store.listEvents({})).events).toHaveLength(1);
    });

    it('detects an updated payload, stores it and emits one updated event with the new data', async () => {
      const { store, clock } = await fresh();
      await store.upsertRecords([sleepRecord('2024-05-01')]);
      const before = await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-01');
      clock.advance(3_600_000);
      const rescored = sleepRecord('2024-05-01', { data: { score: 91 }, raw: { id: 'ds-2024-05-01', score: 91 } });
      expect(await store.upsertRecords([rescored])).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const after = await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-01');
      expect(after?.data).toEqual({ score: 91 });
      expect(after?.raw).toEqual({ id: 'ds-2024-05-01', score: 91 });
      expect(after?.contentHash).not.toBe(before?.contentHash);
      expect(after?.storedAt).toBe('2024-05-01T09:00:00.000Z');
      const events = (await store.listEvents({})).events;
      expect(events.map((event) => event.change)).toEqual(['created', 'updated']);
      expect(events[1]?.data).toEqual({ score: 91 });
      expect(events[1]?.at).toBe('2024-05-01T09:00:00.000Z');
    });

    it('stores a change of normalized fields even when the raw payload is byte-identical', async () => {
      const { store } = await fresh();
      await store.upsertRecords([sleepRecord('2024-05-01')]);
      const renormalized = sleepRecord('2024-05-01', { data: { score: 70, efficiency_percent: 88 } });
      expect((await store.upsertRecords([renormalized])).updated).toBe(1);
      expect((await store.getRecord('oura', 'daily_sleep', 'ds-2024-05-01'))?.data).toEqual({ score: 70, efficiency_percent: 88 });
    });

    it('emits no event when a re-fetched snapshot (no day) is identical', async () => {
      const { store } = await fresh();
      const profile = sleepRecord('2024-05-01', { resource: 'personal_info', id: 'me', day: null, start: null, tzOffset: null, raw: { age: 40, height: 1.8 } });
      await store.upsertRecords([profile]);
      expect((await store.upsertRecords([{ ...profile, raw: { height: 1.8, age: 40 } }])).unchanged).toBe(1);
      expect((await store.listEvents({ resources: ['personal_info'] })).events).toHaveLength(1);
      expect((await store.getRecord('oura', 'personal_info', 'me'))?.day).toBeNull();
    });

    it('rejects a batch with an invalid record without storing any of it, and keeps payloads out of the message', async () => {
      const { store } = await fresh();
      const bad = sleepRecord('2024-05-02', { day: '05/02/2024', data: { note: 'very-private-diary-entry' } });
      const error = await expectWearablesError(store.upsertRecords([sleepRecord('2024-05-01'), bad]), 'VALIDATION_ERROR');
      expect(error.message).not.toContain('very-private-diary-entry');
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(0);
      expect((await store.listEvents({})).events).toHaveLength(0);
    });
  });

  describe('deleteMissing', () => {
    it('deletes records of the window that a complete fetch no longer returned, with deleted events', async () => {
      const { store } = await fresh();
      await store.upsertRecords(days('2024-05-01', 6).map((day) => sleepRecord(day)));
      const deleted = await store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-02', end: '2024-05-05' }, ['ds-2024-05-03']);
      expect(deleted).toBe(2);
      const remaining = (await store.queryRecords({ provider: 'oura', resource: 'daily_sleep' })).map((record) => record.day);
      // Outside the window (05-01, and 05-05 because the end is exclusive) nothing is touched.
      expect(remaining).toEqual(['2024-05-01', '2024-05-03', '2024-05-05', '2024-05-06']);
      const deletions = (await store.listEvents({})).events.filter((event) => event.change === 'deleted');
      expect(deletions.map((event) => [event.id, event.day, event.data])).toEqual([
        ['ds-2024-05-02', '2024-05-02', null],
        ['ds-2024-05-04', '2024-05-04', null],
      ]);
      expect(await store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-02', end: '2024-05-05' }, ['ds-2024-05-03'])).toBe(0);
    });

    it('rejects a window that is not made of days', async () => {
      const { store } = await fresh();
      await expectWearablesError(store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-01T00:00:00Z', end: '2024-05-02T00:00:00Z' }, []), 'VALIDATION_ERROR');
    });
  });

  describe('queryRecords', () => {
    it('returns an inclusive day range in order, with limit, offset, desc and count', async () => {
      const { store } = await fresh();
      await store.upsertRecords(days('2024-04-25', 20).map((day) => sleepRecord(day)));
      await store.upsertRecords([sleepRecord('2024-05-03', { resource: 'daily_readiness', id: 'r-1' })]);
      const range = { provider: 'oura' as const, resource: 'daily_sleep', startDay: '2024-05-01', endDay: '2024-05-07' };
      const all = await store.queryRecords(range);
      expect(all.map((record) => record.day)).toEqual(days('2024-05-01', 7));
      expect(all[0]?.raw).toEqual(sleepRecord('2024-05-01').raw);
      expect(all[0]?.data).toEqual(sleepRecord('2024-05-01').data);
      expect(all[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.queryRecords({ ...range, limit: 2, offset: 3 })).map((record) => record.day)).toEqual(['2024-05-04', '2024-05-05']);
      expect((await store.queryRecords({ ...range, order: 'desc', limit: 2 })).map((record) => record.day)).toEqual(['2024-05-07', '2024-05-06']);
      expect(await store.countRecords(range)).toBe(7);
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(20);
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_readiness' })).toBe(1);
    });

    it('orders records of one day by start time and finds a single record by id', async () => {
      const { store } = await fresh();
      await store.upsertRecords([
        sleepRecord('2024-05-01', { resource: 'sleep', id: 'nap', start: '2024-05-01T14:00:00+02:00' }),
        sleepRecord('2024-05-01', { resource: 'sleep', id: 'night', start: '2024-04-30T23:00:00+02:00' }),
      ]);
      const sessions = await store.queryRecords({ provider: 'oura', resource: 'sleep', startDay: '2024-05-01', endDay: '2024-05-01' });
      expect(sessions.map((record) => record.id)).toEqual(['night', 'nap']);
      expect(await store.getRecord('oura', 'sleep', 'missing')).toBeNull();
      expect((await store.getRecord('oura', 'sleep', 'nap'))?.start).toBe('2024-05-01T14:00:00+02:00');
    });

    it('rejects malformed days and paging arguments with a hint', async () => {
      const { store } = await fresh();
      await expectWearablesError(store.queryRecords({ provider: 'oura', resource: 'daily_sleep', startDay: 'yesterday' }), 'VALIDATION_ERROR');
      await expectWearablesError(store.queryRecords({ provider: 'oura', resource: 'daily_sleep', limit: -1 }), 'VALIDATION_ERROR');
    });
  });
}
