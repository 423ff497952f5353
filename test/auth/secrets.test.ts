/**
 * Secrets never leave: across a whole connect → refresh → 401 → revoked → disconnect run, no
 * access token, refresh token, authorization code, PKCE verifier or client secret appears in
 * the log output (trace level) or in any error message, hint or JSON view.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runAuthorizationCodeFlow } from '../../src/auth/connect-flow.js';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { WearablesError } from '../../src/core/errors.js';
import { createLogger } from '../../src/logging/logger.js';
import { CLIENT_SECRET, startSimulatedOura, type SimulatedOura } from './support/simulated-oura.js';
import { createTempHome, type TempHome } from './support/temp-home.js';

let temp: TempHome;
let sim: SimulatedOura;

beforeEach(async () => {
  temp = await createTempHome();
  sim = await startSimulatedOura(temp);
});
afterEach(async () => {
  await sim.close();
  await temp.remove();
});

it('keeps tokens, codes and the client secret out of logs and errors', async () => {
  const lines: string[] = [];
  const logger = await createLogger({ level: 'trace', file: null, stderr: { write: (line: string) => lines.push(line) } });
  const secrets = new Set<string>([CLIENT_SECRET]);
  const errors: WearablesError[] = [];
  const capture = async (work: Promise<unknown>) => {
    await work.then(
      () => expect.unreachable('expected a failure'),
      (error: unknown) => errors.push(error as WearablesError),
    );
  };

  const grant = await runAuthorizationCodeFlow({
    provider: sim.oura,
    logger,
    openBrowser: async (url) => {
      const authorize = await fetch(url, { redirect: 'manual' });
      const location = new URL(authorize.headers.get('location') ?? '');
      secrets.add(location.searchParams.get('code') ?? '');
      const callback = await fetch(location);
      await callback.text();
      return true;
    },
    promptForRedirect: () => new Promise<string>(() => undefined),
  });
  secrets.add(grant.accessToken).add(grant.refreshToken ?? '');

  const tokens = createTokenManager({ config: sim.config, providers: sim.providers, logger });
  await tokens.save('oura', { ...grant, expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 86_400_000 });
  const refreshed = await tokens.getAccessToken('oura');
  const afterUnauthorized = await tokens.refreshAfterUnauthorized('oura', refreshed);
  secrets.add(refreshed).add(afterUnauthorized);
  // A 401 for a token that is no longer stored: the stored one is returned, no refresh.
  expect(await tokens.refreshAfterUnauthorized('oura', 'an-older-rejected-token')).toBe(afterUnauthorized);

  sim.simulator.control.revokeAllTokens();
  await capture(tokens.refreshAfterUnauthorized('oura', afterUnauthorized));
  await capture(tokens.getAccessToken('whoop'));
  sim.simulator.control.failNext(1, { status: 500 });
  await tokens.disconnect('oura');
  tokens.close();

  const status = JSON.stringify(await tokens.status('oura'));
  const output = lines.join('');
  expect(output).toContain('refreshed access token');
  expect(output).toContain('could not revoke');
  expect(errors.map((error) => error.code)).toEqual(['AUTH_FAILED', 'NOT_CONNECTED']);
  const errorText = errors.map((error) => [error.message, error.hint, JSON.stringify(error)].join('\n')).join('\n');
  for (const secret of [...secrets].filter((value) => value.length > 0)) {
    expect(output).not.toContain(secret);
    expect(errorText).not.toContain(secret);
    expect(status).not.toContain(secret);
  }
  expect(secrets.size).toBeGreaterThanOrEqual(6);
});
