// PostgreSQL store benchmark: `npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/postgres-store-bench.mjs [--samples 1000000] [--reads 2000]`
// (TEST_DATABASE_URL works too). Works in a throw-away schema, dropped at the end. Prints, each
// against a plain query of the same rows in the same run:
//   ingest: samples/s through Store.upsertSamples (batches of 10k) vs a plain COPY of the same rows,
//     one transaction per batch, into a table of the same shape and primary key; target >= 100,000/s
//   30-day read: Store.queryRecords of 30 sleep documents of a 5-year cache vs a plain prepared
//     SELECT of the same rows; target p50 < 3 ms
//   30-day hourly aggregate of 5-min heart rate.
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openPostgresDatabase } from '../dist/store/postgres/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const URL_TEXT = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLE_COUNT = argument('samples', 1_000_000);
const READS = argument('reads', 2_000);
const BATCH = 10_000;
const YEARS = 5;
const T0 = Date.parse('2020-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
const SCHEMA = `bench_store_${process.pid}`;
const format = (value) => Math.round(value).toLocaleString('en-US');
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function heartRateBatch(start, count, series = 'heart_rate') {
  const batch = new Array(count);
  for (let index = 0; index < count; index += 1) {
    const n = start + index;
    batch[index] = { provider: 'oura', series, ts: T0 + n * 300_000, value: 55 + (n % 40), source: n % 3 === 0 ? 'rest' : 'awake' };
  }
  return batch;
}

function sleepDocument(day, index) {
  const bedtimeStart = `${day}T23:10:00+01:00`;
  const items = (base) => Array.from({ length: 96 }, (_, i) => base + ((index * 7 + i * 13) % 25));
  return {
    provider: 'oura', resource: 'sleep', id: `sl-${day}`, day, start: bedtimeStart, end: `${day}T07:05:00+01:00`, tzOffset: '+01:00', updatedAt: null,
    data: { total_sleep_seconds: 26_000 + index, average_heart_rate_bpm: 52.5, average_hrv_ms: 45, efficiency_percent: 90, type: 'long_sleep' },
    raw: { id: `sl-${day}`, day, type: 'long_sleep', bedtime_start: bedtimeStart, bedtime_end: `${day}T07:05:00+01:00`, average_breath: 14.5, average_heart_rate: 52.5,
      average_hrv: 45, awake_time: 1_800, deep_sleep_duration: 5_400, light_sleep_duration: 14_000, rem_sleep_duration: 6_600, efficiency: 90, latency: 600,
      total_sleep_duration: 26_000 + index, sleep_phase_5_min: '4221'.repeat(24), movement_30_sec: '1121'.repeat(237),
      heart_rate: { interval: 300, items: items(46), timestamp: bedtimeStart }, hrv: { interval: 300, items: items(30), timestamp: bedtimeStart } },
  };
}

const database = await openPostgresDatabase({ url: URL_TEXT, schema: SCHEMA });
const admin = new pg.Client({ connectionString: URL_TEXT });
await admin.connect();
try {
  await database.accounts.ensure('bench');
  const store = database.forAccount('bench');

  // Ingest through the store.
  let started = performance.now();
  for (let offset = 0; offset < SAMPLE_COUNT; offset += BATCH) await store.upsertSamples(heartRateBatch(offset, Math.min(BATCH, SAMPLE_COUNT - offset), 'ingest'));
  const storeRate = SAMPLE_COUNT / ((performance.now() - started) / 1000);
  // Baseline: a plain COPY of the same rows, a transaction per batch, into a table of the same shape and key.
  await admin.query(`CREATE TABLE "${SCHEMA}".plain (series_id integer, ts bigint, value double precision, source text, PRIMARY KEY (series_id, ts))`);
  started = performance.now();
  for (let offset = 0; offset < SAMPLE_COUNT; offset += BATCH) {
    const rows = heartRateBatch(offset, Math.min(BATCH, SAMPLE_COUNT - offset)).map((s) => `1\t${s.ts}\t${s.value}\t${s.source}\n`).join('');
    await admin.query('BEGIN');
    await pipeline(Readable.from([rows]), admin.query(copyFrom(`COPY "${SCHEMA}".plain FROM STDIN`)));
    await admin.query('COMMIT');
  }
  const baselineRate = SAMPLE_COUNT / ((performance.now() - started) / 1000);
  console.log(`ingest: ${format(storeRate)} samples/s (plain COPY ${format(baselineRate)}/s, ratio ${(storeRate / baselineRate).toFixed(2)}) ` +
    `[${format(SAMPLE_COUNT)} samples in batches of ${format(BATCH)}; target >= 100,000/s: ${storeRate >= 100_000 ? 'met' : 'MISSED'}]`);

  // A 5-year cache: sleep documents and 5-min heart rate.
  const dayCount = YEARS * 365;
  const allDays = Array.from({ length: dayCount }, (_, index) => new Date(T0 + index * DAY_MS).toISOString().slice(0, 10));
  started = performance.now();
  for (let offset = 0; offset < dayCount; offset += 30) await store.upsertRecords(allDays.slice(offset, offset + 30).map((day, index) => sleepDocument(day, offset + index)));
  const hrCount = dayCount * 288;
  for (let offset = 0; offset < hrCount; offset += BATCH) await store.upsertSamples(heartRateBatch(offset, Math.min(BATCH, hrCount - offset)));
  await admin.query(`ANALYZE "${SCHEMA}".records; ANALYZE "${SCHEMA}".samples`);
  console.log(`cache: ${format(dayCount)} sleep documents + ${format(hrCount)} heart-rate samples built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const windows = Array.from({ length: READS }, (_, index) => {
    const first = (index * 7919) % (dayCount - 30);
    return [allDays[first], allDays[first + 29]];
  });
  const plain = { name: 'plain-read', text: `SELECT * FROM "${SCHEMA}".records WHERE account_id = $1 AND provider = $2 AND resource = $3 AND day >= $4 AND day <= $5 ORDER BY day, start, id` };
  const storeTimes = [];
  const plainTimes = [];
  for (const [startDay, endDay] of windows) {
    started = performance.now();
    const records = await store.queryRecords({ provider: 'oura', resource: 'sleep', startDay, endDay });
    storeTimes.push(performance.now() - started);
    if (records.length !== 30) throw new Error(`expected 30 records, got ${records.length}`);
    started = performance.now();
    await admin.query({ ...plain, values: ['bench', 'oura', 'sleep', startDay, endDay] });
    plainTimes.push(performance.now() - started);
  }
  storeTimes.sort((a, b) => a - b);
  plainTimes.sort((a, b) => a - b);
  const p50 = quantile(storeTimes, 0.5);
  console.log(`read 30 days of sleep: p50 ${p50.toFixed(3)} ms, p99 ${quantile(storeTimes, 0.99).toFixed(3)} ms (plain SELECT p50 ${quantile(plainTimes, 0.5).toFixed(3)} ms, ` +
    `p99 ${quantile(plainTimes, 0.99).toFixed(3)} ms, p50 ratio ${(p50 / quantile(plainTimes, 0.5)).toFixed(2)}); target p50 < 3 ms: ${p50 < 3 ? 'met' : 'MISSED'}`);

  const aggregateTimes = [];
  for (const [startDay] of windows.slice(0, 200)) {
    const start = Date.parse(`${startDay}T00:00:00Z`);
    started = performance.now();
    await store.aggregateSamples({ provider: 'oura', series: 'heart_rate', start, end: start + 30 * DAY_MS, bucketMs: 3_600_000 });
    aggregateTimes.push(performance.now() - started);
  }
  aggregateTimes.sort((a, b) => a - b);
  console.log(`aggregate 30 days of 5-min heart rate into hours: p50 ${quantile(aggregateTimes, 0.5).toFixed(3)} ms, p99 ${quantile(aggregateTimes, 0.99).toFixed(3)} ms`);
} finally {
  await database.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.end();
}
