/** (d) Injected faults, the per-minute budget, mid-sync revocation, the request log and the HTTP control API. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { api, apiJson, grant } from './support/oauth.js';

const NOW = new Date('2025-06-15T16:00:00Z');
const TOKEN = 'fault-token';
const FRESH_TOKEN = 'fault-token-created-later';
const SLEEP = '/v2/usercollection/sleep?start_date=2025-05-01&end_date=2025-06-15';

describe('faults', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, days: 60, now: () => NOW, pageSize: 10, personalAccessTokens: [TOKEN, FRESH_TOKEN], rateLimitPerMinute: 5 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.control.clearFaults();
    sim.control.clearRequests();
    sim.control.advanceClock(60_000); // a fresh rate-limit window
  });

  it('fails the next N requests with 5xx, then recovers', async () => {
    sim.control.failNext(2, { status: 502 });
    expect((await api(sim, SLEEP, TOKEN)).status).toBe(502);
    expect((await api(sim, SLEEP, TOKEN)).status).toBe(502);
    expect((await api(sim, SLEEP, TOKEN)).status).toBe(200);
    expect(sim.control.requests().map((r) => [r.status, r.fault])).toEqual([[502, 'error'], [502, 'error'], [200, null]]);
  });

  it('scopes faults to a path prefix', async () => {
    sim.control.failNext(1, { pathPrefix: '/oura/v2/usercollection/workout' });
    expect((await api(sim, SLEEP, TOKEN)).status).toBe(200);
    expect((await api(sim, '/v2/usercollection/workout', TOKEN)).status).toBe(503);
    expect((await api(sim, '/v2/usercollection/workout', TOKEN)).status).toBe(200);
  });

  it('forces 429 with Retry-After and X-RateLimit-* headers', async () => {
    sim.control.rateLimitNext(1, { retryAfterSeconds: 17 });
    const limited = await apiJson(sim, SLEEP, TOKEN);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('17');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe('17');
    expect((await api(sim, SLEEP, TOKEN)).status).toBe(200);
  });

  it('enforces the per-minute budget on simulator time', async () => {
    const statuses: number[] = [];
    let last: Headers | null = null;
    for (let i = 0; i < 6; i += 1) {
      const response = await api(sim, '/v2/usercollection/personal_info', TOKEN);
      statuses.push(response.status);
      last = response.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last?.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.get('x-ratelimit-remaining')).toBe('0');
    expect(sim.control.counters().rateLimited).toBeGreaterThan(0);
    sim.control.advanceClock(60_000);
    const ok = await api(sim, '/v2/usercollection/personal_info', TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  it('truncates the body of the next N responses (malformed JSON, status 200)', async () => {
    sim.control.malformNext(1);
    const broken = await api(sim, SLEEP, TOKEN);
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow();
    const fine = await api(sim, SLEEP, TOKEN);
    expect(() => JSON.parse(fine.text)).not.toThrow();
  });

  it('delays responses', async () => {
    sim.control.delay(250, { count: 1 });
    const started = performance.now();
    expect((await api(sim, '/v2/usercollection/personal_info', TOKEN)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(sim.control.faults()).toEqual([]);
  });

  it('revoking all tokens mid-sync turns the next page into a 401', async () => {
    const tokens = await grant(sim);
    const first = await apiJson<{ next_token: string | null }>(sim, SLEEP, tokens.access_token);
    expect(first.status).toBe(200);
    expect(first.body.next_token).not.toBeNull();
    sim.control.revokeAllTokens();
    const second = await apiJson(sim, `${SLEEP}&next_token=${encodeURIComponent(first.body.next_token ?? '')}`, tokens.access_token);
    expect(second).toMatchObject({ status: 401, body: { detail: 'Access token revoked.' } });
    const refresh = await fetch(`${sim.oura.authBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: sim.clientId, client_secret: sim.clientSecret }),
    });
    expect(refresh.status).toBe(400);
    // The personal token in use dies too; one never presented before (created later) works.
    expect((await api(sim, '/v2/usercollection/personal_info', TOKEN)).status).toBe(401);
    expect((await api(sim, '/v2/usercollection/personal_info', FRESH_TOKEN)).status).toBe(200);
    sim.control.revokeAllTokens();
    expect((await api(sim, '/v2/usercollection/personal_info', FRESH_TOKEN)).status).toBe(401);
  });
});

describe('request log and HTTP control API', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, days: 60, now: () => NOW, personalAccessTokens: [TOKEN] });
  });
  afterAll(() => sim.close());

  const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${sim.url}/__control${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };

  it('logs method, path, query and status of each provider request, without credentials', async () => {
    await control('DELETE', '/requests');
    await api(sim, '/v2/usercollection/daily_sleep?start_date=2025-06-01&end_date=2025-06-08', TOKEN);
    await api(sim, '/v2/usercollection/daily_sleep?start_date=2025-06-08&end_date=2025-06-15', 'wrong');
    const log = (await control('GET', '/requests?path_prefix=/oura/v2')).body as Array<Record<string, unknown>>;
    expect(log.map((e) => [e.method, e.path, e.query, e.status])).toEqual([
      ['GET', '/oura/v2/usercollection/daily_sleep', { start_date: '2025-06-01', end_date: '2025-06-08' }, 200],
      ['GET', '/oura/v2/usercollection/daily_sleep', { start_date: '2025-06-08', end_date: '2025-06-15' }, 401],
    ]);
    expect(JSON.stringify(log)).not.toContain(TOKEN);
  });

  it('injects faults, advances the clock and revokes over HTTP', async () => {
    expect((await control('POST', '/faults', { kind: 'error', count: 1, status: 500 })).status).toBe(200);
    expect((await api(sim, '/v2/usercollection/personal_info', TOKEN)).status).toBe(500);
    expect((await control('POST', '/faults', { kind: 'rate_limit', retryAfterSeconds: 3 })).status).toBe(200);
    expect((await api(sim, '/v2/usercollection/personal_info', TOKEN)).headers.get('retry-after')).toBe('3');
    expect((await control('POST', '/faults', { kind: 'bogus' })).status).toBe(400);
    const before = sim.control.now().getTime();
    const advanced = await control('POST', '/clock/advance', { hours: 2 });
    expect(Date.parse((advanced.body as { now: string }).now) - before).toBe(2 * 3_600_000);
    const state = (await control('GET', '/state')).body as { counters: { faultsInjected: number } };
    expect(state.counters.faultsInjected).toBe(2);
    const secrets = (await control('GET', '/issued-secrets')).body as string[];
    expect(secrets).toContain(TOKEN);
    expect(secrets).toContain(sim.clientSecret);
    await control('POST', '/revoke-all', { allPersonalAccessTokens: true });
    expect((await api(sim, '/v2/usercollection/personal_info', TOKEN)).status).toBe(401);
  });

  it('exposes the person, documents, re-score and delete over HTTP', async () => {
    const person = (await control('GET', '/person')).body as { anchorDay: string; events: { trip: { start: string } } };
    expect(person.anchorDay).toBe('2025-06-15');
    const docs = (await control('GET', '/oura/documents/daily_sleep')).body as Array<{ id: string; day: string }>;
    const target = docs[docs.length - 3];
    const rescored = await control('POST', '/oura/rescore', { day: target?.day });
    expect(rescored.status).toBe(200);
    expect((await control('POST', '/oura/rescore', { day: '1999-01-01' })).status).toBe(404);
    expect((await control('POST', '/oura/delete', { collection: 'daily_sleep', id: target?.id })).status).toBe(200);
    expect((await control('POST', '/oura/delete', { collection: 'daily_sleep', id: 'nope' })).status).toBe(404);
    const after = (await control('GET', '/oura/documents/daily_sleep')).body as Array<{ id: string }>;
    expect(after.map((d) => d.id)).not.toContain(target?.id);
    const days = (await control('GET', `/person/days?start=${person.events.trip.start}&end=${person.events.trip.start}`)).body as unknown[];
    expect(days).toHaveLength(1);
  });
});
