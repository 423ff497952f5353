/**
 * Contract: an account's provider connection rows (the hosted token store). Put, get and remove
 * inside a transaction; a failed transaction leaves the row as it was; two transactions on the
 * same account (one connection or two) run one after the other, so a read-modify-write never
 * loses the other's update (a rotated refresh token is never overwritten by a stale one).
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionRow, ConnectionRows } from '../../../src/store/database.js';
import { ACCOUNT, NEIGHBOUR, storeFactory, type StoreDriver } from './harness.js';

function row(data: string, overrides: Partial<ConnectionRow> = {}): Omit<ConnectionRow, 'updatedAt'> {
  return { provider: 'oura', blob: { iv: 'aXY=', tag: 'dGFn', data, kid: 'k1' }, reconnectNeeded: false, reconnectReason: null, refreshPendingSince: null, ...overrides };
}

/** A read-modify-write that waits in the middle, as a token refresh waits for the provider. */
async function increment(rows: ConnectionRows, pauseMs: number): Promise<void> {
  await rows.transaction(async (transaction) => {
    const current = Number((await transaction.get('oura'))?.blob.data ?? '0');
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await transaction.put(row(String(current + 1)));
  });
}

export function connectionsContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('connection rows', () => {
    it('puts, reads, lists and removes rows of one account only', async () => {
      const { db, clock } = await fresh({ neighbour: false });
      const rows = db.connections(ACCOUNT);
      expect(await rows.list()).toEqual([]);
      await rows.transaction(async (transaction) => {
        await transaction.put(row('first'));
        expect((await transaction.get('oura'))?.blob.data).toBe('first');
      });
      const stored = await rows.get('oura');
      expect(stored).toEqual({ ...row('first'), updatedAt: clock.now().toISOString() });
      clock.advance(1_000);
      const rejected = row('second', { provider: 'whoop', reconnectNeeded: true, reconnectReason: 'rejected', refreshPendingSince: 1_714_550_400_000 });
      await rows.transaction((transaction) => transaction.put(rejected));
      expect(await rows.get('whoop')).toEqual({ ...rejected, updatedAt: clock.now().toISOString() });
      expect((await rows.list()).map((entry) => entry.provider).sort()).toEqual(['oura', 'whoop']);
      expect(await db.connections(NEIGHBOUR).list()).toEqual([]);
      expect(await db.connections(NEIGHBOUR).get('oura')).toBeNull();
      expect(await rows.transaction((transaction) => transaction.remove('whoop'))).toBe(true);
      expect(await rows.transaction((transaction) => transaction.remove('whoop'))).toBe(false);
      expect(await rows.get('whoop')).toBeNull();
      // A transaction's value is returned.
      expect(await rows.transaction(async (transaction) => (await transaction.get('oura'))?.blob.data)).toBe('first');
    });

    it('leaves the row as it was when the transaction fails', async () => {
      const { db } = await fresh({ neighbour: false });
      const rows = db.connections(ACCOUNT);
      await rows.transaction((transaction) => transaction.put(row('kept')));
      const failure = new Error('refresh failed');
      await expect(
        rows.transaction(async (transaction) => {
          await transaction.put(row('lost'));
          await transaction.remove('oura');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await rows.get('oura'))?.blob.data).toBe('kept');
      // The database stays usable afterwards.
      await rows.transaction((transaction) => transaction.put(row('next')));
      expect((await rows.get('oura'))?.blob.data).toBe('next');
    });

    it('runs two transactions of one account one after the other, on one connection or two', { timeout: 30_000 }, async () => {
      const { db, second } = await fresh({ neighbour: false });
      const other = await second();
      const here = db.connections(ACCOUNT);
      const there = other.connections(ACCOUNT);
      await Promise.all([increment(here, 30), increment(here, 30), increment(there, 30), increment(there, 5), increment(here, 5)]);
      expect((await here.get('oura'))?.blob.data).toBe('5');
      expect((await there.get('oura'))?.blob.data).toBe('5');
    });
  });
}
