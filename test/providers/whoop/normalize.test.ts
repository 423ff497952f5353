/** The pure WHOOP normalize step on the spec's documented records: flat model, units, local days, score states. */
import { expect, it } from 'vitest';
import { describeShared } from '../../support/shared.js';
import { normalizeWhoopDocument } from '../../../src/providers/whoop/normalize.js';
import { specExample } from './spec-examples.js';
import { dataOf } from '../../../src/core/records/record-build.js';

const normalize = (resource: string, raw: unknown, cycles?: Map<number, { start: string; timezone_offset: string }>) =>
  normalizeWhoopDocument(resource, raw, cycles ? { cycles } : {});

describeShared('WHOOP normalize (spec examples)', () => {
  it('cycle: score lifted, kJ → kcal, heart-rate keys renamed, integer id as string, updatedAt from updated_at', () => {
    const { record, valid } = normalize('cycle', specExample('Cycle'));
    expect(valid).toBe(true);
    expect(record).toMatchObject({ provider: 'whoop', resource: 'cycle', id: '93845', updatedAt: '2022-04-24T14:25:44.774Z', tzOffset: '-05:00' });
    // 8288.297 kJ × 0.239006 = 1980.96 kcal.
    expect(record.data).toEqual({ cycle_id: 93845, score_state: 'SCORED', ongoing: false, strain: 5.3, avg_hr_bpm: 68, max_hr_bpm: 141, calories: 1981 });
    // Starts 2022-04-24T02:25Z = 21:25 on the 23rd at −05:00: that night's cycle is the 24th's.
    expect(record.day).toBe('2022-04-24');
  });

  it('sleep: named stages in seconds with one decimal, total sleep = light + REM + deep, day = local wake-up date', () => {
    const { record } = normalize('sleep', specExample('Sleep'));
    expect(record.id).toBe('ecfc6a15-4661-442f-a9a4-f160dd7afae8');
    expect(record.data).toMatchObject({
      cycle_id: 93845,
      nap: false,
      score_state: 'SCORED',
      in_bed_seconds: 30272.7,
      light_sleep_seconds: 14905.9,
      deep_sleep_seconds: 6630.4,
      rem_sleep_seconds: 5879.6,
      awake_seconds: 1403.5,
      total_sleep_seconds: 27415.9,
      sleep_performance_pct: 98,
      respiratory_rate: 16.1,
      sleep_cycle_count: 3,
      disturbance_count: 12,
    });
    // Ends 10:25Z = 05:25 at −05:00 on the 24th.
    expect(record.day).toBe('2022-04-24');
    expect(record.data).not.toHaveProperty('user_id');
  });

  it('recovery: keyed by cycle, HRV under the seed name and the canonical name, day from its cycle', () => {
    const cycles = new Map([[93845, { start: '2022-04-24T02:25:44.774Z', timezone_offset: '-05:00' }]]);
    const { record } = normalize('recovery', specExample('Recovery'), cycles);
    expect(record).toMatchObject({ id: '93845', day: '2022-04-24', start: '2022-04-24T02:25:44.774Z', tzOffset: '-05:00' });
    expect(record.data).toEqual({
      cycle_id: 93845,
      sleep_id: '123e4567-e89b-12d3-a456-426614174000',
      score_state: 'SCORED',
      recovery_score: 44,
      resting_heart_rate_bpm: 64,
      hrv_rmssd_ms: 31.8,
      average_hrv_ms: 31.8,
      spo2_pct: 95.7,
      skin_temp_c: 33.7,
      user_calibrating: false,
    });
  });

  it('workout: zone durations in seconds, kcal, distance; day = local start date', () => {
    const { record } = normalize('workout', specExample('WorkoutV2'));
    expect(record.data).toMatchObject({
      sport_name: 'running',
      strain: 8.25,
      avg_hr_bpm: 123,
      max_hr_bpm: 146,
      calories: 375,
      distance_meter: 1772.8,
      zone_durations_seconds: { zone_zero: 300, zone_one: 600, zone_two: 900, zone_three: 900, zone_four: 600, zone_five: 300 },
    });
    // Starts 02:25Z = 21:25 on the 23rd at −05:00: the user's day is the 23rd, not the UTC 24th.
    expect(record.day).toBe('2022-04-23');
  });

  it.each([
    ['cycle', 'Cycle', ['strain', 'avg_hr_bpm', 'max_hr_bpm', 'calories']],
    ['sleep', 'Sleep', ['in_bed_seconds', 'total_sleep_seconds', 'sleep_performance_pct', 'respiratory_rate']],
    ['workout', 'WorkoutV2', ['strain', 'calories', 'zone_durations_seconds']],
  ] as const)('%s: when not SCORED every derived field is null and score_state says why', (resource, schema, fields) => {
    const raw: Record<string, unknown> = { ...specExample(schema), score_state: 'PENDING_SCORE' };
    delete raw.score;
    const { record, valid } = normalize(resource, raw);
    expect(valid).toBe(true);
    const data: Record<string, unknown> = record.data;
    expect(data.score_state).toBe('PENDING_SCORE');
    for (const field of fields) expect(data[field], field).toBeNull();
    // A stale score next to a non-SCORED state is ignored too.
    const stale = normalize(resource, { ...specExample(schema), score_state: 'UNSCORABLE' }).record;
    const staleData: Record<string, unknown> = stale.data;
    for (const field of fields) expect(staleData[field], field).toBeNull();
  });

  it('the ongoing cycle (no end) is marked ongoing and keeps its day', () => {
    const raw = specExample('Cycle');
    delete raw.end;
    const { record } = normalize('cycle', raw);
    expect(record).toMatchObject({ end: null, day: '2022-04-24' });
    expect(dataOf(record, 'activity_day').ongoing).toBe(true);
  });

  it('snapshots: profile without the user id, body measurement in SI units', () => {
    const profile = normalize('profile', specExample('UserBasicProfile')).record;
    expect(profile).toMatchObject({ id: 'profile', day: null });
    expect(profile.data).toEqual({ first_name: 'John', last_name: 'Smith', email: 'jsmith123@whoop.com' });
    const body = normalize('body_measurement', specExample('UserBodyMeasurement')).record;
    expect(body.data).toEqual({ height_m: 1.8288, weight_kg: 90.7185, max_heart_rate_bpm: 200 });
  });

  it('a record that breaks its schema is kept (raw + readable fields), flagged, never thrown', () => {
    const broken = { ...specExample('Sleep'), nap: 'sometimes' };
    const { record, valid } = normalize('sleep', broken);
    expect(valid).toBe(false);
    expect(record.id).toBe('ecfc6a15-4661-442f-a9a4-f160dd7afae8');
    expect(record.data.schema_mismatch_fields).toEqual(['nap']);
    expect(record.raw).toBe(broken);
    const hopeless = normalize('cycle', { nothing: true });
    expect(hopeless.valid).toBe(false);
    expect(hopeless.record.id).toMatch(/^sha256:/);
  });
});
