// Ten typical questions through the insights tools, answered by a real MCP client in memory on a
// demo dataset (Oura + WHOOP + Withings synced from the simulator's synthetic person). Prints
// the bytes of each answer against the 4 KB budget; then "sleep, last 30 days" (and readiness,
// activity, daily summary) as nights-in-answer / bytes, against the old one-object-per-night shape
// rebuilt from the same stored rows and cut by the old 6 KB budget in this run. Run after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { SOURCE_MAPPINGS } from '../dist/analysis/mappings/index.js';
import { createAppContext } from '../dist/app/create-app-context.js';
import { loadConfig } from '../dist/config/config.js';
import { silentLogger } from '../dist/logging/logger.js';
import { fitToBudget } from '../dist/mcp/response.js';
import { createMcpServer } from '../dist/mcp/server.js';
import { startSimulator } from '../dist/simulator/index.js';
import { addDays } from '../dist/core/time/days.js';

const BUDGET = 4_000;
const HISTORY_DAYS = 90;
const TOKEN = 'bench-access-token';
const NOW = new Date('2024-06-15T10:00:00');
const PROVIDERS = ['oura', 'whoop', 'withings'];

const sim = await startSimulator({ seed: 42, days: 120, now: () => new Date(NOW), personalAccessTokens: [TOKEN] });
const home = mkdtempSync(join(tmpdir(), 'wearables-questions-'));
const env = { WEARABLES_MCP_HOME: home, WEARABLES_MCP_ENCRYPTION_KEY: 'c'.repeat(64) };
for (const id of PROVIDERS) {
  env[`${id.toUpperCase()}_API_BASE_URL`] = sim[id].apiBaseUrl;
  env[`${id.toUpperCase()}_AUTH_BASE_URL`] = sim[id].authBaseUrl;
}
const app = await createAppContext(loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home } }), { logger: silentLogger(), now: () => new Date(NOW) });
const today = sim.person.anchorDay;
try {
  for (const provider of PROVIDERS) {
    await app.tokens.save(provider, { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
    const resources = [...new Set(SOURCE_MAPPINGS.filter((mapping) => mapping.provider === provider).map((mapping) => mapping.resource))];
    await app.sync.sync({ providers: [provider], resources, since: addDays(today, -(HISTORY_DAYS - 1)) });
  }
  const server = await createMcpServer(app);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'questions-bench', version: '1.0.0' });
  await client.connect(clientTransport);

  const questions = [
    ['How did I sleep last night?', 'get_daily_summary', {}],
    ['How was my last week, day by day?', 'get_daily_summary', { start_date: addDays(today, -6), end_date: today }],
    ['Is my HRV trending up or down this month?', 'get_trends', { metric: 'average_hrv_ms' }],
    ['How has my resting heart rate changed week by week this quarter?', 'get_trends', { metric: 'resting_heart_rate_bpm', start_date: addDays(today, -89), end_date: today, resolution: 'week' }],
    ['Is my weight going down?', 'get_trends', { metric: 'weight_kg', start_date: addDays(today, -89), end_date: today }],
    ['Did I sleep more this week than last week?', 'compare_periods', {}],
    ['How does this month compare with last month?', 'compare_periods', { a_start: addDays(today, -59), a_end: addDays(today, -30), b_start: addDays(today, -29), b_end: today }],
    ['Anything unusual in my data lately?', 'get_health_insights', {}],
    ['Was I sick at some point this quarter?', 'get_health_insights', { days: 90 }],
    ['Does my strain affect my next-day recovery?', 'get_health_insights', { days: 60 }],
  ];
  console.log(`demo dataset: ${HISTORY_DAYS} days of ${PROVIDERS.join(', ')} (simulator seed 42), budget ${BUDGET} bytes per answer\n`);
  let over = 0;
  for (const [question, tool, args] of questions) {
    const result = await client.callTool({ name: tool, arguments: args });
    const text = result.content?.[0]?.text ?? '';
    const bytes = Buffer.byteLength(text, 'utf8');
    const sources = new Set(text.match(/"(oura|whoop|withings)"/g) ?? []);
    const flags = [result.isError ? 'ERROR' : '', result.structuredContent?.truncated ? 'truncated' : '', bytes > BUDGET ? 'OVER BUDGET' : ''].filter(Boolean).join(' ');
    if (bytes > BUDGET || result.isError) over++;
    console.log(`${String(bytes).padStart(5)} B ${String(Math.round((bytes / BUDGET) * 100)).padStart(3)}%  ${tool.padEnd(20)} sources ${sources.size}  ${question}${flags ? `  [${flags}]` : ''}`);
  }
  over += await windowAnswers(client);
  await client.close();
  await server.close();
  process.exitCode = over ? 1 : 0;
} finally {
  await app.close();
  await sim.close();
  rmSync(home, { recursive: true, force: true });
}

/**
 * The pre-issue-12 answer of get_oura_sleep_summary for the same window: one object per night with
 * both document ids, full ISO bed times and every key repeated, cut by the old 6,000-byte budget.
 */
async function oldSleepShape(meta, startDay, endDay) {
  const query = (resource) => app.store.queryRecords({ provider: 'oura', resource, startDay, endDay, order: 'asc' });
  const scores = new Map((await query('daily_sleep')).map((record) => [record.day, record]));
  const periods = new Map();
  for (const record of await query('sleep')) {
    const rank = (item) => (item.data.type === 'long_sleep' ? 1e9 : 0) + (item.data.total_sleep_seconds ?? 0);
    if (!periods.has(record.day) || rank(record) > rank(periods.get(record.day))) periods.set(record.day, record);
  }
  const days = [...new Set([...scores.keys(), ...periods.keys()])].sort();
  const nights = days.map((day) => {
    const score = scores.get(day);
    const period = periods.get(day)?.data ?? {};
    const record = periods.get(day);
    return {
      day, source: 'oura', daily_sleep_id: score?.id ?? null, sleep_period_id: record?.id ?? null, score: score?.data.score ?? null,
      bedtime_start: record?.start ?? null, bedtime_end: record?.end ?? null, total_sleep_seconds: period.total_sleep_seconds ?? null,
      time_in_bed_seconds: period.time_in_bed_seconds ?? null, deep_sleep_seconds: period.deep_sleep_seconds ?? null, rem_sleep_seconds: period.rem_sleep_seconds ?? null,
      light_sleep_seconds: period.light_sleep_seconds ?? null, awake_seconds: period.awake_seconds ?? null, efficiency: period.efficiency_pct ?? period.efficiency ?? null,
      resting_heart_rate_bpm: period.lowest_heart_rate_bpm ?? null, average_hrv_ms: period.average_hrv_ms ?? null,
    };
  });
  const answer = fitToBudget({ ...meta, nights }, { budgetBytes: 6_000 });
  return { nights: answer.nights.length, total: nights.length, bytes: Buffer.byteLength(JSON.stringify(answer), 'utf8') };
}

/** 30-day windows of the per-day tools: rows in the answer against the stored days, and bytes. */
async function windowAnswers(client) {
  const window = { start_date: addDays(today, -29), end_date: today };
  console.log(`\n30-day windows (${window.start_date}..${window.end_date}), compact tables, budget ${BUDGET} bytes:`);
  let over = 0;
  for (const tool of ['get_oura_sleep_summary', 'get_oura_readiness_score', 'get_oura_activity_summary', 'get_daily_summary']) {
    const result = await client.callTool({ name: tool, arguments: window });
    const text = result.content?.[0]?.text ?? '';
    const bytes = Buffer.byteLength(text, 'utf8');
    const rows = result.structuredContent?.rows?.length ?? 0;
    const cut = Boolean(result.structuredContent?.truncated);
    if (bytes > BUDGET || cut || result.isError) over++;
    // The whole CallToolResult carries the answer twice (text content + structuredContent).
    const whole = Buffer.byteLength(JSON.stringify(result), 'utf8');
    console.log(`${String(bytes).padStart(5)} B  ${tool.padEnd(26)} ${String(rows).padStart(2)} days in the answer${cut ? '  [truncated]' : ''}  (${Math.round(bytes / Math.max(rows, 1))} B/day; whole result ${whole} B)`);
    if (tool === 'get_oura_sleep_summary') {
      const meta = Object.fromEntries(['window', 'cached_at', 'synced', 'warnings'].map((key) => [key, result.structuredContent?.[key]]));
      const old = await oldSleepShape(meta, window.start_date, window.end_date);
      console.log(`       sleep, last 30 days: ${rows} of ${old.total} nights in ${bytes} B now; old shape ${old.nights} of ${old.total} nights in ${old.bytes} B` +
        ` -> ${(rows / Math.max(old.nights, 1)).toFixed(2)}x the nights, ${((bytes / Math.max(rows, 1)) / (old.bytes / Math.max(old.nights, 1))).toFixed(2)}x the bytes per night`);
    }
  }
  return over;
}
