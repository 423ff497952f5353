/** Every Oura tool over a real client: valid structured output, traceable rows, budgets, paging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { connectClient, createTestApp, TEST_TOKEN, type Connected, type TestApp } from './support/harness.js';
import { seedOura } from './support/seed.js';
import { startStubOura, type StubOura } from './support/stub-oura.js';
import { tableRows } from './support/table.js';

const TODAY = '2024-06-15';

/** Rows of every list in a structured answer (a per-day table read as one object per row). */
function rowsOf(structured: Record<string, unknown>): Array<Record<string, unknown>> {
  if (Array.isArray(structured.columns)) return tableRows(structured);
  return Object.entries(structured)
    .filter(([key, value]) => Array.isArray(value) && !['warnings', 'metrics'].includes(key))
    .flatMap(([, value]) => value as Array<Record<string, unknown>>)
    .filter((row) => typeof row === 'object' && row !== null);
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await client.callTool({ name, arguments: args });
  return { result, structured: (result.structuredContent ?? {}) as Record<string, unknown> };
}

describe('Oura tools', () => {
  let stub: StubOura;
  let test: TestApp;
  let connected: Connected;
  let schemas: Map<string, unknown>;

  beforeAll(async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    await seedOura(test.app, TODAY, 14);
    connected = await connectClient(test.app, { outputSchemas: true });
    const tools = (await connected.client.listTools()).tools;
    schemas = new Map(tools.map((tool) => [tool.name, tool.outputSchema]));
  });
  afterAll(async () => {
    await connected.close();
    await test.close();
    await stub.close();
  });

  const cases: Array<[string, Record<string, unknown>]> = [
    ['get_oura_sleep_summary', {}],
    ['get_oura_sleep_detailed', { start_date: '2024-06-10', end_date: '2024-06-12' }],
    ['get_oura_readiness_score', {}],
    ['get_oura_activity_summary', {}],
    ['get_oura_heart_rate', {}],
    ['get_oura_workouts', {}],
    ['get_oura_sessions', { start_date: '2024-06-01' }],
    ['get_oura_tags', { start_date: '2024-06-01' }],
    ['get_oura_daily_metrics', {}],
    ['get_oura_ring_info', {}],
  ];

  it.each(cases)('%s answers with rows that validate against its output schema and carry day + source', async (name, args) => {
    const { result, structured } = await call(connected.client, name, args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const validate = new AjvJsonSchemaValidator().getValidator(schemas.get(name) as never);
    const verdict = validate(structured);
    expect(verdict.valid, verdict.errorMessage).toBe(true);
    const rows = rowsOf(structured);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.source).toBe('oura');
      expect('day' in row).toBe(true);
    }
    expect(structured.window).toMatchObject({ end_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(result.content[0]).toMatchObject({ type: 'text' });
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(structured);
  });

  it('sleep summary: one night per day in the default last-7-days window, numbers traceable to the day', async () => {
    const { structured } = await call(connected.client, 'get_oura_sleep_summary', {});
    expect(structured.window).toEqual({ start_date: '2024-06-09', end_date: '2024-06-15' });
    const nights = tableRows(structured);
    expect(nights.map((night) => night.day)).toEqual(['2024-06-09', '2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14']);
    // Day index 13 (2024-06-14): score 70 + 13, main period is the long sleep, not the nap.
    expect(nights.at(-1)).toMatchObject({ score: 83, average_hrv_ms: 53, total_sleep_seconds: 25_780 });
    expect(nights.at(-1)).not.toHaveProperty('sleep_period_id');
    expect(typeof structured.cached_at).toBe('string');
    const withIds = await call(connected.client, 'get_oura_sleep_summary', { include_ids: true });
    expect(tableRows(withIds.structured).at(-1)).toMatchObject({ score: 83, sleep_period_id: 'sl-2024-06-14', daily_sleep_id: expect.any(String) });
    const withoutHrv = await call(connected.client, 'get_oura_sleep_summary', { include_hrv: false });
    expect(tableRows(withoutHrv.structured)[0]).not.toHaveProperty('average_hrv_ms');
  });

  it('personal info leaves out the user id and email', async () => {
    const { result, structured } = await call(connected.client, 'get_oura_personal_info');
    expect(structured.profile).toMatchObject({ age: 35, weight_kg: 70.5, biological_sex: 'female', source: 'oura' });
    const text = JSON.stringify(result);
    expect(text).not.toContain('secret@example.com');
    expect(text).not.toContain('user-1');
    expect(text).not.toContain(TEST_TOKEN);
  });

  it('heart rate: the default 7-day answer is aggregated and stays under budget', async () => {
    const { result, structured } = await call(connected.client, 'get_oura_heart_rate', {});
    const text = (result.content[0] as { text: string }).text;
    expect(Buffer.byteLength(text)).toBeLessThan(8_000);
    expect(structured.truncated).toBeUndefined();
    expect(structured.resolution).toBe('3h');
    const buckets = structured.buckets as Array<{ min_bpm: number; avg_bpm: number; max_bpm: number; count: number }>;
    expect(buckets.length).toBeGreaterThan(40);
    for (const bucket of buckets) expect(bucket.min_bpm).toBeLessThanOrEqual(bucket.avg_bpm);
    // 6 seeded days x 288 samples (today has none yet).
    expect(structured.summary).toMatchObject({ count: 6 * 288, min_bpm: 55, max_bpm: 94 });
  });

  it('heart rate: raw mode pages with limit/offset without gaps or overlaps', async () => {
    const args = { start_date: '2024-06-14', end_date: '2024-06-14', resolution: 'raw', limit: 50 };
    const first = await call(connected.client, 'get_oura_heart_rate', args);
    expect(first.structured.total).toBe(288);
    expect(first.structured.next_offset).toBe(50);
    const second = await call(connected.client, 'get_oura_heart_rate', { ...args, offset: 50 });
    const times = [...(first.structured.samples as Array<{ time: string }>), ...(second.structured.samples as Array<{ time: string }>)].map((s) => Date.parse(s.time));
    expect(times).toHaveLength(100);
    for (let index = 1; index < times.length; index++) expect(times[index]! - times[index - 1]!).toBe(300_000);
  });

  it('heart rate: an oversized raw page is cut to the budget with a next_offset to continue', async () => {
    const { result, structured } = await call(connected.client, 'get_oura_heart_rate', { start_date: '2024-06-14', end_date: '2024-06-14', resolution: 'raw', limit: 1000 });
    expect(Buffer.byteLength((result.content[0] as { text: string }).text)).toBeLessThanOrEqual(8_000);
    const truncated = structured.truncated as { returned: number; total: number; next_offset: number; hint: string };
    expect(truncated.total).toBe(288);
    expect(truncated.next_offset).toBe(truncated.returned);
    expect(truncated.hint).toMatch(/offset/);
  });

  it('sleep detailed: 5-minute series only on request', async () => {
    const plain = await call(connected.client, 'get_oura_sleep_detailed', { start_date: '2024-06-14', end_date: '2024-06-14' });
    expect((plain.structured.periods as Array<Record<string, unknown>>)[0]).not.toHaveProperty('series');
    const detailed = await call(connected.client, 'get_oura_sleep_detailed', { start_date: '2024-06-14', end_date: '2024-06-14', include_series: true });
    const period = (detailed.structured.periods as Array<{ id: string; series: { heart_rate_bpm: unknown[] } }>).find((p) => p.id === 'sl-2024-06-14');
    expect(period?.series.heart_rate_bpm).toHaveLength(96);
  });

  it('daily metrics: filtered to the requested metrics, keyed by day', async () => {
    const { structured } = await call(connected.client, 'get_oura_daily_metrics', { metrics: ['stress', 'vo2_max'], start_date: '2024-06-14', end_date: '2024-06-14' });
    expect(structured.days).toEqual([{ day: '2024-06-14', source: 'oura', stress_high_seconds: 1813, recovery_high_seconds: 3600, stress_day_summary: 'normal', vo2_max: 45 }]);
  });
});
