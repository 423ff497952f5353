/**
 * The simulator's own webhooks end to end: started with `scheduledWebhooks`, its clock running,
 * it notifies a running `serve --http` (subscribed through `webhooks subscribe`) of the changes
 * its clock brings: a re-score scheduled for a moment later, the late night that arrives when
 * the clock passes its hold, a deletion. Each reaches the store through a targeted sync of the
 * server's webhook receiver, with no sync started by anyone else (the server's scheduler is off).
 * Without `scheduledWebhooks` a scheduled re-score sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageSubscriptions } from '../../src/webhooks/manage.js';
import { startSimulator } from '../../src/simulator/index.js';
import { startHttpHarness, type HttpHarness } from '../http/support/http-harness.js';
import { TEST_NOW } from '../mcp/support/harness.js';

const VERIFICATION_TOKEN = 'scheduled-verification-token';
const RESOURCES = ['sleep', 'daily_sleep', 'daily_readiness'];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the simulator sends webhooks for the changes its clock brings', () => {
  let harness: HttpHarness;
  const started = Date.now();
  beforeAll(async () => {
    harness = await startHttpHarness(
      { WEBHOOK_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
      // The simulator's clock runs from TEST_NOW in real time; the late night is held for 2 minutes
      // (the receiver refuses deliveries signed more than 5 minutes from its own clock, which stays at TEST_NOW).
      { simulatorOptions: { now: () => new Date(TEST_NOW.getTime() + Date.now() - started), scheduledWebhooks: { intervalMs: 200, maxPerTick: 50 }, lateSleepDelayMinutes: 2 } },
    );
    await manageSubscriptions(harness.test.app, { action: 'subscribe', provider: 'oura', callbackUrl: `${harness.server.url}/webhooks/oura`, verificationToken: VERIFICATION_TOKEN, resources: RESOURCES });
    const first = await harness.test.app.sync.sync({ providers: ['oura'], resources: RESOURCES });
    expect(first.results[0]?.status).toBe('ok');
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  const stored = async (resource: string, day: string) => harness.test.app.store.queryRecords({ provider: 'oura', resource, startDay: day, endDay: day });

  it('a re-score scheduled a moment ahead reaches the store on its own, through a targeted sync of that day', async () => {
    const { control, ouraWebhooks } = harness.simulator;
    const target = control.oura.documents('daily_sleep').at(-4)!;
    const day = target.day as string;
    const [before] = await stored('daily_sleep', day);
    expect(before).toBeDefined();
    const deliveredBefore = ouraWebhooks.deliveries().length;
    control.clearRequests();
    // Scheduled: nothing changes (and nothing is sent) until the simulator's clock gets there.
    const affected = control.oura.rescoreDay(day, { atMs: control.now().getTime() + 1500 });
    expect(affected.length).toBeGreaterThan(0);
    expect(ouraWebhooks.deliveries().length).toBe(deliveredBefore);

    const after = await until('the re-scored night in the store', async () => {
      const [record] = await stored('daily_sleep', day);
      return record && JSON.stringify(record.data) !== JSON.stringify(before?.data) ? record : undefined;
    });
    expect((after.data as { score?: number }).score).toBeLessThan((before?.data as { score: number }).score);
    const sent = ouraWebhooks.deliveries().slice(deliveredBefore);
    expect(sent.map((delivery) => `${delivery.dataType}/${delivery.objectId}`).sort()).toEqual([...affected].sort());
    expect(sent.every((delivery) => delivery.eventType === 'update' && delivery.status === 200)).toBe(true);
    // The server fetched only the changed day: a targeted sync, not a poll of everything.
    const fetchedDays = control.requests('/oura/v2/usercollection').map((request) => request.query.start_date);
    expect(fetchedDays.length).toBeGreaterThan(0);
    expect(fetchedDays.every((fetched) => fetched === day)).toBe(true);
  });

  it('the late night arrives when the clock passes its hold, and a deletion follows, each without a poll', async () => {
    const { control, ouraWebhooks } = harness.simulator;
    const held = control.oura.heldNight();
    expect(held).not.toBeNull();
    expect(await stored('daily_sleep', held!)).toHaveLength(0);
    control.advanceClock(2 * 60_000);
    await until('the late night in the store', async () => ((await stored('daily_sleep', held!)).length === 1 ? true : undefined));
    expect(ouraWebhooks.deliveries().some((delivery) => delivery.eventType === 'create' && delivery.dataType === 'daily_sleep')).toBe(true);

    const [late] = await stored('daily_readiness', held!);
    const readiness = await until('the late readiness', async () => (await stored('daily_readiness', held!))[0] ?? late);
    expect(control.oura.deleteDocument('daily_readiness', readiness.id)).toBe(true);
    await until('the deletion in the store', async () => ((await stored('daily_readiness', held!)).length === 0 ? true : undefined));
    const deletes = ouraWebhooks.deliveries().filter((delivery) => delivery.eventType === 'delete');
    expect(deletes.map((delivery) => delivery.objectId)).toEqual([readiness.id]);
    expect(harness.simulator.scheduledWebhooks?.counts().dropped).toBe(0);
  });

  it('sends nothing for a scheduled change when the simulator was started without scheduled webhooks', async () => {
    let now = TEST_NOW.getTime();
    const plain = await startSimulator({ seed: 7, days: 20, futureDays: 2, now: () => new Date(now) });
    try {
      expect(plain.scheduledWebhooks).toBeUndefined();
      plain.ouraWebhooks.notify = () => {
        throw new Error('notified');
      };
      const day = plain.control.oura.documents('daily_sleep').at(-3)!.day as string;
      plain.control.oura.rescoreDay(day, { atMs: now + 1000 });
      now += 5000;
      plain.control.advanceClock(60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await plain.close();
    }
  });
});
