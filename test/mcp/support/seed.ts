/**
 * Seeds the store with Oura documents shaped like the API's (run through the real Oura
 * normalizer) for a run of days, plus 5-minute heart rate, and marks them covered, as a completed
 * sync would. Values vary by day so tests can trace a number back to its day.
 */
import type { AppContext } from '../../../src/app/app-context.js';
import { normalizeOuraDocument, normalizeOuraHeartRate } from '../../../src/providers/oura/normalize.js';
import { addDays } from '../../../src/core/time/days.js';
import { localDayStartMs, SERVER_ZONE } from '../../../src/core/time/zones.js';

const DAY_RESOURCES = [
  'daily_sleep', 'sleep', 'daily_readiness', 'daily_activity', 'workout', 'session', 'tag', 'enhanced_tag',
  'daily_stress', 'daily_resilience', 'daily_spo2', 'daily_cardiovascular_age', 'vo2_max', 'rest_mode_period', 'sleep_time',
] as const;

function documentsFor(day: string, index: number): Array<[string, unknown]> {
  const night = addDays(day, -1);
  const docs: Array<[string, unknown]> = [
    ['daily_sleep', { id: `ds-${day}`, day, score: 70 + index, timestamp: `${day}T00:00:00+00:00`, contributors: { deep_sleep: 80, efficiency: 90 } }],
    ['sleep', {
      id: `sl-${day}`, day, type: 'long_sleep', bedtime_start: `${night}T23:00:00+00:00`, bedtime_end: `${day}T07:00:00+00:00`,
      total_sleep_duration: 25_000 + index * 60, deep_sleep_duration: 5000, rem_sleep_duration: 6000, light_sleep_duration: 14_000,
      awake_time: 3800, time_in_bed: 28_800, efficiency: 87, latency: 600, average_hrv: 40 + index, lowest_heart_rate: 50 + (index % 5),
      average_heart_rate: 58, average_breath: 14.5,
      heart_rate: { interval: 300, items: Array.from({ length: 96 }, (_, i) => 55 + (i % 7)), timestamp: `${night}T23:00:00+00:00` },
      hrv: { interval: 300, items: Array.from({ length: 96 }, (_, i) => (i % 10 === 0 ? null : 35 + (i % 9))), timestamp: `${night}T23:00:00+00:00` },
    }],
    ['daily_readiness', { id: `dr-${day}`, day, score: 60 + index, temperature_deviation: 0.1, temperature_trend_deviation: 0.05, timestamp: `${day}T00:00:00+00:00`, contributors: { hrv_balance: 80 } }],
    ['daily_activity', { id: `da-${day}`, day, score: 80, steps: 8000 + index * 100, active_calories: 400, total_calories: 2300, equivalent_walking_distance: 7000, high_activity_time: 600, medium_activity_time: 1800, low_activity_time: 9000, sedentary_time: 30_000, inactivity_alerts: 1, timestamp: `${day}T04:00:00+00:00` }],
    ['daily_stress', { id: `st-${day}`, day, stress_high: 1800 + index, recovery_high: 3600, day_summary: 'normal' }],
    ['daily_resilience', { id: `re-${day}`, day, level: 'solid', contributors: { sleep_recovery: 50, daytime_recovery: 40, stress: 30 } }],
    ['daily_spo2', { id: `sp-${day}`, day, spo2_percentage: { average: 97.5 }, breathing_disturbance_index: 3 }],
    ['daily_cardiovascular_age', { day, vascular_age: 38 }],
    ['vo2_max', { id: `vo-${day}`, day, timestamp: `${day}T12:00:00Z`, vo2_max: 45 }],
  ];
  if (index % 2 === 0) {
    docs.push(['workout', { id: `wo-${day}`, day, activity: 'running', intensity: 'moderate', calories: 300, distance: 5000, start_datetime: `${day}T17:00:00+00:00`, end_datetime: `${day}T17:30:00+00:00`, source: 'manual', label: null }]);
    docs.push(['sleep', { id: `nap-${day}`, day, type: 'sleep', bedtime_start: `${day}T14:00:00+00:00`, bedtime_end: `${day}T14:40:00+00:00`, total_sleep_duration: 2000, efficiency: 80, latency: 300 }]);
  }
  if (index % 3 === 0) {
    docs.push(['session', { id: `se-${day}`, day, type: 'breathing', mood: 'good', start_datetime: `${day}T08:00:00+00:00`, end_datetime: `${day}T08:10:00+00:00`, heart_rate: { interval: 5, items: [60, 62, 61], timestamp: `${day}T08:00:00+00:00` }, heart_rate_variability: null }]);
    docs.push(['enhanced_tag', { id: `et-${day}`, tag_type_code: 'tag_generic_caffeine', start_time: `${day}T09:00:00+00:00`, end_time: null, start_day: day, end_day: null, comment: 'coffee', custom_name: null }]);
  }
  return docs;
}

/** Seeds `days` days ending the day before `today` and returns the seeded day list. */
export async function seedOura(app: AppContext, today: string, days: number): Promise<string[]> {
  const first = addDays(today, -days);
  const dayList = Array.from({ length: days }, (_, index) => addDays(first, index));
  const records = dayList.flatMap((day, index) => documentsFor(day, index).map(([resource, raw]) => normalizeOuraDocument(resource, raw).record));
  records.push(normalizeOuraDocument('personal_info', { id: 'user-1', age: 35, weight: 70.5, height: 1.8, biological_sex: 'female', email: 'secret@example.com' }).record);
  records.push(normalizeOuraDocument('ring_configuration', { id: 'ring-1', color: 'silver', design: 'heritage', firmware_version: '2.9', hardware_type: 'gen3', set_up_at: '2023-01-01T00:00:00+00:00', size: 8 }).record);
  await app.store.upsertRecords(records);
  const start = localDayStartMs(first, SERVER_ZONE);
  const rows = Array.from({ length: days * 288 }, (_, i) => ({ bpm: 55 + (i % 40), source: i % 288 < 84 ? 'rest' : 'awake', timestamp: new Date(start + i * 300_000).toISOString() }));
  await app.store.upsertSamples(normalizeOuraHeartRate(rows).samples);
  const syncedAt = new Date().toISOString();
  for (const resource of DAY_RESOURCES) await app.store.markCovered('oura', resource, { start: first, end: today }, syncedAt);
  await app.store.markCovered('oura', 'heartrate', { start: new Date(start).toISOString(), end: new Date(localDayStartMs(today, SERVER_ZONE)).toISOString() }, syncedAt);
  return dayList;
}
