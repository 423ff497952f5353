/**
 * A rotating refresh interrupted by the death of the process: the provider rotates the refresh
 * token, the process is killed before it saves the new pair, and the old refresh token is then
 * refused (invalid_grant). That must read as a lost grant with the reconnect command, in the
 * error and in status, never as a generic failure. A real child process is killed (SIGKILL)
 * while its refresh request is held by the simulator, which rotates the token after the kill.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { readTokensFile } from '../../src/auth/token-store.js';
import type { WearablesError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/logging/logger.js';
import { compileForChildProcess, type CompiledModules } from './support/compile.js';
import { grantViaBrowser, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

const REFRESH_CHILD = fileURLToPath(new URL('./support/refresh-child.mjs', import.meta.url));
/** The simulator holds the token request this long before rotating; the child dies meanwhile. */
const HOLD_MS = 3_000;

let compiled: CompiledModules;
let temp: TempHome;
let sim: SimulatedOura;

beforeAll(async () => {
  compiled = await compileForChildProcess(['config/config.ts', 'providers/registry.ts', 'auth/token-manager.ts', 'logging/logger.ts']);
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

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function manager() {
  // The killed child leaves its tokens lock behind: a short stale time lets this process take it over.
  return createTokenManager({ config: sim.config, providers: sim.providers, logger: silentLogger(), lock: { staleMs: 2_000 } });
}

async function rejection(work: Promise<unknown>): Promise<WearablesError> {
  return work.then(
    () => expect.unreachable('expected a failure') as never,
    (error: unknown) => error as WearablesError,
  );
}

describe('a grant lost in an interrupted rotating refresh', () => {
  it('is AUTH_FAILED saying the grant was lost, with the connect command, and status shows it', async () => {
    const tokens = manager();
    const grant = await grantViaBrowser(sim.oura);
    await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_401_000 });
    sim.simulator.control.delay(HOLD_MS, { pathPrefix: '/oura/oauth/token', count: 1 });

    const child = spawn(process.execPath, [REFRESH_CHILD], {
      env: { PATH: process.env.PATH, AUTH_BUILD_DIR: compiled.dir, CHILD_HOME: temp.home, CHILD_ENV: JSON.stringify(sim.env), PROBE_URL: sim.probeUrl },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('ready'), 'the child to start');
    child.stdin.write('go\n');
    // The child records the refresh on disk before it sends it; then its request is held.
    await until(async () => typeof (await readTokensFile(sim.config.tokensPath)).providers.oura?.refreshPendingSince === 'number', 'the refresh to start');
    // Long enough for the request to reach the simulator on a loaded machine (200 ms was not
    // always: killed before sending, nothing rotated), short of the hold.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The provider rotates after the process died: the new pair exists only at the provider.
    await until(() => sim.simulator.control.counters().tokenRefreshes === 1, 'the simulator to rotate', HOLD_MS + 5_000);
    expect(output).not.toContain('"ok"');

    const failure = await rejection(tokens.getAccessToken('oura'));
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toMatch(/grant was lost: a token refresh was interrupted/);
    expect(failure.message).toContain('invalid_grant');
    expect(failure.hint).toContain('wearables-mcp connect oura');

    const status = await tokens.status('oura');
    expect(status).toMatchObject({ connected: true, reconnectNeeded: true, reconnectReason: 'grant_lost', refreshable: false });
    expect(status.nextStep).toContain('The grant was lost');
    expect(status.nextStep).toContain('`wearables-mcp connect oura`');

    // Later calls say the same without spending another request on the dead grant.
    const failuresBefore = sim.simulator.control.counters().tokenFailures;
    const again = await rejection(tokens.getAccessToken('oura'));
    expect(again.message).toContain('grant was lost');
    expect(sim.simulator.control.counters().tokenFailures).toBe(failuresBefore);
    tokens.close();
  });

  it('a refusal after a refresh that got an answer (5xx) is a revocation, not a lost grant', async () => {
    const tokens = manager();
    const grant = await grantViaBrowser(sim.oura);
    await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_401_000 });
    sim.simulator.control.failNext(1, { status: 503, pathPrefix: '/oura/oauth/token' });
    expect((await rejection(tokens.getAccessToken('oura'))).code).toBe('UPSTREAM_ERROR');
    expect((await readTokensFile(sim.config.tokensPath)).providers.oura?.refreshPendingSince).toBeUndefined();

    sim.simulator.control.revokeAllTokens();
    const failure = await rejection(tokens.getAccessToken('oura'));
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).not.toContain('lost');
    expect(failure.hint).toContain('wearables-mcp connect oura');
    expect(await tokens.status('oura')).toMatchObject({ reconnectNeeded: true, reconnectReason: 'rejected' });
    tokens.close();
  });
});
