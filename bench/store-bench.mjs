// Store benchmark: `npm run build && node bench/store-bench.mjs [--samples 1000000] [--keep]`.
// Prints ingest rate vs raw better-sqlite3 inserts, and 30-day reads of a 5-year cache through
// queryRecords vs a raw prepared SELECT, both measured in this run on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../dist/store/sqlite/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const SAMPLE_COUNT = argument('samples', 1_000_000);
const BATCH = 10_000;
const YEARS = 5;
const READS = argument('reads', 2_000);
const T0 = Date.parse('2020-01-01T00:00:00Z');
const DAY_MS = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'wearables-store-bench-'));
const format = (value) => Math.round(value).toLocaleString('en-US');
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function heartRateBatch(start, count) {
  const batch = new Array(count);
  for (let index = 0; index < count; index += 1) {
    const n = start + index;
    batch[index] = { provider: 'oura', series: 'heart_rate', ts: T0 + n * 300_000, value: 55 + (n % 40), source: n % 3 === 0 ? 'rest' : 'awake' };
  }
  return batch;
}

function openRaw(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

async function benchIngest() {
  const store = await openSqliteStore({ path: join(root, 'ingest', 'store.db') });
  let started = performance.now();
  for (let offset = 0; offset < SAMPLE_COUNT; offset += BATCH) await store.upsertSamples(heartRateBatch(offset, Math.min(BATCH, SAMPLE_COUNT - offset)));
  const storeRate = SAMPLE_COUNT / ((performance.now() - started) / 1000);
  await store.close();

  const raw = openRaw(join(root, 'ingest-baseline.db'));
  raw.exec('CREATE TABLE plain (provider TEXT, series TEXT, ts INTEGER, value REAL, source TEXT)');
  const insert = raw.prepare('INSERT INTO plain VALUES (?, ?, ?, ?, ?)');
  const insertBatch = raw.transaction((batch) => {
    for (const sample of batch) insert.run(sample.provider, sample.series, sample.ts, sample.value, sample.source);
  });
  started = performance.now();
  for (let offset = 0; offset < SAMPLE_COUNT; offset += BATCH) insertBatch(heartRateBatch(offset, Math.min(BATCH, SAMPLE_COUNT - offset)));
  const baselineRate = SAMPLE_COUNT / ((performance.now() - started) / 1000);
  raw.close();
  console.log(`ingest: ${format(storeRate)} samples/s (baseline ${format(baselineRate)}/s, ratio ${(storeRate / baselineRate).toFixed(2)}) ` +
    `[${format(SAMPLE_COUNT)} samples in batches of ${format(BATCH)}; target > 100,000/s: ${storeRate > 100_000 ? 'met' : 'MISSED'}]`);
}

function items(count, seed, base) {
  return Array.from({ length: count }, (_, index) => base + ((seed * 7 + index * 13) % 25));
}

/** Documents shaped like Oura's v2 payloads (a `sleep` document carries 5-min HR/HRV arrays). */
function documentsFor(day, index) {
  const common = { provider: 'oura', day, end: null, tzOffset: '+01:00', updatedAt: null };
  const score = 55 + (index % 40);
  const bedtimeStart = `${day}T23:10:00+01:00`;
  return [
    { ...common, resource: 'daily_sleep', id: `ds-${day}`, start: null, data: { score, deep_sleep_score: score - 3 },
      raw: { id: `ds-${day}`, day, score, timestamp: `${day}T00:00:00+00:00`, contributors: { deep_sleep: score - 3, efficiency: 90, latency: 80, rem_sleep: 70, restfulness: 75, timing: 85, total_sleep: score } } },
    { ...common, resource: 'daily_readiness', id: `dr-${day}`, start: null, data: { score: score + 2, temperature_deviation_c: -0.1 },
      raw: { id: `dr-${day}`, day, score: score + 2, temperature_deviation: -0.1, temperature_trend_deviation: 0.05, timestamp: `${day}T00:00:00+00:00`,
        contributors: { activity_balance: 80, body_temperature: 95, hrv_balance: 70, previous_day_activity: 85, previous_night: 78, recovery_index: 90, resting_heart_rate: 88, sleep_balance: 82 } } },
    { ...common, resource: 'daily_activity', id: `da-${day}`, start: null, data: { score: score + 5, steps: 6_000 + index * 3, active_calories: 400 },
      raw: { id: `da-${day}`, day, score: score + 5, steps: 6_000 + index * 3, active_calories: 400, total_calories: 2_400, class_5_min: '1'.repeat(288),
        met: { interval: 60, items: items(1440, index, 1).map((value) => value / 10), timestamp: `${day}T04:00:00+01:00` }, contributors: { meet_daily_targets: 60, move_every_hour: 95 } } },
    { ...common, resource: 'sleep', id: `sl-${day}`, start: bedtimeStart, end: `${day}T07:05:00+01:00`,
      data: { total_sleep_seconds: 26_000 + index, average_heart_rate_bpm: 52.5, average_hrv_ms: 45, efficiency_percent: 90, type: 'long_sleep' },
      raw: { id: `sl-${day}`, day, type: 'long_sleep', bedtime_start: bedtimeStart, bedtime_end: `${day}T07:05:00+01:00`, average_breath: 14.5, average_heart_rate: 52.5,
        average_hrv: 45, awake_time: 1_800, deep_sleep_duration: 5_400, light_sleep_duration: 14_000, rem_sleep_duration: 6_600, efficiency: 90, latency: 600,
        lowest_heart_rate: 46, restless_periods: 120, time_in_bed: 28_500, total_sleep_duration: 26_000 + index, sleep_phase_5_min: '4221'.repeat(24),
        movement_30_sec: '1121'.repeat(237), heart_rate: { interval: 300, items: items(96, index, 46), timestamp: bedtimeStart },
        hrv: { interval: 300, items: items(96, index, 30), timestamp: bedtimeStart }, readiness: { score: score + 2, temperature_deviation: -0.1 } } },
  ];
}

async function benchReads() {
  const path = join(root, 'cache', 'store.db');
  const store = await openSqliteStore({ path });
  const dayCount = YEARS * 365;
  const allDays = Array.from({ length: dayCount }, (_, index) => new Date(T0 + index * DAY_MS).toISOString().slice(0, 10));
  let started = performance.now();
  for (let offset = 0; offset < dayCount; offset += 30) {
    await store.upsertRecords(allDays.slice(offset, offset + 30).flatMap((day, index) => documentsFor(day, offset + index)));
  }
  const hrCount = YEARS * 365 * 288;
  for (let offset = 0; offset < hrCount; offset += BATCH) await store.upsertSamples(heartRateBatch(offset, Math.min(BATCH, hrCount - offset)));
  const stats = await store.stats();
  console.log(`cache: ${format(dayCount * 4)} documents + ${format(hrCount)} heart-rate samples built in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
    `file ${(stats.sizeBytes / 1_048_576).toFixed(1)} MiB`);

  const raw = new Database(path, { readonly: true });
  // The same rows the store reads: the local account's (every key starts with account_id).
  const select = raw.prepare('SELECT * FROM records WHERE account_id = ? AND provider = ? AND resource = ? AND day >= ? AND day <= ? ORDER BY day, start, id');
  const windows = Array.from({ length: READS }, (_, index) => {
    const first = (index * 7919) % (dayCount - 30);
    return [allDays[first], allDays[first + 29]];
  });
  for (const resource of ['sleep', 'daily_sleep']) {
    const storeTimes = [];
    const rawTimes = [];
    for (const [startDay, endDay] of windows) {
      started = performance.now();
      const records = await store.queryRecords({ provider: 'oura', resource, startDay, endDay });
      storeTimes.push(performance.now() - started);
      if (records.length !== 30) throw new Error(`expected 30 ${resource} records, got ${records.length}`);
      started = performance.now();
      select.all(store.accountId, 'oura', resource, startDay, endDay);
      rawTimes.push(performance.now() - started);
    }
    storeTimes.sort((a, b) => a - b);
    rawTimes.sort((a, b) => a - b);
    const p50 = quantile(storeTimes, 0.5);
    const target = resource === 'sleep' ? `; target p50 < 2 ms: ${p50 < 2 ? 'met' : 'MISSED'}` : '';
    console.log(`read 30 days of ${resource}: p50 ${p50.toFixed(3)} ms, p99 ${quantile(storeTimes, 0.99).toFixed(3)} ms ` +
      `(baseline p50 ${quantile(rawTimes, 0.5).toFixed(3)} ms, p99 ${quantile(rawTimes, 0.99).toFixed(3)} ms, p50 ratio ${(p50 / quantile(rawTimes, 0.5)).toFixed(2)})${target}`);
  }
  raw.close();

  const aggregateTimes = [];
  for (const [startDay] of windows.slice(0, 200)) {
    const start = Date.parse(`${startDay}T00:00:00Z`);
    started = performance.now();
    await store.aggregateSamples({ provider: 'oura', series: 'heart_rate', start, end: start + 30 * DAY_MS, bucketMs: 3_600_000 });
    aggregateTimes.push(performance.now() - started);
  }
  aggregateTimes.sort((a, b) => a - b);
  console.log(`aggregate 30 days of 5-min heart rate into hours: p50 ${quantile(aggregateTimes, 0.5).toFixed(3)} ms, p99 ${quantile(aggregateTimes, 0.99).toFixed(3)} ms`);
  await store.close();
}

try {
  await benchIngest();
  await benchReads();
} finally {
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
