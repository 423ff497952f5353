/**
 * Insights on the simulator's synthetic person, synced over real HTTP into a SQLite file: the
 * planted sick week and late-night streak are found, every cited value is in the store, a trip
 * across time zones neither doubles nor drops a night, and 3 days of data are "too little".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDailyView, type CanonicalDay } from '../../src/analysis/daily-view.js';
import { startClockHours } from '../../src/analysis/extract.js';
import { computeInsights, type HealthInsights } from '../../src/analysis/insights.js';
import { daysOf } from '../../src/analysis/periods.js';
import { addDays } from '../../src/core/time/days.js';
import type { Scenario } from '../sync/support/scenario-harness.js';
import { SIM_TODAY, simulatedStore } from './support/simulated-store.js';

const RANGE = { startDay: addDays(SIM_TODAY, -99), endDay: SIM_TODAY };
const OURA_RESOURCES = ['sleep', 'daily_sleep', 'daily_readiness', 'daily_activity', 'daily_spo2', 'workout'];

let s: Scenario;
let days: CanonicalDay[];
let insights: HealthInsights;

beforeAll(async () => {
  s = await simulatedStore(100);
  days = await loadDailyView(s.store, RANGE);
  insights = computeInsights(days, RANGE, { maxAnomalies: 1000, maxEpisodeMetrics: 20 });
}, 60_000);
afterAll(async () => s?.close());

const within = (day: string, range: { start: string; end: string }): boolean => day >= range.start && day <= range.end;

/** Whether `value` is a number some stored record of `provider` on `day` really holds. */
async function inStore(provider: 'oura', day: string, metric: string, value: number): Promise<boolean> {
  for (const resource of OURA_RESOURCES) {
    for (const record of await s.store.queryRecords({ provider, resource, startDay: day, endDay: day })) {
      if (metric === 'bedtime_hours') {
        const hours = startClockHours(record);
        if (hours !== null && Math.abs(hours - value) < 0.006) return true;
        continue;
      }
      if (Object.values(record.data).some((field) => typeof field === 'number' && Math.abs(field - value) < 0.051)) return true;
    }
  }
  return false;
}

describe('insights on the synthetic person (100 days, Oura)', () => {
  it('flags the sick week: resting heart rate up and HRV down on its days, inside one episode', () => {
    const sick = s.sim.person.events.sickWeek;
    const during = insights.anomalies.filter((anomaly) => within(anomaly.day, sick));
    expect(during.some((anomaly) => anomaly.metric === 'resting_heart_rate_bpm' && anomaly.direction === 'high')).toBe(true);
    expect(during.some((anomaly) => anomaly.metric === 'average_hrv_ms' && anomaly.direction === 'low')).toBe(true);
    const episode = insights.episodes.find((candidate) => candidate.start <= sick.end && candidate.end >= sick.start);
    expect(episode, JSON.stringify(insights.episodes)).toBeDefined();
    const metrics = episode?.metrics.map((metric) => `${metric.metric}:${metric.direction}`) ?? [];
    expect(metrics).toEqual(expect.arrayContaining(['resting_heart_rate_bpm:high', 'average_hrv_ms:low', 'temperature_deviation_c:high']));
    // Outside the planted episodes, the heart is never judged off by this much.
    const late = s.sim.person.events.lateNightStreak;
    const trip = s.sim.person.events.trip;
    const heartElsewhere = insights.anomalies.filter(
      (anomaly) => anomaly.metric === 'resting_heart_rate_bpm' && !within(anomaly.day, sick) && !within(anomaly.day, trip) && !within(anomaly.day, late),
    );
    expect(heartElsewhere).toEqual([]);
  });

  it('flags the late-night streak: bedtimes hours later than baseline on most of its nights', () => {
    const streak = s.sim.person.events.lateNightStreak;
    const late = insights.anomalies.filter((anomaly) => anomaly.metric === 'bedtime_hours' && anomaly.direction === 'high' && within(anomaly.day, streak));
    expect(late.length).toBeGreaterThanOrEqual(3);
    for (const anomaly of late) expect(anomaly.value - anomaly.baseline).toBeGreaterThan(1.5);
    expect(insights.episodes.some((episode) => episode.start <= streak.end && episode.end >= streak.start && episode.metrics.some((metric) => metric.metric === 'bedtime_hours'))).toBe(true);
  });

  it('makes no false claim: every cited day and value is in the store, every baseline matches its values', async () => {
    expect(insights.anomalies.length).toBeGreaterThan(10);
    for (const anomaly of insights.anomalies) {
      expect(await inStore('oura', anomaly.day, anomaly.metric, anomaly.value), `${anomaly.metric} ${anomaly.value} on ${anomaly.day}`).toBe(true);
    }
    for (const episode of insights.episodes) {
      for (const metric of episode.metrics) expect(await inStore('oura', metric.peak_day, metric.metric, metric.peak_value)).toBe(true);
    }
    const hrv = insights.baselines.find((baseline) => baseline.metric === 'average_hrv_ms');
    const sleeps = await s.store.queryRecords({ provider: 'oura', resource: 'sleep', startDay: RANGE.startDay, endDay: RANGE.endDay });
    const nights = new Set(sleeps.filter((record) => Number(record.data.total_sleep_seconds) >= 3 * 3600).map((record) => record.day));
    expect(hrv?.n).toBe(nights.size);
  });

  it('reports the missing nights the simulator planted as sleep gaps', () => {
    const gaps = new Set(insights.gaps.no_sleep.flatMap((range) => {
      const [first, last] = range.split('..') as [string, string | undefined];
      return daysOf(first, last ?? first);
    }));
    const planted = s.sim.person.events.missingNights.filter((day) => day >= RANGE.startDay && day < SIM_TODAY);
    expect(planted.length).toBeGreaterThan(2);
    for (const day of planted) expect(gaps.has(day), day).toBe(true);
  });

  it('says "too little data" with 3 days instead of guessing', () => {
    const three = days.filter((day) => day.day > addDays(SIM_TODAY, -3));
    const answer = computeInsights(three, { startDay: addDays(SIM_TODAY, -29), endDay: SIM_TODAY });
    expect(answer.status).toBe('too_little_data');
    expect(answer.days_with_data).toBe(3);
    expect(answer.message).toMatch(/Too little data: 3 day/);
    expect([...answer.anomalies, ...answer.baselines, ...answer.correlations, ...answer.episodes]).toEqual([]);
  });

  it('keeps every night of a trip across time zones once, with its local bedtime', () => {
    const trip = s.sim.person.events.trip;
    for (const day of daysOf(addDays(trip.start, -2), addDays(trip.end, 2))) {
      const truth = s.sim.person.day(day)?.sleeps.find((sleep) => sleep.kind === 'main');
      const row = days.find((candidate) => candidate.day === day);
      const total = row?.metrics.total_sleep_seconds;
      if (!truth?.worn) {
        expect(total, `${day} was not worn`).toBeUndefined();
        continue;
      }
      expect(total?.headline.value, day).toBe(truth.totalSleepSeconds);
      expect(total?.values).toHaveLength(1);
      // Bedtime in the local time of where the night was slept (trip offset), not the home offset.
      const bedtime = row?.metrics.bedtime_hours?.headline.value ?? Number.NaN;
      const localHours = (((truth.bedtimeStartMs / 3_600_000 + truth.offsetMinutes / 60) % 24) + 24) % 24;
      expect(bedtime).toBeCloseTo(localHours >= 12 ? localHours - 24 : localHours, 2);
    }
    expect(days.filter((row) => within(row.day, trip) && row.metrics.total_sleep_seconds).length).toBeGreaterThanOrEqual(6);
  });
});
