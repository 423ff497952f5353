/**
 * The token manager over the database token store, with real OS processes on one database (a
 * SQLite file): two processes finding the token expired together spend one rotating refresh
 * grant and both get a working token; a process killed while its refresh is in flight (after the
 * provider rotated) leaves the refresh recorded, so the next refusal reads as a lost grant with
 * the reconnect command, in the error and in status, exactly as with the tokens file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseTokenStore } from '../../src/auth/db-token-store.js';
import { createTokenCipher } from '../../src/auth/encryption.js';
import { createTokenManager } from '../../src/auth/token-manager.js';
import type { TokenManager } from '../../src/auth/token-manager-api.js';
import type { WearablesError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { StoreDatabase } from '../../src/store/database.js';
import { openSqliteDatabase } from '../../src/store/sqlite/index.js';
import { compileForChildProcess, type CompiledModules } from './support/compile.js';
import { apiStatus, grantViaBrowser, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

const CHILD = fileURLToPath(new URL('./support/db-refresh-child.mjs', import.meta.url));
const ACCOUNT = 'acct-1';
const KEY = randomBytes(32);
/**
 * The simulator holds the token request this long before rotating; the child dies meanwhile
 * (generous: on a loaded machine this process may notice the pending mark late).
 */
const HOLD_MS = 3_000;

let compiled: CompiledModules;
let temp: TempHome;
let sim: SimulatedOura;
let database: StoreDatabase;
let dbPath: string;

interface ChildResult {
  ok: boolean;
  tokenHash?: string;
  apiStatus?: number;
  code?: string;
  message?: string;
}

beforeAll(async () => {
  compiled = await compileForChildProcess(['config/config.ts', 'providers/registry.ts', 'auth/token-manager.ts', 'auth/db-token-store.ts', 'auth/encryption.ts', 'store/sqlite/index.ts', 'logging/logger.ts']);
});
afterAll(async () => {
  await compiled?.remove();
});
beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
  dbPath = join(temp.home, 'hosted.db');
  database = await openSqliteDatabase({ path: dbPath });
  await database.accounts.ensure(ACCOUNT);
});
afterEach(async () => {
  await database.close();
  await sim.close();
  await temp.remove();
});

function manager(): TokenManager {
  const cipher = createTokenCipher(KEY);
  // The killed child leaves its connections lock file behind: a short stale time takes it over.
  return createTokenManager({
    config: sim.config,
    providers: sim.providers,
    logger: silentLogger(),
    store: createDatabaseTokenStore({ database, accountId: ACCOUNT, cipher: async () => cipher, logger: silentLogger(), lockStaleMs: 2_000 }),
  });
}

function startChild(): { process: ChildProcess; ready: Promise<void>; result: Promise<ChildResult>; output: () => string } {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      PATH: process.env.PATH,
      AUTH_BUILD_DIR: compiled.dir,
      CHILD_HOME: temp.home,
      CHILD_ENV: JSON.stringify(sim.env),
      PROBE_URL: sim.probeUrl,
      DB_PATH: dbPath,
      ACCOUNT,
      KEY_HEX: KEY.toString('hex'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
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
      stdout += `${line}\n`;
      if (line === 'ready') markReady();
      else if (line.startsWith('{')) resolve(JSON.parse(line) as ChildResult);
    });
    child.on('exit', (code) => {
      const error = new Error(`child exited (${code}) without a result: ${stderr}`);
      fail(error);
      reject(error);
    });
  });
  result.catch(() => undefined);
  return { process: child, ready, result, output: () => stdout };
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('database token store across processes', () => {
  it('two processes refreshing at once use one refresh grant and both get a working token', { timeout: 60_000 }, async () => {
    const tokens = manager();
    const grant = await grantViaBrowser(sim.oura);
    await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_401_000 });
    const children = [startChild(), startChild()];
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.process.stdin?.write('go\n');
    const results = await Promise.all(children.map((child) => child.result));
    for (const result of results) expect(result).toMatchObject({ ok: true, apiStatus: 200 });
    expect(results[0]?.tokenHash).toBe(results[1]?.tokenHash);
    expect(sim.simulator.control.counters()).toMatchObject({ tokenRefreshes: 1, tokenFailures: 0 });
    // The rotated pair was committed: this process reads it, and can refresh again later.
    const current = await tokens.getAccessToken('oura');
    expect(sha256(current)).toBe(results[0]?.tokenHash);
    const later = await tokens.refreshAfterUnauthorized('oura', current);
    expect(await apiStatus(sim.probeUrl, later)).toBe(200);
    tokens.close();
  });

  it('a refresh interrupted by the death of its process reads as a lost grant, in the error and in status', async () => {
    const tokens = manager();
    const grant = await grantViaBrowser(sim.oura);
    await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_401_000 });
    sim.simulator.control.delay(HOLD_MS, { pathPrefix: '/oura/oauth/token', count: 1 });
    const child = startChild();
    await child.ready;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.process.on('exit', (_code, signal) => resolve(signal)));
    child.process.stdin?.write('go\n');
    // The child commits the refresh-pending mark before it sends the request.
    await until(async () => (await database.connections(ACCOUNT).get('oura'))?.refreshPendingSince !== null, 'the refresh to start');
    // Time for the request to reach the simulator (the mark is committed just before it is sent),
    // well inside the hold, so the child dies with its request in flight.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    child.process.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await until(() => sim.simulator.control.counters().tokenRefreshes === 1, 'the simulator to rotate', HOLD_MS + 5_000);
    expect(child.output()).not.toContain('"ok"');

    const failure = await tokens.getAccessToken('oura').then(
      () => expect.unreachable('expected a failure') as never,
      (error: unknown) => error as WearablesError,
    );
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toMatch(/grant was lost: a token refresh was interrupted/);
    expect(failure.hint).toContain('wearables-mcp connect oura');
    expect(await tokens.status('oura')).toMatchObject({ connected: true, reconnectNeeded: true, reconnectReason: 'grant_lost', refreshable: false });
    const row = await database.connections(ACCOUNT).get('oura');
    expect(row).toMatchObject({ reconnectNeeded: true, reconnectReason: 'grant_lost', refreshPendingSince: null });
    tokens.close();
  }, 90_000);
});
