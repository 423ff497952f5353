/**
 * Every recorded real Oura response normalizes into the canonical fields; expected values are
 * computed by hand from the fixture files.
 */
import { expect, it } from 'vitest';
import { describeShared } from '../../support/shared.js';
import { normalizeOuraDocument, normalizeOuraHeartRate, OURA_DOCUMENT_RESOURCES } from '../../../src/providers/oura/normalize.js';
import { OURA_RESOURCES } from '../../../src/providers/oura/resources.js';
import { firstDocument, recorded, recordedExample } from './fixtures.js';
import { dataOf } from '../../../src/core/records/record-build.js';

function normalize(resource: string, fixture: string = resource) {
  const outcome = normalizeOuraDocument(resource, firstDocument(fixture));
  expect(outcome.valid).toBe(true);
  return outcome.record;
}

describeShared('Oura normalize: recorded responses', () => {
  it('sleep: stage durations, vitals, bedtime span with its offset; 5-minute arrays stay in raw only', () => {
    const record = normalize('sleep');
    expect(record).toMatchObject({
      provider: 'oura',
      resource: 'sleep',
      id: '96e7772a-64a7-4342-9c5f-3e5ed9e64d6d',
      day: '2024-10-10',
      start: '2024-10-10T01:01:59+02:00',
      end: '2024-10-10T09:04:12+02:00',
      tzOffset: '+02:00',
      updatedAt: null,
    });
    expect(record.data).toMatchObject({
      sleep_type: 'long_sleep',
      total_sleep_seconds: 23_220,
      deep_sleep_seconds: 3060,
      rem_sleep_seconds: 3000,
      light_sleep_seconds: 17_160,
      awake_seconds: 5713,
      time_in_bed_seconds: 28_933,
      efficiency_pct: 80,
      latency_seconds: 930,
      average_hrv_ms: 38,
      lowest_heart_rate_bpm: 60,
      average_heart_rate_bpm: 71.25,
      average_breath_per_min: 14.5,
      readiness_score: 71,
      temperature_deviation_c: -0.05,
    });
    // The stages add up to the total, as in the recording.
    const data = record.data as Record<string, number>;
    expect(data.deep_sleep_seconds! + data.rem_sleep_seconds! + data.light_sleep_seconds!).toBe(data.total_sleep_seconds);
    const json = JSON.stringify(record.data);
    for (const big of ['heart_rate', 'hrv', 'sleep_phase_5_min', 'movement_30_sec']) expect(record.data).not.toHaveProperty(big);
    expect(json.length).toBeLessThan(1200);
    expect((record.raw as { hrv: { items: unknown[] } }).hrv.items).toHaveLength(96);
  });

  it('daily_sleep (recorded with an out-of-range start date): score and flattened contributors', () => {
    const record = normalize('daily_sleep', 'daily_sleep_invalid_arguments');
    expect(record).toMatchObject({ id: '8d77bb80-f680-447b-9330-770c8a527d7c', day: '2018-10-10', tzOffset: '+02:00', start: null });
    expect(record.data).toEqual({
      score: 75,
      contributor_deep_sleep: 45,
      contributor_efficiency: 98,
      contributor_latency: 99,
      contributor_rem_sleep: 95,
      contributor_restfulness: 66,
      contributor_timing: 58,
      contributor_total_sleep: 74,
    });
  });

  it('daily_activity: steps, calories, activity seconds; minute MET array stays in raw', () => {
    const record = normalize('daily_activity');
    expect(record).toMatchObject({ id: '3e8de08b-9fa1-4fb0-8edc-0ccf097f6693', day: '2024-11-11', tzOffset: '+01:00' });
    expect(record.data).toMatchObject({
      score: 95,
      steps: 15_185,
      active_calories: 1153,
      total_calories: 3502,
      high_activity_seconds: 2460,
      medium_activity_seconds: 4860,
      low_activity_seconds: 18_060,
      sedentary_seconds: 38_100,
      non_wear_seconds: 60,
      equivalent_walking_distance_m: 17_850,
      contributor_stay_active: 65,
    });
    expect(record.data).not.toHaveProperty('met');
    expect(record.data).not.toHaveProperty('class_5_min');
  });

  it('daily_readiness, daily_resilience, daily_spo2, daily_stress', () => {
    const readiness = normalize('daily_readiness');
    // Stamped midnight UTC whatever the person's zone: the pure step leaves the offset unknown (the client fills it).
    expect(readiness).toMatchObject({ day: '2024-11-11', tzOffset: null });
    expect(readiness.data).toMatchObject({ score: 86, temperature_deviation_c: 0.1, temperature_trend_deviation_c: 0.13, contributor_recovery_index: 64 });

    const resilience = normalize('daily_resilience');
    expect(resilience.data).toEqual({ level: 'adequate', contributor_sleep_recovery: 46.2, contributor_daytime_recovery: 49.3, contributor_stress: 34.5 });

    const spo2 = normalize('daily_spo2', 'daily_sp02');
    expect(spo2).toMatchObject({ id: 'b1c660f4-551f-4c9f-80a3-16e809d118d8', day: '2024-11-11', tzOffset: null });
    expect(spo2.data).toEqual({ spo2_average_pct: 98.072, breathing_disturbance_index: 15 });

    const stress = normalize('daily_stress');
    expect(stress.data).toEqual({ stress_high_seconds: 1800, recovery_high_seconds: 7200, day_summary: 'normal' });
  });

  it('daily_cardiovascular_age has no id in the recording: the day is the id', () => {
    const record = normalize('daily_cardiovascular_age');
    expect(record).toMatchObject({ id: '2024-11-11', day: '2024-11-11' });
    expect(record.data).toEqual({ vascular_age_years: 39 });
  });

  it('vo2_max, sleep_time', () => {
    const vo2 = normalize('vo2_max');
    expect(vo2).toMatchObject({ id: '7c4d1981-ad05-4f24-b2c7-9ac826936555', day: '2023-09-17', tzOffset: '+00:00' });
    expect(vo2.data).toEqual({ vo2_max_ml_kg_min: 62 });

    const sleepTime = normalize('sleep_time');
    expect(sleepTime).toMatchObject({ day: '2024-10-10', tzOffset: null });
    expect(sleepTime.data).toMatchObject({ recommendation: 'earlier_bedtime', status: 'only_recommended_found', optimal_bedtime_start_offset_seconds: null });
  });

  it('workout and session: span, offset and duration from start/end', () => {
    const workout = normalize('workout');
    expect(workout).toMatchObject({
      day: '2024-10-09',
      start: '2024-10-09T09:07:00+02:00',
      end: '2024-10-09T09:18:00+02:00',
      tzOffset: '+02:00',
    });
    expect(workout.data).toMatchObject({ activity: 'walking', intensity: 'easy', source: 'confirmed', calories: 21.967, distance_m: null, duration_seconds: 660 });

    const session = normalize('session');
    expect(session).toMatchObject({ day: '2024-10-09', tzOffset: '+02:00' });
    // 16:39:07 → 16:43:44 is 4 min 37 s; the recording has no heart rate samples.
    expect(session.data).toEqual({ session_type: 'breathing', mood: 'same', duration_seconds: 277, average_heart_rate_bpm: null, average_hrv_ms: null });
  });

  it('enhanced_tag, rest_mode_period, ring_configuration', () => {
    const tag = normalize('enhanced_tag');
    expect(tag).toMatchObject({ day: '2024-08-05', start: '2024-08-05T20:15:01+02:00', end: null, tzOffset: '+02:00' });
    expect(tag.data).toMatchObject({ tag_type_code: 'tag_generic_fasting', duration_seconds: null, end_day: null });

    const rest = normalize('rest_mode_period');
    expect(rest).toMatchObject({ day: '2024-03-17', tzOffset: '+01:00' });
    expect(rest.data).toEqual({ end_day: '2024-03-17', episode_count: 0, duration_seconds: 0 });

    const ring = normalize('ring_configuration');
    expect(ring).toMatchObject({ id: 'cb3317b2-3ec6-46f2-b62d-210e87c41268', day: null });
    expect(ring.data).toMatchObject({ hardware_type: 'gen3', size: 11, color: 'stealth_black', design: 'heritage', firmware_version: '2.9.32' });
  });

  it('personal_info: profile numbers, never the user id or e-mail in data', () => {
    const body = recordedExample('single_personal_info').body;
    const { record, valid } = normalizeOuraDocument('personal_info', body);
    expect(valid).toBe(true);
    expect(record).toMatchObject({ id: 'personal_info', day: null });
    expect(record.data).toEqual({ age_years: 42, weight_kg: 90.2, height_m: 1.8, biological_sex: 'male' });
  });

  it('heart rate rows become heart_rate samples (epoch ms, bpm, source)', () => {
    const { samples, invalid } = normalizeOuraHeartRate(recorded('heart_rate').body_trimmed.data);
    expect(invalid).toBe(0);
    expect(samples).toEqual([
      { provider: 'oura', series: 'heart_rate', ts: Date.UTC(2024, 11, 13, 12, 31, 21), value: 91, source: 'awake' },
      { provider: 'oura', series: 'heart_rate', ts: Date.UTC(2024, 11, 13, 12, 31, 28), value: 92, source: 'awake' },
      { provider: 'oura', series: 'heart_rate', ts: Date.UTC(2024, 11, 13, 12, 31, 39), value: 94, source: 'awake' },
    ]);
  });

  it('has a normalizer for every document resource it declares', () => {
    const documents = OURA_RESOURCES.filter((resource) => resource.kind === 'document').map((resource) => resource.name);
    expect([...OURA_DOCUMENT_RESOURCES].sort()).toEqual([...documents].sort());
  });
});

describeShared('Oura normalize: drift in the upstream format', () => {
  it('keeps unknown fields in raw and unknown enum values in data', () => {
    const document = { ...firstDocument('sleep'), type: 'micro_nap', brand_new_metric: { value: 7 } };
    const { record, valid } = normalizeOuraDocument('sleep', document);
    expect(valid).toBe(true);
    expect(dataOf(record, 'sleep_period').sleep_type).toBe('micro_nap');
    expect((record.raw as Record<string, unknown>).brand_new_metric).toEqual({ value: 7 });

    const workout = normalizeOuraDocument('workout', { ...firstDocument('workout'), intensity: 'extreme', source: 'apple_health' });
    expect(workout.valid).toBe(true);
    expect(workout.record.data).toMatchObject({ intensity: 'extreme', source: 'apple_health' });

    const resilience = normalizeOuraDocument('daily_resilience', { ...firstDocument('daily_resilience'), level: 'legendary' });
    expect(dataOf(resilience.record, 'daily_scores').level).toBe('legendary');
  });

  it('a field of the wrong type is left out (and named) while the rest is normalized', () => {
    const { record, valid } = normalizeOuraDocument('daily_sleep', { ...firstDocument('daily_sleep_invalid_arguments'), score: 'high' });
    expect(valid).toBe(false);
    expect(record.day).toBe('2018-10-10');
    expect(record.data).toMatchObject({ score: null, contributor_deep_sleep: 45, schema_mismatch_fields: ['score'] });
    expect((record.raw as { score: unknown }).score).toBe('high');
  });

  it('a document missing a required field is kept with its identity and raw payload', () => {
    const broken = firstDocument('sleep');
    delete broken.bedtime_start;
    const { record, valid } = normalizeOuraDocument('sleep', broken);
    expect(valid).toBe(false);
    expect(record).toMatchObject({ id: '96e7772a-64a7-4342-9c5f-3e5ed9e64d6d', day: '2024-10-10', start: null });
    expect(record.data).toEqual({ schema_mismatch_fields: ['bedtime_start'] });
    expect(record.raw).toBe(broken);
  });

  it('unreadable heart rate rows are counted, not fatal', () => {
    const rows = [...recorded('heart_rate').body_trimmed.data, { bpm: 'fast', timestamp: 'x' }, { bpm: 60, timestamp: 'not a date' }];
    const { samples, invalid } = normalizeOuraHeartRate(rows);
    expect(samples).toHaveLength(3);
    expect(invalid).toBe(2);
  });
});
