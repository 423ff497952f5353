/**
 * The analysis walks days one by one; handed an absurd range it refuses at once with a
 * VALIDATION_ERROR instead of looping over millennia (year 9999 used to exhaust the heap through
 * get_health_insights) or throwing a RangeError that surfaced as UPSTREAM_ERROR.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../src/analysis/insights.js';
import { checkSpan, daysOf, MAX_SPAN_DAYS } from '../../src/analysis/periods.js';
import { computeTrend } from '../../src/analysis/trends.js';
import { WearablesError } from '../../src/core/errors.js';

const refusal = (run: () => unknown): WearablesError | undefined => {
  try {
    run();
  } catch (error) {
    return error as WearablesError;
  }
  return undefined;
};

describe('analysis day ranges', () => {
  it('walks an ordinary range day by day', () => {
    expect(daysOf('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(daysOf('2024-03-02', '2024-03-01')).toEqual([]);
    expect(checkSpan('2009-01-01', '2029-04-05')).toBe(MAX_SPAN_DAYS);
  });

  it.each([
    ['a range ending in year 9999', '2024-01-01', '9999-12-31'],
    ['a range starting in year 0001', '0001-01-01', '2024-01-01'],
    ['a range one day longer than the limit', '2009-01-01', '2029-04-06'],
    ['a day that is not one', '2024-01-01', '+010000-01-01'],
  ])('refuses %s at once with VALIDATION_ERROR', (_label, start, end) => {
    const started = performance.now();
    for (const run of [
      () => daysOf(start, end),
      () => computeInsights([], { startDay: start, endDay: end }),
      () => computeTrend([], 'steps', { startDay: start, endDay: end }, 'day'),
    ]) {
      const error = refusal(run);
      expect(error).toBeInstanceOf(WearablesError);
      expect(error?.code).toBe('VALIDATION_ERROR');
      expect(error?.message).toContain('2009-01-01');
    }
    expect(performance.now() - started).toBeLessThan(100);
  });
});
