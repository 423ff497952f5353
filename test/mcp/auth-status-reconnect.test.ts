/**
 * `get_auth_status` tells the model how to fix a grant the provider no longer accepts, even while
 * the stored access token has not expired yet (before, `next_step` stayed null until expiry).
 * Real simulator: an OAuth grant, then every token revoked at the provider; the next API call gets
 * a 401, the refresh is refused, and the token manager marks the grant for reconnection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/create-app-context.js';
import type { AppContext } from '../../src/app/app-context.js';
import { silentLogger } from '../../src/logging/logger.js';
import { grantViaBrowser, startSimulatedOura, type SimulatedOura } from '../auth/support/simulated-oura.js';
import { createTempHome, type TempHome } from '../auth/support/temp-home.js';
import { connectClient } from './support/harness.js';

let temp: TempHome;
let sim: SimulatedOura;
let app: AppContext;

beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
  app = await createAppContext(sim.config, { logger: silentLogger() });
});
afterEach(async () => {
  await app.close();
  await sim.close();
  await temp.remove();
});

interface AuthStatus {
  providers: Array<{ provider: string; connected: boolean; expires_in_seconds: number | null; next_step: string | null }>;
}

describe('get_auth_status after the provider refused the grant', () => {
  it('names the reconnect command while the access token is still unexpired', async () => {
    const grant = await grantViaBrowser(sim.oura);
    await app.tokens.save('oura', grant);
    sim.simulator.control.revokeAllTokens();
    const refused = await app.tokens.refreshAfterUnauthorized('oura', grant.accessToken).then(
      () => null,
      (error: unknown) => error as { code?: string },
    );
    expect(refused?.code).toBe('AUTH_FAILED');

    const { client, close } = await connectClient(app);
    const result = await client.callTool({ name: 'get_auth_status', arguments: {} });
    await close();
    const oura = (result.structuredContent as unknown as AuthStatus).providers.find((entry) => entry.provider === 'oura');
    expect(oura?.connected).toBe(true);
    expect(oura?.expires_in_seconds ?? 0).toBeGreaterThan(0);
    expect(oura?.next_step).toContain('`wearables-mcp connect oura`');
  });
});
