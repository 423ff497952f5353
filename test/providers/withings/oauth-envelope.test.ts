/**
 * What Withings does differently, against the simulator over HTTP: comma-separated scopes and a
 * required state without PKCE, 30-second codes, refresh tokens that rotate with a short grace,
 * signed revocation with a nonce, the {status, body} envelope mapped to error codes (601 waits
 * then RATE_LIMITED, invalid params → VALIDATION_ERROR), and the simulator's 120-a-minute budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizedHttp } from '../../../src/core/http.js';
import { createWithingsProvider } from '../../../src/providers/withings/index.js';
import type { OAuthProvider } from '../../../src/providers/provider.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { authorize, fetchPages, obtainGrant } from '../../contract/contract-helpers.js';

const REDIRECT = 'http://127.0.0.1:53682/callback';
const TOKEN = 'withings-static-token';
let sim: StartedSimulator;
let provider: OAuthProvider;

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, days: 40, now: () => new Date('2025-06-15T12:00:00Z'), personalAccessTokens: [TOKEN] });
  provider = createWithingsProvider({ ...sim.withings, clientId: sim.clientId, clientSecret: sim.clientSecret, requestsPerMinute: 10_000 });
});
afterAll(() => sim?.close());

function staticHttp() {
  const sleeps: number[] = [];
  const http = createAuthorizedHttp({
    provider: 'withings',
    tokens: { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { http, sleeps };
}

const probe = (http: ReturnType<typeof staticHttp>['http']) => fetchPages(provider, 'activity', { start: '2025-06-01', end: '2025-06-04' }, http);

describe('Withings OAuth', () => {
  it('asks for comma-separated scopes with a state and no PKCE; the grant carries the user id', async () => {
    const url = provider.oauth.authorizationUrl({ redirectUri: REDIRECT, state: 'state-123', codeChallenge: 'x'.repeat(43) });
    expect(url.pathname).toBe('/withings/oauth2_user/authorize2');
    expect(url.searchParams.get('scope')).toBe('user.info,user.metrics,user.activity,user.sleepevents');
    expect(url.searchParams.get('state')).toBe('state-123');
    expect(url.searchParams.has('code_challenge')).toBe(false);
    const grant = await obtainGrant(provider, REDIRECT);
    expect(grant.tokens).toMatchObject({ kind: 'oauth', userId: String(sim.control.withings.userId()), scope: 'user.info,user.metrics,user.activity,user.sleepevents' });
    expect(grant.tokens.expiresAt! - grant.tokens.obtainedAt).toBe(10_800_000);
  });

  it('refuses an authorization code older than 30 seconds', async () => {
    const redirect = await authorize(provider, REDIRECT, 'unused', 'state-456');
    sim.control.advanceClock(31_000);
    const error = await provider.oauth.exchangeCode({ code: redirect.get('code')!, redirectUri: REDIRECT, codeVerifier: 'unused' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(String(error) + JSON.stringify(error)).not.toContain(redirect.get('code')!);
  });

  it('rotates refresh tokens; the previous one works only during the short grace', async () => {
    const { tokens } = await obtainGrant(provider, REDIRECT);
    const first = await provider.oauth.refresh(tokens.refreshToken!);
    expect(first.refreshToken).not.toBe(tokens.refreshToken);
    await expect(provider.oauth.refresh(tokens.refreshToken!)).resolves.toMatchObject({ kind: 'oauth' });
    sim.control.advanceClock(61_000);
    await expect(provider.oauth.refresh(tokens.refreshToken!)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(provider.oauth.refresh(first.refreshToken!)).resolves.toMatchObject({ kind: 'oauth' });
  });

  it('revokes with a signed request (nonce from getnonce); the tokens stop working', async () => {
    const { tokens } = await obtainGrant(provider, REDIRECT);
    const before = sim.control.withings.counters().revocations;
    await provider.oauth.revoke(tokens);
    expect(sim.control.withings.counters().revocations - before).toBe(1);
    const actions = sim.control.withings.calls().map((call) => call.action);
    expect(actions.slice(-2)).toEqual(['getnonce', 'revoke']);
    expect(JSON.stringify(sim.control.withings.calls().slice(-2))).not.toContain(tokens.accessToken);
    await expect(provider.oauth.refresh(tokens.refreshToken!)).rejects.toMatchObject({ code: 'AUTH_FAILED' });

    const forged = createWithingsProvider({ ...sim.withings, clientId: sim.clientId, clientSecret: 'wrong-secret' });
    await expect(forged.oauth.revoke(tokens)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });
});

describe('Withings envelope errors', () => {
  it('status 601 is waited out with backoff, and reported as RATE_LIMITED when it persists', async () => {
    const once = staticHttp();
    sim.control.withings.envelopeErrorNext(1, 601);
    await expect(probe(once.http)).resolves.not.toHaveLength(0);
    expect(once.sleeps).toHaveLength(1);

    const always = staticHttp();
    sim.control.withings.envelopeErrorNext(10, 601);
    await expect(probe(always.http)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(always.sleeps).toHaveLength(3);
    sim.control.withings.clearEnvelopeFaults();
  });

  it('invalid-params statuses are VALIDATION_ERROR with a hint and are not retried; others are UPSTREAM_ERROR', async () => {
    const invalid = staticHttp();
    sim.control.withings.envelopeErrorNext(1, 503);
    const error = await probe(invalid.http).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', isRetryable: false });
    expect((error as { hint?: string }).hint).toMatch(/date range/);
    expect(invalid.sleeps).toHaveLength(0);

    sim.control.withings.envelopeErrorNext(1, 2554);
    await expect(probe(staticHttp().http)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  it('the simulator answers status 601 past 120 requests a minute', async () => {
    const limited = await startSimulator({ seed: 4, days: 10, now: () => new Date('2025-06-15T12:00:00Z'), personalAccessTokens: [TOKEN] });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 121; index++) {
        const response = await fetch(`${limited.withings.apiBaseUrl}/v2/user`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'action=getgoals',
        });
        statuses.push(((await response.json()) as { status: number }).status);
      }
      expect(statuses.slice(0, 120).every((status) => status === 0)).toBe(true);
      expect(statuses[120]).toBe(601);
    } finally {
      await limited.close();
    }
  });
});
