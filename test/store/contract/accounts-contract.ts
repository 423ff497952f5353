/**
 * Contract: accounts. Two accounts write the same provider ids without collision and each sees
 * only its own rows; identities are unique across accounts; deleting an account leaves no row of
 * it in any table.
 */
import { describe, expect, it } from 'vitest';
import { days, heartRate, sleepRecord } from '../store-fixtures.js';
import { ACCOUNT, NEIGHBOUR, NEIGHBOUR_DAYS, NEIGHBOUR_SAMPLES, expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const BLOB = { iv: 'aXY=', tag: 'dGFn', data: 'Y2lwaGVydGV4dA==' };

export function accountsContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('accounts', () => {
    it('creates an account once, lists and finds it, and refuses a malformed id', async () => {
      const { db, clock } = await fresh({ neighbour: false });
      clock.advance(1_000);
      const created = await db.accounts.ensure('person-1', { label: 'Ada' });
      expect(created).toEqual({ id: 'person-1', createdAt: '2024-05-01T08:00:01.000Z', label: 'Ada' });
      clock.advance(1_000);
      expect(await db.accounts.ensure('person-1')).toEqual(created);
      expect(await db.accounts.get('person-1')).toEqual(created);
      expect(await db.accounts.get('nobody')).toBeNull();
      expect((await db.accounts.list()).map((account) => account.id).sort()).toEqual([ACCOUNT, NEIGHBOUR, 'person-1'].sort());
      await expectWearablesError(db.accounts.ensure('Not An Id!'), 'VALIDATION_ERROR');
      await expectWearablesError(db.accounts.ensure('x'.repeat(65)), 'VALIDATION_ERROR');
    });

    it('keeps two accounts that write the same provider ids apart in every read', async () => {
      const { store, neighbour, clock } = await fresh();
      // The same ids the neighbour holds, with other content.
      expect(await store.upsertRecords(NEIGHBOUR_DAYS.slice(0, 3).map((day) => sleepRecord(day)))).toEqual({ created: 3, updated: 0, unchanged: 0 });
      await store.upsertSamples(heartRate(T0, 5));
      await store.setCursor('oura', 'daily_sleep', 'mine');
      const run = await store.startSyncRun({ provider: 'oura', resources: ['daily_sleep'], mode: 'incremental' });

      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(3);
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(NEIGHBOUR_DAYS.length);
      expect((await store.getRecord('oura', 'daily_sleep', `ds-${NEIGHBOUR_DAYS[0]}`))?.data).toEqual(sleepRecord(NEIGHBOUR_DAYS[0] ?? '').data);
      expect((await neighbour.getRecord('oura', 'daily_sleep', `ds-${NEIGHBOUR_DAYS[0]}`))?.data).toEqual({ score: 1, neighbour: true });
      expect((await store.queryDayRecords({ provider: 'oura', resource: 'daily_sleep' })).map((row) => row.data)).toEqual(
        NEIGHBOUR_DAYS.slice(0, 3).map((day) => sleepRecord(day).data),
      );
      const window = { provider: 'oura' as const, series: 'heart_rate', start: T0, end: T0 + 86_400_000 };
      expect(await store.countSamples(window)).toBe(5);
      expect(await neighbour.countSamples(window)).toBe(NEIGHBOUR_SAMPLES);
      expect((await store.querySamples({ ...window, limit: 1 }))[0]?.value).not.toBe(1);
      expect(await store.getCursor('oura', 'daily_sleep')).toBe('mine');
      expect(await neighbour.getCursor('oura', 'daily_sleep')).toBe('neighbour-cursor');
      // Coverage of the neighbour is not this account's.
      expect(await store.missingWindows('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-05-08' })).toEqual([{ start: '2024-05-01', end: '2024-05-08' }]);
      expect(await neighbour.missingWindows('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-05-08' })).toEqual([]);

      const mine = (await store.listEvents({})).events;
      expect(mine.map((event) => [event.id, event.change])).toEqual(NEIGHBOUR_DAYS.slice(0, 3).map((day) => [`ds-${day}`, 'created']));
      expect(mine.every((event) => event.data?.neighbour === undefined)).toBe(true);
      expect((await neighbour.listEvents({})).events).toHaveLength(NEIGHBOUR_DAYS.length);

      expect((await store.listSyncRuns()).map((entry) => entry.id)).toEqual([run]);
      expect((await neighbour.listSyncRuns()).map((entry) => entry.mode)).toEqual(['full']);
      // An account cannot finish another account's run.
      await expectWearablesError(neighbour.finishSyncRun(run, { status: 'ok', counts: {}, error: null }), 'NOT_FOUND');

      const stats = await store.stats();
      expect(stats.records).toEqual([{ provider: 'oura', resource: 'daily_sleep', count: 3, firstDay: '2024-05-01', lastDay: '2024-05-03' }]);
      expect(stats.samples).toEqual([{ provider: 'oura', series: 'heart_rate', count: 5, first: T0, last: T0 + 4 * 300_000 }]);

      // Deleting missing records of one account never touches the other's.
      clock.advance(1_000);
      expect(await store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-06-01' }, [])).toBe(3);
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(NEIGHBOUR_DAYS.length);
      await store.purgeProvider('oura');
      expect(await neighbour.countSamples(window)).toBe(NEIGHBOUR_SAMPLES);
      expect((await neighbour.listEvents({})).events).toHaveLength(NEIGHBOUR_DAYS.length);
    });

    it('links a provider user id to one account only', async () => {
      const { db, clock } = await fresh({ neighbour: false });
      expect(await db.accounts.findByIdentity('oura', 'user-1')).toBeNull();
      await db.accounts.linkIdentity(ACCOUNT, 'oura', 'user-1');
      // Linking again is a no-op; the same provider user on another account is refused.
      await db.accounts.linkIdentity(ACCOUNT, 'oura', 'user-1');
      await expectWearablesError(db.accounts.linkIdentity(NEIGHBOUR, 'oura', 'user-1'), 'VALIDATION_ERROR');
      // The same user id at another provider is another person.
      await db.accounts.linkIdentity(NEIGHBOUR, 'whoop', 'user-1');
      expect((await db.accounts.findByIdentity('oura', 'user-1'))?.id).toBe(ACCOUNT);
      expect((await db.accounts.findByIdentity('whoop', 'user-1'))?.id).toBe(NEIGHBOUR);
      expect(await db.accounts.identities(ACCOUNT)).toEqual([{ accountId: ACCOUNT, provider: 'oura', providerUserId: 'user-1', linkedAt: clock.now().toISOString() }]);
      await db.accounts.unlinkIdentity(ACCOUNT, 'oura');
      expect(await db.accounts.findByIdentity('oura', 'user-1')).toBeNull();
      await db.accounts.linkIdentity(NEIGHBOUR, 'oura', 'user-1');
      expect((await db.accounts.findByIdentity('oura', 'user-1'))?.id).toBe(NEIGHBOUR);
      expect((await db.accounts.identities(NEIGHBOUR)).map((identity) => identity.provider).sort()).toEqual(['oura', 'whoop']);
      await expectWearablesError(db.accounts.linkIdentity('no-such-account', 'oura', 'user-2'), 'NOT_FOUND');
    });

    it('deletes an account with every row of it in every table, and nothing of another account', async () => {
      const { db, store, neighbour } = await fresh();
      await store.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day)));
      await store.deleteMissing('oura', 'daily_sleep', { start: '2024-05-03', end: '2024-05-04' }, []);
      await store.upsertSamples(heartRate(T0, 10));
      await store.markCovered('oura', 'daily_sleep', { start: '2024-05-01', end: '2024-05-04' }, '2024-05-04T00:00:00Z');
      await store.markChecked('oura', 'daily_sleep', { start: '2024-05-04', end: '2024-05-06' }, '2024-05-05T00:00:00Z');
      await store.setCursor('oura', 'daily_sleep', '2024-05-04');
      await store.finishSyncRun(await store.startSyncRun({ provider: 'oura', resources: ['daily_sleep'], mode: 'incremental' }), {
        status: 'ok',
        counts: {},
        error: null,
      });
      await db.accounts.linkIdentity(ACCOUNT, 'oura', 'user-a');
      await db.connections(ACCOUNT).transaction((transaction) =>
        transaction.put({ provider: 'oura', blob: BLOB, reconnectNeeded: false, reconnectReason: null, refreshPendingSince: null }),
      );
      await db.compactEvents({ retentionDays: 3650 });
      const before = await driver.accountRowCounts(db, ACCOUNT);
      // Every table that holds the account's data is counted (the catalog query really sees them).
      expect(Object.values(before).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(3 + 10 + 1 + 1 + 1 + 1 + 1 + 1);
      const neighbourBefore = await driver.accountRowCounts(db, NEIGHBOUR);

      expect(await db.accounts.delete(ACCOUNT)).toBe(true);
      const after = await driver.accountRowCounts(db, ACCOUNT);
      expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(await driver.accountRowCounts(db, NEIGHBOUR)).toEqual(neighbourBefore);
      expect(await db.accounts.get(ACCOUNT)).toBeNull();
      expect(await db.accounts.findByIdentity('oura', 'user-a')).toBeNull();
      expect(await db.accounts.delete(ACCOUNT)).toBe(false);
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(NEIGHBOUR_DAYS.length);
    });
  });
}
