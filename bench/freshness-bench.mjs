// Freshness, not refetching: "sleep, last 30 days" (get_oura_sleep_summary) asked again and again
// over stdio against a home synced from the simulator (the demo person), with and without 100 ms
// of upstream latency, plus a freshness of 0 (every read re-checks, in the background) and
// fresh: true (awaited, both resources side by side). Each p50 is printed as a ratio against the
// floor measured in the same run: a minimal SDK server's echo over stdio. Run after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createAppContext } from '../dist/app/create-app-context.js';
import { loadConfig } from '../dist/config/config.js';
import { silentLogger } from '../dist/logging/logger.js';
import { startSimulator } from '../dist/simulator/index.js';
import { addDays } from '../dist/core/time/days.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 40);
const LATENCY_MS = 100;
const TOKEN = 'bench-freshness-token';
// Targets from issue 12 (best peer: 1.75 ms and 0 requests; 2.9 ms with 100 ms latency).
const TARGET_REQUESTS = 0;
const TARGET_LATENCY_P50_MS = 10;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function connect(args, env) {
  const client = new Client({ name: 'freshness-bench', version: '0.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args, env: { ...process.env, ...env }, stderr: 'ignore' });
  await client.connect(transport);
  return client;
}

/** p50 of `CALLS` calls and the upstream requests they caused, per call. */
async function measure(sim, call, { settleMs = 0 } = {}) {
  const times = [];
  const before = sim.control.requestCount();
  for (let index = 0; index < CALLS; index++) {
    const started = performance.now();
    const result = await call();
    times.push(performance.now() - started);
    if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 300)}`);
    if (settleMs) await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  return { p50: percentile(times, 0.5), requestsPerCall: (sim.control.requestCount() - before) / CALLS };
}

const sim = await startSimulator({ seed: 42, days: 120, personalAccessTokens: [TOKEN] });
const home = mkdtempSync(join(tmpdir(), 'wearables-freshness-bench-'));
const env = {
  WEARABLES_MCP_HOME: home,
  WEARABLES_MCP_ENCRYPTION_KEY: 'd'.repeat(64),
  OURA_API_BASE_URL: sim.oura.apiBaseUrl,
  OURA_AUTH_BASE_URL: sim.oura.authBaseUrl,
  LOG_FILE: '',
  LOG_LEVEL: 'silent',
};
const clients = [];
try {
  const app = await createAppContext(loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home } }), { logger: silentLogger() });
  const today = new Date().toISOString().slice(0, 10);
  await app.tokens.save('oura', { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
  await app.sync.sync({ providers: ['oura'], resources: ['daily_sleep', 'sleep'], since: addDays(today, -40) });
  await app.close();
  const args = { start_date: addDays(today, -29), end_date: today };

  const echo = await connect([join(root, 'bench/minimal-server.mjs')], env);
  clients.push(echo);
  await echo.callTool({ name: 'echo', arguments: { text: 'warm' } });
  const floor = await measure(sim, () => echo.callTool({ name: 'echo', arguments: { text: 'hello' } }));

  const serve = (extra = {}) => connect([join(root, 'dist/bin/wearables-mcp.js'), 'serve'], { ...env, ...extra });
  const ours = await serve();
  clients.push(ours);
  const sleep30 = (extra = {}) => ours.callTool({ name: 'get_oura_sleep_summary', arguments: { ...args, ...extra } });
  await sleep30(); // warm-up: the first read checks the open days
  const repeat = await measure(sim, () => sleep30());
  sim.control.delay(LATENCY_MS);
  const slow = await measure(sim, () => sleep30());
  const forced = await measure(sim, () => sleep30({ fresh: true }));
  sim.control.clearFaults();

  // Freshness 0: every read re-checks the open days, in the background; the answer does not wait.
  const eager = await serve({ WEARABLES_MCP_FRESHNESS_MINUTES: '0' });
  clients.push(eager);
  await eager.callTool({ name: 'get_oura_sleep_summary', arguments: args });
  sim.control.delay(LATENCY_MS);
  const background = await measure(sim, () => eager.callTool({ name: 'get_oura_sleep_summary', arguments: args }), { settleMs: LATENCY_MS * 2.5 });
  sim.control.clearFaults();

  const ratio = (value) => (value / floor.p50).toFixed(1);
  const row = (label, figures, verdict) =>
    console.log(`${label.padEnd(52)} p50 ${figures.p50.toFixed(2).padStart(7)} ms  ${ratio(figures.p50).padStart(6)}x floor  ${figures.requestsPerCall.toFixed(2)} upstream requests/call${verdict ? `  ${verdict}` : ''}`);
  console.log(`floor: minimal SDK server echo over stdio, p50 ${floor.p50.toFixed(2)} ms (${CALLS} calls each)`);
  row('"sleep, last 30 days", repeat', repeat, repeat.requestsPerCall <= TARGET_REQUESTS ? 'OK (target 0 requests)' : 'OVER TARGET (0 requests)');
  row(`same, ${LATENCY_MS} ms upstream latency`, slow, slow.p50 <= TARGET_LATENCY_P50_MS && slow.requestsPerCall <= TARGET_REQUESTS ? `OK (target <= ${TARGET_LATENCY_P50_MS} ms)` : `OVER TARGET (${TARGET_LATENCY_P50_MS} ms)`);
  row(`freshness 0 (re-check every read, background), ${LATENCY_MS} ms`, background, background.p50 <= TARGET_LATENCY_P50_MS ? 'OK (answer does not wait)' : 'OVER TARGET');
  const awaitedRatio = forced.p50 / LATENCY_MS;
  row(`fresh: true, 2 resources, ${LATENCY_MS} ms latency`, forced, `${awaitedRatio.toFixed(2)}x one latency (${awaitedRatio < 1.8 ? 'OK: side by side' : 'SEQUENTIAL'})`);
} finally {
  for (const client of clients) await client.close().catch(() => undefined);
  await sim.close();
  rmSync(home, { recursive: true, force: true });
}
