// HTTP cached calls/s: `serve --http` (three providers connected, data cached) against the
// minimal SDK server over HTTP (bench/minimal-server.mjs --http), driven by the same bounded
// client in the same run: N concurrent keep-alive connections, a fixed number of `tools/call`
// requests each, 127.0.0.1 only. Prints calls/s and the ratio; target >= 0.50x.
// Run after `npm run build`. BENCH_CALLS (per tool, default 600), BENCH_CONCURRENCY (default 8).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { AUTH_TOKEN, connectHttpClient, sleep, startHttpServe, startWorld } from './suite-support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TARGET = 0.5;

async function startMinimal() {
  const child = spawn(process.execPath, [join(root, 'bench/minimal-server.mjs'), '--http'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  let url;
  while (!(url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`minimal server did not start: ${stderr}`);
    await sleep(25);
  }
  return { child, url };
}

/** One POST over `agent` (node:http: keep-alive, no client-side extras). */
function post(url, headers, body, agent) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** `count` tools/call requests over `concurrency` keep-alive connections; resolves with calls/s. */
async function drive(url, tool, args, count, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': '2025-11-25',
    authorization: `Bearer ${AUTH_TOKEN}`,
  };
  let next = 0;
  let failures = 0;
  const call = async () => {
    const id = next++;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: args } });
    const response = await post(new URL('/mcp', url), headers, body, agent);
    const text = response.text;
    if (response.status !== 200 || !text.includes('"result"') || text.includes('"isError":true')) {
      if (failures++ === 0) console.error(`${tool}: unexpected answer ${response.status} ${text.slice(0, 300)}`);
    }
  };
  const worker = async () => {
    while (next < count) await call();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures > 0) throw new Error(`${tool}: ${failures} of ${count} calls failed`);
  return count / seconds;
}

const world = await startWorld({ days: 60, historyDays: 30 });
let ours;
let minimal;
try {
  ours = await startHttpServe(world.env);
  minimal = await startMinimal();
  // Fill the cache once (a real sync through the simulator), so the timed calls are cached reads.
  const client = await connectHttpClient(ours.url);
  await client.callTool({ name: 'get_oura_sleep_summary', arguments: {} });
  await client.close();
  const cases = [
    ['get_auth_status', {}],
    ['get_oura_sleep_summary', {}],
  ];
  // Warm-up for both (JIT, connection pools), then interleaved timed runs.
  await drive(minimal.url, 'echo', { text: 'hi' }, 100, CONCURRENCY);
  for (const [tool, args] of cases) await drive(ours.url, tool, args, 50, CONCURRENCY);
  console.log(`HTTP cached calls/s, ${CALLS} calls per tool over ${CONCURRENCY} keep-alive connections`);
  const baseline = await drive(minimal.url, 'echo', { text: 'hi' }, CALLS, CONCURRENCY);
  let worst = Infinity;
  for (const [tool, args] of cases) {
    const rate = await drive(ours.url, tool, args, CALLS, CONCURRENCY);
    const ratio = rate / baseline;
    worst = Math.min(worst, ratio);
    console.log(`  ${tool.padEnd(24)} ${rate.toFixed(0).padStart(6)} calls/s vs minimal SDK server ${baseline.toFixed(0)} calls/s: ratio ${ratio.toFixed(2)}x (target >= ${TARGET.toFixed(2)}x) ${ratio >= TARGET ? 'OK' : 'UNDER TARGET'}`);
  }
  process.exitCode = worst >= TARGET ? 0 : 1;
} finally {
  ours?.child.kill('SIGTERM');
  minimal?.child.kill('SIGTERM');
  await world.close();
}
