/**
 * The webhook receivers against hostile senders, on a running `serve --http` with the simulator:
 * a signed Oura or WHOOP delivery replayed inside the freshness window is refused and syncs
 * nothing; an oversize body is refused with 413 without being read (the sender cannot push it
 * all, memory stays flat); an unsigned Withings delivery announcing decades syncs only a few
 * recent days; and a Withings delivery for an unknown user id is answered exactly like one for
 * the connected account.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARLIEST_DAY } from '../../src/core/bounds.js';
import { rawRequest } from '../http/support/http-harness.js';
import { TEST_NOW, TEST_TOKEN } from '../mcp/support/harness.js';
import { startMultiHarness, type MultiHarness } from './support/multi-harness.js';

const DAY_MS = 86_400_000;

describe('webhook receivers under attack', () => {
  let harness: MultiHarness;
  let withingsUserId: string;
  beforeAll(async () => {
    harness = await startMultiHarness({ whoop: true });
    withingsUserId = String(harness.simulator.control.withings.userId());
    await harness.app.tokens.save('withings', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now(), userId: withingsUserId });
    await harness.app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const post = (provider: string, headers: Record<string, string>, body: string) =>
    rawRequest(harness.server.url, { method: 'POST', path: `/webhooks/${provider}`, headers, body });

  it('refuses a replayed signed Oura delivery: 1 accepted, 20 replays refused, one sync', async () => {
    const { simulator, server } = harness;
    const target = simulator.control.oura.documents('daily_sleep').at(-3)!;
    const body = JSON.stringify({ event_type: 'update', data_type: 'daily_sleep', object_id: target.id, event_time: TEST_NOW.toISOString() });
    const timestamp = String(Math.floor(TEST_NOW.getTime() / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-oura-timestamp': timestamp,
      'x-oura-signature': createHmac('sha256', simulator.clientSecret).update(timestamp + body).digest('hex'),
    };
    simulator.control.clearRequests();
    expect((await post('oura', headers, body)).status).toBe(200);
    await server.dispatcher.idle();
    const synced = simulator.control.requests('/oura/v2').length;
    expect(synced).toBeGreaterThan(0);
    const replays = [];
    // Also with the signature in upper case: the same delivery, however it is spelled.
    for (let attempt = 0; attempt < 20; attempt++) {
      replays.push(await post('oura', attempt % 2 ? { ...headers, 'x-oura-signature': headers['x-oura-signature'].toUpperCase() } : headers, body));
    }
    await server.dispatcher.idle();
    expect(replays.map((response) => response.status)).toEqual(Array(20).fill(409));
    expect(JSON.parse(replays[0]!.body)).toEqual({ error: 'replayed' });
    expect(simulator.control.requests('/oura/v2').length).toBe(synced);
  });

  it('refuses a replayed signed WHOOP delivery and still accepts a new one', async () => {
    const { simulator, server } = harness;
    const sleep = simulator.control.whoop.records('sleep').at(-2)!;
    const timestamp = String(TEST_NOW.getTime());
    const delivery = (trace: string) => {
      const body = JSON.stringify({ user_id: 4242, id: sleep.id, type: 'sleep.updated', trace_id: trace });
      return { body, headers: { 'content-type': 'application/json', 'x-whoop-signature': simulator.whoopWebhooks.sign(timestamp, body), 'x-whoop-signature-timestamp': timestamp } };
    };
    const first = delivery('trace-1');
    expect((await post('whoop', first.headers, first.body)).status).toBe(200);
    await server.dispatcher.idle();
    simulator.control.clearRequests();
    const replays = [];
    for (let attempt = 0; attempt < 20; attempt++) replays.push((await post('whoop', first.headers, first.body)).status);
    expect(replays).toEqual(Array(20).fill(409));
    await server.dispatcher.idle();
    expect(simulator.control.requests('/whoop').length).toBe(0);
    const second = delivery('trace-2');
    expect((await post('whoop', second.headers, second.body)).status).toBe(200);
    await server.dispatcher.idle();
  });

  it('refuses an oversize body with 413 without reading it (streamed and declared)', async () => {
    const total = 100 * 1024 * 1024;
    const rssBefore = process.memoryUsage().rss;
    const streamed = await streamBody(`${harness.server.url}/webhooks/oura`, total);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(streamed.status).toBe(413);
    // The server answered after reading about its 256 KiB limit; the sender never got to push the rest.
    expect(streamed.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(64 * 1024 * 1024);
    const declared = await streamBody(`${harness.server.url}/webhooks/whoop`, total, { declareLength: true });
    expect(declared.status).toBe(413);
    expect(declared.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
    console.info(`oversize webhook body: streamed ${(streamed.sentBeforeAnswer / 1048576).toFixed(1)} MiB of 100 MiB before the 413, RSS +${(rssGrowth / 1048576).toFixed(1)} MiB`);
  });

  it('syncs only a few recent days for a Withings delivery announcing decades', async () => {
    const { simulator, server } = harness;
    simulator.control.withings.clearCalls();
    const body = `userid=${withingsUserId}&appli=1&startdate=1&enddate=2000000000`;
    expect((await post('withings', { 'content-type': 'application/x-www-form-urlencoded' }, body)).status).toBe(200);
    await server.dispatcher.idle();
    const calls = simulator.control.withings.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(4);
    const earliest = Date.parse(`${EARLIEST_DAY}T00:00:00Z`) / 1000;
    for (const call of calls) {
      const start = Number(call.params.startdate ?? call.params.lastupdate);
      const end = Number(call.params.enddate ?? TEST_NOW.getTime() / 1000);
      expect(start).toBeGreaterThanOrEqual(earliest);
      expect(end - start).toBeLessThanOrEqual((5 * DAY_MS) / 1000);
      expect(end * 1000).toBeLessThanOrEqual(TEST_NOW.getTime() + 3 * DAY_MS);
    }
    // Spans no Date can hold, or wholly before the earliest day, sync nothing and do not fail.
    simulator.control.withings.clearCalls();
    for (const span of ['startdate=1&enddate=2', 'startdate=1&enddate=99999999999999999']) {
      expect((await post('withings', { 'content-type': 'application/x-www-form-urlencoded' }, `userid=${withingsUserId}&appli=1&${span}`)).status).toBe(200);
    }
    await server.dispatcher.idle();
    expect(simulator.control.withings.calls().every((call) => Number(call.params.startdate ?? earliest) >= earliest)).toBe(true);
  });

  it('answers a Withings delivery for an unknown user id exactly like one for the connected account', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const at = Math.floor(TEST_NOW.getTime() / 1000) - 3600;
    const span = `appli=1&startdate=${at}&enddate=${at + 60}`;
    const timings = { known: [] as number[], unknown: [] as number[] };
    const answers = new Set<string>();
    for (let round = 0; round < 15; round++) {
      for (const [kind, userId] of [['known', withingsUserId], ['unknown', String(Number(withingsUserId) + 1 + round)]] as const) {
        const started = performance.now();
        const response = await post('withings', form, `userid=${userId}&${span}`);
        timings[kind].push(performance.now() - started);
        answers.add(JSON.stringify([response.status, response.body, response.headers['content-type'], response.headers['content-length']]));
      }
      await harness.server.dispatcher.idle();
    }
    expect([...answers]).toEqual([JSON.stringify([200, '{"ok":true}', 'application/json', '11'])]);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.info(`Withings answer time, median of 15: known user ${median(timings.known).toFixed(2)} ms, unknown ${median(timings.unknown).toFixed(2)} ms`);
    expect(Math.abs(median(timings.known) - median(timings.unknown))).toBeLessThan(20);
  });
});

describe('webhook rate limit', () => {
  let harness: MultiHarness;
  beforeAll(async () => {
    harness = await startMultiHarness({}, { WEBHOOK_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('limits each receiver per sender: 429 with Retry-After past the budget, other receivers unaffected', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      statuses.push((await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/whoop', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    }
    expect(statuses).toEqual([...Array(5).fill(401), 429, 429, 429]);
    const limited = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/whoop', body: '{}' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await rawRequest(harness.server.url, { method: 'HEAD', path: '/webhooks/withings' })).status).toBe(200);
  });
});

/** POSTs `total` bytes in 64 KiB chunks until the server answers; how much was sent by then. */
function streamBody(url: string, total: number, options: { declareLength?: boolean } = {}): Promise<{ status: number; sentBeforeAnswer: number }> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.declareLength ? { 'content-length': String(total) } : {}) },
    }, (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      response.resume();
      response.on('end', () => {
        request.destroy();
        resolve({ status, sentBeforeAnswer: sent });
      });
    });
    request.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    if (options.declareLength) request.flushHeaders();
    setImmediate(pump);
  });
}
