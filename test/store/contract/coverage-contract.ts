/** Contract: coverage merges intervals and reports the gaps of a window; cursors round-trip. */
import { describe, expect, it } from 'vitest';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const SYNCED = '2024-06-01T00:00:00.000Z';

export function coverageContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('coverage', () => {
    it('merges adjacent and overlapping day windows and reports only the gaps', async () => {
      const { store } = await fresh();
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-01', end: '2024-01-10' }, SYNCED);
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-10', end: '2024-01-15' }, SYNCED);
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-20', end: '2024-01-25' }, SYNCED);
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-22', end: '2024-01-28' }, SYNCED);
      expect(await store.missingWindows('oura', 'daily_sleep', { start: '2023-12-25', end: '2024-02-01' })).toEqual([
        { start: '2023-12-25', end: '2024-01-01' },
        { start: '2024-01-15', end: '2024-01-20' },
        { start: '2024-01-28', end: '2024-02-01' },
      ]);
      expect(await store.missingWindows('oura', 'daily_sleep', { start: '2024-01-02', end: '2024-01-14' })).toEqual([]);
      // Filling the middle gap joins everything into one interval.
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-14', end: '2024-01-21' }, SYNCED);
      expect(await store.missingWindows('oura', 'daily_sleep', { start: '2024-01-01', end: '2024-01-29' })).toEqual([{ start: '2024-01-28', end: '2024-01-29' }]);
    });

    it('keeps resources and providers apart, and clears coverage on request', async () => {
      const { store } = await fresh();
      await store.markCovered('oura', 'daily_sleep', { start: '2024-01-01', end: '2024-02-01' }, SYNCED);
      await store.markCovered('oura', 'workout', { start: '2024-01-01', end: '2024-02-01' }, SYNCED);
      const window = { start: '2024-01-01', end: '2024-02-01' };
      expect(await store.missingWindows('oura', 'daily_readiness', window)).toEqual([window]);
      expect(await store.missingWindows('whoop', 'daily_sleep', window)).toEqual([window]);
      await store.clearCoverage('oura', 'daily_sleep');
      expect(await store.missingWindows('oura', 'daily_sleep', window)).toEqual([window]);
      expect(await store.missingWindows('oura', 'workout', window)).toEqual([]);
      await store.clearCoverage('oura');
      expect(await store.missingWindows('oura', 'workout', window)).toEqual([window]);
    });

    it('compares datetime windows by instant whatever offset they are written with', async () => {
      const { store } = await fresh();
      await store.markCovered('oura', 'heart_rate', { start: '2024-05-01T02:00:00+02:00', end: '2024-05-01T12:00:00Z' }, SYNCED);
      expect(await store.missingWindows('oura', 'heart_rate', { start: '2024-04-30T22:00:00Z', end: '2024-05-01T14:00:00+02:00' })).toEqual([
        { start: '2024-04-30T22:00:00.000Z', end: '2024-05-01T00:00:00.000Z' },
      ]);
    });

    it('rejects mixing days and instants for one resource, and malformed windows', async () => {
      const { store } = await fresh();
      await store.markCovered('oura', 'heart_rate', { start: '2024-05-01T00:00:00Z', end: '2024-05-02T00:00:00Z' }, SYNCED);
      await expectWearablesError(store.markCovered('oura', 'heart_rate', { start: '2024-05-03', end: '2024-05-04' }, SYNCED), 'VALIDATION_ERROR');
      await expectWearablesError(store.missingWindows('oura', 'daily_sleep', { start: '2024-05-03', end: '2024-05-01' }), 'VALIDATION_ERROR');
      await expectWearablesError(store.missingWindows('oura', 'daily_sleep', { start: 'May 1', end: '2024-05-04' }), 'VALIDATION_ERROR');
    });
  });

  describe('cursors', () => {
    it('stores one cursor per resource and replaces it', async () => {
      const { store } = await fresh();
      expect(await store.getCursor('oura', 'daily_sleep')).toBeNull();
      await store.setCursor('oura', 'daily_sleep', '2024-05-01');
      await store.setCursor('oura', 'daily_sleep', '2024-05-08');
      await store.setCursor('oura', 'workout', '2024-04-01');
      expect(await store.getCursor('oura', 'daily_sleep')).toBe('2024-05-08');
      expect(await store.getCursor('oura', 'workout')).toBe('2024-04-01');
      expect(await store.getCursor('whoop', 'daily_sleep')).toBeNull();
    });
  });
}
