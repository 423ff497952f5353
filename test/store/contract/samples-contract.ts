/** Contract: samples are idempotent on (provider, series, ts), ranged and aggregated correctly. */
import { describe, expect, it } from 'vitest';
import { heartRate } from '../store-fixtures.js';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const HOUR = 3_600_000;

export function samplesContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('samples', () => {
    it('upserts idempotently: a later value for the same ts replaces the earlier one', async () => {
      const { store } = await fresh();
      const points = heartRate(T0, 24);
      expect(await store.upsertSamples(points)).toBe(24);
      expect(await store.upsertSamples(points)).toBe(0);
      await store.upsertSamples([{ provider: 'oura', series: 'heart_rate', ts: T0, value: 99, source: 'workout' }]);
      const range = { provider: 'oura' as const, series: 'heart_rate', start: T0, end: T0 + HOUR };
      expect(await store.countSamples(range)).toBe(12);
      const first = (await store.querySamples({ ...range, limit: 1 }))[0];
      expect(first).toEqual({ provider: 'oura', series: 'heart_rate', ts: T0, value: 99, source: 'workout' });
    });

    it('ranges are [start, end): the end point belongs to the next range', async () => {
      const { store } = await fresh();
      await store.upsertSamples(heartRate(T0, 24));
      const firstHour = await store.querySamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + HOUR });
      expect(firstHour.map((sample) => sample.ts)).toEqual(heartRate(T0, 12).map((sample) => sample.ts));
      const paged = await store.querySamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 2 * HOUR, limit: 5, offset: 10 });
      expect(paged.map((sample) => sample.ts)).toEqual(heartRate(T0 + 10 * 300_000, 5).map((sample) => sample.ts));
    });

    it('keeps series and providers apart', async () => {
      const { store } = await fresh();
      await store.upsertSamples([...heartRate(T0, 10), ...heartRate(T0, 4, 300_000, 'whoop')]);
      await store.upsertSamples([{ provider: 'oura', series: 'hrv', ts: T0, value: 42 }]);
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + HOUR })).toBe(10);
      expect(await store.countSamples({ provider: 'whoop', series: 'heart_rate', start: T0, end: T0 + HOUR })).toBe(4);
      expect(await store.querySamples({ provider: 'oura', series: 'hrv', start: T0, end: T0 + 1 })).toEqual([
        { provider: 'oura', series: 'hrv', ts: T0, value: 42, source: null },
      ]);
      expect(await store.querySamples({ provider: 'oura', series: 'unknown', start: T0, end: T0 + HOUR })).toEqual([]);
    });

    it('aggregates min/avg/max/count per epoch-aligned bucket', async () => {
      const { store } = await fresh();
      const points = heartRate(T0, 36);
      await store.upsertSamples(points);
      const buckets = await store.aggregateSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 3 * HOUR, bucketMs: HOUR });
      const expected = [0, 1, 2].map((hour) => {
        const values = points.slice(hour * 12, hour * 12 + 12).map((sample) => sample.value);
        return {
          start: T0 + hour * HOUR,
          count: 12,
          min: Math.min(...values),
          avg: values.reduce((sum, value) => sum + value, 0) / values.length,
          max: Math.max(...values),
        };
      });
      expect(buckets).toHaveLength(3);
      buckets.forEach((bucket, index) => {
        const want = expected[index];
        expect(bucket.start).toBe(want?.start);
        expect(bucket.count).toBe(want?.count);
        expect(bucket.min).toBe(want?.min);
        expect(bucket.max).toBe(want?.max);
        expect(bucket.avg).toBeCloseTo(want?.avg ?? Number.NaN, 9);
      });
      // A window starting mid-bucket still aligns buckets to the epoch.
      const offset = await store.aggregateSamples({ provider: 'oura', series: 'heart_rate', start: T0 + HOUR / 2, end: T0 + HOUR * 2, bucketMs: HOUR });
      expect(offset.map((bucket) => [bucket.start, bucket.count])).toEqual([
        [T0, 6],
        [T0 + HOUR, 12],
      ]);
    });

    it('deletes a range of one series only', async () => {
      const { store } = await fresh();
      await store.upsertSamples([...heartRate(T0, 24), ...heartRate(T0, 24, 300_000, 'whoop')]);
      expect(await store.deleteSamples('oura', 'heart_rate', T0 + HOUR, T0 + 2 * HOUR)).toBe(12);
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 2 * HOUR })).toBe(12);
      expect(await store.countSamples({ provider: 'whoop', series: 'heart_rate', start: T0, end: T0 + 2 * HOUR })).toBe(24);
    });

    it('rejects invalid samples and buckets, storing nothing of the batch', async () => {
      const { store } = await fresh();
      const bad = [...heartRate(T0, 5), { provider: 'oura' as const, series: 'heart_rate', ts: T0 + 1, value: Number.NaN }];
      await expectWearablesError(store.upsertSamples(bad), 'VALIDATION_ERROR');
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + HOUR })).toBe(0);
      await expectWearablesError(store.aggregateSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + HOUR, bucketMs: 0 }), 'VALIDATION_ERROR');
    });
  });
}
