// One million heart-rate samples exported to Parquet from a real SQLite cache: prints the time and
// peak RSS, next to a baseline measured in the same run (reading the same rows page by page from
// the store without writing). Target: peak RSS under 256 MB. Run after `npm run build`, ideally
// with --expose-gc (bench/run.mjs passes it). The cache is seeded in a child process so seeding
// memory does not count against the export.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => join(root, 'dist', path);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
const TARGET_MB = 256;
const START = Date.UTC(2024, 0, 1);

async function seed(path) {
  const { openSqliteStore } = await import(dist('store/sqlite/index.js'));
  const store = await openSqliteStore({ path });
  const batch = 50_000;
  for (let offset = 0; offset < SAMPLES; offset += batch) {
    const samples = [];
    for (let index = offset; index < Math.min(SAMPLES, offset + batch); index++) {
      samples.push({ provider: 'oura', series: 'heart_rate', ts: START + index * 5_000, value: 50 + (index % 70), source: index % 3 === 0 ? 'rest' : 'awake' });
    }
    await store.upsertSamples(samples);
  }
  await store.close();
}

/** Tracks peak RSS: sampled on a timer and at every progress callback (the work is mostly synchronous). */
function rssTracker() {
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  return { sample, stop: () => (clearInterval(timer), sample(), peak) };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function measure(path, out) {
  const { openSqliteStore } = await import(dist('store/sqlite/index.js'));
  const { samplePages } = await import(dist('export/store-pages.js'));
  const { exportData } = await import(dist('export/export-data.js'));
  const { createOuraProvider } = await import(dist('providers/oura/index.js'));
  const store = await openSqliteStore({ path });
  const providers = new Map([['oura', createOuraProvider({ apiBaseUrl: 'http://127.0.0.1:9', authBaseUrl: 'http://127.0.0.1:9' })]]);

  const baselineRss = rssTracker();
  let started = performance.now();
  let read = 0;
  for await (const page of samplePages(store, { provider: 'oura', series: 'heart_rate', start: 0, end: Number.MAX_SAFE_INTEGER })) {
    read += page.length;
    baselineRss.sample();
  }
  const baseline = { ms: performance.now() - started, peak: baselineRss.stop(), rows: read };

  const exportRss = rssTracker();
  started = performance.now();
  const result = await exportData({ store, providers, provider: 'oura', kind: 'heartrate', format: 'parquet', out, onProgress: exportRss.sample });
  const exported = { ms: performance.now() - started, peak: exportRss.stop(), rows: result.files[0]?.rows ?? 0 };
  await store.close();
  return { baseline, exported, bytes: statSync(out).size };
}

async function main() {
  if (process.argv[2] === '--seed') return seed(process.argv[3]);
  const dir = mkdtempSync(join(tmpdir(), 'wearables-export-bench-'));
  try {
    const path = join(dir, 'cache.db');
    const seeded = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--seed', path], { stdio: 'inherit', env: process.env });
    if (seeded.status !== 0) throw new Error('seeding failed');
    if (!globalThis.gc) console.log('(run with --expose-gc for a cleaner starting RSS)');
    const { baseline, exported, bytes } = await measure(path, join(dir, 'heart_rate.parquet'));
    console.log(`baseline: read ${baseline.rows} samples from the store in ${(baseline.ms / 1000).toFixed(2)} s, peak RSS ${mb(baseline.peak)}`);
    console.log(`export:   ${exported.rows} samples to Parquet in ${(exported.ms / 1000).toFixed(2)} s, peak RSS ${mb(exported.peak)}, file ${mb(bytes)}`);
    const ok = exported.peak < TARGET_MB * 1024 * 1024 && exported.rows === SAMPLES;
    console.log(`target: peak RSS < ${TARGET_MB} MB: ${ok ? 'met' : 'MISSED'} (export/baseline time ${(exported.ms / baseline.ms).toFixed(2)}x)`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
