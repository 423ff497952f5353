/** Contract: the event feed pages by seq (no skip, no repeat), with strict since/until bounds. */
import { describe, expect, it } from 'vitest';
import type { ChangeEvent, Store } from '../../../src/store/store.js';
import { days, sleepRecord } from '../store-fixtures.js';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

async function readAll(store: Store, limit: number, since?: string): Promise<{ events: ChangeEvent[]; pages: number }> {
  const events: ChangeEvent[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await store.listEvents({ since: cursor, limit });
    pages += 1;
    events.push(...page.events);
    if (!page.hasMore) return { events, pages };
    if (page.nextCursor === null) throw new Error('hasMore without a cursor');
    expect(page.events).toHaveLength(limit);
    cursor = page.nextCursor;
    if (pages > 100) throw new Error('event paging does not terminate');
  }
}

export function eventsContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('listEvents', () => {
    it('pages events sharing one timestamp with limit 3: none skipped, none repeated', async () => {
      const { store } = await fresh();
      // Frozen clock: every event of both batches has the same `at`.
      await store.upsertRecords(days('2024-05-01', 7).map((day) => sleepRecord(day)));
      await store.upsertRecords(days('2024-05-01', 4).map((day) => sleepRecord(day, { data: { score: 1 } })));
      const { events, pages } = await readAll(store, 3);
      expect(new Set(events.map((event) => event.at)).size).toBe(1);
      expect(events).toHaveLength(11);
      expect(pages).toBe(4);
      expect(new Set(events.map((event) => event.seq)).size).toBe(11);
      const seqs = events.map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(events.slice(7).map((event) => [event.id, event.change])).toEqual(days('2024-05-01', 4).map((day) => [`ds-${day}`, 'updated']));
    });

    it('continues from a cursor with only what changed afterwards', async () => {
      const { store } = await fresh();
      await store.upsertRecords(days('2024-05-01', 4).map((day) => sleepRecord(day)));
      const first = await store.listEvents({ limit: 2 });
      expect(first.nextCursor).not.toBeNull();
      await store.upsertRecords([sleepRecord('2024-05-09')]);
      const rest = await readAll(store, 10, first.nextCursor ?? undefined);
      expect(rest.events.map((event) => event.id)).toEqual(['ds-2024-05-03', 'ds-2024-05-04', 'ds-2024-05-09']);
    });

    it('keeps a resume cursor when the feed is exhausted, so polling sees only newer changes', async () => {
      const { store } = await fresh();
      const empty = await store.listEvents({});
      expect(empty).toMatchObject({ events: [], hasMore: false });
      expect(empty.nextCursor).not.toBeNull();
      await store.upsertRecords(days('2024-05-01', 2).map((day) => sleepRecord(day)));
      const caughtUp = await store.listEvents({ since: empty.nextCursor ?? undefined });
      expect(caughtUp.events.map((event) => event.id)).toEqual(['ds-2024-05-01', 'ds-2024-05-02']);
      expect(caughtUp.hasMore).toBe(false);
      const quiet = await store.listEvents({ since: caughtUp.nextCursor ?? undefined });
      expect(quiet.events).toHaveLength(0);
      expect(quiet.nextCursor).toBe(caughtUp.nextCursor);
      await store.upsertRecords([sleepRecord('2024-05-07')]);
      const later = await store.listEvents({ since: quiet.nextCursor ?? undefined });
      expect(later.events.map((event) => event.id)).toEqual(['ds-2024-05-07']);
    });

    it('applies since and until as strict bounds on the change time', async () => {
      const { store, clock } = await fresh();
      clock.set('2024-05-01T10:00:00.000Z');
      await store.upsertRecords([sleepRecord('2024-05-01')]);
      clock.set('2024-05-02T10:00:00.000Z');
      await store.upsertRecords([sleepRecord('2024-05-02')]);
      clock.set('2024-05-03T10:00:00.000Z');
      await store.upsertRecords([sleepRecord('2024-05-03')]);
      const ids = async (query: Parameters<Store['listEvents']>[0]): Promise<string[]> =>
        (await store.listEvents(query)).events.map((event) => event.id);
      expect(await ids({ since: '2024-05-01T10:00:00.000Z' })).toEqual(['ds-2024-05-02', 'ds-2024-05-03']);
      expect(await ids({ until: '2024-05-03T10:00:00Z' })).toEqual(['ds-2024-05-01', 'ds-2024-05-02']);
      expect(await ids({ since: '2024-05-01T12:00:00+02:00', until: '2024-05-03T10:00:00.000Z' })).toEqual(['ds-2024-05-02']);
      expect(await ids({ since: '2024-05-03T10:00:00.000Z' })).toEqual([]);
    });

    it('filters by providers and resources', async () => {
      const { store } = await fresh();
      await store.upsertRecords([
        sleepRecord('2024-05-01'),
        sleepRecord('2024-05-01', { resource: 'workout', id: 'w1' }),
        sleepRecord('2024-05-01', { provider: 'whoop', id: 'c1' }),
      ]);
      const ids = async (query: Parameters<Store['listEvents']>[0]): Promise<string[]> =>
        (await store.listEvents(query)).events.map((event) => event.id);
      expect(await ids({ providers: ['oura'] })).toEqual(['ds-2024-05-01', 'w1']);
      expect(await ids({ resources: ['workout'] })).toEqual(['w1']);
      expect(await ids({ providers: ['whoop'], resources: ['daily_sleep'] })).toEqual(['c1']);
    });

    it('rejects a malformed cursor or instant and a bad limit with a hint', async () => {
      const { store } = await fresh();
      await expectWearablesError(store.listEvents({ since: 'not-a-cursor' }), 'VALIDATION_ERROR');
      await expectWearablesError(store.listEvents({ since: Buffer.from('v2:12').toString('base64url') }), 'VALIDATION_ERROR');
      await expectWearablesError(store.listEvents({ since: '2024-05-01' }), 'VALIDATION_ERROR');
      await expectWearablesError(store.listEvents({ until: 'tomorrow' }), 'VALIDATION_ERROR');
      await expectWearablesError(store.listEvents({ limit: 0 }), 'VALIDATION_ERROR');
    });

    it('defaults to 500 events per page and caps the limit at 5000', async () => {
      const { store } = await fresh();
      const many = Array.from({ length: 5_010 }, (_, index) => sleepRecord('2024-05-01', { id: `r${index}`, raw: { index } }));
      await store.upsertRecords(many);
      expect((await store.listEvents({})).events).toHaveLength(500);
      const capped = await store.listEvents({ limit: 10_000 });
      expect(capped.events).toHaveLength(5_000);
      expect((await store.listEvents({ since: capped.nextCursor ?? undefined, limit: 5_000 })).events).toHaveLength(10);
    });
  });
}
