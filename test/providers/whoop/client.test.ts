/**
 * The WHOOP provider over real HTTP against the simulator: request budgets (wait out the minute
 * window, RATE_LIMITED with the wait when the day is spent), recoveries placed on their cycle's
 * local day, single records by id, and revocation with DELETE /v2/user/access.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../../src/core/http.js';
import type { ProviderPage } from '../../../src/providers/provider.js';
import { resourceSpec } from '../../../src/providers/provider.js';
import { createWhoopProvider, type WhoopProvider } from '../../../src/providers/whoop/index.js';
import { startSimulator, type StartedSimulator, type WhoopSimulatorOptions } from '../../../src/simulator/index.js';
import { obtainGrant } from '../../contract/contract-helpers.js';
import { dataOf } from '../../../src/core/records/record-build.js';

const TOKEN = 'whoop-client-test-token';
const NOW = new Date('2025-06-15T16:00:00Z');
let sim: StartedSimulator;
afterEach(async () => sim?.close());

async function setUp(whoop: WhoopSimulatorOptions = {}): Promise<{ provider: WhoopProvider; http: AuthorizedHttp; waits: number[] }> {
  sim = await startSimulator({ seed: 9, days: 60, now: () => NOW, personalAccessTokens: [TOKEN], whoop });
  const provider = createWhoopProvider({ ...sim.whoop, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const waits: number[] = [];
  const http = createAuthorizedHttp({
    provider: 'whoop',
    tokens: { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN },
    // Waiting moves the simulator's clock, so a budget window really passes.
    sleep: async (ms) => {
      waits.push(ms);
      sim.control.advanceClock(ms);
    },
  });
  return { provider, http, waits };
}

async function drain(provider: WhoopProvider, resource: string, window: { start: string; end: string }, http: AuthorizedHttp): Promise<ProviderPage[]> {
  const pages: ProviderPage[] = [];
  for await (const page of provider.fetchWindow(resourceSpec(provider, resource), window, { http })) pages.push(page);
  return pages;
}

const MAY = { start: '2025-05-01T00:00:00.000Z', end: '2025-06-01T00:00:00.000Z' };

describe('WHOOP provider over HTTP', () => {
  it('waits out a spent per-minute budget using X-RateLimit-Reset, then finishes the window', async () => {
    const { provider, http, waits } = await setUp({ rateLimitPerMinute: 1 });
    const pages = await drain(provider, 'sleep', MAY, http);
    expect(pages.flatMap((page) => page.records).length).toBeGreaterThan(30);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 60_000)).toBe(true);
  });

  it('a spent daily budget surfaces as RATE_LIMITED with the wait until the day window resets', async () => {
    const { provider, http, waits } = await setUp({ rateLimitPerDay: 1 });
    const error = await drain(provider, 'sleep', MAY, http).catch((caught: unknown) => caught);
    // 16:00Z: the day window resets in 8 hours — too long to wait inside a request.
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 8 * 3600 });
    expect(waits).toEqual([]);
  });

  it('recoveries get their cycle’s local day, start and offset', async () => {
    const { provider, http } = await setUp();
    const cycles = (await drain(provider, 'cycle', MAY, http)).flatMap((page) => page.records);
    const recoveries = (await drain(provider, 'recovery', MAY, http)).flatMap((page) => page.records);
    expect(recoveries.length).toBeGreaterThan(25);
    for (const recovery of recoveries) {
      const cycle = cycles.find((candidate) => candidate.id === recovery.id);
      expect(cycle, recovery.id).toBeDefined();
      expect(recovery).toMatchObject({ day: cycle?.day, start: cycle?.start, tzOffset: cycle?.tzOffset });
      expect(dataOf(recovery, 'daily_scores').average_hrv_ms).toBe(dataOf(recovery, 'daily_scores').hrv_rmssd_ms);
    }
  });

  it('fetches single records by id and refuses malformed ids without a request', async () => {
    const { provider, http } = await setUp();
    const cycleId = String(sim.control.whoop.cycleIdOf('2025-05-10'));
    const cycle = await provider.recordsById.fetch('cycle', cycleId, { http });
    const sleep = await provider.recordsById.fetch('cycle_sleep', cycleId, { http });
    const recovery = await provider.recordsById.fetch('recovery', cycleId, { http });
    expect(cycle).toMatchObject({ resource: 'cycle', id: cycleId, day: '2025-05-10' });
    expect(sleep).toMatchObject({ resource: 'sleep', day: '2025-05-10', data: { cycle_id: Number(cycleId), nap: false } });
    expect(recovery).toMatchObject({ resource: 'recovery', id: cycleId, day: '2025-05-10', data: { sleep_id: sleep.id } });
    expect(await provider.recordsById.fetch('sleep', sleep.id, { http })).toEqual(sleep);
    const before = sim.control.requests('/whoop/').length;
    await expect(provider.recordsById.fetch('sleep', 'not-a-uuid', { http })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(provider.recordsById.fetch('cycle', '12ab', { http })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(sim.control.requests('/whoop/').length).toBe(before);
    await expect(provider.recordsById.fetch('cycle', '1', { http })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('connect asks for the offline scope; disconnect revokes with DELETE /v2/user/access', async () => {
    const { provider } = await setUp();
    expect(provider.oauth.authorizationUrl({ redirectUri: 'http://127.0.0.1:1/cb', state: 'x'.repeat(43), codeChallenge: 'c'.repeat(43) }).searchParams.get('scope')).toBe(
      'read:profile read:body_measurement read:recovery read:cycles read:sleep read:workout offline',
    );
    const grant = await obtainGrant(provider, 'http://127.0.0.1:53682/callback');
    expect(grant.tokens.refreshToken).toBeDefined();
    expect(grant.tokens.expiresAt).toBe(grant.tokens.obtainedAt + 3600 * 1000);
    await provider.oauth.revoke(grant.tokens);
    expect(sim.control.requests('/whoop/developer/v2/user/access').map((entry) => `${entry.method} ${entry.status}`)).toEqual(['DELETE 204']);
    const probe = await fetch(`${sim.whoop.apiBaseUrl}/v2/cycle`, { headers: { authorization: `Bearer ${grant.tokens.accessToken}` } });
    expect(probe.status).toBe(401);
    await expect(provider.oauth.refresh(grant.tokens.refreshToken as string)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });
});
