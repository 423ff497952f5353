/**
 * A v1-model WHOOP webhook (recorded webhook_sleep_updated_v1_1.json: integer `id` 715846661)
 * targets the changed record: the sleep whose `v1_id` it names is located in the store and its
 * day refreshed, instead of the days around the delivery. The stored sleep is the recorded
 * sleep_by_id_1.json with `v1_id` set to 715846661 (recorded v2 records have v1_id null).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyWhoopDelivery } from '../../src/providers/whoop/webhooks/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createWebhookDispatcher } from '../../src/webhooks/dispatch.js';
import { hmacSha256 } from '../../src/providers/webhook-signatures.js';
import { describeShared, sharedPath } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { whoopHandler } from './whoop-routes.js';

const SECRET = 'replay-whoop-secret';
const NOW = new Date('2026-06-10T12:00:00Z');

describeShared('WHOOP v1 webhook with an integer id (recorded)', () => {
  let replay: ReplayApp;
  beforeAll(async () => {
    replay = await startReplayApp({ whoop: whoopHandler({ sleep: { v1_id: 715846661 } }) }, NOW);
    await replay.refresh('whoop', 'sleep', { start: '2026-05-20T00:00:00Z', end: '2026-06-01T00:00:00Z' });
  });
  afterAll(() => replay.close());

  it('the sleep named by its v1 id is refreshed on its own day (2026-05-28), not around the delivery (2026-06-10)', async () => {
    // The recorded body, byte for byte; signed now (the recorded signature's secret is unknown).
    const body = readFileSync(sharedPath('specs', 'recorded', ...REPLAYED.whoopDelivered[0].split('/')), 'utf8');
    const timestamp = String(NOW.getTime());
    const headers = new Headers({ 'x-whoop-signature': hmacSha256(SECRET, timestamp + body, 'base64'), 'x-whoop-signature-timestamp': timestamp });
    const outcome = verifyWhoopDelivery({ method: 'POST', url: new URL('http://127.0.0.1/webhooks/whoop'), headers, body }, { now: NOW.getTime(), toleranceMs: 300_000 }, SECRET);
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    const dispatcher = createWebhookDispatcher({ store: replay.app.store, sync: replay.app.sync, providers: replay.app.providers, logger: silentLogger(), now: () => NOW });
    const before = replay.servers.whoop?.requests.length ?? 0;
    const result = await dispatcher.dispatch('whoop', outcome.events);
    // Sleep 79433b0f ends 2026-05-28T12:10:53Z = 08:10 at -04:00: its day is the 28th.
    expect(result.refreshed).toEqual([{ resource: 'sleep', window: { start: '2026-05-27', end: '2026-05-30' } }]);
    const asked = (replay.servers.whoop?.requests ?? []).slice(before).filter((request) => request.path === '/v2/activity/sleep');
    expect(asked.map((request) => request.params.start?.slice(0, 10))).toEqual(['2026-05-26']);
  });
});
