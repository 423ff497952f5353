/**
 * Sample buckets aligned to the person's local clock. The store aligns buckets to the epoch
 * (UTC); for a zone like -05:00 a local day or 3-hour bucket starts off that grid, so the store is
 * asked for buckets of the largest size that divides both the bucket and the offset (1 h for
 * -05:00), which are then merged into local buckets here.
 */
import type { SampleBucket, SampleQuery, Store } from '../../../store/store.js';

const MINUTE = 60_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Buckets of `bucketMs` starting on local boundaries of a zone `offsetMinutes` east of UTC. */
export async function zonedBuckets(
  store: Pick<Store, 'aggregateSamples'>,
  query: Omit<SampleQuery, 'limit' | 'offset'>,
  bucketMs: number,
  offsetMinutes: number | null,
): Promise<SampleBucket[]> {
  const shift = (offsetMinutes ?? 0) * MINUTE;
  if (shift % bucketMs === 0) return store.aggregateSamples({ ...query, bucketMs });
  const fine = await store.aggregateSamples({ ...query, bucketMs: gcd(bucketMs, Math.abs(shift)) });
  const merged = new Map<number, SampleBucket>();
  for (const bucket of fine) {
    const start = Math.floor((bucket.start + shift) / bucketMs) * bucketMs - shift;
    const into = merged.get(start);
    if (!into) {
      merged.set(start, { ...bucket, start });
      continue;
    }
    const count = into.count + bucket.count;
    merged.set(start, {
      start,
      count,
      min: Math.min(into.min, bucket.min),
      max: Math.max(into.max, bucket.max),
      avg: (into.avg * into.count + bucket.avg * bucket.count) / count,
    });
  }
  return [...merged.values()].sort((a, b) => a.start - b.start);
}
