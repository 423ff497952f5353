/**
 * WHOOP sync scenarios over real HTTP (simulator + WHOOP provider + SQLite file + engine): the
 * first sync equals the simulator, a repeat is silent, late scores, re-scores and deletions of
 * records that started days ago are picked up (WHOOP lists by start, so a MAX(updated_at) cursor
 * — the seed's design — never sees them), snapshots with identical payloads create no event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { allEvents } from './support/engine-harness.js';
import { fetchedRecords } from '../providers/whoop/support/fetch.js';
import { startWhoopScenario, storedIds, truthIds, type WhoopScenario } from '../providers/whoop/support/whoop-scenario.js';

const NOW = Date.parse('2025-06-15T12:00:00.000Z');
const RESOURCES = ['cycle', 'recovery', 'sleep', 'workout'] as const;

let s: WhoopScenario;
afterEach(async () => s?.close());

describe('WHOOP incremental sync', () => {
  it('the first sync stores exactly what WHOOP serves for the history window; a repeat run changes nothing', async () => {
    s = await startWhoopScenario({ historyDays: 30 });
    const first = await s.sync.sync();
    expect(first.results[0]?.status).toBe('ok');
    // A record is stored when it started inside the window (the first day starts at 00:00Z, 30 days back).
    const from = Date.parse('2025-05-16T00:00:00.000Z');
    for (const resource of RESOURCES) {
      const stored = await storedIds(s, resource, from, NOW);
      expect(stored.length, resource).toBeGreaterThan(resource === 'workout' ? 5 : 25);
      expect(stored, resource).toEqual(truthIds(s, resource, from, NOW));
    }
    const events = (await allEvents(s.store)).length;
    const second = await s.sync.sync();
    const counts = second.results[0]?.counts ?? {};
    for (const resource of [...RESOURCES, 'profile', 'body_measurement']) {
      expect(counts[resource], resource).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect((await allEvents(s.store)).length).toBe(events);
  });

  it('profile and body measurement: an identical payload is unchanged and creates no event', async () => {
    s = await startWhoopScenario({ historyDays: 3 });
    await s.sync.sync({ resources: ['profile', 'body_measurement'] });
    const before = await allEvents(s.store);
    expect(before.map((event) => `${event.change} ${event.resource}`).sort()).toEqual(['created body_measurement', 'created profile']);
    s.sim.control.advanceClock(6 * 3_600_000);
    const again = await s.sync.sync({ resources: ['profile', 'body_measurement'] });
    expect(again.results[0]?.counts).toMatchObject({ profile: { unchanged: 1, updated: 0 }, body_measurement: { unchanged: 1, updated: 0 } });
    expect(await allEvents(s.store)).toHaveLength(before.length);
  });

  it('late scores: last night is stored PENDING_SCORE with null scores, then updated to SCORED by the next sync', async () => {
    s = await startWhoopScenario({ historyDays: 10 });
    const day = s.sim.control.whoop.heldNight() as string;
    const cycleId = String(s.sim.control.whoop.cycleIdOf(day));
    await s.sync.sync();
    const pending = await s.store.getRecord('whoop', 'recovery', cycleId);
    expect(pending?.data).toMatchObject({ score_state: 'PENDING_SCORE', recovery_score: null, average_hrv_ms: null });

    s.sim.control.advanceClock(3 * 3_600_000); // the strap uploads; WHOOP scores the night
    const before = (await allEvents(s.store)).length;
    await s.sync.sync();
    const scored = await s.store.getRecord('whoop', 'recovery', cycleId);
    expect(scored?.data).toMatchObject({ score_state: 'SCORED', recovery_score: expect.any(Number), average_hrv_ms: expect.any(Number) });
    const changes = (await allEvents(s.store)).slice(before).map((event) => `${event.change} ${event.resource}/${event.id}`);
    expect(changes).toContain(`updated recovery/${cycleId}`);
    expect(changes.filter((change) => change.startsWith('updated sleep/'))).toHaveLength(1);
  });

  it('a record re-scored days after it started is picked up (a MAX(updated_at) cursor would miss it)', async () => {
    s = await startWhoopScenario({ historyDays: 30 });
    await s.sync.sync();
    const day = '2025-06-10';
    const cycleId = String(s.sim.control.whoop.cycleIdOf(day));
    const sleepBefore = (await s.store.queryRecords({ provider: 'whoop', resource: 'sleep', startDay: day, endDay: day })).find((row) => row.data.nap === false);
    expect(sleepBefore).toBeDefined();
    const seedCursor = (await s.store.queryRecords({ provider: 'whoop', resource: 'sleep' })).map((row) => row.updatedAt ?? '').sort().pop() as string;

    s.sim.control.advanceClock(3_600_000);
    const keys = s.sim.control.whoop.rescoreNight(day);
    expect(keys).toHaveLength(3);

    // The seed's design: list sleeps from MAX(updated_at). WHOOP filters by start, so the
    // re-scored sleep (started five days ago) is not in that answer.
    const seedView = await fetchedRecords(s, 'sleep', { start: seedCursor, end: s.sim.control.now().toISOString() });
    expect(seedView.map((record) => record.id)).not.toContain(sleepBefore?.id);

    const before = (await allEvents(s.store)).length;
    await s.sync.sync();
    const sleepAfter = await s.store.getRecord('whoop', 'sleep', sleepBefore?.id ?? '');
    const served = s.sim.control.whoop.records('sleep').find((record) => record.id === sleepBefore?.id);
    expect(sleepAfter?.updatedAt).toBe(served?.updated_at);
    expect(sleepAfter?.data.light_sleep_seconds).not.toBe(sleepBefore?.data.light_sleep_seconds);
    expect(sleepAfter?.data.light_sleep_seconds).toBeCloseTo(Number((served?.score as { stage_summary: { total_light_sleep_time_milli: number } }).stage_summary.total_light_sleep_time_milli) / 1000, 0);
    const changes = (await allEvents(s.store)).slice(before).map((event) => `${event.change} ${event.resource}/${event.id}`);
    const ongoing = s.sim.control.whoop.records('cycle').find((cycle) => cycle.end === undefined);
    // Besides the three re-scored records only the ongoing cycle changed (it is re-scored hourly).
    expect(changes.filter((change) => change !== `updated cycle/${ongoing?.id}`).sort()).toEqual(keys.map((key) => `updated ${key}`).sort());
    expect((await s.store.getRecord('whoop', 'cycle', cycleId))?.updatedAt).toBe(s.sim.control.now().toISOString());
  });

  it('a workout deleted a week after it started is deleted locally, with one deleted event', async () => {
    s = await startWhoopScenario({ historyDays: 30 });
    await s.sync.sync();
    const recent = (await s.store.queryRecords({ provider: 'whoop', resource: 'workout', startDay: '2025-06-08' }))[0];
    expect(recent).toBeDefined();
    expect(s.sim.control.whoop.deleteRecord('workout', recent?.id ?? '')).toBe(true);
    const before = (await allEvents(s.store)).length;
    const report = await s.sync.sync();
    expect(report.results[0]?.counts.workout).toMatchObject({ deleted: 1, created: 0, updated: 0 });
    expect(await s.store.getRecord('whoop', 'workout', recent?.id ?? '')).toBeNull();
    expect((await allEvents(s.store)).slice(before).map((event) => `${event.change} ${event.id}`)).toEqual([`deleted ${recent?.id}`]);
  });

  it('a re-score older than the 7-day overlap needs a full sync', async () => {
    s = await startWhoopScenario({ historyDays: 30 });
    await s.sync.sync();
    s.sim.control.advanceClock(60_000);
    s.sim.control.whoop.rescoreNight('2025-05-20');
    expect((await s.sync.sync()).results[0]?.counts.sleep?.updated).toBe(0);
    const full = await s.sync.sync({ full: true });
    expect(full.results[0]?.counts.sleep?.updated).toBe(1);
    expect(full.results[0]?.counts.recovery?.updated).toBe(1);
  });
});

