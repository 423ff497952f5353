/**
 * Contract: a bounded event feed. `compactEvents` drops events older than the retention (every
 * account) and remembers where each account's feed now starts; a cursor or instant from before
 * that start is answered with a `gap` and the page starts at the oldest retained event.
 */
import { describe, expect, it } from 'vitest';
import { days, sleepRecord } from '../store-fixtures.js';
import { NEIGHBOUR_DAYS, expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const DAY = 86_400_000;

export function retentionContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('event retention', () => {
    it('drops old events, answers an older cursor or instant with a gap, and keeps newer cursors exact', async () => {
      const { store, db, clock, neighbour } = await fresh();
      const start = await store.listEvents({});
      const neighbourStart = await neighbour.listEvents({ limit: 1 });
      await store.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day)));
      const afterOld = (await store.listEvents({})).nextCursor ?? undefined;
      clock.advance(10 * DAY);
      await store.upsertRecords(days('2024-05-10', 2).map((day) => sleepRecord(day)));
      const newAt = clock.now().toISOString();

      // 5 days: this account's first 3 events and every event of the neighbour are older.
      expect(await db.compactEvents({ retentionDays: 5 })).toEqual({ removed: 3 + NEIGHBOUR_DAYS.length });

      const fromStart = await store.listEvents({ since: start.nextCursor ?? undefined });
      expect(fromStart.gap).toEqual({ oldestRetainedAt: newAt });
      expect(fromStart.events.map((event) => event.id)).toEqual(['ds-2024-05-10', 'ds-2024-05-11']);
      // A cursor at the retained start is exact: no gap.
      const exact = await store.listEvents({ since: afterOld });
      expect(exact.gap).toBeUndefined();
      expect(exact.events.map((event) => event.id)).toEqual(['ds-2024-05-10', 'ds-2024-05-11']);
      // Instants: before the cut there is a gap, after it none.
      expect((await store.listEvents({ since: '2024-05-01T00:00:00Z' })).gap).toEqual({ oldestRetainedAt: newAt });
      const afterCut = await store.listEvents({ since: new Date(clock.now().getTime() - 2 * DAY).toISOString() });
      expect(afterCut.gap).toBeUndefined();
      expect(afterCut.events).toHaveLength(2);
      // Reading from the beginning (no `since`) is what is retained, with no gap claimed.
      const whole = await store.listEvents({});
      expect(whole.gap).toBeUndefined();
      expect(whole.events).toHaveLength(2);
      // The neighbour lost all of its feed: its old cursor gets a gap with no retained event.
      const neighbourGap = await neighbour.listEvents({ since: neighbourStart.nextCursor ?? undefined });
      expect(neighbourGap.gap).toEqual({ oldestRetainedAt: null });
      expect(neighbourGap.events).toEqual([]);
      // The records themselves are kept; only their history went.
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(NEIGHBOUR_DAYS.length);

      // Nothing is due a second time; the gap is still reported to the old cursor.
      expect(await db.compactEvents({ retentionDays: 5 })).toEqual({ removed: 0 });
      expect((await store.listEvents({ since: start.nextCursor ?? undefined })).gap).toBeDefined();

      // New events continue after every removed one: a resumed poller neither repeats nor misses.
      const resume = whole.nextCursor ?? undefined;
      await store.upsertRecords([sleepRecord('2024-05-12')]);
      const next = await store.listEvents({ since: resume });
      expect(next.events.map((event) => event.id)).toEqual(['ds-2024-05-12']);
      expect(next.gap).toBeUndefined();
      expect(next.events[0]?.seq).toBeGreaterThan(Math.max(...whole.events.map((event) => event.seq)));
    });

    it('keeps the resume cursor moving when the whole feed is compacted', async () => {
      const { store, db, clock } = await fresh({ neighbour: false });
      await store.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day)));
      const caughtUp = (await store.listEvents({})).nextCursor ?? undefined;
      clock.advance(100 * DAY);
      expect((await db.compactEvents({ retentionDays: 90 })).removed).toBe(3);
      const empty = await store.listEvents({ since: caughtUp });
      expect(empty.events).toEqual([]);
      expect(empty.gap).toBeUndefined();
      expect(empty.nextCursor).toBe(caughtUp);
      // A new reader's resume point is after the compacted events too.
      const fresher = (await store.listEvents({})).nextCursor ?? undefined;
      await store.upsertRecords([sleepRecord('2024-05-09')]);
      expect((await store.listEvents({ since: fresher })).events.map((event) => [event.id, event.change])).toEqual([['ds-2024-05-09', 'created']]);
      expect((await store.listEvents({ since: caughtUp })).events).toHaveLength(1);
    });

    it('returns the record as it is now, not as it was when the change happened', async () => {
      const { store } = await fresh({ neighbour: false });
      await store.upsertRecords([sleepRecord('2024-05-01', { data: { score: 1 } })]);
      await store.upsertRecords([sleepRecord('2024-05-01', { data: { score: 2 } })]);
      await store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-05-02' }, []);
      await store.upsertRecords([sleepRecord('2024-05-02')]);
      const events = (await store.listEvents({})).events;
      expect(events.map((event) => [event.id, event.change, event.data])).toEqual([
        ['ds-2024-05-01', 'created', null],
        ['ds-2024-05-01', 'updated', null],
        ['ds-2024-05-01', 'deleted', null],
        ['ds-2024-05-02', 'created', sleepRecord('2024-05-02').data],
      ]);
    });

    it('refuses a retention that is not a whole number of days from 1 to 3650', async () => {
      const { db } = await fresh({ neighbour: false });
      for (const retentionDays of [0, -1, 1.5, 3651, Number.NaN]) {
        await expectWearablesError(db.compactEvents({ retentionDays }), 'VALIDATION_ERROR');
      }
    });
  });
}
