/** Scenario 6 over real HTTP: a trip across time zones; every local day appears once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/time/days.js';
import { idsOf, startScenario, type Scenario } from './support/scenario-harness.js';

const TODAY = '2025-06-15';
const FIRST = addDays(TODAY, -30);
const END = addDays(TODAY, 2);

let s: Scenario;
beforeAll(async () => {
  s = await startScenario({ historyDays: 30 });
  const report = await s.sync.sync();
  expect(report.results[0]?.status).toBe('ok');
});
afterAll(async () => s.close());

function truthOf(collection: string): Array<Record<string, unknown>> {
  return s.sim.control.oura.documents(collection as never);
}

function dayRange(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('a trip across time zones', () => {
  it('lies inside the synced history', () => {
    const trip = s.sim.person.events.trip;
    expect(trip.tripOffsetMinutes).not.toBe(trip.homeOffsetMinutes);
    expect(trip.start >= FIRST && trip.end < TODAY).toBe(true);
  });

  it('stores every local day of the daily collections exactly once, around and during the trip', async () => {
    const trip = s.sim.person.events.trip;
    for (const resource of ['daily_sleep', 'daily_readiness', 'daily_activity']) {
      const rows = await s.store.queryRecords({ provider: 'oura', resource, startDay: FIRST, endDay: addDays(TODAY, -1) });
      const days = rows.map((row) => row.day);
      expect(new Set(days).size, `${resource} has a doubled day`).toBe(days.length);
      const ids = await idsOf(s, resource, FIRST, END);
      expect(ids.stored, resource).toEqual(ids.truth);
      // Around and during the trip, a day is stored exactly when the simulator has it (the night
      // on the plane was not worn, so it has none): no dropped and no doubled night.
      const window = dayRange(addDays(trip.start, -1), addDays(trip.end, 1));
      const truthDays = new Set(truthOf(resource).map((doc) => doc.day));
      expect(window.filter((day) => days.includes(day))).toEqual(window.filter((day) => truthDays.has(day)));
      expect(window.filter((day) => days.includes(day)).length).toBeGreaterThanOrEqual(window.length - 1);
    }
  });

  it('keeps one main sleep per local night, with the offset of where it was slept', async () => {
    const trip = s.sim.person.events.trip;
    const sleeps = await s.store.queryRecords({ provider: 'oura', resource: 'sleep', startDay: FIRST, endDay: addDays(TODAY, -1) });
    const main = sleeps.filter((row) => (row.raw as { type?: string }).type === 'long_sleep');
    const days = main.map((row) => row.day);
    expect(new Set(days).size).toBe(days.length);
    const truthDays = truthOf('sleep')
      .filter((doc) => doc.type === 'long_sleep')
      .map((doc) => String(doc.day))
      .filter((day) => day >= FIRST && day < addDays(TODAY, -1));
    expect([...days].sort()).toEqual(truthDays.sort());
    expect(days.filter((day) => day !== null && day >= trip.start && day <= trip.end).length).toBeGreaterThanOrEqual(6);
    const midTrip = main.find((row) => row.day === addDays(trip.start, 2));
    const sign = trip.tripOffsetMinutes >= 0 ? '+' : '-';
    const minutes = Math.abs(trip.tripOffsetMinutes);
    const offset = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    expect(String((midTrip?.raw as { bedtime_end?: string }).bedtime_end)).toMatch(new RegExp(`${offset.replace('+', '\\+')}$`));
  });
});
