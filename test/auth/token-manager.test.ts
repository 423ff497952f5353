import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager, type TokenManagerOptions } from '../../src/auth/token-manager.js';
import type { TokenManager } from '../../src/auth/token-manager-api.js';
import type { TokenSet } from '../../src/core/token-set.js';
import { WearablesError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/logging/logger.js';
import { apiStatus, grantViaBrowser, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
let sim: SimulatedOura;
const managers: TokenManager[] = [];
/** Added to the managers' clock (Date.now() + offset) to look at the future. */
let clockOffset = 0;

function manager(overrides: Partial<TokenManagerOptions> = {}): TokenManager {
  const created = createTokenManager({ config: sim.config, providers: sim.providers, logger: silentLogger(), now: () => Date.now() + clockOffset, ...overrides });
  managers.push(created);
  return created;
}

async function rejection(promise: Promise<unknown>): Promise<WearablesError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WearablesError);
  return error as WearablesError;
}

const counters = () => sim.simulator.control.counters();
const tokenPath = () => `${new URL(sim.simulator.oura.authBaseUrl).pathname}/oauth/token`;

/** `grant` as if obtained a day ago (like Oura's 24 h tokens) and expiring `expiresInMs` from now. */
function dayLongTokenExpiringIn(grant: TokenSet, expiresInMs: number): TokenSet {
  const expiresAt = Date.now() + expiresInMs;
  return { ...grant, expiresAt, obtainedAt: expiresAt - 86_400_000 };
}

/**
 * Connects through the real flow and stores the grant. `expiresInMs` rewrites the stored expiry
 * (the simulator's tokens live a day) so a test can put the token near or past its expiry.
 */
async function connected(tokens = manager(), expiresInMs?: number): Promise<{ tokens: TokenManager; grant: TokenSet }> {
  const grant = await grantViaBrowser(sim.oura);
  if (grant.expiresAt === undefined) throw new Error('the simulator grant has no expiry');
  const stored = expiresInMs === undefined ? grant : dayLongTokenExpiringIn(grant, expiresInMs);
  await tokens.save('oura', stored);
  return { tokens, grant: stored };
}

beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
});
afterEach(async () => {
  clockOffset = 0;
  for (const created of managers.splice(0)) created.close();
  await sim.close();
  await temp.remove();
});

describe('token manager: access tokens', () => {
  it('returns the stored token while fresh and refreshes ahead of expiry, storing the rotated set', async () => {
    const { tokens, grant } = await connected(manager(), 10 * 60_000);
    expect(await tokens.getAccessToken('oura')).toBe(grant.accessToken);
    expect(counters().tokenRefreshes).toBe(0);

    await tokens.save('oura', dayLongTokenExpiringIn(grant, 2 * 60_000)); // inside the 5 min skew
    const refreshed = await tokens.getAccessToken('oura');
    expect(refreshed).not.toBe(grant.accessToken);
    expect(counters().tokenRefreshes).toBe(1);
    expect(await apiStatus(sim.probeUrl, refreshed)).toBe(200);
    // Another instance (another process) reads the rotated set from the file.
    expect(await manager().getAccessToken('oura')).toBe(refreshed);
  });

  it('uses one refresh grant for 10 concurrent callers (single flight)', async () => {
    const { tokens } = await connected(manager(), -1_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.getAccessToken('oura')));
    expect(new Set(results).size).toBe(1);
    expect(counters().tokenRefreshes).toBe(1);
    expect(counters().tokenFailures).toBe(0);
    expect(await apiStatus(sim.probeUrl, results[0]!)).toBe(200);
  });

  it('refreshes once after a 401 even when several callers report the same rejected token', async () => {
    const { tokens, grant } = await connected();
    const [first, second] = await Promise.all([
      tokens.refreshAfterUnauthorized('oura', grant.accessToken),
      tokens.refreshAfterUnauthorized('oura', grant.accessToken),
    ]);
    const late = await manager().refreshAfterUnauthorized('oura', grant.accessToken);
    expect(first).not.toBe(grant.accessToken);
    expect([second, late]).toEqual([first, first]);
    expect(counters().tokenRefreshes).toBe(1);
    // A later 401 on the new token refreshes again: the rotated refresh token was stored.
    const again = await tokens.refreshAfterUnauthorized('oura', first);
    expect(again).not.toBe(first);
    expect(counters().tokenRefreshes).toBe(2);
    expect(await apiStatus(sim.probeUrl, again)).toBe(200);
  });

  it('answers NOT_CONNECTED with the connect command when nothing is stored', async () => {
    const error = await rejection(manager().getAccessToken('oura'));
    expect(error.code).toBe('NOT_CONNECTED');
    expect(error.hint).toContain('wearables-mcp connect oura');
  });

  it('explains tokens encrypted with another key instead of crashing', async () => {
    await connected();
    const otherConfig = temp.config({ ...sim.env, WEARABLES_MCP_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
    const error = await rejection(manager({ config: otherConfig }).getAccessToken('oura'));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('encrypted with another key; set the original key or reconnect');
  });
});

describe('token manager: failures', () => {
  it('reports a revoked grant as AUTH_FAILED with the fix, keeps the tokens and shows reconnect needed', async () => {
    const { tokens, grant } = await connected();
    sim.simulator.control.revokeAllTokens();
    const error = await rejection(tokens.refreshAfterUnauthorized('oura', grant.accessToken));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.hint).toContain('wearables-mcp connect oura');
    expect(await tokens.isConnected('oura')).toBe(true);
    expect(await tokens.status('oura')).toMatchObject({ connected: true, refreshable: false, reconnectNeeded: true });
    // The dead refresh token is not sent again.
    const failures = counters().tokenFailures;
    clockOffset = 25 * 3_600_000; // past the stored token's expiry
    expect((await rejection(tokens.getAccessToken('oura'))).code).toBe('AUTH_FAILED');
    expect(counters().tokenFailures).toBe(failures);
    clockOffset = 0;
    // Reconnecting clears the mark.
    await connected(tokens);
    expect(await tokens.status('oura')).toMatchObject({ refreshable: true });
    expect((await tokens.status('oura')).reconnectNeeded).toBeUndefined();
  });

  it('keeps the grant usable after a transient 5xx from the token endpoint', async () => {
    const { tokens, grant } = await connected(manager(), -1_000);
    sim.simulator.control.failNext(1, { status: 503, pathPrefix: tokenPath() });
    const error = await rejection(tokens.getAccessToken('oura'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.isRetryable).toBe(true);
    expect(await tokens.status('oura')).toMatchObject({ connected: true, refreshable: true });
    const next = await tokens.getAccessToken('oura');
    expect(next).not.toBe(grant.accessToken);
    expect(await apiStatus(sim.probeUrl, next)).toBe(200);
  });

  it('cannot refresh a personal token: AUTH_FAILED telling to connect again', async () => {
    const tokens = manager();
    await tokens.save('oura', { kind: 'personal', accessToken: 'personal-token-abcdef', obtainedAt: Date.now() });
    expect(await tokens.getAccessToken('oura')).toBe('personal-token-abcdef');
    const error = await rejection(tokens.refreshAfterUnauthorized('oura', 'personal-token-abcdef'));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.hint).toBe('Run `wearables-mcp connect oura` again (the stored token was rejected).');
    expect(await tokens.status('oura')).toMatchObject({ connected: true, kind: 'personal', refreshable: false, reconnectNeeded: true });
  });
});

describe('token manager: connections', () => {
  it('reports status without secrets', async () => {
    const now = Date.now();
    const tokens = manager({ now: () => now });
    const grant = { ...(await grantViaBrowser(sim.oura)), expiresAt: now + 3_600_000 };
    await tokens.save('oura', grant);
    const status = await tokens.status('oura');
    expect(status).toEqual({
      connected: true,
      kind: 'oauth',
      expiresAt: new Date(now + 3_600_000).toISOString(),
      expiresInSeconds: 3600,
      refreshable: true,
      scope: grant.scope,
    });
    expect(status.scope).toContain('daily');
    expect(await tokens.status('whoop')).toEqual({ connected: false });
  });

  it('disconnect revokes at the provider and deletes the tokens; revocation failure still deletes', async () => {
    const { tokens, grant } = await connected();
    expect(await tokens.disconnect('oura')).toEqual({ revoked: true });
    expect(await tokens.isConnected('oura')).toBe(false);
    expect(await apiStatus(sim.probeUrl, grant.accessToken)).toBe(401);
    expect(await tokens.disconnect('oura')).toEqual({ revoked: false });

    await connected(tokens);
    const revokePath = `${new URL(sim.simulator.oura.authBaseUrl).pathname}/oauth/revoke`;
    sim.simulator.control.failNext(1, { status: 500, pathPrefix: revokePath });
    expect(await tokens.disconnect('oura')).toEqual({ revoked: false });
    expect(await tokens.isConnected('oura')).toBe(false);
  });

  it('notifies on changes made here and, through the file, by another process', async () => {
    const watching = manager({ watchIntervalMs: 25 });
    const other = manager();
    let events = 0;
    const unsubscribe = watching.onConnectionsChanged(() => events++);
    await watching.save('oura', { kind: 'personal', accessToken: 'personal-token-here', obtainedAt: Date.now() });
    expect(events).toBe(1);
    await other.disconnect('oura', { revoke: false });
    await expect.poll(() => events, { timeout: 3_000 }).toBe(2);
    await other.save('oura', { kind: 'personal', accessToken: 'personal-token-there', obtainedAt: Date.now() });
    await expect.poll(() => events, { timeout: 3_000 }).toBe(3);
    // A refresh rewrites the file but does not change the set of connections: no event.
    await other.save('oura', { kind: 'personal', accessToken: 'personal-token-again', obtainedAt: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toBe(3);
    unsubscribe();
    await other.disconnect('oura', { revoke: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toBe(3);
  });
});
