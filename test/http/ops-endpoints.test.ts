/**
 * `POST /sync` and `/metrics` of `serve --http` over real HTTP against the simulator: the sync
 * trigger answers the run summary, refuses a second run while one runs (409, also when another
 * process holds the provider's sync) and a run within the cooldown (429 + Retry-After); a scrape
 * after a sync, a tool call and FHIR reads shows the series, parsed from the text format, with
 * route templates and provider ids as the only labels (no raw path, record id, token).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncFileLock } from '../../src/app/sync-file-lock.js';
import { AUTH_TOKEN, connectStreamable, startHttpHarness, type HttpHarness } from './support/http-harness.js';
import { TEST_TOKEN } from '../mcp/support/harness.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (0.0.4): comments skipped, one sample a line. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted));
  return found.reduce((sum, sample) => sum + sample.value, 0);
}

describe('POST /sync and /metrics', () => {
  let harness: HttpHarness;
  const post = (path: string, body?: string, token = AUTH_TOKEN) =>
    fetch(new URL(path, harness.server.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body } : {}) });
  const scrape = async (token = METRICS_TOKEN) => {
    const response = await fetch(new URL('/metrics', harness.server.url), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    harness = await startHttpHarness({ METRICS_TOKEN, SYNC_TRIGGER_COOLDOWN_SECONDS: '2' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('runs a sync and answers its summary; refuses a second one while it runs (409) and one within the cooldown (429)', async () => {
    harness.simulator.control.delay(600, { pathPrefix: '/oura/v2/usercollection', count: 2 });
    const first = post('/sync', '{"provider":"oura"}');
    await sleep(100);
    const second = await post('/sync?provider=oura');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: string; error_description: string }).error_description).toMatch(/still running/);
    const answer = await first;
    harness.simulator.control.clearFaults();
    expect(answer.status).toBe(200);
    const summary = (await answer.json()) as { results: Array<{ provider: string; status: string; run_id: number; counts: Record<string, { created: number }> }> };
    expect(summary.results).toHaveLength(1);
    expect(summary.results[0]).toMatchObject({ provider: 'oura', status: 'ok' });
    expect(Object.values(summary.results[0]?.counts ?? {}).reduce((sum, counts) => sum + counts.created, 0)).toBeGreaterThan(50);

    const soon = await post('/sync', '{}');
    expect(soon.status).toBe(429);
    const retryAfter = Number(soon.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(((await soon.json()) as { error_description: string }).error_description).toMatch(/oura was synced through POST \/sync .* Retry in \d+ s/);
    await sleep(retryAfter * 1000 + 100);
    const later = await post('/sync');
    expect(later.status).toBe(200);
    expect(((await later.json()) as { results: Array<{ provider: string }> }).results.map((result) => result.provider)).toEqual(['oura']);
  });

  it('answers 409 at once when another process holds the provider\'s sync, and runs again once it is released', async () => {
    await sleep(2100);
    const lock = createSyncFileLock(harness.test.app.config.home, { logger: harness.test.app.logger });
    const held = await lock('oura');
    try {
      const started = Date.now();
      const refused = await post('/sync', '{"provider":"oura"}');
      expect(refused.status).toBe(409);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(((await refused.json()) as { error_description: string }).error_description).toMatch(/^Not started: .*oura/);
    } finally {
      await held.release();
    }
    // A refused run leaves no cooldown behind.
    expect((await post('/sync', '{"provider":"oura"}')).status).toBe(200);
  });

  it('refuses bad requests with a message that says what to send', async () => {
    await sleep(2100);
    const cases: Array<[string, string | undefined, number, RegExp]> = [
      ['/sync', '{"provider":"nope"}', 400, /not a provider this server syncs; use one of: .*oura/],
      ['/sync', 'not json', 400, /not JSON/],
      ['/sync', '{"provider":"oura","full":true}', 400, /may only hold "provider"/],
      ['/sync?provider=oura', '{"provider":"whoop"}', 400, /different providers/],
      ['/sync', 'x'.repeat(2000), 413, /larger than 1024 bytes/],
    ];
    for (const [path, body, status, message] of cases) {
      const response = await post(path, body);
      expect(response.status, body).toBe(status);
      expect(((await response.json()) as { error_description: string }).error_description).toMatch(message);
    }
    expect((await fetch(new URL('/sync', harness.server.url), { method: 'POST' })).status).toBe(401);
    expect((await fetch(new URL('/sync', harness.server.url), { headers: { authorization: `Bearer ${AUTH_TOKEN}` } })).status).toBe(405);
  });

  it('scrapes request latency per route template, sync outcomes, upstream errors and 429 waits per provider, with no identifier in a label', async () => {
    await sleep(2100);
    const before = await scrape();
    const waitsBefore = value(before, 'wearables_upstream_rate_limit_wait_seconds_count', { provider: 'oura' });
    const serverErrorsBefore = value(before, 'wearables_upstream_errors_total', { provider: 'oura', kind: 'server_error' });
    const okBefore = value(before, 'wearables_sync_run_duration_seconds_count', { provider: 'oura', mode: 'incremental', status: 'ok' });

    harness.simulator.control.rateLimitNext(1, { pathPrefix: '/oura/v2/usercollection', retryAfterSeconds: 1 });
    harness.simulator.control.failNext(1, { pathPrefix: '/oura/v2/usercollection', status: 503 });
    expect((await post('/sync', '{"provider":"oura"}')).status).toBe(200);
    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    const result = await client.callTool({ name: 'get_observations', arguments: { metric: 'steps', full: true, limit: 1 } });
    await client.close();
    const [observation] = (result.structuredContent as { observations: Array<{ id: string }> }).observations;
    expect(observation).toBeDefined();
    const read = await fetch(new URL(`/fhir/Observation/${observation?.id ?? ''}`, harness.server.url), { headers: { authorization: `Bearer ${AUTH_TOKEN}` } });
    expect(read.status).toBe(200);
    await fetch(new URL('/no/such/path/4711', harness.server.url));

    const response = await fetch(new URL('/metrics', harness.server.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();
    const after = parseExposition(text);
    expect(value(after, 'wearables_http_request_duration_seconds_count', { method: 'POST', route: '/mcp', status: '200' })).toBeGreaterThan(0);
    expect(value(after, 'wearables_http_request_duration_seconds_count', { method: 'POST', route: '/sync', status: '200' })).toBeGreaterThan(0);
    expect(value(after, 'wearables_http_request_duration_seconds_count', { method: 'GET', route: '/fhir/Observation/:id', status: '200' })).toBe(1);
    expect(value(after, 'wearables_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    expect(value(after, 'wearables_sync_run_duration_seconds_count', { provider: 'oura', mode: 'incremental', status: 'ok' })).toBe(okBefore + 1);
    expect(value(after, 'wearables_sync_run_duration_seconds_sum', { provider: 'oura' })).toBeGreaterThan(0);
    expect(value(after, 'wearables_upstream_rate_limit_wait_seconds_count', { provider: 'oura' })).toBe(waitsBefore + 1);
    expect(value(after, 'wearables_upstream_rate_limit_wait_seconds_sum', { provider: 'oura' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'wearables_upstream_errors_total', { provider: 'oura', kind: 'server_error' })).toBe(serverErrorsBefore + 1);
    expect(value(after, 'wearables_upstream_errors_total', { provider: 'oura', kind: 'rate_limited' })).toBeGreaterThan(0);
    expect(value(after, 'wearables_upstream_responses_total', { provider: 'oura', class: '2xx' })).toBeGreaterThan(10);
    expect(value(after, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);

    // Labels are templates and ids of providers, never a raw path, a record id or a secret.
    const labelValues = after.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues).not.toContain('/no/such/path/4711');
    for (const secret of [AUTH_TOKEN, METRICS_TOKEN, TEST_TOKEN, observation?.id ?? '', ...harness.simulator.control.issuedSecrets()]) expect(text).not.toContain(secret);
    const routes = new Set(after.filter((sample) => sample.name === 'wearables_http_request_duration_seconds_count').map((sample) => sample.labels.route));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[a-z/:_*-]*)$/i);
  });

  it('serves /metrics only with METRICS_TOKEN when one is set (AUTH_TOKEN is refused)', async () => {
    expect((await fetch(new URL('/metrics', harness.server.url))).status).toBe(401);
    const withAuthToken = await fetch(new URL('/metrics', harness.server.url), { headers: { authorization: `Bearer ${AUTH_TOKEN}` } });
    expect(withAuthToken.status).toBe(401);
    expect(((await withAuthToken.json()) as { error_description: string }).error_description).toMatch(/METRICS_TOKEN/);
    await scrape(METRICS_TOKEN);
  });
});
