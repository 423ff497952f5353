// What the reliability suites (soak, concurrency) share: the simulator with three providers
// connected in a fresh data directory, the built CLI as child processes, RSS readings, MCP
// clients over HTTP. Needs `npm run build` (imports dist/ and runs dist/bin/wearables-mcp.js).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(root, 'dist/bin/wearables-mcp.js');
export const PROVIDERS = ['oura', 'whoop', 'withings'];
/** Bearer token of the suites' HTTP servers (test only). */
export const AUTH_TOKEN = 'reliability-suite-bearer-token-5f0c2a';

function dist(path) {
  const file = join(root, 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  return import(file);
}

/**
 * Starts the simulator and a fresh home with the three providers connected through their real
 * OAuth flows (refreshable grants). `accessTokenTtlSeconds` applies to every provider.
 */
export async function startWorld(options = {}) {
  const { startSimulator } = await dist('simulator/index.js');
  const { loadConfig } = await dist('config/config.js');
  const { createAppContext } = await dist('app/create-app-context.js');
  const { connectDemoProviders } = await dist('cli/demo-environment.js');
  const { silentLogger } = await dist('logging/logger.js');
  const ttl = options.accessTokenTtlSeconds;
  const budget = { rateLimitPerMinute: 100_000, ...(ttl ? { accessTokenTtlSeconds: ttl } : {}) };
  const simulator = await startSimulator({
    port: 0,
    seed: options.seed ?? 21,
    days: options.days ?? 60,
    rateLimitPerMinute: 100_000,
    ...(ttl ? { accessTokenTtlSeconds: ttl } : {}),
    whoop: { ...budget, rateLimitPerDay: 10_000_000 },
    withings: budget,
  });
  const home = mkdtempSync(join(tmpdir(), 'wearables-suite-'));
  const env = {
    WEARABLES_MCP_HOME: home,
    WEARABLES_MCP_HISTORY_DAYS: String(options.historyDays ?? 30),
    LOG_FILE: '',
    LOG_LEVEL: 'warn',
  };
  for (const provider of PROVIDERS) {
    const upper = provider.toUpperCase();
    env[`${upper}_API_BASE_URL`] = simulator[provider].apiBaseUrl;
    env[`${upper}_AUTH_BASE_URL`] = simulator[provider].authBaseUrl;
    env[`${upper}_CLIENT_ID`] = simulator.clientId;
    env[`${upper}_CLIENT_SECRET`] = simulator.clientSecret;
  }
  const context = await createAppContext(loadConfig({ env }), { logger: silentLogger() });
  try {
    await connectDemoProviders(context, PROVIDERS);
  } finally {
    await context.close();
  }
  return {
    simulator,
    home,
    env,
    /** `sync-*` lock files or directories in the home. */
    leftoverLocks: () => readdirSync(home).filter((name) => name.startsWith('sync-')),
    /** Refreshes and failed token requests per provider, counted at the simulator's token endpoints. */
    tokenCounters: () => ({
      oura: pick(simulator.control.counters()),
      whoop: pick(simulator.control.whoop.counters()),
      withings: pick(simulator.control.withings.counters()),
    }),
    async close() {
      await simulator.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function pick(counters) {
  return { refreshes: counters.tokenRefreshes, failures: counters.tokenFailures };
}

/** Spawns the built CLI; `output()` is everything it wrote so far, `done` its exit. */
export function startCli(args, env) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, pid: child.pid, done, stderr: () => stderr, alive: () => child.exitCode === null && child.signalCode === null };
}

/** Starts `serve --http` on a free port; resolves with its URL once it listens. */
export async function startHttpServe(env, extraEnv = {}) {
  const server = startCli(['serve', '--http', '--port', '0'], { AUTH_TOKEN, RATE_LIMIT_MAX: '1000000', ...env, ...extraEnv });
  const deadline = Date.now() + 30_000;
  let url;
  while (!(url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.stderr())?.[1])) {
    if (!server.alive() || Date.now() > deadline) throw new Error(`serve --http did not start: ${server.stderr()}`);
    await sleep(50);
  }
  return { ...server, url };
}

/** An MCP client over Streamable HTTP with the suites' bearer token. */
export async function connectHttpClient(url) {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { Authorization: `Bearer ${AUTH_TOKEN}` } } });
  const client = new Client({ name: 'reliability-suite', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** `/health` of a running server. */
export async function health(url) {
  const response = await fetch(new URL('/health', url), { headers: { Authorization: `Bearer ${AUTH_TOKEN}` } });
  if (!response.ok) throw new Error(`/health answered ${response.status}`);
  return response.json();
}

/** Resident set size of a process in MB (Linux /proc; `ps` elsewhere). */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
