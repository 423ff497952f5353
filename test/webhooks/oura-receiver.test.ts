/**
 * `/webhooks/oura` on a running `serve --http`: the verification challenge, refusal of unsigned,
 * badly signed and replayed deliveries (logged without their payload), and an authentic
 * delivery answered at once and turned into a targeted sync of the changed day.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startHttpHarness, type HttpHarness } from '../http/support/http-harness.js';
import { TEST_NOW } from '../mcp/support/harness.js';

const VERIFICATION_TOKEN = 'verify-me-0123456789';

function signed(secret: string, body: string, at: number) {
  const timestamp = String(Math.floor(at / 1000));
  const signature = createHmac('sha256', secret).update(timestamp + body).digest('hex').toUpperCase();
  return { 'content-type': 'application/json', 'x-oura-timestamp': timestamp, 'x-oura-signature': signature };
}

describe('Oura webhook receiver', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ WEBHOOK_VERIFICATION_TOKEN: VERIFICATION_TOKEN });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('answers the subscription challenge only with our verification token', async () => {
    const good = await rawRequest(harness.server.url, { path: `/webhooks/oura?verification_token=${VERIFICATION_TOKEN}&challenge=abc123` });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ challenge: 'abc123' });
    const bad = await rawRequest(harness.server.url, { path: '/webhooks/oura?verification_token=guess-guess&challenge=abc123' });
    expect(bad.status).toBe(401);
    expect(bad.body).not.toContain('abc123');
  });

  it('refuses unsigned, badly signed and replayed deliveries and logs them without the payload', async () => {
    const secret = harness.simulator.clientSecret;
    const body = JSON.stringify({ event_type: 'update', data_type: 'daily_sleep', object_id: 'object-id-secretish-42', event_time: TEST_NOW.toISOString(), user_id: 'user-id-777-private' });
    const now = TEST_NOW.getTime();
    const logsBefore = harness.logs.length;
    const unsigned = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/oura', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const wrongKey = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/oura', headers: signed('not-the-secret', body, now), body });
    expect(wrongKey.status).toBe(401);
    const tampered = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/oura', headers: signed(secret, body, now), body: body.replace('update', 'delete') });
    expect(tampered.status).toBe(401);
    const replayed = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/oura', headers: signed(secret, body, now - 60 * 60_000), body });
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.body)).toEqual({ error: 'stale' });

    const refusals = harness.logs.slice(logsBefore).filter((line) => line.includes('webhook delivery refused'));
    expect(refusals.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual(['unsigned', 'bad-signature', 'bad-signature', 'stale']);
    for (const line of harness.logs) {
      expect(line).not.toContain('object-id-secretish-42');
      expect(line).not.toContain('user-id-777-private');
    }
    // Nothing was synced for refused deliveries.
    expect(await harness.test.app.store.listSyncRuns({ provider: 'oura' })).toEqual([]);
  });

  it('answers the Withings-style HEAD probe and 404s providers without webhooks', async () => {
    expect((await rawRequest(harness.server.url, { method: 'HEAD', path: '/webhooks/oura' })).status).toBe(200);
    expect((await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/nope', body: '{}' })).status).toBe(404);
  });

  it('answers an authentic delivery at once and syncs just the changed day afterwards', async () => {
    const { app } = harness.test;
    await app.sync.refreshWindow('oura', 'daily_sleep', { start: '2024-06-01', end: '2024-06-14' });
    const target = harness.simulator.control.oura.documents('daily_sleep').at(-4)!;
    const day = target.day as string;
    const before = await app.store.getRecord('oura', 'daily_sleep', target.id as string);
    expect(before?.day).toBe(day);
    const cursor = (await app.store.listEvents({ limit: 1000 })).nextCursor!;
    expect(harness.simulator.control.oura.rescoreDay(day)).not.toEqual([]);

    const body = JSON.stringify({ event_type: 'update', data_type: 'daily_sleep', object_id: target.id, event_time: TEST_NOW.toISOString(), user_id: 'u' });
    harness.simulator.control.clearRequests();
    harness.simulator.control.delay(300, { pathPrefix: '/oura/v2' });
    const started = performance.now();
    const response = await rawRequest(harness.server.url, { method: 'POST', path: '/webhooks/oura', headers: signed(harness.simulator.clientSecret, body, TEST_NOW.getTime()), body });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(250);
    await harness.server.dispatcher.idle();
    harness.simulator.control.clearFaults();

    const requests = harness.simulator.control.requests('/oura/v2');
    expect(requests.map((request) => request.path)).toEqual(['/oura/v2/usercollection/daily_sleep']);
    expect(JSON.stringify(requests[0]?.query)).toContain(day);
    const events = (await app.store.listEvents({ since: cursor })).events;
    expect(events.map((event) => [event.resource, event.id, event.change])).toEqual([['daily_sleep', target.id, 'updated']]);
    const after = await app.store.getRecord('oura', 'daily_sleep', target.id as string);
    expect(after?.data.score).not.toBe(before?.data.score);
  });
});
