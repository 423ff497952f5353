/**
 * (f) The synthetic person's physiology and planted episodes, checked both on the ground truth
 * and through the Oura API; plus the data dynamics (late arrival, re-score, delete, day in progress).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticPerson, startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { addDays } from '../../src/simulator/time.js';
import { apiJson } from './support/oauth.js';

const NOW = new Date('2025-06-15T16:00:00Z');
const TOKEN = 'person-token';
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

interface Page {
  data: Array<Record<string, unknown>>;
  next_token: string | null;
}

describe.each([1, 2, 3])('ground truth of seed %i', (seed) => {
  const person = new SyntheticPerson({ seed, now: NOW });
  const history = person.history();
  const { sickWeek, trip, lateNightStreak, missingNights } = person.events;
  const inRange = (day: string, range: { start: string; end: string }): boolean => day >= range.start && day <= range.end;
  const baseline = history.filter((d) => d.day >= addDays(sickWeek.start, -35) && d.day < addDays(sickWeek.start, -5));
  const sick = history.filter((d) => inRange(d.day, sickWeek));

  it('has 400 days ending today, with the planted episodes inside', () => {
    expect(history).toHaveLength(400);
    expect(history[history.length - 1]?.day).toBe('2025-06-15');
    expect(sick).toHaveLength(7);
    expect(missingNights.length).toBeGreaterThanOrEqual(5);
  });

  it('sick week: higher resting HR, lower HRV, temperature up', () => {
    expect(mean(sick.map((d) => d.restingHrBpm))).toBeGreaterThan(mean(baseline.map((d) => d.restingHrBpm)) + 2);
    expect(mean(sick.map((d) => d.hrvMs))).toBeLessThan(mean(baseline.map((d) => d.hrvMs)) * 0.8);
    expect(mean(sick.map((d) => d.temperatureDeviationC))).toBeGreaterThan(mean(baseline.map((d) => d.temperatureDeviationC)) + 0.4);
  });

  it('HRV and resting HR move inversely', () => {
    expect(correlation(history.map((d) => d.hrvMs), history.map((d) => d.restingHrBpm))).toBeLessThan(-0.6);
  });

  it('late-night streak: bedtimes after 1am', () => {
    const streak = history.filter((d) => inRange(d.day, lateNightStreak));
    expect(streak).toHaveLength(5);
    for (const d of streak) {
      const bed = d.sleeps[0];
      const localMinutes = (((bed?.bedtimeStartMs ?? 0) / 60_000 + d.offsetMinutes) % 1440 + 1440) % 1440;
      expect(localMinutes).toBeGreaterThanOrEqual(60);
      expect(localMinutes).toBeLessThan(6 * 60);
    }
  });

  it('trip: a week at +01:00 between -05:00 days', () => {
    expect(trip.tripOffsetMinutes - trip.homeOffsetMinutes).toBe(360);
    for (const d of history) expect(d.offsetMinutes).toBe(inRange(d.day, trip) ? 60 : -300);
  });

  it('sleep stages add up, and the hypnogram matches them', () => {
    for (const d of history) {
      for (const s of d.sleeps) {
        expect(s.deepSeconds + s.lightSeconds + s.remSeconds).toBe(s.totalSleepSeconds);
        expect(s.totalSleepSeconds + s.awakeSeconds).toBe(s.timeInBedSeconds);
        expect(s.hypnogram5min).toHaveLength(Math.ceil(s.timeInBedSeconds / 300));
        expect(Math.abs((s.hypnogram5min.split('D').length - 1) * 300 - s.deepSeconds)).toBeLessThanOrEqual(600);
        expect(s.lowestHeartRateBpm).toBe(Math.min(...s.heartRate5min.filter((v): v is number => v !== null)));
      }
    }
  });
});

describe('through the Oura API', () => {
  let sim: StartedSimulator;
  const get = async (collection: string, query = '?start_date=2024-05-01&end_date=2025-06-20'): Promise<Array<Record<string, unknown>>> => {
    const out: Array<Record<string, unknown>> = [];
    let next: string | null = null;
    do {
      const url: string = `/v2/usercollection/${collection}${query}${next ? `&next_token=${encodeURIComponent(next)}` : ''}`;
      const page = (await apiJson<Page>(sim, url, TOKEN)).body;
      out.push(...page.data);
      next = page.next_token;
    } while (next);
    return out;
  };
  beforeAll(async () => {
    sim = await startSimulator({ seed: 4, now: () => NOW, pageSize: 500, personalAccessTokens: [TOKEN] });
  });
  afterAll(() => sim.close());

  it('missing nights have no sleep, daily_sleep or readiness documents, but do have activity', async () => {
    const missing = sim.person.events.missingNights;
    const sleepDays = new Set((await get('sleep')).filter((d) => d.type === 'long_sleep').map((d) => d.day));
    const dailySleepDays = new Set((await get('daily_sleep')).map((d) => d.day));
    const readinessDays = new Set((await get('daily_readiness')).map((d) => d.day));
    const activityDays = new Set((await get('daily_activity')).map((d) => d.day));
    for (const day of missing) {
      expect(sleepDays.has(day)).toBe(false);
      expect(dailySleepDays.has(day)).toBe(false);
      expect(readinessDays.has(day)).toBe(false);
      expect(activityDays.has(day)).toBe(true);
    }
    expect(sleepDays.has(addDays(missing[missing.length - 1] ?? '', -1))).toBe(true);
  });

  it('the trip shows in the offsets of timestamps; day is the local wake day', async () => {
    const { trip } = sim.person.events;
    const sleeps = (await get('sleep')).filter((d) => d.type === 'long_sleep');
    const during = sleeps.filter((d) => String(d.day) >= trip.start && String(d.day) <= trip.end);
    const before = sleeps.filter((d) => String(d.day) < trip.start);
    expect(during.length).toBeGreaterThanOrEqual(5);
    for (const d of during) expect(String(d.bedtime_end)).toMatch(/\+01:00$/);
    for (const d of before.slice(-5)) expect(String(d.bedtime_end)).toMatch(/-05:00$/);
    for (const d of sleeps) expect(String(d.bedtime_end).slice(0, 10)).toBe(d.day);
    const activity = (await get('daily_activity')).find((d) => d.day === addDays(trip.start, 2));
    expect(activity?.timestamp).toBe(`${addDays(trip.start, 2)}T04:00:00+01:00`);
  });

  it('sick week through the API: lower HRV, higher lowest HR, lower readiness and fever', async () => {
    const { sickWeek } = sim.person.events;
    const sleeps = (await get('sleep')).filter((d) => d.type === 'long_sleep');
    const inSick = (d: Record<string, unknown>): boolean => String(d.day) >= sickWeek.start && String(d.day) <= sickWeek.end;
    const base = (d: Record<string, unknown>): boolean => String(d.day) >= addDays(sickWeek.start, -35) && String(d.day) < addDays(sickWeek.start, -5);
    const avg = (docs: Array<Record<string, unknown>>, key: string): number => mean(docs.map((d) => Number(d[key])));
    expect(avg(sleeps.filter(inSick), 'average_hrv')).toBeLessThan(avg(sleeps.filter(base), 'average_hrv') * 0.85);
    expect(avg(sleeps.filter(inSick), 'lowest_heart_rate')).toBeGreaterThan(avg(sleeps.filter(base), 'lowest_heart_rate') + 2);
    const readiness = await get('daily_readiness');
    expect(avg(readiness.filter(inSick), 'score')).toBeLessThan(avg(readiness.filter(base), 'score') - 10);
    expect(avg(readiness.filter(inSick), 'temperature_deviation')).toBeGreaterThan(0.4);
    const rest = await get('rest_mode_period');
    expect(rest).toHaveLength(1);
    expect(String(rest[0]?.start_day) >= sickWeek.start && String(rest[0]?.end_day) <= sickWeek.end).toBe(true);
  });

  it('scores and contributors are in [1, 100] and none is stuck at an extreme', async () => {
    for (const collection of ['daily_sleep', 'daily_readiness', 'daily_activity']) {
      const docs = await get(collection);
      const keys = Object.keys((docs[0]?.contributors ?? {}) as object);
      for (const key of [...keys.map((k) => `contributors.${k}`), 'score']) {
        const values = docs.map((d) => Number(key === 'score' ? d.score : (d.contributors as Record<string, number>)[key.slice(13)]));
        expect(Math.min(...values), `${collection}.${key}`).toBeGreaterThanOrEqual(1);
        expect(Math.max(...values), `${collection}.${key}`).toBeLessThanOrEqual(100);
        expect(mean(values), `${collection}.${key}`).toBeGreaterThan(35);
        expect(new Set(values).size, `${collection}.${key}`).toBeGreaterThan(2);
      }
    }
  });

  it('poor sleep lowers the same-morning readiness', async () => {
    const sleepScore = new Map((await get('daily_sleep')).map((d) => [d.day, Number(d.score)]));
    const pairs = (await get('daily_readiness')).filter((d) => sleepScore.has(d.day));
    expect(correlation(pairs.map((d) => sleepScore.get(d.day) ?? 0), pairs.map((d) => Number(d.score)))).toBeGreaterThan(0.4);
  });

  it('the latest night arrives late: hidden until the clock passes the threshold', async () => {
    const held = sim.control.oura.heldNight();
    expect(held).toBe('2025-06-15');
    const query = `?start_date=2025-06-14&end_date=2025-06-16`;
    expect((await get('daily_sleep', query)).map((d) => d.day)).not.toContain(held);
    expect((await get('sleep', query)).map((d) => d.day)).not.toContain(held);
    sim.control.advanceClock(2 * 3_600_000 + 1000);
    expect((await get('daily_sleep', query)).map((d) => d.day)).toContain(held);
  });

  it('re-scores keep ids but change score, content and meta.version (also when scheduled)', async () => {
    const query = '?start_date=2025-06-05&end_date=2025-06-14';
    const [day] = (await get('daily_sleep', query)).map((d) => String(d.day));
    const before = (await get('daily_sleep', query)).find((d) => d.day === day);
    const sleepBefore = (await get('sleep', query)).find((d) => d.day === day && d.type === 'long_sleep');
    const at = sim.control.now().getTime() + 3_600_000;
    expect(sim.control.oura.rescoreDay(String(day), { atMs: at, scoreDelta: -9 })).toHaveLength(3);
    expect((await get('daily_sleep', query)).find((d) => d.day === day)).toEqual(before);
    sim.control.advanceClock(3_600_000);
    const after = (await get('daily_sleep', query)).find((d) => d.day === day);
    const sleepAfter = (await get('sleep', query)).find((d) => d.day === day && d.type === 'long_sleep');
    expect(after?.id).toBe(before?.id);
    expect(after?.score).not.toBe(before?.score);
    expect((after?.meta as { version: number }).version).toBe(2);
    expect(sleepAfter?.id).toBe(sleepBefore?.id);
    expect(sleepAfter?.total_sleep_duration).not.toBe(sleepBefore?.total_sleep_duration);
  });

  it('deleted documents disappear from lists and single routes', async () => {
    const [doc] = await get('workout', '?start_date=2025-06-01&end_date=2025-06-14');
    const id = String(doc?.id);
    expect((await apiJson(sim, `/v2/usercollection/workout/${id}`, TOKEN)).status).toBe(200);
    expect(sim.control.oura.deleteDocument('workout', id)).toBe(true);
    expect((await apiJson(sim, `/v2/usercollection/workout/${id}`, TOKEN)).status).toBe(404);
    expect((await get('workout')).map((d) => d.id)).not.toContain(id);
  });

  it("today's activity is in progress: same id, growing as the clock advances", async () => {
    const today = sim.control.now().toISOString().slice(0, 10);
    const query = `?start_date=${today}&end_date=${addDays(today, 1)}`;
    const first = (await get('daily_activity', query)).find((d) => d.day === today);
    expect(String(first?.class_5_min).length).toBeLessThan(288);
    sim.control.advanceClock(3 * 3_600_000);
    const later = (await get('daily_activity', query)).find((d) => d.day === today);
    expect(later?.id).toBe(first?.id);
    expect(String(later?.class_5_min).length).toBe(String(first?.class_5_min).length + 36);
    expect(Number(later?.total_calories)).toBeGreaterThan(Number(first?.total_calories));
    expect((later?.meta as { version: number }).version).toBeGreaterThan((first?.meta as { version: number }).version);
  });

  it('new nights appear as the clock advances into the future days', async () => {
    sim.control.advanceClock(2 * 86_400_000);
    const days = (await get('daily_sleep', '?start_date=2025-06-15&end_date=2025-06-18')).map((d) => d.day);
    expect(days).toContain('2025-06-16');
  });
});
