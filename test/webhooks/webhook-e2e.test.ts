/**
 * Webhooks end to end: `webhooks subscribe` registers with the simulator's Oura subscription API
 * (which verifies our callback with a challenge), the simulator re-scores a night and releases a
 * late night, its signed deliveries reach `/webhooks/oura` of a running `serve --http`, targeted
 * syncs store the changes, and an MCP client over HTTP sees them in `get_events`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageSubscriptions } from '../../src/webhooks/manage.js';
import { AUTH_TOKEN, connectStreamable, startHttpHarness, type HttpHarness } from '../http/support/http-harness.js';

const VERIFICATION_TOKEN = 'e2e-verification-token';

interface EventsOutput {
  events: Array<{ resource: string; id: string; change: string; day: string | null }>;
  next_cursor: string | null;
  has_more: boolean;
}

describe('webhooks end to end', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ WEBHOOK_VERIFICATION_TOKEN: VERIFICATION_TOKEN });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const settle = async () => {
    await harness.simulator.ouraWebhooks.flush();
    await harness.server.dispatcher.idle();
  };

  it('a re-score and a late night reach the store through webhooks and show in get_events', async () => {
    const { app } = harness.test;
    const callbackUrl = `${harness.server.url}/webhooks/oura`;
    const subscribed = await manageSubscriptions(app, {
      action: 'subscribe',
      provider: 'oura',
      callbackUrl,
      verificationToken: VERIFICATION_TOKEN,
      resources: ['sleep', 'daily_sleep', 'daily_readiness'],
    });
    expect(subscribed.subscriptions).toHaveLength(9);
    expect((await manageSubscriptions(app, { action: 'list', provider: 'oura' })).subscriptions.map((entry) => entry.callbackUrl)).toEqual(Array(9).fill(callbackUrl));

    const first = await app.sync.sync({ providers: ['oura'], resources: ['sleep', 'daily_sleep', 'daily_readiness'] });
    expect(first.results[0]?.status).toBe('ok');
    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    /** Every event after `since`, following pages to the end. */
    const events = async (since?: string): Promise<EventsOutput> => {
      const all: EventsOutput['events'] = [];
      let next = since;
      for (;;) {
        const page = (await client.callTool({ name: 'get_events', arguments: { ...(next ? { since: next } : {}), limit: 500 } })).structuredContent as EventsOutput;
        all.push(...page.events);
        next = page.next_cursor ?? next;
        if (!page.has_more) return { events: all, next_cursor: next ?? null, has_more: false };
      }
    };
    let cursor = (await events()).next_cursor!;

    // A re-score: the simulator notifies, the server syncs the night's day and the feed shows updates.
    const target = harness.simulator.control.oura.documents('daily_sleep').at(-3)!;
    const affected = harness.simulator.control.oura.rescoreDay(target.day as string);
    expect(affected.length).toBeGreaterThan(0);
    harness.simulator.control.clearRequests();
    await settle();
    const deliveries = harness.simulator.ouraWebhooks.deliveries();
    expect(deliveries.length).toBe(affected.length);
    expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
    const rescored = await events(cursor);
    const updated = rescored.events.filter((event) => event.change === 'updated').map((event) => `${event.resource}/${event.id}`);
    expect(updated.sort()).toEqual([...affected].sort());
    // Only the changed day was fetched, per resource, no full sync.
    const fetchedDays = harness.simulator.control.requests('/oura/v2').map((request) => request.query.start_date);
    expect(fetchedDays.length).toBeGreaterThan(0);
    expect(fetchedDays.every((day) => day === target.day)).toBe(true);
    cursor = rescored.next_cursor!;

    // A late night: held back until released, then delivered as creates and stored.
    const held = harness.simulator.control.oura.heldNight();
    expect(held).not.toBeNull();
    expect((await app.store.queryRecords({ provider: 'oura', resource: 'daily_sleep', startDay: held!, endDay: held! })).length).toBe(0);
    harness.simulator.control.oura.releaseLateSleep();
    await settle();
    const late = await events(cursor);
    expect(late.events.filter((event) => event.change === 'created').map((event) => event.resource)).toEqual(expect.arrayContaining(['sleep', 'daily_sleep']));
    expect((await app.store.queryRecords({ provider: 'oura', resource: 'daily_sleep', startDay: held!, endDay: held! })).length).toBe(1);
    await client.close();

    const removed = await manageSubscriptions(app, { action: 'unsubscribe', provider: 'oura' });
    expect(removed.removed).toHaveLength(9);
    expect((await manageSubscriptions(app, { action: 'list', provider: 'oura' })).subscriptions).toEqual([]);
  });

  it('refuses to subscribe when the callback does not answer the challenge with our token', async () => {
    await expect(
      manageSubscriptions(harness.test.app, {
        action: 'subscribe',
        provider: 'oura',
        callbackUrl: `${harness.server.url}/webhooks/oura`,
        verificationToken: 'not-the-servers-token',
        resources: ['tag'],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(manageSubscriptions(harness.test.app, { action: 'subscribe', provider: 'oura', resources: ['tag'] })).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
  });
});
