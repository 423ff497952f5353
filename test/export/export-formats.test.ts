/** CSV / JSONL / Parquet exports of a real SQLite cache, read back with DuckDB and a JSONL parser. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Seeded from the recorded Oura samples of ../shared: skipped (one line) when that folder is absent.
import { describeShared as describe } from '../support/shared.js';
import { exportData } from '../../src/export/export-data.js';
import type { ExportOptions } from '../../src/export/export-types.js';
import { SAMPLE_COLUMNS } from '../../src/export/columns.js';
import { openParquetSink } from '../../src/export/parquet-sink.js';
import { OURA_RESOURCES } from '../../src/providers/oura/resources.js';
import { duck, literal } from './duckdb.js';
import { PLUG_IN_ID, plugInProvider, plugInRecords } from './plug-in-provider.js';
import { EXTRA_NIGHTS, HR_COUNT, HR_START, seedStore, type Seeded } from './seed.js';

let seeded: Seeded;
const NIGHTS = 1 + EXTRA_NIGHTS;

beforeAll(async () => {
  seeded = await seedStore();
  seeded.providers.set(PLUG_IN_ID, plugInProvider);
  await seeded.store.upsertRecords(plugInRecords());
});
afterAll(async () => seeded.cleanup());

function run(options: Partial<ExportOptions> & Pick<ExportOptions, 'kind' | 'format' | 'out'>) {
  return exportData({ store: seeded.store, providers: seeded.providers, pageSize: 3, ...options });
}

const file = (name: string): string => join(seeded.dir, name);

describe('CSV', () => {
  it('writes every sleep record with a sorted header and the canonical values', async () => {
    const out = file('sleep.csv');
    const result = await run({ provider: 'oura', kind: 'sleep', format: 'csv', out });
    expect(result.files).toEqual([expect.objectContaining({ path: out, rows: NIGHTS, provider: 'oura', resource: 'sleep' })]);
    expect(result.files[0]?.bytes).toBe(readFileSync(out).length);
    const header = readFileSync(out, 'utf8').split('\r\n')[0]?.split(',') ?? [];
    expect(header).toEqual([...header].sort());
    expect(header).toEqual(expect.arrayContaining(['id', 'day', 'start', 'end', 'tz_offset', 'total_sleep_seconds', 'average_hrv_ms']));
    const rows = await duck(`SELECT id, day::VARCHAR AS day, total_sleep_seconds, average_hrv_ms, lowest_heart_rate_bpm, tz_offset FROM read_csv(${literal(out)}) ORDER BY day`);
    expect(rows).toHaveLength(NIGHTS);
    expect(rows[0]).toEqual({ id: '96e7772a-64a7-4342-9c5f-3e5ed9e64d6d', day: '2024-10-10', total_sleep_seconds: 23220, average_hrv_ms: 38, lowest_heart_rate_bpm: 60, tz_offset: '+02:00' });
    expect(rows.at(-1)).toMatchObject({ id: `extra-night-${EXTRA_NIGHTS}`, total_sleep_seconds: 23220 + EXTRA_NIGHTS * 60 });
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and JSON-encodes nested values', async () => {
    const out = file('cycles.csv');
    await run({ provider: PLUG_IN_ID, kind: 'cycle', format: 'csv', out });
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('"ran 5k, felt ""great""\nthen slept"');
    const rows = await duck(`SELECT * FROM read_csv(${literal(out)}, all_varchar = true) ORDER BY id`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: 'c1', data_id: 'inner-id', note: 'ran 5k, felt "great"\nthen slept', scored: 'true', strain: '12.4', mixed: '1' });
    expect(JSON.parse(String(rows[0]?.zones))).toEqual({ one: 120, two: 900 });
    expect(rows[1]).toMatchObject({ id: 'c2', note: null, zones: null, scored: 'false', mixed: 'text', calories: '2810', end: null });
  });

  it('writes heart-rate samples with ISO timestamps', async () => {
    const out = file('hr.csv');
    const [written] = (await run({ provider: 'oura', kind: 'heartrate', format: 'csv', out, start: '2024-11-11', end: '2024-11-11', pageSize: 128 })).files;
    expect(written?.rows).toBe(HR_COUNT);
    const [summary] = await duck(`SELECT count(*)::INTEGER AS n, min(value) AS lo, max(value) AS hi, min(ts)::VARCHAR AS first FROM read_csv(${literal(out)})`);
    expect(summary).toEqual({ n: HR_COUNT, lo: 60, hi: 99, first: expect.stringMatching(/^2024-11-11 \d{2}:00:00/) });
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toBe(`oura,heart_rate,awake,${new Date(HR_START).toISOString()},60`);
  });

  it('writes a header-only file for an empty window', async () => {
    const out = file('empty.csv');
    const [written] = (await run({ provider: 'oura', kind: 'sleep', format: 'csv', out, start: '2030-01-01', end: '2030-01-31' })).files;
    expect(written?.rows).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('day,end,id,provider,resource,start,tz_offset,updated_at\r\n');
    const [count] = await duck(`SELECT count(*)::INTEGER AS n FROM read_csv(${literal(out)}, header = true)`);
    expect(count).toEqual({ n: 0 });
  });
});

describe('JSONL', () => {
  it('writes one record per line with sorted keys', async () => {
    const out = file('sleep.jsonl');
    await run({ provider: 'oura', kind: 'sleep', format: 'jsonl', out, start: '2024-10-11', end: '2024-10-13' });
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const row of rows) expect(Object.keys(row)).toEqual(Object.keys(row).sort());
    expect(rows.map((row) => row.day)).toEqual(['2024-10-11', '2024-10-12', '2024-10-13']);
    expect(rows[0]).toMatchObject({ provider: 'oura', resource: 'sleep', id: 'extra-night-1', total_sleep_seconds: 23280, start: '2024-10-11T01:01:59+02:00' });
  });

  it('keeps nested values as JSON and renders sample timestamps as ISO', async () => {
    const out = file('cycles.jsonl');
    await run({ provider: PLUG_IN_ID, kind: 'cycle', format: 'jsonl', out });
    const [first] = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first?.zones).toEqual({ one: 120, two: 900 });
    const hrOut = file('hr.jsonl');
    await run({ provider: 'oura', kind: 'heartrate', format: 'jsonl', out: hrOut, start: '2024-11-11', end: '2024-11-11' });
    const hr = readFileSync(hrOut, 'utf8').trim().split('\n');
    expect(hr).toHaveLength(HR_COUNT);
    expect(JSON.parse(hr[1] ?? '')).toEqual({ provider: 'oura', series: 'heart_rate', source: 'rest', ts: new Date(HR_START + 60_000).toISOString(), value: 61 });
  });

  it('writes an empty file for an empty window', async () => {
    const out = file('empty.jsonl');
    const [written] = (await run({ provider: 'oura', kind: 'daily_activity', format: 'jsonl', out, start: '2030-01-01' })).files;
    expect(written).toMatchObject({ rows: 0, bytes: 0 });
    expect(readFileSync(out, 'utf8')).toBe('');
  });
});

describe('Parquet', () => {
  it('writes typed, compressed columns', async () => {
    const out = file('sleep.parquet');
    await run({ provider: 'oura', kind: 'sleep', format: 'parquet', out });
    const types = Object.fromEntries((await duck(`DESCRIBE SELECT * FROM read_parquet(${literal(out)})`)).map((row) => [row.column_name, row.column_type]));
    expect(types).toMatchObject({ day: 'DATE', start: 'TIMESTAMP WITH TIME ZONE', total_sleep_seconds: 'BIGINT', average_breath_per_min: 'DOUBLE', low_battery_alert: 'BOOLEAN', id: 'VARCHAR' });
    const rows = await duck(`SELECT id, day::VARCHAR AS day, epoch_ms(start)::BIGINT AS start_ms, total_sleep_seconds::INTEGER AS total, average_breath_per_min FROM read_parquet(${literal(out)}) ORDER BY day`);
    expect(rows).toHaveLength(NIGHTS);
    expect(rows[0]).toEqual({ id: '96e7772a-64a7-4342-9c5f-3e5ed9e64d6d', day: '2024-10-10', start_ms: Date.parse('2024-10-10T01:01:59+02:00'), total: 23220, average_breath_per_min: 14.5 });
    const codecs = await duck(`SELECT DISTINCT compression FROM parquet_metadata(${literal(out)})`);
    expect(codecs).toEqual([{ compression: 'SNAPPY' }]);
  });

  it('writes heart-rate samples', async () => {
    const out = file('hr.parquet');
    const [written] = (await run({ provider: 'oura', kind: 'heartrate', format: 'parquet', out, pageSize: 100 })).files;
    expect(written?.rows).toBe(HR_COUNT + 3);
    const [summary] = await duck(`SELECT count(*)::INTEGER AS n, sum(value) AS total, max(epoch_ms(ts))::BIGINT AS last FROM read_parquet(${literal(out)})`);
    const expectedSum = [91, 92, 94].reduce((a, b) => a + b, 0) + Array.from({ length: HR_COUNT }, (_, index) => 60 + (index % 40)).reduce((a, b) => a + b, 0);
    expect(summary).toEqual({ n: HR_COUNT + 3, total: expectedSum, last: Date.parse('2024-12-13T12:31:39+00:00') });
  });

  it('streams row groups: a sink with small groups writes several, all readable', async () => {
    const out = file('groups.parquet');
    const sink = await openParquetSink(out, SAMPLE_COLUMNS, 100);
    const rows = Array.from({ length: 450 }, (_, index) => ({ provider: 'oura', series: 'heart_rate', source: null, ts: HR_START + index * 1000, value: index + 0.5 }));
    for (let index = 0; index < rows.length; index += 64) await sink.write(rows.slice(index, index + 64));
    await sink.finish();
    expect(await duck(`SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM parquet_metadata(${literal(out)})`)).toEqual([{ groups: 5 }]);
    expect(await duck(`SELECT count(*)::INTEGER AS n, sum(value) AS total, count(source)::INTEGER AS sources FROM read_parquet(${literal(out)})`)).toEqual([
      { n: 450, total: rows.reduce((sum, row) => sum + row.value, 0), sources: 0 },
    ]);
  });

  it('writes a schema-only file for an empty window', async () => {
    const out = file('empty.parquet');
    await run({ provider: 'oura', kind: 'heartrate', format: 'parquet', out, start: '2030-01-01', end: '2030-01-02' });
    const columns = (await duck(`DESCRIBE SELECT * FROM read_parquet(${literal(out)})`)).map((row) => `${String(row.column_name)} ${String(row.column_type)}`);
    expect(columns).toEqual(['provider VARCHAR', 'series VARCHAR', 'source VARCHAR', 'ts TIMESTAMP WITH TIME ZONE', 'value DOUBLE']);
    expect(await duck(`SELECT count(*)::INTEGER AS n FROM read_parquet(${literal(out)})`)).toEqual([{ n: 0 }]);
  });
});

describe('kind all', () => {
  it('writes one file per declared resource of every provider with data', async () => {
    const out = file('all-parquet');
    const result = await run({ kind: 'all', format: 'parquet', out, pageSize: 1000 });
    const expected = [...OURA_RESOURCES.map((spec) => `oura-${spec.name}.parquet`), `${PLUG_IN_ID}-cycle.parquet`].sort();
    expect(readdirSync(out).sort()).toEqual(expected);
    const byName = Object.fromEntries(result.files.map((entry) => [entry.path.slice(out.length + 1), entry.rows]));
    expect(byName).toMatchObject({ 'oura-sleep.parquet': NIGHTS, 'oura-personal_info.parquet': 1, 'oura-tag.parquet': 0, [`${PLUG_IN_ID}-cycle.parquet`]: 2 });
    const [profile] = await duck(`SELECT weight_kg, height_m FROM read_parquet(${literal(join(out, 'oura-personal_info.parquet'))})`);
    expect(profile).toEqual({ weight_kg: 72.5, height_m: 1.8 });
  });
});
