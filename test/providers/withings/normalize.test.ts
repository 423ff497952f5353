/**
 * The pure Withings normalizers on payloads shaped like the per-tag spec objects (their example
 * values): canonical names shared with Oura/WHOOP, units, and the local day from `timezone`.
 */
import { describe, expect, it } from 'vitest';
import { normalizeActivity, normalizeIntraday, normalizeWorkout } from '../../../src/providers/withings/normalize-activity.js';
import { normalizeSleepSegment, normalizeSleepSummary } from '../../../src/providers/withings/normalize-sleep.js';
import { normalizeDevice, normalizeGoals, normalizeHeartRecord, normalizeStethoRecord } from '../../../src/providers/withings/normalize-user.js';
import { classifyEnvelope, unwrapEnvelope } from '../../../src/providers/withings/envelope.js';

describe('Withings normalizers', () => {
  it('activity_object (spec example values) → canonical daily activity', () => {
    const record = normalizeActivity({
      date: '2020-06-24', timezone: 'Europe/Paris', deviceid: 'x', brand: 18, is_tracker: true, modified: 1594257200, model: 'Pulse HR', modelid: 59,
      steps: 6200, distance: 3000, elevation: 100, soft: 800, moderate: 1000, intense: 700, active: 2300, calories: 1200, totalcalories: 3500,
      hr_average: 80, hr_min: 70, hr_max: 80, hr_zone_0: 100, hr_zone_1: 200, hr_zone_2: 300, hr_zone_3: 400,
    })!;
    expect(record).toMatchObject({ resource: 'activity', id: '2020-06-24', day: '2020-06-24', tzOffset: '+02:00', updatedAt: '2020-07-09T01:13:20.000Z' });
    expect(record.data).toMatchObject({ steps: 6200, distance_m: 3000, floors_climbed: 100, active_calories: 1200, total_calories: 3500, moderate_activity_seconds: 1000, intense_activity_seconds: 700, hr_zone_max_seconds: 400 });
  });

  it('sleep_summary_object → canonical sleep; efficiency ratio becomes percent; day is the wake day', () => {
    const record = normalizeSleepSummary({
      id: 12345, timezone: 'America/Los_Angeles', model: 32, model_id: 63, startdate: 1594245600, enddate: 1594257200, date: '2020-07-08',
      data: { total_timeinbed: 30000, total_sleep_time: 27000, lightsleepduration: 15000, deepsleepduration: 6000, remsleepduration: 6000, wakeupduration: 3000, sleep_efficiency: 0.9, sleep_score: 81, snoring: 420, apnea_hypopnea_index: 3, hr_average: 55, rr_average: 14 },
    })!;
    expect(record).toMatchObject({ id: '12345', day: '2020-07-08', start: '2020-07-08T15:00:00-07:00', end: '2020-07-08T18:13:20-07:00', tzOffset: '-07:00' });
    expect(record.data).toMatchObject({ total_sleep_seconds: 27000, deep_sleep_seconds: 6000, light_sleep_seconds: 15000, rem_sleep_seconds: 6000, awake_seconds: 3000, efficiency_pct: 90, sleep_score: 81, snoring_seconds: 420, apnea_hypopnea_index: 3, average_heart_rate_bpm: 55, respiratory_rate: 14, source_kind: 'sleep_monitor' });
  });

  it('sleep segment → stage with mean HR/RR and snoring seconds', () => {
    const record = normalizeSleepSegment({ startdate: 1594159200, enddate: 1594159800, state: 2, model: 'Aura Sensor V2', hr: { '1594159200': 50, '1594159500': 54 }, rr: { '1594159200': 13 }, snoring: { '1594159200': 30, '1594159500': 45 } }, 'UTC')!;
    expect(record.data).toMatchObject({ stage: 'deep', duration_seconds: 600, heart_rate_bpm: 52, respiratory_rate: 13, snoring_seconds: 75 });
  });

  it('workout_object → activity name from the category table, manual values win, zones in seconds', () => {
    const record = normalizeWorkout({ id: 7, category: 2, timezone: 'Europe/Paris', model: 59, attrib: 2, startdate: 1594245600, enddate: 1594249200, date: '2020-07-09', modified: 1594257200, data: { calories: 300, manual_calories: 350, distance: 9000, hr_average: 150, hr_zone_3: 120 } })!;
    expect(record.data).toMatchObject({ activity: 'run', duration_seconds: 3600, active_calories: 350, distance_m: 9000, average_heart_rate_bpm: 150, hr_zone_max_seconds: 120, manual: true });
    expect(record.day).toBe('2020-07-09');
  });

  it('intraday series → samples of one field, sorted, in ms', () => {
    const { samples } = normalizeIntraday({ '1594159260': { steps: 12, heart_rate: 80 }, '1594159200': { heart_rate: 78 } }, 'heart_rate');
    expect(samples).toEqual([
      { provider: 'withings', series: 'heart_rate', ts: 1594159200000, value: 78, source: null },
      { provider: 'withings', series: 'heart_rate', ts: 1594159260000, value: 80, source: null },
    ]);
  });

  it('heart and stetho lists, devices and goals', () => {
    expect(normalizeHeartRecord({ deviceid: 'd', model: 44, ecg: { signalid: 48, afib: 1 }, bloodpressure: { diastole: 80, systole: 120 }, heart_rate: 82, timestamp: 1594159644 })!.data).toMatchObject({ signal_id: 48, classification: 'positive', heart_rate_bpm: 82, systolic_mmhg: 120 });
    expect(normalizeStethoRecord({ signalid: 1, vhd: 0, timestamp: 1594159644, timezone: 'Europe/Paris' })!).toMatchObject({ id: '1', day: '2020-07-08', tzOffset: '+02:00' });
    expect(normalizeDevice({ type: 'Scale', model: 'Body Cardio', model_id: 6, battery: 'medium', hash_deviceid: 'h', last_session_date: 1594159644 })!.data).toMatchObject({ type: 'Scale', battery: 'medium', last_session: '2020-07-07T22:07:24.000Z' });
    expect(normalizeGoals({ steps: 10000, sleep: 28800, weight: { value: 70500, unit: -3 } })!.data).toEqual({ steps_goal: 10000, sleep_goal_seconds: 28800, weight_goal_kg: 70.5 });
  });

  it('envelopes: 401-style statuses refresh, 601 backs off, the body is unwrapped, other statuses become typed errors', () => {
    expect([401, 100, 101, 102, 200].map((status) => classifyEnvelope({ status, body: {} }))).toEqual(Array(5).fill('unauthorized'));
    expect(classifyEnvelope({ status: 601 })).toBe('rate_limited');
    expect(classifyEnvelope({ status: 0, body: {} })).toBeUndefined();
    expect(unwrapEnvelope({ status: 0, body: { a: 1 } }, 'x')).toEqual({ a: 1 });
    expect(() => unwrapEnvelope({ status: 247, body: {} }, 'x')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => unwrapEnvelope({ status: 2554 }, 'x')).toThrow(expect.objectContaining({ code: 'UPSTREAM_ERROR' }));
    expect(() => unwrapEnvelope({ nope: true }, 'x')).toThrow(expect.objectContaining({ code: 'UPSTREAM_ERROR' }));
  });
});
