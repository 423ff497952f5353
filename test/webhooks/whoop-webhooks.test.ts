/**
 * WHOOP webhooks end to end: the simulator (dashboard URL configured) re-scores a night and
 * deletes a workout, its signed deliveries reach `/webhooks/whoop`, targeted syncs store the
 * changes and `get_events` over HTTP shows them. Badly signed and stale deliveries are refused;
 * `webhooks list whoop` says there is no subscription API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageSubscriptions } from '../../src/webhooks/manage.js';
import { AUTH_TOKEN, connectStreamable, rawRequest } from '../http/support/http-harness.js';
import { TEST_NOW } from '../mcp/support/harness.js';
import { startMultiHarness, type MultiHarness } from './support/multi-harness.js';

interface EventsOutput {
  events: Array<{ provider: string; resource: string; id: string; change: string }>;
  next_cursor: string | null;
}

describe('WHOOP webhooks', () => {
  let harness: MultiHarness;
  beforeAll(async () => {
    harness = await startMultiHarness({ whoop: true });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a re-score and a deleted workout reach the store through signed webhooks and show in get_events', async () => {
    const { app, simulator, server } = harness;
    const first = await app.sync.sync({ providers: ['whoop'], resources: ['sleep', 'recovery', 'cycle', 'workout'] });
    expect(first.results[0]?.status).toBe('ok');
    simulator.whoopWebhooks.configure(`${server.url}/webhooks/whoop`);
    const client = await connectStreamable(server.url, { token: AUTH_TOKEN, modern: true });
    const events = async (since?: string) =>
      (await client.callTool({ name: 'get_events', arguments: { ...(since ? { since } : {}), limit: 500 } })).structuredContent as EventsOutput;
    let cursor = (await events()).next_cursor ?? undefined;
    for (let page = await events(cursor); page.next_cursor && page.events.length > 0; page = await events(cursor)) cursor = page.next_cursor;

    const sleeps = simulator.control.whoop.records('sleep');
    const target = sleeps.at(-4)!;
    const recoveries = simulator.control.whoop.records('recovery');
    const recovery = recoveries.find((entry) => entry.sleep_id === target.id)!;
    const wakeDay = (await app.store.getRecord('whoop', 'sleep', String(target.id)))!.day!;
    const beforeRecovery = await app.store.getRecord('whoop', 'recovery', String(recovery.cycle_id));
    expect(simulator.control.whoop.rescoreNight(wakeDay)).toContain(`sleep/${String(target.id)}`);
    await simulator.whoopWebhooks.flush();
    await server.dispatcher.idle();
    expect(simulator.whoopWebhooks.deliveries().map((delivery) => [delivery.event, delivery.status])).toEqual([['sleep.updated', 200], ['recovery.updated', 200]]);
    const rescored = await events(cursor);
    const updated = rescored.events.filter((event) => event.change === 'updated').map((event) => `${event.resource}/${event.id}`);
    expect(updated).toEqual(expect.arrayContaining([`sleep/${String(target.id)}`, `recovery/${String(recovery.cycle_id)}`]));
    const afterRecovery = await app.store.getRecord('whoop', 'recovery', String(recovery.cycle_id));
    expect(afterRecovery?.data).not.toEqual(beforeRecovery?.data);
    cursor = rescored.next_cursor ?? cursor;

    const workout = simulator.control.whoop.records('workout').at(-3)!;
    expect(await app.store.getRecord('whoop', 'workout', String(workout.id))).not.toBeNull();
    expect(simulator.control.whoop.deleteRecord('workout', String(workout.id))).toBe(true);
    await simulator.whoopWebhooks.flush();
    await server.dispatcher.idle();
    const deleted = await events(cursor);
    expect(deleted.events.map((event) => [event.resource, event.id, event.change])).toContainEqual(['workout', String(workout.id), 'deleted']);
    await client.close();
  });

  it('refuses unsigned, badly signed and stale deliveries, logging them without the payload', async () => {
    const { simulator, server } = harness;
    const body = JSON.stringify({ user_id: 4242, id: 'sleep-id-private-99', type: 'sleep.updated', trace_id: 't' });
    const now = String(TEST_NOW.getTime());
    const post = (headers: Record<string, string>, text = body) =>
      rawRequest(server.url, { method: 'POST', path: '/webhooks/whoop', headers: { 'content-type': 'application/json', ...headers }, body: text });
    const logsBefore = harness.logs.length;
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-whoop-signature': 'AAAA', 'x-whoop-signature-timestamp': now })).status).toBe(401);
    const tampered = await post({ 'x-whoop-signature': simulator.whoopWebhooks.sign(now, body), 'x-whoop-signature-timestamp': now }, body.replace('updated', 'deleted'));
    expect(tampered.status).toBe(401);
    const old = String(TEST_NOW.getTime() - 60 * 60_000);
    const stale = await post({ 'x-whoop-signature': simulator.whoopWebhooks.sign(old, body), 'x-whoop-signature-timestamp': old });
    expect(JSON.parse(stale.body)).toEqual({ error: 'stale' });
    const reasons = harness.logs.slice(logsBefore).filter((line) => line.includes('webhook delivery refused')).map((line) => (JSON.parse(line) as { reason: string }).reason);
    expect(reasons).toEqual(['unsigned', 'bad-signature', 'bad-signature', 'stale']);
    expect(harness.logs.join('\n')).not.toContain('sleep-id-private-99');
    const good = await post({ 'x-whoop-signature': simulator.whoopWebhooks.sign(now, body), 'x-whoop-signature-timestamp': now });
    expect(good.status).toBe(200);
    await server.dispatcher.idle();
  });

  it('answers the HEAD probe and says WHOOP webhooks are set up in its dashboard', async () => {
    expect((await rawRequest(harness.server.url, { method: 'HEAD', path: '/webhooks/whoop' })).status).toBe(200);
    await expect(manageSubscriptions(harness.app, { action: 'list', provider: 'whoop' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('Not supported'),
      hint: expect.stringContaining('Developer Dashboard'),
    });
  });
});
