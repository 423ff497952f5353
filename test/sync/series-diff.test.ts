import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/core/types.js';
import { diffSeries } from '../../src/sync/series-diff.js';

const point = (ts: number, value: number): Sample => ({ provider: 'oura', series: 'heart_rate', ts, value, source: 'awake' });

describe('diffSeries', () => {
  it('writes nothing when the re-fetched chunk equals the stored one', () => {
    const stored = [point(1, 60), point(2, 61)];
    expect(diffSeries(stored, [point(1, 60), point(2, 61)])).toMatchObject({ created: 0, updated: 0, unchanged: 2, stale: 0, replaceRange: false, toWrite: [] });
  });

  it('upserts only late and changed points', () => {
    const result = diffSeries([point(1, 60), point(2, 61)], [point(1, 60), point(2, 70), point(3, 62)]);
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 1, stale: 0, replaceRange: false });
    expect(result.toWrite.map((sample) => sample.ts)).toEqual([2, 3]);
  });

  it('replaces the range when the provider dropped points', () => {
    const result = diffSeries([point(1, 60), point(2, 61)], [point(2, 61)]);
    expect(result).toMatchObject({ stale: 1, replaceRange: true, unchanged: 1 });
    expect(result.toWrite).toEqual([point(2, 61)]);
  });
});
