/**
 * Withings webhooks end to end: `webhooks subscribe|list|unsubscribe withings` through the notify
 * service (the simulator probes the callback with HEAD), a measure edit sends the form POST to
 * `/webhooks/withings`, the targeted sync stores it and `get_events` shows it. Deliveries for
 * another user id are refused (answered like accepted ones) and logged without their payload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageSubscriptions } from '../../src/webhooks/manage.js';
import { AUTH_TOKEN, connectStreamable, rawRequest } from '../http/support/http-harness.js';
import { TEST_TOKEN } from '../mcp/support/harness.js';
import { startMultiHarness, type MultiHarness } from './support/multi-harness.js';

interface EventsOutput {
  events: Array<{ resource: string; id: string; change: string }>;
  next_cursor: string | null;
}

describe('Withings webhooks', () => {
  let harness: MultiHarness;
  let userId: string;
  beforeAll(async () => {
    harness = await startMultiHarness();
    userId = String(harness.simulator.control.withings.userId());
    await harness.app.tokens.save('withings', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now(), userId });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('subscribe, a measure edit delivered as a form POST reaches get_events, list and unsubscribe', async () => {
    const { app, simulator, server } = harness;
    const callbackUrl = `${server.url}/webhooks/withings`;
    const subscribed = await manageSubscriptions(app, { action: 'subscribe', provider: 'withings', callbackUrl });
    expect(subscribed.subscriptions.map((entry) => entry.id).sort()).toEqual(['1', '16', '4', '44', '54'].map((appli) => `${appli}@${callbackUrl}`).sort());
    expect((await manageSubscriptions(app, { action: 'list', provider: 'withings' })).subscriptions).toHaveLength(5);

    expect((await app.sync.sync({ providers: ['withings'], resources: ['measures'] })).results[0]?.status).toBe('ok');
    const client = await connectStreamable(server.url, { token: AUTH_TOKEN, modern: true });
    const events = async (since?: string) =>
      (await client.callTool({ name: 'get_events', arguments: { ...(since ? { since } : {}), limit: 500 } })).structuredContent as EventsOutput;
    let cursor = (await events()).next_cursor ?? undefined;
    for (let page = await events(cursor); page.next_cursor && page.events.length > 0; page = await events(cursor)) cursor = page.next_cursor;

    const group = simulator.control.withings.documents('measures').at(-5)!;
    simulator.control.withings.clearCalls();
    expect(simulator.control.withings.editMeasure(group.grpid as number, 81.234)).toBe(true);
    await simulator.withingsNotify.flush();
    await server.dispatcher.idle();
    expect(simulator.withingsNotify.deliveries().map((delivery) => [delivery.event, delivery.status])).toEqual([['appli 1', 200]]);
    // Only the measures service was called (the span, plus the lastupdate change pass).
    const actions = simulator.control.withings.calls().map((call) => call.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['getmeas']));
    const changed = await events(cursor);
    expect(changed.events.filter((event) => event.change === 'updated').map((event) => event.resource)).toContain('measures');
    await client.close();

    const removed = await manageSubscriptions(app, { action: 'unsubscribe', provider: 'withings' });
    expect(removed.removed).toHaveLength(5);
    expect((await manageSubscriptions(app, { action: 'list', provider: 'withings' })).subscriptions).toEqual([]);
  });

  it('answers the HEAD probe and refuses deliveries for another user id (answered like accepted ones) without logging them', async () => {
    const { server } = harness;
    expect((await rawRequest(server.url, { method: 'HEAD', path: '/webhooks/withings' })).status).toBe(200);
    const logsBefore = harness.logs.length;
    const body = 'userid=99999991&appli=1&startdate=1700000000&enddate=1700000000';
    const refused = await rawRequest(server.url, { method: 'POST', path: '/webhooks/withings', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    // Answered like an acceptance, so the answer does not tell a guesser the id is wrong.
    expect(refused.status).toBe(200);
    const missing = await rawRequest(server.url, { method: 'POST', path: '/webhooks/withings', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'appli=1' });
    expect(missing.status).toBe(401);
    const lines = harness.logs.slice(logsBefore).filter((line) => line.includes('webhook delivery refused'));
    expect(lines).toHaveLength(2);
    expect(harness.logs.join('\n')).not.toContain('99999991');
  });
});
