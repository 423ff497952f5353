/** Axis ticks and the words and values the report prints for a metric. */
import { describe, expect, it } from 'vitest';
import { clockTime, dayTicks, shortDay, valueTicks } from '../../src/report/chart-ticks.js';
import { formatMetricValue, metricLabel, metricName } from '../../src/report/metric-format.js';

describe('valueTicks', () => {
  it.each([
    [38.2, 51.3, false],
    [0, 21_400, true],
    [4.3, 9.2, false],
    [73.1, 76.9, false],
    [0.001, 0.0042, false],
    [-3, 3, false],
    [61, 61, false],
    [1_200_000, 1_250_000, false],
  ])('%s..%s gives 4 to 6 nice ticks covering the values', (low, high, includeZero) => {
    const { min, max, ticks } = valueTicks(low, high, { includeZero });
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(min).toBeLessThanOrEqual(low);
    expect(max).toBeGreaterThanOrEqual(high);
    expect([ticks[0], ticks.at(-1)]).toEqual([min, max]);
    const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toFixed(6));
    expect([1, 2, 2.5, 5]).toContain(mantissa);
    for (const tick of ticks) expect(String(tick)).not.toMatch(/\d{8}/);
    if (includeZero) expect(min).toBe(0);
  });

  it('steps a clock axis in quarter, half or whole hours', () => {
    expect(valueTicks(-1.1, 0.4, { clock: true }).ticks).toEqual([-1.5, -1, -0.5, 0, 0.5]);
    expect(valueTicks(-1.5, 2.4, { clock: true }).ticks.map(clockTime)).toEqual(['22:00', '23:00', '00:00', '01:00', '02:00', '03:00']);
  });
});

describe('day axis', () => {
  it.each([
    ['2024-03-18', '2024-06-15', 5],
    ['2024-05-17', '2024-06-15', 5],
    ['2024-06-09', '2024-06-15', 4],
    ['2023-06-16', '2024-06-15', 6],
  ])('%s..%s is labelled on evenly spaced days, at most 6', (start, end, count) => {
    const days = dayTicks(start, end);
    expect(days[0]).toBe(start);
    expect(days).toHaveLength(count);
    expect(days.every((day) => day <= end)).toBe(true);
  });

  it('prints days and clock times for a person', () => {
    expect(shortDay('2024-03-04')).toBe('Mar 4');
    expect(shortDay('2024-12-31')).toBe('Dec 31');
    expect(clockTime(-0.9)).toBe('23:06');
    expect(clockTime(1.5)).toBe('01:30');
    expect(clockTime(0)).toBe('00:00');
    expect(clockTime(-0.001)).toBe('00:00');
    expect(clockTime(23.99)).toBe('23:59');
  });
});

describe('metric words', () => {
  it('names metrics with their unit in words, never in snake_case', () => {
    expect(metricLabel('systolic_mmhg')).toBe('Systolic blood pressure (mmHg)');
    expect(metricLabel('bedtime_hours')).toBe('Bedtime (clock time)');
    expect(metricLabel('total_sleep_seconds')).toBe('Time asleep (hours)');
    expect(metricLabel('resting_heart_rate_bpm')).toBe('Resting heart rate (beats per minute)');
    expect(metricName('deep_sleep_seconds')).toBe('Deep sleep');
    expect(metricLabel('steps')).toBe('Steps');
    expect(metricLabel('strain')).toBe('Strain (score 0–21)');
  });

  it('prints values in their unit: bedtime as a clock time, durations in hours and minutes', () => {
    expect(formatMetricValue('bedtime_hours', -0.9)).toBe('23:06');
    expect(formatMetricValue('total_sleep_seconds', 25_920)).toBe('7 h 12 min');
    expect(formatMetricValue('sleep_latency_seconds', 840)).toBe('14 min');
    expect(formatMetricValue('steps', 8412)).toBe('8,412 steps');
    expect(formatMetricValue('average_hrv_ms', 61.54)).toBe('61.5 ms');
    expect(formatMetricValue('readiness_score', 86)).toBe('86');
    expect(formatMetricValue('strain', 11.62)).toBe('11.6');
  });
});
