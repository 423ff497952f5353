// Crash test: `npm run build && node bench/crash-test.mjs [--kills 10] [--days 240] [--seed 11]
// [--providers oura,whoop] [--modes full,incremental] [--rng 1] [--json]`
// (also `npm run crash`).
//
// Runs the built CLI (`wearables-mcp sync <provider> [--full]`, the modes taking turns) against
// the simulator and kills it
// with SIGKILL at random moments (after a random number of provider requests, plus a random few
// milliseconds), checking `PRAGMA integrity_check` after every kill; then lets one more
// `sync --full` per provider finish and compares the store with a clean reference sync of the
// same simulator seed in another home: every normalized record (content hash, day, bounds, data)
// and every sample (value, source), plus one `created` event per record. Prints lost / duplicated
// / wrong counts and the requests the resumed runs spent against the reference (a resumed backfill
// does not fetch its stored windows again). Exit code 1 when anything differs.
//
// A killed process leaves its sync lock behind on purpose: the next sync must take the lock of
// a dead holder over at once (src/app/sync-file-lock.ts), so the harness never removes it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startSimulator } from '../dist/simulator/index.js';

const CLI = fileURLToPath(new URL('../dist/bin/wearables-mcp.js', import.meta.url));
const TOKEN = 'crash-test-personal-token-5d1f';
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const flag = (name) => process.argv.includes(`--${name}`);
const KILLS = Number(argument('kills', '10'));
const DAYS = Number(argument('days', '240'));
const SEED = Number(argument('seed', '11'));
const PROVIDERS = String(argument('providers', 'oura,whoop')).split(',');
const MODES = String(argument('modes', 'full,incremental')).split(',');
const JSON_OUTPUT = flag('json');
let rngState = Number(argument('rng', String(Date.now() % 100_000))) >>> 0 || 1;
const rngSeed = rngState;

/** xorshift32: reproducible kill points for a given --rng. */
function random() {
  rngState ^= rngState << 13;
  rngState ^= rngState >>> 17;
  rngState ^= rngState << 5;
  return (rngState >>> 0) / 4_294_967_296;
}

const log = (line) => {
  if (!JSON_OUTPUT) console.log(line);
};

function envFor(home, sim) {
  return {
    PATH: process.env.PATH ?? '',
    WEARABLES_MCP_HOME: home,
    OURA_API_BASE_URL: sim.oura.apiBaseUrl,
    OURA_AUTH_BASE_URL: sim.oura.authBaseUrl,
    WHOOP_API_BASE_URL: sim.whoop.apiBaseUrl,
    WHOOP_AUTH_BASE_URL: sim.whoop.authBaseUrl,
    WITHINGS_API_BASE_URL: sim.withings.apiBaseUrl,
    WITHINGS_AUTH_BASE_URL: sim.withings.authBaseUrl,
    LOG_FILE: '',
    LOG_LEVEL: 'warn',
  };
}

/** Runs the CLI; `killAt(child)` may kill it. Resolves with exit code, signal and output. */
function runCli(args, env, killAt) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    const stop = killAt?.(child);
    child.on('close', (code, signal) => {
      stop?.();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function integrity(path) {
  const db = new Database(path);
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

/** Normalized rows of a store: records, samples, and how many `created` events each record has. */
function snapshot(path) {
  const db = new Database(path);
  try {
    const records = new Map();
    for (const row of db.prepare('SELECT provider, resource, id, day, start, "end", tz_offset, data, content_hash FROM records').iterate()) {
      records.set(`${row.provider}/${row.resource}/${row.id}`, JSON.stringify([row.day, row.start, row.end, row.tz_offset, row.data, row.content_hash]));
    }
    const samples = new Map();
    for (const row of db.prepare('SELECT s.provider, s.name, p.ts, p.value, p.source FROM samples p JOIN series s ON s.series_id = p.series_id').iterate()) {
      samples.set(`${row.provider}/${row.name}/${row.ts}`, `${row.value}|${row.source}`);
    }
    const created = db.prepare("SELECT provider, resource, record_id, COUNT(*) AS n FROM events WHERE change = 'created' GROUP BY provider, resource, record_id HAVING n > 1").all();
    const rowCounts = db.prepare('SELECT (SELECT COUNT(*) FROM records) AS records, (SELECT COUNT(*) FROM samples) AS samples').get();
    return { records, samples, duplicateCreatedEvents: created.length, rowCounts };
  } finally {
    db.close();
  }
}

function compare(reference, actual) {
  const result = { lost: 0, extra: 0, wrong: 0 };
  for (const [key, value] of reference) {
    if (!actual.has(key)) result.lost++;
    else if (actual.get(key) !== value) result.wrong++;
  }
  for (const key of actual.keys()) if (!reference.has(key)) result.extra++;
  return result;
}

async function connect(home, sim) {
  for (const provider of PROVIDERS) {
    const connected = await runCli(['connect', provider, '--token', TOKEN, '--json'], envFor(home, sim));
    if (connected.code !== 0) throw new Error(`connect ${provider} failed: ${connected.stderr}`);
  }
}

async function fullSync(home, sim, provider) {
  const before = sim.control.requestCount();
  const started = performance.now();
  const result = await runCli(['sync', provider, '--full', '--json'], envFor(home, sim));
  if (result.code !== 0) throw new Error(`sync ${provider} --full exited ${result.code}: ${result.stderr.slice(0, 2000)}`);
  const notices = JSON.parse(result.stdout).results?.flatMap((entry) => entry.notices ?? []) ?? [];
  return { requests: sim.control.requestCount() - before, ms: performance.now() - started, notices };
}

/** One `sync <provider> [--full]` killed after `target` requests plus `extraMs` (unless it ends first). */
async function killedRun(sim, home, provider, mode, target, extraMs) {
  const before = sim.control.requestCount();
  const started = performance.now();
  const args = ['sync', provider, ...(mode === 'full' ? ['--full'] : []), '--json'];
  const outcome = await runCli(args, envFor(home, sim), (child) => {
    const timer = setInterval(() => {
      if (sim.control.requestCount() - before < target) return;
      clearInterval(timer);
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    }, 1);
    return () => clearInterval(timer);
  });
  return { killed: outcome.signal === 'SIGKILL', requests: sim.control.requestCount() - before, ms: Math.round(performance.now() - started) };
}

/** Kills runs until KILLS kills happened, checking integrity after each run. */
async function crashLoop(sim, home, reference) {
  const kills = [];
  const integrityFailures = [];
  let completedBeforeKill = 0;
  let requests = 0;
  // Kill points are drawn below what the run has left to do: for a full sync the reference minus
  // what the killed runs of this backfill already spent (so the kills stay inside one backfill,
  // and a resume that skipped unstored windows would show as lost rows); for an incremental sync
  // the length of its last finished run.
  const typical = new Map();
  const spentInBackfill = new Map(PROVIDERS.map((p) => [p, 0]));
  for (let attempt = 0; kills.length < KILLS && attempt < KILLS * 4; attempt++) {
    const provider = PROVIDERS[attempt % PROVIDERS.length];
    const mode = MODES[Math.floor(attempt / PROVIDERS.length) % MODES.length];
    const span =
      mode === 'full'
        ? Math.max(2, reference[provider].requests - spentInBackfill.get(provider))
        : (typical.get(`${provider} ${mode}`) ?? reference[provider].requests);
    const run = await killedRun(sim, home, provider, mode, 1 + Math.floor(random() * span * 0.9), Math.floor(random() * 25));
    requests += run.requests;
    if (!run.killed) typical.set(`${provider} ${mode}`, run.requests);
    if (mode === 'full') spentInBackfill.set(provider, run.killed ? spentInBackfill.get(provider) + run.requests : 0);
    if (run.killed) {
      kills.push({ provider, mode, afterRequests: run.requests, atMs: run.ms });
    } else {
      completedBeforeKill++;
    }
    const check = integrity(join(home, 'wearables.db'));
    if (check !== 'ok') integrityFailures.push({ kill: kills.length, check });
    log(`  ${run.killed ? `kill ${kills.length}` : 'finished'}: ${provider} ${mode} after ${run.requests} requests, ${run.ms} ms; integrity ${check}`);
  }
  return { kills, integrityFailures, completedBeforeKill, requests };
}

/** The crash home against the reference home: lost, duplicated and wrong rows. */
function compareHomes(referenceHome, crashHome) {
  const expected = snapshot(join(referenceHome, 'wearables.db'));
  const actual = snapshot(join(crashHome, 'wearables.db'));
  const records = compare(expected.records, actual.records);
  const samples = compare(expected.samples, actual.samples);
  return {
    referenceRecords: expected.records.size,
    referenceSamples: expected.samples.size,
    lost: records.lost + samples.lost,
    duplicated: records.extra + samples.extra + actual.duplicateCreatedEvents,
    wrong: records.wrong + samples.wrong,
    records,
    samples,
  };
}

function printSummary(summary) {
  const totalReference = Object.values(summary.referenceRequests).reduce((sum, value) => sum + value, 0);
  const perProvider = PROVIDERS.map((p) => `${p} ${summary.resumedRequests[p]} requests (reference ${summary.referenceRequests[p]})`).join(', ');
  log(`after ${summary.kills} kills (${summary.completedBeforeKill} runs finished before their kill point):`);
  log(`  final resumed runs: ${perProvider}`);
  log(`  whole crash sequence: ${summary.crashSequenceRequests} requests = ${(summary.crashSequenceRequests / totalReference).toFixed(2)}x one clean full sync`);
  log(`  store vs reference: ${summary.referenceRecords} records, ${summary.referenceSamples} samples; lost ${summary.lost}, duplicated ${summary.duplicated}, wrong ${summary.wrong}`);
  log(`  integrity_check: ${summary.kills - summary.integrityFailures.length}/${summary.kills} ok after kills, final ${summary.finalIntegrity}`);
}

async function main() {
  const frozen = new Date();
  const unlimited = { rateLimitPerMinute: 1_000_000 };
  const sim = await startSimulator({ seed: SEED, days: DAYS, now: () => frozen, personalAccessTokens: [TOKEN], ...unlimited, whoop: unlimited, withings: unlimited });
  const root = mkdtempSync(join(tmpdir(), 'wearables-crash-'));
  const referenceHome = join(root, 'reference');
  const crashHome = join(root, 'crashed');
  try {
    await connect(referenceHome, sim);
    await connect(crashHome, sim);
    const reference = {};
    for (const provider of PROVIDERS) reference[provider] = await fullSync(referenceHome, sim, provider);
    log(`reference: ${PROVIDERS.map((p) => `${p} ${reference[p].requests} requests in ${Math.round(reference[p].ms)} ms`).join(', ')} (seed ${SEED}, ${DAYS} days, rng ${rngSeed})`);
    const crashes = await crashLoop(sim, crashHome, reference);
    const resumed = {};
    for (const provider of PROVIDERS) resumed[provider] = await fullSync(crashHome, sim, provider);
    const summary = {
      seed: SEED,
      days: DAYS,
      rng: rngSeed,
      providers: PROVIDERS,
      modes: MODES,
      kills: crashes.kills.length,
      completedBeforeKill: crashes.completedBeforeKill,
      killPoints: crashes.kills,
      referenceRequests: Object.fromEntries(PROVIDERS.map((p) => [p, reference[p].requests])),
      resumedRequests: Object.fromEntries(PROVIDERS.map((p) => [p, resumed[p].requests])),
      resumedNotices: Object.fromEntries(PROVIDERS.map((p) => [p, resumed[p].notices])),
      crashSequenceRequests: crashes.requests + PROVIDERS.reduce((sum, p) => sum + resumed[p].requests, 0),
      ...compareHomes(referenceHome, crashHome),
      integrityFailures: crashes.integrityFailures,
      finalIntegrity: integrity(join(crashHome, 'wearables.db')),
    };
    const failed = summary.kills < KILLS || summary.lost + summary.duplicated + summary.wrong > 0 || summary.integrityFailures.length > 0 || summary.finalIntegrity !== 'ok';
    if (JSON_OUTPUT) console.log(JSON.stringify(summary));
    else printSummary(summary);
    log(failed ? 'CRASH TEST FAILED' : 'crash test passed');
    process.exitCode = failed ? 1 : 0;
  } finally {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
