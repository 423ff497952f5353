/**
 * Complete answers under budget: a 30-day window of the per-day tools, on the simulator-synced
 * demo data, holds every day the store has for the window in under 4 KB (no truncation), with ids
 * only on request; a 366-day window is cut at a whole day and says exactly which range to ask next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDailyView } from '../../src/analysis/daily-view.js';
import { metricInfo, roundFor } from '../../src/analysis/metric-catalog.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';
import { tableRows } from './support/table.js';

const BUDGET = 4_096;
const WINDOW = { start_date: '2024-05-17', end_date: '2024-06-15' };

let s: SimulatedApp;
beforeAll(async () => {
  s = await startSimulatedApp(60);
}, 60_000);
afterAll(async () => s?.close());

/** Days the store holds for `resource` in the 30-day window. */
async function storedDays(resource: string, provider: 'oura' | 'withings' = 'oura'): Promise<string[]> {
  const records = await s.app.store.queryRecords({ provider, resource, startDay: WINDOW.start_date, endDay: WINDOW.end_date });
  return [...new Set(records.map((record) => record.day ?? ''))].sort();
}

describe('30-day answers hold every day in under 4 KB', () => {
  it.each([
    ['get_oura_sleep_summary', ['daily_sleep', 'sleep']],
    ['get_oura_readiness_score', ['daily_readiness']],
    ['get_oura_activity_summary', ['daily_activity']],
  ] as const)('%s', async (name, resources) => {
    const expected = [...new Set((await Promise.all(resources.map((resource) => storedDays(resource)))).flat())].sort();
    expect(expected.length).toBeGreaterThanOrEqual(25);
    const answer = await s.call(name, WINDOW);
    expect(answer.isError).toBe(false);
    expect(answer.data.truncated).toBeUndefined();
    expect(answer.bytes).toBeLessThan(BUDGET);
    const rows = tableRows(answer.data);
    expect(rows.map((row) => row.day)).toEqual(expected);
    expect(rows.every((row) => row.source === 'oura')).toBe(true);
    expect(JSON.stringify(answer.data)).not.toMatch(/"id"|_id"/);
  });

  it.each([
    ['get_withings_activity', 'activity'],
    ['get_withings_sleep_summary', 'sleep_summary'],
  ] as const)('%s (Withings, same table shape)', async (name, resource) => {
    const records = await s.app.store.queryRecords({ provider: 'withings', resource, startDay: WINDOW.start_date, endDay: WINDOW.end_date });
    expect(records.length).toBeGreaterThanOrEqual(20);
    const answer = await s.call(name, WINDOW);
    expect(answer.data.truncated).toBeUndefined();
    expect(answer.bytes).toBeLessThan(BUDGET);
    const rows = tableRows(answer.data);
    expect(rows.map((row) => row.day)).toEqual(records.map((record) => record.day));
    expect(rows.every((row) => row.source === 'withings')).toBe(true);
    expect(await storedDays(resource, 'withings')).toEqual([...new Set(rows.map((row) => row.day))]);
  });

  it('get_daily_summary: every day of the window, each headline value traceable to its source', async () => {
    const answer = await s.call('get_daily_summary', WINDOW);
    expect(answer.isError).toBe(false);
    expect(answer.data.truncated).toBeUndefined();
    expect(answer.bytes).toBeLessThan(BUDGET);
    const view = await loadDailyView(s.app.store, { startDay: WINDOW.start_date, endDay: WINDOW.end_date });
    const rows = tableRows(answer.data);
    expect(rows.map((row) => row.day)).toEqual(view.map((day) => day.day));
    expect(rows).toHaveLength(30);
    const sources = answer.data.sources as Record<string, string>;
    for (const [index, row] of rows.entries()) {
      const stored = view[index]!.metrics.total_sleep_seconds?.values[0];
      const value = stored && roundFor(metricInfo('total_sleep_seconds'), stored.value);
      const cell = row.total_sleep_seconds;
      if (!stored) expect(cell).toBeNull();
      else if (typeof cell === 'number') expect([cell, sources.total_sleep_seconds]).toEqual([value, stored.provider]);
      else expect(cell).toEqual([value, stored.provider]);
    }
  });

  it('include_ids adds the document ids of every row', async () => {
    const answer = await s.call('get_oura_sleep_summary', { ...WINDOW, include_ids: true });
    const rows = tableRows(answer.data);
    const periods = await s.app.store.queryRecords({ provider: 'oura', resource: 'sleep', startDay: WINDOW.start_date, endDay: WINDOW.end_date });
    const scores = await s.app.store.queryRecords({ provider: 'oura', resource: 'daily_sleep', startDay: WINDOW.start_date, endDay: WINDOW.end_date });
    for (const row of rows) {
      expect(periods.map((record) => record.id)).toContain(row.sleep_period_id);
      if (row.score !== null) expect(scores.find((record) => record.day === row.day)?.id).toBe(row.daily_sleep_id);
    }
    const activity = tableRows((await s.call('get_oura_activity_summary', { ...WINDOW, include_ids: true })).data);
    const stored = await s.app.store.queryRecords({ provider: 'oura', resource: 'daily_activity', startDay: WINDOW.start_date, endDay: WINDOW.end_date });
    expect(activity.map((row) => row.id)).toEqual(stored.map((record) => record.id));
  });
});

describe('a 366-day window', () => {
  it('is cut at a whole day and names the exact range that returns the rest', async () => {
    const year = { start_date: '2023-06-16', end_date: '2024-06-15' };
    const first = await s.call('get_oura_activity_summary', year);
    const truncated = first.data.truncated as { returned: number; total: number; next_arguments: { start_date: string; end_date: string }; hint: string };
    expect(truncated.returned).toBeLessThan(truncated.total);
    const shown = tableRows(first.data);
    expect(shown).toHaveLength(truncated.returned);
    expect(truncated.next_arguments.end_date).toBe(year.end_date);
    expect(truncated.next_arguments.start_date > String(shown.at(-1)?.day)).toBe(true);
    expect(truncated.hint).toContain(`start_date=${truncated.next_arguments.start_date}`);
    // Following the next step returns the other rows, none twice and none lost.
    const rest = tableRows((await s.call('get_oura_activity_summary', truncated.next_arguments)).data);
    expect(shown.length + rest.length).toBe(truncated.total);
    expect(rest[0]?.day).toBe(truncated.next_arguments.start_date);
  });
});
