// Apple Health import benchmark: `npm run build && node bench/apple-health-import-bench.mjs [--records 1000000]`.
// Generates an export.zip of N records (the mix of a real Apple Watch + iPhone export: heart rate,
// energy, steps of two devices, distance, sleep stages, vitals, copies written by the Oura and
// Health Mate apps, types the importer passes over), then in separate processes (so each peak RSS
// is its own): the baseline (inflate + saxes scanning the same file with no handlers) and the
// import (inflate, parse, normalize, write into a real SQLite store). Prints rates, the import
// as a ratio of the baseline, and peak RSS. Targets: >= 100,000 records/s, < 256 MB peak RSS.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const RECORDS = Number(argument('records', 1_000_000));
const format = (value) => Math.round(value).toLocaleString('en-US');

const WATCH = ['Sam’s Apple Watch', '&lt;&lt;HKDevice: 0x283e4c8c0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.3&gt;'];
const PHONE = ['Sam’s iPhone', '&lt;&lt;HKDevice: 0x2812f00a0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.3&gt;'];
const OURA = ['Oura', '&lt;&lt;HKDevice: 0x2833aa0c0&gt;, name:Oura Ring, manufacturer:Oura Health Oy, model:Gen3&gt;'];
const HEALTH_MATE = ['Health Mate', '&lt;&lt;HKDevice: 0x2833ab0c0&gt;, name:Body Cardio, manufacturer:Withings, model:WBS04&gt;'];
const STAGES = ['AsleepCore', 'AsleepDeep', 'AsleepREM', 'Awake', 'AsleepCore'];
// [share, type, writer, unit, value(i)]: the order of a real export (grouped by type).
const MIX = [
  [0.43, 'HKQuantityTypeIdentifierHeartRate', WATCH, 'count/min', (i) => 55 + (i % 50)],
  [0.04, 'HKQuantityTypeIdentifierHeartRate', OURA, 'count/min', (i) => 50 + (i % 20)],
  [0.16, 'HKQuantityTypeIdentifierActiveEnergyBurned', WATCH, 'kcal', (i) => ((i % 90) / 10).toFixed(3)],
  [0.06, 'HKQuantityTypeIdentifierStepCount', WATCH, 'count', (i) => 20 + (i % 300)],
  [0.05, 'HKQuantityTypeIdentifierStepCount', PHONE, 'count', (i) => 15 + (i % 250)],
  [0.08, 'HKQuantityTypeIdentifierDistanceWalkingRunning', WATCH, 'km', (i) => ((i % 200) / 1000).toFixed(4)],
  [0.05, 'HKQuantityTypeIdentifierBasalEnergyBurned', WATCH, 'kcal', (i) => (1 + (i % 9) / 10).toFixed(3)],
  [0.05, 'HKCategoryTypeIdentifierSleepAnalysis', WATCH, null, (i) => `HKCategoryValueSleepAnalysis${STAGES[i % 5]}`],
  [0.02, 'HKCategoryTypeIdentifierSleepAnalysis', OURA, null, (i) => `HKCategoryValueSleepAnalysis${STAGES[(i + 1) % 5]}`],
  [0.02, 'HKQuantityTypeIdentifierHeartRateVariabilitySDNN', WATCH, 'ms', (i) => 30 + (i % 40)],
  [0.015, 'HKQuantityTypeIdentifierOxygenSaturation', WATCH, '%', (i) => (0.94 + (i % 5) / 100).toFixed(2)],
  [0.015, 'HKQuantityTypeIdentifierRespiratoryRate', WATCH, 'count/min', (i) => 12 + (i % 6)],
  [0.005, 'HKQuantityTypeIdentifierRestingHeartRate', WATCH, 'count/min', (i) => 50 + (i % 10)],
  [0.005, 'HKQuantityTypeIdentifierBodyMass', HEALTH_MATE, 'kg', (i) => (72 + (i % 30) / 10).toFixed(2)],
  [0.0, 'HKQuantityTypeIdentifierVO2Max', WATCH, 'mL/min·kg', (i) => 40 + (i % 8)],
];
const SPAN_MS = 3 * 365 * 86_400_000;
const T0 = Date.parse('2023-01-01T00:00:00Z');

function appleDate(ms) {
  return `${new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} -0500`;
}

async function* exportText(total) {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n]>\n<HealthData locale="en_US">\n <ExportDate value="${appleDate(T0 + SPAN_MS)}"/>\n`;
  let written = 0;
  for (const [index, [share, type, [source, device], unit, value]] of MIX.entries()) {
    const count = index === MIX.length - 1 ? total - written : Math.round(total * share);
    const step = SPAN_MS / Math.max(1, count);
    let chunk = '';
    for (let i = 0; i < count; i++) {
      const start = T0 + Math.floor(i * step);
      const end = start + (type.includes('Sleep') ? 1_200_000 : 60_000);
      const unitAttribute = unit ? ` unit="${unit}"` : '';
      const metadata = type.endsWith('HeartRate') ? '>\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n' : '/>\n';
      chunk += ` <Record type="${type}" sourceName="${source}" sourceVersion="10.3" device="${device}"${unitAttribute} creationDate="${appleDate(end)}" startDate="${appleDate(start)}" endDate="${appleDate(end)}" value="${value(i)}"${metadata}`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    written += count;
    yield chunk;
  }
  yield '</HealthData>\n';
}

async function generate(path) {
  const zip = new yazl.ZipFile();
  zip.addReadStream(Readable.from(exportText(RECORDS)), 'apple_health_export/export.xml', { compressionLevel: 1 });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

async function baseline(path) {
  const { readExportText } = await import('../dist/providers/apple-health/export-source.js');
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser({ position: false });
  const started = performance.now();
  for await (const chunk of readExportText(path)) parser.write(chunk);
  parser.close();
  return { seconds: (performance.now() - started) / 1000 };
}

async function normalizeOnly(path) {
  const { readAppleHealthExport } = await import('../dist/providers/apple-health/read-export.js');
  const started = performance.now();
  const reading = readAppleHealthExport(path, { now: new Date(T0 + SPAN_MS + 86_400_000) });
  let records = 0;
  let samples = 0;
  for await (const page of reading.pages) {
    records += page.records.length;
    samples += page.samples.length;
  }
  return { seconds: (performance.now() - started) / 1000, elements: reading.summary.elements, records, samples };
}

async function runImport(path, folder) {
  const { readAppleHealthExport } = await import('../dist/providers/apple-health/read-export.js');
  const { openSqliteStore } = await import('../dist/store/sqlite/index.js');
  const store = await openSqliteStore({ path: join(folder, 'store.db') });
  const started = performance.now();
  const reading = readAppleHealthExport(path, { now: new Date(T0 + SPAN_MS + 86_400_000) });
  let records = 0;
  let samples = 0;
  for await (const page of reading.pages) {
    if (page.records.length) await store.upsertRecords(page.records);
    if (page.samples.length) await store.upsertSamples(page.samples);
    records += page.records.length;
    samples += page.samples.length;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { seconds, elements: reading.summary.elements, records, samples };
}

const phase = argument('phase', null);
if (phase) {
  const result = phase === 'baseline' ? await baseline(argument('file')) : phase === 'normalize' ? await normalizeOnly(argument('file')) : await runImport(argument('file'), argument('folder'));
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ...result, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakRssMb: usage.maxRSS / 1024 }));
} else {
  const folder = mkdtempSync(join(tmpdir(), 'wearables-apple-bench-'));
  try {
    const file = join(folder, 'export.zip');
    let started = performance.now();
    await generate(file);
    console.log(`generated ${format(RECORDS)} records: export.zip ${format(statSync(file).size / 1e6)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const self = fileURLToPath(import.meta.url);
    const run = (name) => {
      const child = spawnSync(process.execPath, [self, '--phase', name, '--file', file, '--folder', folder, '--records', String(RECORDS)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr.slice(0, 2000)}`);
      return JSON.parse(child.stdout);
    };
    const scan = run('baseline');
    const rows = [
      ['baseline: inflate + saxes, no handlers', scan],
      ['parse + normalize (no store)', run('normalize')],
      ['import: parse + normalize + SQLite', run('import')],
    ];
    // Wall-clock rates depend on what else the machine runs; the CPU rates and the ratios do not.
    for (const [label, result] of rows) {
      const rate = RECORDS / result.seconds;
      const cpuRate = RECORDS / result.cpuSeconds;
      console.log(
        `${label.padEnd(40)} ${format(rate).padStart(9)} records/s (${(rate / (RECORDS / scan.seconds)).toFixed(2)}x), ${format(cpuRate).padStart(9)} per CPU-s (${(cpuRate / (RECORDS / scan.cpuSeconds)).toFixed(2)}x), peak RSS ${format(result.peakRssMb)} MB`,
      );
    }
    const imported = rows[2][1];
    console.log(`  stored ${format(imported.records)} records and ${format(imported.samples)} samples from ${format(imported.elements)} elements`);
    const ok = RECORDS / imported.seconds >= 100_000 && imported.peakRssMb < 256;
    console.log(`${ok ? 'PASS' : 'FAIL'}: >= 100,000 records/s and < 256 MB peak RSS`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
