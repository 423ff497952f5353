/**
 * Replay of every recorded Oura response through the real client, normalizer and store (two
 * accounts: go-oura at -05:00, and oura-ring-mcp's tags, rest mode and rings). Expected values
 * are read off the files by hand; unknown enum values and extra fields stay in `raw`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeOuraDocument } from '../../src/providers/oura/normalize.js';
import type { StoredRecord } from '../../src/store/store.js';
import { describeShared } from '../support/shared.js';
import { REPLAYED } from './coverage-plan.js';
import { startReplayApp, type ReplayApp } from './harness.js';
import { OURA_ACCOUNT_A, OURA_ACCOUNT_B, ouraHandler } from './oura-routes.js';
import { dataOf } from '../../src/core/records/record-build.js';
import { expectStoredKinds } from './stored-kinds.js';

const NOW = new Date('2024-02-01T12:00:00Z');

async function syncAll(replay: ReplayApp): Promise<void> {
  for (const spec of replay.app.providers.get('oura')?.resources ?? []) {
    const window = spec.windowing === 'datetime' ? { start: '2024-01-01T00:00:00Z', end: '2024-01-31T00:00:00Z' } : { start: '2023-03-01', end: '2024-02-01' };
    await replay.refresh('oura', spec.name, window);
  }
}

describeShared('Oura replay (recorded)', () => {
  let a: ReplayApp;
  let b: ReplayApp;
  const one = async (app: ReplayApp, resource: string): Promise<StoredRecord> => {
    const [record] = await app.app.store.queryRecords({ provider: 'oura', resource });
    if (!record) throw new Error(`no ${resource} stored`);
    return record;
  };
  /** A single-document answer fetched over HTTP, normalized as its list twin is. */
  const single = async (path: string, resource: string) => {
    const response = await fetch(`${a.servers.oura?.url}/v2/usercollection/${path}`, { headers: { authorization: 'Bearer replay' } });
    return normalizeOuraDocument(resource, await response.json()).record;
  };
  beforeAll(async () => {
    a = await startReplayApp({ oura: ouraHandler(OURA_ACCOUNT_A) }, NOW);
    b = await startReplayApp({ oura: ouraHandler(OURA_ACCOUNT_B) }, NOW);
    await syncAll(a);
    await syncAll(b);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('daily_activity: 04:00-05:00 timestamp, negative meters_to_target, 6 contributors; class_5_min and per-minute MET kept raw', async () => {
    const activity = await one(a, 'daily_activity');
    expect(activity).toMatchObject({ day: '2024-01-01', tzOffset: '-05:00', data: { steps: 5797, distance_to_target_m: -500, score: 96 } });
    expect(Object.keys(activity.data).filter((key) => key.startsWith('contributor_'))).toHaveLength(6);
    const raw = activity.raw as { class_5_min: string; met: { interval: number; items: number[] } };
    expect(raw.class_5_min).toHaveLength(288);
    expect([raw.met.interval, raw.met.items.length]).toEqual([60, 1440]);
  });

  it('daily_readiness: extreme contributors (resting HR 1, HRV balance 4), +0.2 °C, day in the person zone', async () => {
    expect(await one(a, 'daily_readiness')).toMatchObject({
      day: '2024-01-01',
      tzOffset: '-05:00',
      data: { score: 63, contributor_resting_heart_rate: 1, contributor_hrv_balance: 4, temperature_deviation_c: 0.2 },
    });
  });

  it('daily_sleep list and single (bare object): score 83, seven contributors; -05:00, not the +00:00 of its timestamp', async () => {
    const listed = await one(a, 'daily_sleep');
    expect(listed.tzOffset).toBe('-05:00');
    expect(listed.data).toEqual({
      score: 83, contributor_deep_sleep: 63, contributor_efficiency: 93, contributor_latency: 64, contributor_rem_sleep: 95,
      contributor_restfulness: 72, contributor_timing: 94, contributor_total_sleep: 90,
    });
    expect((await single('daily_sleep/4eaa0e18-3464-49cc-961a-2ffd5f8ea98e', 'daily_sleep')).data).toEqual(listed.data);
  });

  it('daily_spo2 (three decimals, no breathing index in the 2024 shape) and daily_stress (null and "normal" summaries)', async () => {
    const spo2 = await a.app.store.queryRecords({ provider: 'oura', resource: 'daily_spo2' });
    expect(spo2.map((day) => [day.day, day.data.spo2_average_pct, day.data.breathing_disturbance_index])).toEqual([['2024-01-09', 98.781, null], ['2024-01-10', 98.688, null]]);
    const stress = await a.app.store.queryRecords({ provider: 'oura', resource: 'daily_stress' });
    expect(stress.map((day) => [day.data.day_summary, day.data.stress_high_seconds, day.data.recovery_high_seconds])).toEqual([[null, 3600, 900], ['normal', 900, 4500]]);
  });

  it('enhanced tags: a -05:00 two-hour anxiety tag; a custom "Caffeine" with comment "" kept (not null), instant tags, -07:00', async () => {
    expect(await one(a, 'enhanced_tag')).toMatchObject({ day: '2023-12-21', tzOffset: '-05:00', data: { tag_type_code: 'tag_generic_anxiety', duration_seconds: 7200, comment: 'This is a comment' } });
    const tags = await b.app.store.queryRecords({ provider: 'oura', resource: 'enhanced_tag' });
    expect(tags.map((tag) => [tag.data.tag_type_code, tag.data.custom_name, tag.data.comment, tag.end, tag.tzOffset])).toEqual([
      ['custom', 'Caffeine', '', null, '-07:00'],
      ['tag_sleep_aid', null, null, null, '-07:00'],
    ]);
    const instant = await single('enhanced_tag/cfe144cf-c954-4609-b3d2-aa3291cd3dd3', 'enhanced_tag');
    expect(instant).toMatchObject({ day: '2023-12-04', end: null, tzOffset: '-05:00', data: { tag_type_code: 'tag_generic_nocaffeine', comment: null, end_day: null, duration_seconds: null } });
  });

  it('heartrate: the real base64 cursor is followed once; two 15-s samples (74, 95 bpm)', async () => {
    const cursor = a.servers.oura?.requests.find((request) => request.path.endsWith('/heartrate') && request.params.next_token);
    expect(cursor?.params.next_token).toMatch(/^1:eyJ1Ijp7/);
    const samples = await a.app.store.querySamples({ provider: 'oura', series: 'heart_rate', start: 0, end: NOW.getTime() });
    expect(samples.map((sample) => [sample.ts, sample.value, sample.source])).toEqual([[Date.parse('2024-01-10T01:45:45Z'), 74, 'awake'], [Date.parse('2024-01-10T01:46:00Z'), 95, 'awake']]);
  });

  it('personal_info: age 25, 82.3 kg, 1.9 m, male; the e-mail is not stored', async () => {
    const info = await one(a, 'personal_info');
    expect(info.data).toEqual({ age_years: 25, weight_kg: 82.3, height_m: 1.9, biological_sex: 'male' });
  });

  it('rest_mode_period: zero-length (start == end, .277 ms), no episodes; ring_configuration: gen4 with design null, set_up_at in ms Z', async () => {
    expect(await one(b, 'rest_mode_period')).toMatchObject({ start: '2024-01-15T11:30:16.277+00:00', end: '2024-01-15T11:30:16.277+00:00', data: { duration_seconds: 0, episode_count: 0 } });
    const rings = await b.app.store.queryRecords({ provider: 'oura', resource: 'ring_configuration' });
    expect(rings.map((ring) => [ring.data.hardware_type, ring.data.design, ring.data.size, ring.data.set_up_at]).sort()).toEqual([
      ['gen3', 'heritage', 12, '2023-10-06T00:00:00.000Z'],
      ['gen4', null, 12, '2025-09-22T00:00:00.000Z'],
    ]);
  });

  it('session: a -04:00 (DST) meditation; means skip the leading null ((57.8 + 58) / 2 = 57.9, (31 + 31.5) / 2 ≈ 31.3)', async () => {
    expect(await one(a, 'session')).toMatchObject({
      day: '2023-03-13',
      tzOffset: '-04:00',
      data: { session_type: 'meditation', mood: 'good', duration_seconds: 371, average_heart_rate_bpm: 57.9, average_hrv_ms: 31.3 },
    });
  });

  it('sleep list and single: embedded readiness, deltas, algorithm v2, 2850 + 12690 + 5400 = 20940 s asleep', async () => {
    const night = await one(a, 'sleep');
    expect(night).toMatchObject({
      day: '2024-01-21',
      start: '2024-01-21T01:28:28-05:00',
      data: { total_sleep_seconds: 20940, readiness_score: 61, sleep_algorithm_version: 'v2', readiness_score_delta: 0, sleep_score_delta: 0, low_battery_alert: false, period: 1, sleep_type: 'long_sleep' },
    });
    const raw = night.raw as { heart_rate: { interval: number; items: Array<number | null> }; movement_30_sec: string };
    expect([raw.heart_rate.interval, raw.heart_rate.items]).toEqual([300, [64, null]]);
    expect((await single('sleep/02e54fa5-f514-46f6-9ac6-b651d8f84b75', 'sleep')).data).toEqual(night.data);
  });

  it('sleep_time: no optimal bedtime, "earlier_bedtime" / "only_recommended_found" kept; its page token is followed', async () => {
    expect((await one(a, 'sleep_time')).data).toEqual({ optimal_bedtime_start_offset_seconds: null, optimal_bedtime_end_offset_seconds: null, recommendation: 'earlier_bedtime', status: 'only_recommended_found' });
    expect(a.servers.oura?.requests.some((request) => request.params.next_token === 'this-is-the-next-token')).toBe(true);
  });

  it('workout list and single: camelCase "houseWork", distance with 14 decimals kept, 09:14 → 09:27 = 780 s; label null in the single', async () => {
    expect((await one(a, 'workout')).data).toMatchObject({ activity: 'houseWork', source: 'confirmed', intensity: 'moderate', distance_m: 46.89835310974273, duration_seconds: 780, label: 'your-label' });
    expect((await single('workout/f07231a9-3600-40b1-aca7-9768e4284a5d', 'workout')).data).toMatchObject({ label: null, duration_seconds: 780 });
  });

  it('an unknown enum value and an extra field survive (kept in raw, the record stays valid)', () => {
    const { record, valid } = normalizeOuraDocument('workout', { ...(OURA_WORKOUT_FIXTURE()), intensity: 'extreme', brand_new_metric: 7 });
    expect(valid).toBe(true);
    expect(dataOf(record, 'workout').intensity).toBe('extreme');
    expect((record.raw as Record<string, unknown>).brand_new_metric).toBe(7);
  });

  it('every stored row reads back as its resource\'s canonical kind (both accounts)', async () => {
    const counts = [await expectStoredKinds(a, 'oura'), await expectStoredKinds(b, 'oura')];
    const resources = [...new Set(counts.flatMap((count) => Object.keys(count)))].sort();
    // Every recorded collection (none was recorded for resilience, cardiovascular age, VO2 max, legacy tags).
    expect(resources).toEqual([
      'daily_activity', 'daily_readiness', 'daily_sleep', 'daily_spo2', 'daily_stress', 'enhanced_tag', 'personal_info',
      'rest_mode_period', 'ring_configuration', 'session', 'sleep', 'sleep_time', 'workout',
    ]);
  });

  it('served every recorded Oura file', () => {
    const served = new Set([...(a.servers.oura?.served ?? []), ...(b.servers.oura?.served ?? [])]);
    for (const file of REPLAYED.oura) expect(served.has(file), file).toBe(true);
  });

  function OURA_WORKOUT_FIXTURE(): Record<string, unknown> {
    return { id: 'w', activity: 'houseWork', day: '2024-01-06', start_datetime: '2024-01-06T09:14:00-05:00', end_datetime: '2024-01-06T09:27:00-05:00', intensity: 'moderate', source: 'confirmed' };
  }
});
