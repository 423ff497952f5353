/**
 * Trends and insights read only what they need: the normalized columns (never a record's `raw`
 * payload) and, for a trend, only the resources that feed the asked metric. Checked with a spy
 * over a real SQLite store synced from the simulator, through a real MCP client; the answers
 * equal those computed from the whole day view.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDailyView, mappingsFor } from '../../src/analysis/daily-view.js';
import { SOURCE_MAPPINGS } from '../../src/analysis/mappings/index.js';
import { computeTrend } from '../../src/analysis/trends.js';
import { addDays } from '../../src/core/time/days.js';
import { startSimulatedApp, type SimulatedApp } from './support/simulated-app.js';

let s: SimulatedApp;
beforeAll(async () => {
  s = await startSimulatedApp(60);
}, 90_000);
afterAll(async () => s?.close());

/** Records the store reads until `stop()`: whole-record reads and the resources read by columns. */
function spyReads() {
  const whole = vi.spyOn(s.app.store, 'queryRecords');
  const columns = vi.spyOn(s.app.store, 'queryDayRecords');
  return {
    stop() {
      const seen = { wholeReads: whole.mock.calls.length, resources: new Set(columns.mock.calls.map(([query]) => `${query.provider}/${query.resource}`)) };
      whole.mockRestore();
      columns.mockRestore();
      return seen;
    },
  };
}

describe('analysis reads', () => {
  it('get_trends reads the normalized columns of the resources of its metric only, with the same buckets', async () => {
    const reads = spyReads();
    const answer = await s.call('get_trends', { metric: 'average_hrv_ms', start_date: addDays(s.today, -59), end_date: s.today, resolution: 'week' });
    const seen = reads.stop();
    expect(answer.isError).toBe(false);
    expect(seen.wholeReads).toBe(0);
    const expected = new Set(mappingsFor(SOURCE_MAPPINGS, ['average_hrv_ms']).map((mapping) => `${mapping.provider}/${mapping.resource}`));
    expect(seen.resources).toEqual(expected);
    expect(expected.size).toBeLessThan(new Set(SOURCE_MAPPINGS.map((mapping) => `${mapping.provider}/${mapping.resource}`)).size);

    const range = { startDay: addDays(s.today, -59), endDay: s.today };
    const everything = await loadDailyView(s.app.store, { startDay: addDays(range.startDay, -7), endDay: range.endDay });
    const reference = computeTrend(everything, 'average_hrv_ms', range, 'week');
    expect(answer.data.buckets).toEqual(reference.buckets);
    expect((answer.data.buckets as Array<{ n: number }>).some((bucket) => bucket.n > 0)).toBe(true);
  });

  it('get_health_insights reads no raw payload', async () => {
    const reads = spyReads();
    const answer = await s.call('get_health_insights', { days: 60 });
    const seen = reads.stop();
    expect(answer.isError).toBe(false);
    expect(seen.wholeReads).toBe(0);
    expect(seen.resources.size).toBeGreaterThan(3);
  });

  it('the column read holds the same normalized fields as the whole record, and no raw', async () => {
    const query = { provider: 'oura' as const, resource: 'daily_sleep', startDay: addDays(s.today, -20), endDay: s.today };
    const whole = await s.app.store.queryRecords(query);
    const columns = await s.app.store.queryDayRecords(query);
    expect(columns.length).toBe(whole.length);
    expect(columns.length).toBeGreaterThan(10);
    for (const [index, record] of columns.entries()) {
      const full = whole[index];
      expect(record).toEqual({ provider: full?.provider, resource: full?.resource, id: full?.id, day: full?.day, start: full?.start, end: full?.end, tzOffset: full?.tzOffset, data: full?.data, storedAt: full?.storedAt });
      expect(Object.keys(record)).not.toContain('raw');
    }
  });
});
