/**
 * Real OS processes sharing one home. Key file: several processes starting together must agree
 * on one generated key. Refresh: two processes share one rotating refresh token (a CLI sync and
 * a running server) and both find the access token expired at the same moment: the file lock
 * plus the re-read under it must make exactly one of them use the refresh grant, and both must
 * end up with a token the API accepts. Without the lock the loser replays a used refresh token and the grant is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { silentLogger } from '../../src/logging/logger.js';
import { compileForChildProcess, type CompiledModules } from './support/compile.js';
import { apiStatus, grantViaBrowser, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

const REFRESH_CHILD = fileURLToPath(new URL('./support/refresh-child.mjs', import.meta.url));
const KEY_CHILD = fileURLToPath(new URL('./support/key-child.mjs', import.meta.url));

interface ChildResult {
  ok: boolean;
  tokenHash?: string;
  keyHash?: string;
  apiStatus?: number;
  code?: string;
  message?: string;
}

interface RunningChild {
  process: ChildProcess;
  ready: Promise<void>;
  result: Promise<ChildResult>;
}

let compiled: CompiledModules;
let temp: TempHome;
let sim: SimulatedOura;

beforeAll(async () => {
  compiled = await compileForChildProcess(['auth/encryption.ts', 'config/config.ts', 'providers/registry.ts', 'auth/token-manager.ts', 'logging/logger.ts']);
});
afterAll(async () => {
  await compiled?.remove();
});
beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
});
afterEach(async () => {
  await sim.close();
  await temp.remove();
});

function startChild(script = REFRESH_CHILD): RunningChild {
  const child = spawn(process.execPath, [script], {
    env: {
      PATH: process.env.PATH,
      AUTH_BUILD_DIR: compiled.dir,
      CHILD_HOME: temp.home,
      CHILD_ENV: JSON.stringify(sim.env),
      PROBE_URL: sim.probeUrl,
      KEY_PATH: sim.config.keyPath,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  let markReady: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('{')) resolve(JSON.parse(line) as ChildResult);
    });
    child.on('exit', (code) => {
      const error = new Error(`child exited (${code}) without a result: ${stderr}`);
      fail(error);
      reject(error);
    });
  });
  // Observed through `ready` first; avoid an unhandled rejection if the child dies early.
  result.catch(() => undefined);
  return { process: child, ready, result };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Starts `count` children, waits until all are ready, says "go" to all at once, collects results. */
async function raceChildren(count: number, script?: string): Promise<ChildResult[]> {
  const children = Array.from({ length: count }, () => startChild(script));
  await Promise.all(children.map((child) => child.ready));
  for (const child of children) child.process.stdin?.write('go\n');
  return Promise.all(children.map((child) => child.result));
}

describe('cross-process', () => {
  it('processes starting together create one encryption key file (mode 0600) and agree on it', async () => {
    const results = await raceChildren(4, KEY_CHILD);
    expect(new Set(results.map((result) => result.keyHash)).size).toBe(1);
    expect(results[0]?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(sim.config.keyPath)).mode & 0o777).toBe(0o600);
  });

  it('two processes refreshing at once use one refresh grant and both get a working token', async () => {
    const tokens = createTokenManager({ config: sim.config, providers: sim.providers, logger: silentLogger() });
    const grant = await grantViaBrowser(sim.oura);
    // Stored as already expired, so both processes must refresh.
    await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_401_000 });

    const results = await raceChildren(2);

    for (const result of results) expect(result).toMatchObject({ ok: true, apiStatus: 200 });
    expect(results[0]?.tokenHash).toBe(results[1]?.tokenHash);
    const counters = sim.simulator.control.counters();
    expect(counters.tokenRefreshes).toBe(1);
    expect(counters.tokenFailures).toBe(0);

    // The rotated refresh token was stored: this process sees the new token and can refresh later.
    const current = await tokens.getAccessToken('oura');
    expect(sha256(current)).toBe(results[0]?.tokenHash);
    const later = await tokens.refreshAfterUnauthorized('oura', current);
    expect(later).not.toBe(current);
    expect(await apiStatus(sim.probeUrl, later)).toBe(200);
    expect(sim.simulator.control.counters().tokenRefreshes).toBe(2);
    tokens.close();
  });
});
