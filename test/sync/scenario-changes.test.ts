/** Scenarios 2 and 3 over real HTTP: a late night, a re-scored day, a deleted document. */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/days.js';
import { allEvents } from './support/engine-harness.js';
import { idsOf, startScenario, type Scenario } from './support/scenario-harness.js';

const TODAY = '2025-06-15';
const FIRST = addDays(TODAY, -30);
const END = addDays(TODAY, 2);

let s: Scenario;
afterEach(async () => s.close());

async function sleepDays(resource: string): Promise<string[]> {
  const rows = await s.store.queryRecords({ provider: 'oura', resource, startDay: addDays(TODAY, -3) });
  return rows.map((row) => row.day ?? '');
}

describe('late arrival of last night', () => {
  it('is absent after the first sync and picked up by the next incremental sync once the app is opened', async () => {
    s = await startScenario({ historyDays: 30 });
    const held = s.sim.control.oura.heldNight();
    expect(held).not.toBeNull();
    await s.sync.sync();
    expect(await sleepDays('daily_sleep')).not.toContain(held);

    s.sim.control.advanceClock(3 * 3_600_000); // the user opens the Oura app; the night uploads
    const report = await s.sync.sync();
    // The held night, and this morning's night that ended meanwhile (home is UTC−5).
    expect(report.results[0]?.counts.daily_sleep).toMatchObject({ created: 2, deleted: 0 });
    expect(await sleepDays('daily_sleep')).toContain(held);
    for (const resource of ['sleep', 'daily_sleep', 'daily_readiness']) {
      const ids = await idsOf(s, resource, FIRST, END);
      expect(ids.stored, resource).toEqual(ids.truth);
    }
  });

  it('the late night heart rate is caught when the series overlap reaches back as far as the sleep overlap', async () => {
    // Oura uploads a night's in-bed heart rate together with the night, so it is as late as the
    // sleep documents. With the declared 1-day heart-rate overlap a night that ended a day before
    // the last sync loses most of its samples; declaring 7 days (like sleep) catches them all.
    s = await startScenario({ historyDays: 30, overlapDays: { heartrate: 7 } });
    const held = s.sim.control.oura.heldNight() as string;
    const night = s.sim.person.day(held)?.sleeps.find((sleep) => sleep.kind === 'main');
    expect(night).toBeDefined();
    const [start, end] = [night?.bedtimeStartMs ?? 0, night?.bedtimeEndMs ?? 0];
    const restSamples = async () =>
      (await s.store.querySamples({ provider: 'oura', series: 'heart_rate', start, end })).filter((sample) => sample.source === 'rest').length;
    await s.sync.sync();
    expect(await restSamples()).toBe(0);
    s.sim.control.advanceClock(3 * 3_600_000);
    await s.sync.sync();
    const truthRest = s.sim.person.heartRate(start, end - 1).filter((sample) => sample.source === 'rest').length;
    expect(truthRest).toBeGreaterThan(50);
    expect(await restSamples()).toBe(truthRest);
  });

  it('ensureCovered picks last night up on the first check after the freshness window, though a sync already ran today', async () => {
    s = await startScenario({ historyDays: 30 });
    const held = s.sim.control.oura.heldNight() as string;
    await s.sync.sync();
    s.sim.control.oura.releaseLateSleep();
    const window = { start: addDays(held, -3), end: addDays(held, 1) };
    s.sim.control.clearRequests();
    // Within the freshness window of the sync's check: no request, the night is not there yet.
    expect(await s.sync.ensureCovered('oura', 'sleep', window)).toMatchObject({ missing: [], unfetched: [] });
    expect(s.sim.control.requests()).toEqual([]);
    expect(await sleepDays('sleep')).not.toContain(held);
    s.sim.control.advanceClock(6 * 60_000);
    const result = await s.sync.ensureCovered('oura', 'sleep', window);
    expect(result).toMatchObject({ missing: [], backgroundRefresh: true });
    await s.sync.idle();
    expect(s.sim.control.requests().map((request) => request.path)).toEqual([expect.stringContaining('/usercollection/sleep')]);
    expect(await sleepDays('sleep')).toContain(held);
  });
});

describe('re-scored and deleted documents', () => {
  it('a re-score inside the overlap window is one update event per document; a deletion is one deleted event', async () => {
    s = await startScenario({ historyDays: 30 });
    await s.sync.sync();
    const before = (await allEvents(s.store)).length;
    const rescored = s.sim.control.oura.rescoreDay(addDays(TODAY, -3));
    expect(rescored.length).toBeGreaterThanOrEqual(2);
    const workout = (await s.store.queryRecords({ provider: 'oura', resource: 'workout', startDay: addDays(TODAY, -6) }))[0];
    expect(workout).toBeDefined();
    expect(s.sim.control.oura.deleteDocument('workout', workout?.id ?? '')).toBe(true);

    const report = await s.sync.sync();
    const counts = report.results[0]?.counts ?? {};
    const events = (await allEvents(s.store)).slice(before);
    expect(events.map((event) => `${event.change} ${event.resource}/${event.id}`).sort()).toEqual(
      [...rescored.map((key) => `updated ${key}`), `deleted workout/${workout?.id}`].sort(),
    );
    for (const key of rescored) {
      const resource = key.split('/')[0] ?? '';
      expect(counts[resource]?.updated, resource).toBe(rescored.filter((other) => other.startsWith(`${resource}/`)).length);
    }
    expect(counts.workout).toMatchObject({ deleted: 1, created: 0, updated: 0 });
    expect(await s.store.getRecord('oura', 'workout', workout?.id ?? '')).toBeNull();
  });

  it('a re-score older than the overlap is not seen by incremental sync, but a full sync catches it', async () => {
    s = await startScenario({ historyDays: 30 });
    await s.sync.sync();
    const rescored = s.sim.control.oura.rescoreDay(addDays(TODAY, -20));
    const incremental = await s.sync.sync();
    expect(incremental.results[0]?.counts.daily_sleep?.updated).toBe(0);
    const full = await s.sync.sync({ full: true });
    const updated = Object.values(full.results[0]?.counts ?? {}).reduce((sum, counts) => sum + counts.updated, 0);
    expect(updated).toBe(rescored.length);
  });
});
