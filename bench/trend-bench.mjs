// Long windows read only what they need: a 365-day get_trends and get_health_insights on a demo
// dataset (Oura + WHOOP + Withings synced from the simulator into a SQLite file), against a plain
// SQL query of the same rows (`SELECT day, data` of the resources the answer needs, JSON-parsed)
// in the same run. Target: the store read of the analysis (normalized columns only) within 1.50x
// of the plain query. Printed too: whole records as read before (with `raw`), the day view built
// from the read (extraction and join) and the whole tool call (in-memory MCP client).
// Run after `npm run build` (with --expose-gc, as bench/run.mjs does, for steadier figures). BENCH_RUNS (default 31).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { loadDailyView, mappingsFor } from '../dist/analysis/daily-view.js';
import { SOURCE_MAPPINGS } from '../dist/analysis/mappings/index.js';
import { createAppContext } from '../dist/app/create-app-context.js';
import { loadConfig } from '../dist/config/config.js';
import { silentLogger } from '../dist/logging/logger.js';
import { createMcpServer } from '../dist/mcp/server.js';
import { startSimulator } from '../dist/simulator/index.js';
import { addDays } from '../dist/core/time/days.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const DAYS = 365;
const TARGET = 1.5;
const TOKEN = 'trend-bench-access-token';
const NOW = new Date('2024-06-15T10:00:00');
const PROVIDERS = ['oura', 'whoop', 'withings'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const collect = globalThis.gc ?? (() => undefined);
/**
 * Best and median ms of each of `works`, run interleaved (machine noise hits all alike) after one
 * warm-up each. Ratios use the best: for millisecond-sized CPU-bound reads on a shared machine
 * the minimum is the uncontended cost; medians are printed alongside.
 */
async function timeInterleaved(works) {
  const samples = works.map(() => []);
  for (const work of works) await work();
  for (let run = 0; run < RUNS; run++) {
    for (const [index, work] of works.entries()) {
      collect();
      const started = performance.now();
      await work();
      samples[index].push(performance.now() - started);
    }
  }
  return samples.map((list) => ({ best: Math.min(...list), median: median(list) }));
}

const sim = await startSimulator({
  seed: 42,
  days: DAYS + 20,
  now: () => new Date(NOW),
  personalAccessTokens: [TOKEN],
  rateLimitPerMinute: 1_000_000,
  whoop: { rateLimitPerMinute: 1_000_000, rateLimitPerDay: 10_000_000 },
  withings: { rateLimitPerMinute: 1_000_000 },
});
const home = mkdtempSync(join(tmpdir(), 'wearables-trend-bench-'));
const env = { WEARABLES_MCP_HOME: home, WEARABLES_MCP_ENCRYPTION_KEY: 'd'.repeat(64), WEARABLES_MCP_HISTORY_DAYS: String(DAYS + 10) };
for (const id of PROVIDERS) {
  env[`${id.toUpperCase()}_API_BASE_URL`] = sim[id].apiBaseUrl;
  env[`${id.toUpperCase()}_AUTH_BASE_URL`] = sim[id].authBaseUrl;
}
const config = loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home } });
const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(NOW) });
const today = sim.person.anchorDay;
const range = { startDay: addDays(today, -(DAYS - 1)), endDay: today };
let db;
try {
  for (const provider of PROVIDERS) {
    await app.tokens.save(provider, { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
    const resources = [...new Set(SOURCE_MAPPINGS.filter((mapping) => mapping.provider === provider).map((mapping) => mapping.resource))];
    const report = await app.sync.sync({ providers: [provider], resources, since: addDays(range.startDay, -40) });
    const failed = report.results.filter((result) => result.status !== 'ok');
    if (failed.length > 0) throw new Error(`${provider} sync failed: ${failed.map((result) => result.error?.message).join('; ')}`);
  }
  const server = await createMcpServer(app);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'trend-bench', version: '1.0.0' });
  await client.connect(clientTransport);

  db = new Database(config.dbPath, { readonly: true });
  const plain = db.prepare('SELECT day, data FROM records WHERE provider = ? AND resource = ? AND day >= ? AND day <= ? ORDER BY day');
  const plainQuery = (mappings, from) => {
    let rows = 0;
    for (const mapping of mappings) {
      for (const row of plain.all(mapping.provider, mapping.resource, from, range.endDay)) {
        JSON.parse(row.data);
        rows++;
      }
    }
    return rows;
  };
  const total = db.prepare('SELECT count(*) AS n, sum(length(data)) AS data, sum(length(raw)) AS raw FROM records').get();
  console.log(`${DAYS}-day window, ${total.n} records stored (normalized ${(total.data / 1e6).toFixed(1)} MB, raw ${(total.raw / 1e6).toFixed(1)} MB); best (and median) of ${RUNS}`);

  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  };
  const cases = [
    {
      name: 'get_trends average_hrv_ms, week',
      // The tool loads one bucket (a week) before the window.
      from: addDays(range.startDay, -7),
      metrics: ['average_hrv_ms'],
      tool: () => call('get_trends', { metric: 'average_hrv_ms', start_date: range.startDay, end_date: range.endDay, resolution: 'week' }),
    },
    { name: 'get_health_insights 365 days', from: range.startDay, metrics: undefined, tool: () => call('get_health_insights', { days: DAYS }) },
  ];
  let worst = 0;
  for (const entry of cases) {
    const mappings = mappingsFor(SOURCE_MAPPINGS, entry.metrics);
    const rows = plainQuery(mappings, entry.from);
    const query = (mapping) => ({ provider: mapping.provider, resource: mapping.resource, startDay: entry.from, endDay: range.endDay });
    const [baseline, read, whole, view, tool] = await timeInterleaved([
      () => plainQuery(mappings, entry.from),
      () => Promise.all(mappings.map((mapping) => app.store.queryDayRecords(query(mapping)))),
      // What the day view read before: every declared resource, whole records.
      () => Promise.all(SOURCE_MAPPINGS.map((mapping) => app.store.queryRecords(query(mapping)))),
      () => loadDailyView(app.store, { startDay: entry.from, endDay: range.endDay, ...(entry.metrics ? { metrics: entry.metrics } : {}) }),
      entry.tool,
    ]);
    const ratio = read.best / baseline.best;
    worst = Math.max(worst, ratio);
    const x = (figure) => `${figure.best.toFixed(1)} ms (${(figure.best / baseline.best).toFixed(2)}x; median ${figure.median.toFixed(1)} ms, ${(figure.median / baseline.median).toFixed(2)}x)`;
    console.log(`  ${entry.name}: ${mappings.length} resources, ${rows} rows; plain query best ${baseline.best.toFixed(1)} ms, median ${baseline.median.toFixed(1)} ms`);
    console.log(`    analysis store read ${x(read)}, target <= ${TARGET.toFixed(2)}x ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`);
    console.log(`    before: whole records of every resource ${x(whole)}; day view built ${x(view)}; whole tool call ${x(tool)}`);
  }
  await client.close();
  await server.close();
  process.exitCode = worst <= TARGET ? 0 : 1;
} finally {
  db?.close();
  await app.close();
  await sim.close();
  rmSync(home, { recursive: true, force: true });
}
