/**
 * Contract: concurrency. Several writers on their own connections upsert into one account while a
 * poller follows the event feed with its cursor: the poller sees every event exactly once, in
 * sequence order, none skipped (on a server database, sequence values that commit out of order
 * would make a poller skip; the driver must prevent it).
 */
import { describe, expect, it } from 'vitest';
import type { ChangeEvent, Store } from '../../../src/store/store.js';
import { sleepRecord } from '../store-fixtures.js';
import { ACCOUNT, storeFactory, type StoreDriver } from './harness.js';

const WRITERS = 3;
const ROUNDS = 25;
const BATCH = 4;

function recordOf(writer: number, round: number, index: number, version = 0): ReturnType<typeof sleepRecord> {
  const day = `2024-05-${String(1 + ((round + index) % 28)).padStart(2, '0')}`;
  return sleepRecord(day, { id: `w${writer}-r${round}-${index}`, raw: { writer, round, index, version }, data: { score: version } });
}

/** One writer: each round creates BATCH records and re-scores one record of the round before. */
async function write(store: Store, writer: number): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    const batch = Array.from({ length: BATCH }, (_, index) => recordOf(writer, round, index));
    if (round > 0) batch.push(recordOf(writer, round - 1, 0, 1));
    await store.upsertRecords(batch);
    // Yield so the writers and the poller interleave on every driver.
    await new Promise((resolve) => setTimeout(resolve, round % 3));
  }
}

export function concurrencyContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('concurrency', () => {
    it('a poller following the feed while several connections write sees every event once, in order', { timeout: 60_000 }, async () => {
      const { store, second } = await fresh();
      const writers = await Promise.all(Array.from({ length: WRITERS }, async () => (await second()).forAccount(ACCOUNT)));
      const seen: ChangeEvent[] = [];
      let cursor = (await store.listEvents({})).nextCursor ?? undefined;
      let writing = true;
      let polls = 0;
      const poller = (async () => {
        for (;;) {
          const done = !writing;
          const page = await store.listEvents({ since: cursor, limit: 7 });
          polls += 1;
          seen.push(...page.events);
          cursor = page.nextCursor ?? cursor;
          expect(page.gap).toBeUndefined();
          // After the writers finished, drain what is left and stop.
          if (done && !page.hasMore) return;
          if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      try {
        await Promise.all(writers.map((writer, index) => write(writer, index)));
      } finally {
        writing = false;
      }
      await poller;

      const total = WRITERS * (ROUNDS * BATCH + ROUNDS - 1);
      const seqs = seen.map((event) => event.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seen).toHaveLength(total);
      const created = seen.filter((event) => event.change === 'created').map((event) => event.id);
      const updated = seen.filter((event) => event.change === 'updated').map((event) => event.id);
      expect(new Set(created).size).toBe(WRITERS * ROUNDS * BATCH);
      expect(updated).toHaveLength(WRITERS * (ROUNDS - 1));
      // The feed read from scratch afterwards is exactly what the poller saw.
      const all: number[] = [];
      let since: string | undefined;
      for (;;) {
        const page = await store.listEvents({ since, limit: 5000 });
        all.push(...page.events.map((event) => event.seq));
        if (!page.hasMore) break;
        since = page.nextCursor ?? undefined;
      }
      expect(all).toEqual(seqs);
      expect(polls).toBeGreaterThan(1);
    });

    it('two connections writing the same record converge on one row and one event per real change', async () => {
      const { store, second } = await fresh();
      const other = (await second()).forAccount(ACCOUNT);
      const rounds = 20;
      await Promise.all(
        [store, other].map(async (writer) => {
          for (let round = 0; round < rounds; round++) {
            await writer.upsertRecords([sleepRecord('2024-05-01', { raw: { round }, data: { score: round } })]);
          }
        }),
      );
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(1);
      const events = (await store.listEvents({ limit: 1000 })).events;
      expect(events[0]?.change).toBe('created');
      expect(events.filter((event) => event.change === 'created')).toHaveLength(1);
      // Each round's content is written by both; the second of a pair is unchanged unless the other moved on.
      expect(events.length).toBeGreaterThanOrEqual(rounds);
      expect(events.length).toBeLessThanOrEqual(2 * rounds);
      expect((await other.getRecord('oura', 'daily_sleep', 'ds-2024-05-01'))?.data).toEqual({ score: rounds - 1 });
    });
  });
}
