// Ten typical questions through the insights tools, answered by a real MCP client in memory on a
// demo dataset (Oura + WHOOP + Withings synced from the simulator's synthetic person). Prints
// the bytes of each answer against the 4 KB budget. Run after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { SOURCE_MAPPINGS } from '../dist/analysis/mappings/index.js';
import { createAppContext } from '../dist/app/create-app-context.js';
import { loadConfig } from '../dist/config/config.js';
import { silentLogger } from '../dist/logging/logger.js';
import { createMcpServer } from '../dist/mcp/server.js';
import { startSimulator } from '../dist/simulator/index.js';
import { addDays } from '../dist/sync/dates.js';

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
  await client.close();
  await server.close();
  process.exitCode = over ? 1 : 0;
} finally {
  await app.close();
  await sim.close();
  rmSync(home, { recursive: true, force: true });
}
