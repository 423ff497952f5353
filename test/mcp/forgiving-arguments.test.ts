/**
 * Forgiving arguments: common metric names resolve to the canonical metrics, a misspelt one gets a
 * VALIDATION_ERROR naming the closest metric, and get_oura_heart_rate takes exact ISO-8601 spans
 * (seed 001's get_heart_rate takes start_datetime/end_datetime) and answers exactly that span.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';

let s: SimulatedApp;
beforeAll(async () => {
  s = await startSimulatedApp(20);
}, 60_000);
afterAll(async () => s?.close());

const errorOf = (data: Record<string, unknown>) => (data.error ?? {}) as { code?: string; message?: string; hint?: string };

describe('metric names', () => {
  it.each([
    ['hrv', 'average_hrv_ms'],
    ['rhr', 'resting_heart_rate_bpm'],
    ['resting_heart_rate', 'resting_heart_rate_bpm'],
    ['Resting Heart Rate', 'resting_heart_rate_bpm'],
    ['steps', 'steps'],
    ['weight', 'weight_kg'],
    ['sleep', 'total_sleep_seconds'],
  ])('get_trends metric %s answers as %s', async (alias, canonical) => {
    const byAlias = await s.call('get_trends', { metric: alias });
    const byName = await s.call('get_trends', { metric: canonical });
    expect(byAlias.isError, JSON.stringify(byAlias.data)).toBe(false);
    expect(byAlias.data.metric).toBe(canonical);
    expect(byAlias.data).toEqual(byName.data);
  });

  it('compare_periods and get_daily_summary resolve lists of common names (duplicates once)', async () => {
    const compared = await s.call('compare_periods', { metrics: ['hrv', 'rhr', 'average_hrv_ms'] });
    expect((compared.data.comparisons as Array<{ metric: string }>).map((item) => item.metric)).toEqual(['average_hrv_ms', 'resting_heart_rate_bpm']);
    const summary = await s.call('get_daily_summary', { start_date: '2024-06-10', end_date: '2024-06-12', metrics: ['sleep', 'steps', 'weight'] });
    expect(summary.data.columns).toEqual(['day', 'total_sleep_seconds', 'steps', 'weight_kg']);
  });

  it.each([
    ['get_trends', { metric: 'avrage_hrv' }, 'average_hrv_ms'],
    ['get_trends', { metric: 'stpes' }, 'steps'],
    ['compare_periods', { metrics: ['rhr', 'wieght'] }, 'weight_kg'],
    ['get_daily_summary', { metrics: ['resting_hart_rate'] }, 'resting_heart_rate_bpm'],
  ] as const)('%s %j: VALIDATION_ERROR with "did you mean %s"', async (name, args, closest) => {
    const answer = await s.call(name, args);
    expect(answer.isError).toBe(true);
    const error = errorOf(answer.data);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain(`did you mean ${closest}?`);
  });
});

describe('get_oura_heart_rate with date-times', () => {
  const start = '2024-06-12T13:00:00Z';
  const end = '2024-06-12T15:30:00Z';
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);

  it('start_datetime/end_datetime return the samples of exactly that span', async () => {
    const raw = await s.call('get_oura_heart_rate', { start_datetime: start, end_datetime: end, resolution: 'raw', limit: 1000 });
    expect(raw.isError, JSON.stringify(raw.data)).toBe(false);
    const stored = await s.app.store.countSamples({ provider: 'oura', series: 'heart_rate', start: startMs, end: endMs });
    expect(stored, JSON.stringify(raw.data).slice(0, 600)).toBeGreaterThan(10);
    expect(raw.data.total).toBe(stored);
    const times = (raw.data.samples as Array<{ time: string }>).map((sample) => Date.parse(sample.time));
    expect(times).toHaveLength(stored);
    expect(times.every((time) => time >= startMs && time < endMs)).toBe(true);
    expect(Date.parse((raw.data.span as { start: string }).start)).toBe(startMs);
    expect(Date.parse((raw.data.span as { end: string }).end)).toBe(endMs);
    const buckets = await s.call('get_oura_heart_rate', { start_datetime: start, end_datetime: end });
    expect((buckets.data.summary as { count: number }).count).toBe(stored);
  });

  it('a date-time given as start_date/end_date (seed 001 style) is the same span', async () => {
    const byDates = await s.call('get_oura_heart_rate', { start_date: start, end_date: end, resolution: 'raw', limit: 1000 });
    const byDatetimes = await s.call('get_oura_heart_rate', { start_datetime: start, end_datetime: end, resolution: 'raw', limit: 1000 });
    expect(byDates.isError, JSON.stringify(byDates.data)).toBe(false);
    expect(byDates.data.samples).toEqual(byDatetimes.data.samples);
  });

  it('refuses an end before the start, both forms of one bound, and instants outside the allowed days', async () => {
    for (const args of [
      { start_datetime: end, end_datetime: start },
      { start_date: '2024-06-14', start_datetime: start },
      { start_datetime: '9999-12-31T00:00:00Z' },
      { start_datetime: '0001-01-01T00:00:00Z', end_datetime: end },
    ]) {
      const answer = await s.call('get_oura_heart_rate', args);
      expect(errorOf(answer.data).code, JSON.stringify(args)).toBe('VALIDATION_ERROR');
    }
  });
});
