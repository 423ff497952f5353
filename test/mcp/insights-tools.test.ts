/**
 * The `insights` toolset through a real MCP client on a store synced from the simulator: visible
 * once any provider is connected, every default answer under 4 KB for a 30-day window, numbers
 * that trace back to the store, and "too little data" when there is too little.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/days.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';
import { connectClient, createTestApp, TEST_TOKEN } from './support/harness.js';
import { tableRows } from './support/table.js';

/** A get_daily_summary row as `{ day, metrics: { metric: cell } }`. */
function summaryRows(data: Record<string, unknown>): Array<{ day: string; metrics: Record<string, Array<number | string>> }> {
  return tableRows(data).map(({ day, ...metrics }) => ({ day: day as string, metrics: Object.fromEntries(Object.entries(metrics).filter(([, cell]) => cell !== null)) as Record<string, Array<number | string>> }));
}

const BUDGET = 4_000;
const INSIGHT_TOOLS = ['get_daily_summary', 'get_trends', 'compare_periods', 'get_health_insights'];

let s: SimulatedApp;
beforeAll(async () => {
  s = await startSimulatedApp(60);
}, 60_000);
afterAll(async () => s?.close());

describe('insights tools', () => {
  it('are hidden until some provider is connected, then listed (list_changed)', async () => {
    const test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const { client, close } = await connectClient(test.app);
    const names = async (): Promise<string[]> => (await client.listTools()).tools.map((tool) => tool.name);
    expect(await names()).not.toContain('get_daily_summary');
    const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    await test.app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
    await changed;
    expect(await names()).toEqual(expect.arrayContaining(INSIGHT_TOOLS));
    await close();
    await test.close();
  });

  it.each([
    ['get_daily_summary', {}],
    ['get_daily_summary', { start_date: '2024-05-17', end_date: '2024-06-15' }],
    ['get_trends', { metric: 'average_hrv_ms' }],
    ['get_trends', { metric: 'resting_heart_rate_bpm', start_date: '2024-05-17', end_date: '2024-06-15', resolution: 'day' }],
    ['compare_periods', {}],
    ['compare_periods', { a_start: '2024-04-17', a_end: '2024-05-16', b_start: '2024-05-17', b_end: '2024-06-15' }],
    ['get_health_insights', {}],
  ] as const)('%s %j answers under 4 KB', async (name, args) => {
    const answer = await s.call(name, args);
    expect(answer.isError).toBe(false);
    expect(answer.bytes).toBeGreaterThan(200);
    expect(answer.bytes).toBeLessThanOrEqual(BUDGET);
    if (Object.keys(args).length === 0) expect(answer.data.truncated).toBeUndefined();
  });

  it('keeps both devices’ values of the same night (Oura and WHOOP), headline by precedence', async () => {
    const day = '2024-06-05';
    const { data } = await s.call('get_daily_summary', { start_date: day, end_date: day, metrics: ['total_sleep_seconds', 'average_hrv_ms', 'recovery_score', 'weight_kg'] });
    const [row] = summaryRows(data);
    const night = async (provider: 'oura' | 'whoop', resource: string) =>
      (await s.app.store.queryRecords({ provider, resource, startDay: day, endDay: day })).filter((record) => Number(record.data.total_sleep_seconds) >= 3 * 3600 && record.data.nap !== true);
    const [oura] = await night('oura', 'sleep');
    const [whoop] = await night('whoop', 'sleep');
    expect(oura && whoop).toBeTruthy();
    expect(row?.metrics.total_sleep_seconds?.slice(0, 4)).toEqual([oura?.data.total_sleep_seconds, 'oura', whoop?.data.total_sleep_seconds, 'whoop']);
    expect(row?.metrics.average_hrv_ms?.filter((item) => typeof item === 'string')).toEqual(['oura', 'whoop']);
    expect(row?.metrics.recovery_score?.[1]).toBe('whoop');
  });

  it('leaves an ambiguous weigh-in (a guest on the scale) out of the weight', async () => {
    const measures = await s.app.store.queryRecords({ provider: 'withings', resource: 'measures', startDay: '2024-04-17', endDay: '2024-06-15' });
    const guests = measures.filter((record) => record.data.attribution === 'ambiguous' && typeof record.data.weight_kg === 'number');
    expect(guests.length).toBeGreaterThan(0);
    for (const guest of guests) {
      const { data } = await s.call('get_daily_summary', { start_date: guest.day ?? '', end_date: guest.day ?? '', metrics: ['weight_kg'] });
      const weight = summaryRows(data)[0]?.metrics.weight_kg?.[0];
      expect(weight).not.toBe(guest.data.weight_kg);
    }
  });

  it('get_daily_summary shows the latest recorded night by default, each value with its source, as stored', async () => {
    const { data } = await s.call('get_daily_summary');
    const [row] = summaryRows(data);
    const cell = row?.metrics.total_sleep_seconds ?? [];
    expect(cell.length).toBeGreaterThanOrEqual(2);
    const providers = cell.filter((item): item is string => typeof item === 'string');
    // Headline first by the sleep precedence (Oura > WHOOP > Withings), then every other device.
    const order = ['oura', 'whoop', 'withings'];
    expect([...providers].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(providers);
    for (let index = 0; index < cell.length; index += 2) {
      const provider = cell[index + 1] as 'oura' | 'whoop' | 'withings';
      const resources = { oura: 'sleep', whoop: 'sleep', withings: 'sleep_summary' }[provider];
      const stored = await s.app.store.queryRecords({ provider, resource: resources, startDay: row?.day ?? '', endDay: row?.day ?? '' });
      expect(stored.map((record) => record.data.total_sleep_seconds), provider).toContain(cell[index]);
    }
    const later = await s.app.store.queryRecords({ provider: 'withings', resource: 'sleep_summary', startDay: addDays(row?.day ?? '', 1), endDay: '2024-06-15' });
    expect(later.filter((record) => Number(record.data.total_sleep_seconds) >= 3 * 3600)).toEqual([]);
    expect((data.units as Record<string, string>).total_sleep_seconds).toBe('s');
  });

  it('get_trends weekly buckets (source oura) count and average the stored nights', async () => {
    const { data } = await s.call('get_trends', { metric: 'average_hrv_ms', start_date: '2024-05-06', end_date: '2024-06-02', resolution: 'week', source: 'oura' });
    const buckets = data.buckets as Array<{ start: string; n: number; mean: number; min: number; max: number; change: number | null }>;
    expect(buckets.map((bucket) => bucket.start)).toEqual(['2024-05-06', '2024-05-13', '2024-05-20', '2024-05-27']);
    for (const bucket of buckets) {
      const rows = await s.app.store.queryRecords({ provider: 'oura', resource: 'sleep', startDay: bucket.start, endDay: addDays(bucket.start, 6) });
      const nights = new Map<string, number>();
      for (const row of rows) {
        const total = Number(row.data.total_sleep_seconds);
        if (total >= 10_800 && total > (nights.get(`${row.day}#t`) ?? 0)) {
          nights.set(`${row.day}#t`, total);
          nights.set(String(row.day), Number(row.data.average_hrv_ms));
        }
      }
      const values = [...nights.entries()].filter(([key]) => !key.endsWith('#t')).map(([, value]) => value);
      expect(bucket.n).toBe(values.length);
      expect(bucket.mean).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 0);
      expect(bucket.min).toBe(Math.min(...values));
      expect(bucket.max).toBe(Math.max(...values));
    }
    expect(buckets[1]?.change).toBeCloseTo((buckets[1]?.mean ?? 0) - (buckets[0]?.mean ?? 0), 0);
  });

  it('compare_periods answers per metric for both periods with the change', async () => {
    const { data } = await s.call('compare_periods', { metrics: ['steps'], a_start: '2024-06-01', a_end: '2024-06-07', b_start: '2024-06-08', b_end: '2024-06-14' });
    const [steps] = data.comparisons as Array<{ a: { n: number; mean: number }; b: { n: number; mean: number }; change: number }>;
    const mean = async (start: string, end: string): Promise<number> => {
      const rows = await s.app.store.queryRecords({ provider: 'oura', resource: 'daily_activity', startDay: start, endDay: end });
      return rows.reduce((sum, row) => sum + Number(row.data.steps), 0) / rows.length;
    };
    expect(steps?.a.n).toBe(7);
    expect(steps?.a.mean).toBeCloseTo(await mean('2024-06-01', '2024-06-07'), 0);
    expect(steps?.b.mean).toBeCloseTo(await mean('2024-06-08', '2024-06-14'), 0);
    expect(steps?.change).toBeCloseTo((steps?.b.mean ?? 0) - (steps?.a.mean ?? 0), 0);
  });

  it('get_health_insights over 60 days keeps every section whole (fewer listed anomalies, nothing cut)', async () => {
    const { data, bytes } = await s.call('get_health_insights', { days: 60 });
    expect(bytes).toBeLessThanOrEqual(BUDGET);
    expect(data.truncated).toBeUndefined();
    const correlations = data.correlations as Array<{ x: string; y: string; n: number; r: number | null }>;
    const strain = correlations.find((item) => item.x === 'strain' && item.y === 'recovery_score');
    expect(strain?.n).toBeGreaterThanOrEqual(50);
    expect(typeof strain?.r).toBe('number');
    expect((data.baselines as unknown[]).length).toBeGreaterThanOrEqual(12);
  });

  it('rejects a reversed range with what to do next', async () => {
    const answer = await s.call('get_trends', { metric: 'steps', start_date: '2024-06-10', end_date: '2024-06-01' });
    expect(answer.isError).toBe(true);
    expect(JSON.stringify(answer.data)).toMatch(/VALIDATION_ERROR.*start_date/);
  });
});

describe('insights with 3 days of data', () => {
  it('get_health_insights says too little data instead of guessing', async () => {
    const small = await startSimulatedApp(3, { providers: ["oura"] });
    try {
      const { data, bytes } = await small.call('get_health_insights');
      expect(bytes).toBeLessThanOrEqual(BUDGET);
      expect(data.status).toBe('too_little_data');
      expect(data.message).toMatch(/Too little data/);
      expect(data.anomalies).toEqual([]);
      expect(data.correlations).toEqual([]);
    } finally {
      await small.close();
    }
  }, 30_000);
});
