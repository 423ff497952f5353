/**
 * A compact per-day overview (sleep, HRV, resting HR, readiness, activity) read from the store.
 * Every value carries its day and source, so an answer built from it is traceable.
 */
import type { LocalDay, ProviderId } from '../core/types.js';
import type { Store, StoredRecord } from '../store/store.js';

export interface DayOverview {
  day: LocalDay;
  source: ProviderId;
  sleep_score: number | null;
  total_sleep_seconds: number | null;
  average_hrv_ms: number | null;
  lowest_heart_rate_bpm: number | null;
  readiness_score: number | null;
  steps: number | null;
  active_calories: number | null;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Builds one row per day in `[startDay, endDay]` (inclusive) that has any Oura data. */
export async function ouraDayOverview(store: Store, startDay: LocalDay, endDay: LocalDay): Promise<DayOverview[]> {
  const query = { provider: 'oura' as const, startDay, endDay };
  const [dailySleep, sleeps, readiness, activity] = await Promise.all([
    store.queryRecords({ ...query, resource: 'daily_sleep' }),
    store.queryRecords({ ...query, resource: 'sleep' }),
    store.queryRecords({ ...query, resource: 'daily_readiness' }),
    store.queryRecords({ ...query, resource: 'daily_activity' }),
  ]);
  const days = new Map<LocalDay, DayOverview>();
  const row = (day: LocalDay): DayOverview => {
    let existing = days.get(day);
    if (!existing) {
      existing = {
        day, source: 'oura', sleep_score: null, total_sleep_seconds: null, average_hrv_ms: null,
        lowest_heart_rate_bpm: null, readiness_score: null, steps: null, active_calories: null,
      };
      days.set(day, existing);
    }
    return existing;
  };
  for (const record of dailySleep) if (record.day) row(record.day).sleep_score = numberOrNull(record.data.score);
  for (const record of mainSleepPerDay(sleeps)) {
    const target = row(record.day as LocalDay);
    target.total_sleep_seconds = numberOrNull(record.data.total_sleep_seconds);
    target.average_hrv_ms = numberOrNull(record.data.average_hrv_ms);
    target.lowest_heart_rate_bpm = numberOrNull(record.data.lowest_heart_rate_bpm);
  }
  for (const record of readiness) if (record.day) row(record.day).readiness_score = numberOrNull(record.data.score);
  for (const record of activity) {
    if (!record.day) continue;
    row(record.day).steps = numberOrNull(record.data.steps);
    row(record.day).active_calories = numberOrNull(record.data.active_calories);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The longest sleep period of each day (naps and short rests are not the night). */
export function mainSleepPerDay(sleeps: readonly StoredRecord[]): StoredRecord[] {
  const best = new Map<string, StoredRecord>();
  for (const record of sleeps) {
    if (!record.day) continue;
    const current = best.get(record.day);
    const duration = numberOrNull(record.data.total_sleep_seconds) ?? 0;
    if (!current || duration > (numberOrNull(current.data.total_sleep_seconds) ?? 0)) best.set(record.day, record);
  }
  return [...best.values()];
}
