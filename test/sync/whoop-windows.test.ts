/**
 * WHOOP windows over real HTTP: a window that failed half-way stays missing (never reported as
 * synced) until a later call completes it, and every record lands on the user's local day from
 * its own `timezone_offset` — across a trip six time zones east — with one cycle per day.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildWhoopDailySummary } from '../../src/providers/whoop/tools/daily-summary.js';
import { startWhoopScenario, storedIds, truthIds, type WhoopScenario } from '../providers/whoop/support/whoop-scenario.js';
import { narrowRows } from '../../src/store/kind-rows.js';

let s: WhoopScenario;
afterEach(async () => s?.close());

const HOUR_MS = 3_600_000;

/** Local calendar date of an instant at a `±hh:mm`/`Z` offset, computed here independently of the provider. */
function localDate(instant: string, offset: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString().slice(0, 10);
}

describe('WHOOP partially synced window', () => {
  it('a sync that fails after the first page leaves the window missing and the cursor unset; the next call completes it', async () => {
    s = await startWhoopScenario({ historyDays: 30 });
    let sleepPages = 0;
    s.onAttempt = (event) => {
      if (event.url.includes('/v2/activity/sleep') && event.status === 200 && ++sleepPages === 1) {
        s.sim.control.failNext(4, { pathPrefix: '/whoop/developer/v2/activity/sleep' });
      }
    };
    const report = await s.sync.sync();
    expect(report.results[0]).toMatchObject({ status: 'partial', error: { code: 'UPSTREAM_ERROR' } });
    const window = { start: '2025-05-16T00:00:00.000Z', end: '2025-06-14T00:00:00.000Z' };
    expect(await s.store.missingWindows('whoop', 'sleep', window)).toEqual([window]);
    expect(await s.store.getCursor('whoop', 'sleep')).toBeNull();
    // The first page (the 25 newest sleeps) was fetched, but the window is one unit of work: nothing of it is stored.
    expect(sleepPages).toBeGreaterThanOrEqual(1);
    expect((await s.store.queryRecords({ provider: 'whoop', resource: 'sleep' })).length).toBe(0);
    expect(await s.store.missingWindows('whoop', 'cycle', window)).toEqual([]);

    s.onAttempt = null;
    s.sim.control.clearFaults();
    const covered = await s.sync.ensureCovered('whoop', 'sleep', window);
    expect(covered).toMatchObject({ missing: [window], unfetched: [] });
    expect(await s.store.missingWindows('whoop', 'sleep', window)).toEqual([]);
    const [from, to] = [Date.parse(window.start), Date.parse(window.end)];
    expect(await storedIds(s, 'sleep', from, to)).toEqual(truthIds(s, 'sleep', from, to));
  });
});

describe('WHOOP local days across a time-zone change', () => {
  it('days come from each record’s own offset (not UTC), and each local day has at most one cycle', async () => {
    s = await startWhoopScenario({ historyDays: 40 });
    await s.sync.sync();
    const trip = s.sim.person.events.trip;
    const rows = async (resource: string) => s.store.queryRecords({ provider: 'whoop', resource });
    const raw = (row: { raw: unknown }) => row.raw as { start: string; end?: string; timezone_offset: string };
    const offsets = new Set<string>();
    let utcDiffers = 0;
    for (const row of await rows('cycle')) {
      const { start, timezone_offset: offset } = raw(row);
      offsets.add(offset);
      expect(row.day, row.id).toBe(localDate(new Date(Date.parse(start) + 12 * HOUR_MS).toISOString(), offset));
      if (row.day !== start.slice(0, 10)) utcDiffers++;
    }
    for (const row of await rows('sleep')) {
      const { end, timezone_offset: offset } = raw(row);
      expect(row.day, row.id).toBe(localDate(end ?? '', offset));
    }
    for (const row of await rows('workout')) {
      const { start, timezone_offset: offset } = raw(row);
      expect(row.day, row.id).toBe(localDate(start, offset));
      if (row.day !== start.slice(0, 10)) utcDiffers++;
    }
    expect([...offsets].sort()).toEqual(['+01:00', '-05:00']);
    // Bedtimes before midnight UTC (trip nights at +01:00) start a cycle on the
    // previous UTC date: a UTC-day design would put those cycles on the wrong day.
    expect(utcDiffers).toBeGreaterThan(0);

    const cycles = await rows('cycle');
    const byDay = new Map<string, number>();
    for (const cycle of cycles) byDay.set(cycle.day ?? '', (byDay.get(cycle.day ?? '') ?? 0) + 1);
    expect([...byDay.values()].every((count) => count === 1)).toBe(true);
    // Every trip day has its cycle, on the trip's offset.
    for (let day = trip.start; day <= trip.end; day = new Date(Date.parse(`${day}T12:00:00Z`) + 24 * HOUR_MS).toISOString().slice(0, 10)) {
      expect(byDay.get(day), day).toBe(1);
    }
    const recoveries = await rows('recovery');
    for (const recovery of recoveries) expect(recovery.day).toBe(cycles.find((cycle) => cycle.id === recovery.id)?.day);

    // Daily summaries over the trip and a week either side: each cycle in exactly one summary,
    // joined with its own recovery and the night that started it.
    const all = {
      cycles: narrowRows('activity_day', cycles).rows,
      recoveries: narrowRows('daily_scores', recoveries).rows,
      sleeps: narrowRows('sleep_period', await rows('sleep')).rows,
      workouts: narrowRows('workout', await rows('workout')).rows,
    };
    const seen = new Map<string, string>();
    for (let day = '2025-05-14'; day <= '2025-06-03'; day = new Date(Date.parse(`${day}T12:00:00Z`) + 24 * HOUR_MS).toISOString().slice(0, 10)) {
      const summary = buildWhoopDailySummary(day, all);
      expect(summary.cycle, day).not.toBeNull();
      expect(seen.has(summary.cycle?.id ?? ''), `${day}: cycle ${summary.cycle?.id} also on ${seen.get(summary.cycle?.id ?? '')}`).toBe(false);
      seen.set(summary.cycle?.id ?? '', day);
      expect(summary.recovery?.id, day).toBe(summary.cycle?.id);
      expect(summary.sleep?.cycle_id, day).toBe(Number(summary.cycle?.id));
      expect(summary.sleep?.start, day).toBe(summary.cycle?.start);
      for (const workout of summary.workouts) expect(localDate(workout.start ?? '', workout.timezone_offset ?? '')).toBe(day);
    }
  });
});
