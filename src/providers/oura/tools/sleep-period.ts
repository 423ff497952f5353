/** Mapping of Oura `sleep` documents (sleep periods), shared by the sleep tools. */
import { z } from 'zod';
import type { StoredKindRecord } from '../../../store/kind-rows.js';
import { nullableNumber } from '../../../mcp/tools/shared/schemas.js';

/** A stored Oura sleep period. */
export type SleepPeriodRecord = StoredKindRecord<'sleep_period'>;

/** Bed times and stage durations of a sleep period, as the sleep tools list them. */
export const sleepStagesShape = {
  bedtime_start: z.string().nullable(),
  bedtime_end: z.string().nullable(),
  total_sleep_seconds: nullableNumber,
  time_in_bed_seconds: nullableNumber,
  deep_sleep_seconds: nullableNumber,
  rem_sleep_seconds: nullableNumber,
  light_sleep_seconds: nullableNumber,
  awake_seconds: nullableNumber,
};

/** Stage durations and averages of one sleep period. */
export const sleepPeriodShape = {
  type: z.string().nullable().describe('long_sleep (main), sleep, late_nap, rest ...'),
  ...sleepStagesShape,
  latency_seconds: nullableNumber.describe('Time to fall asleep.'),
  efficiency: nullableNumber.describe('Percent of time in bed asleep.'),
  average_heart_rate_bpm: nullableNumber,
  lowest_heart_rate_bpm: nullableNumber.describe('Lowest heart rate of the period (resting heart rate).'),
  average_hrv_ms: nullableNumber.describe('Average RMSSD heart rate variability, ms.'),
  average_breath_per_min: nullableNumber,
};

/** Maps a stored sleep period to the shared fields. */
export function sleepPeriodFields(record: SleepPeriodRecord) {
  const data = record.data;
  return {
    type: data.sleep_type ?? null,
    // Oura's bed times, as written with the person's offset.
    bedtime_start: record.start,
    bedtime_end: record.end,
    total_sleep_seconds: data.total_sleep_seconds,
    time_in_bed_seconds: data.time_in_bed_seconds ?? null,
    deep_sleep_seconds: data.deep_sleep_seconds,
    rem_sleep_seconds: data.rem_sleep_seconds,
    light_sleep_seconds: data.light_sleep_seconds,
    awake_seconds: data.awake_seconds,
    latency_seconds: data.latency_seconds ?? null,
    efficiency: data.efficiency_pct ?? null,
    average_heart_rate_bpm: data.average_heart_rate_bpm ?? null,
    lowest_heart_rate_bpm: data.lowest_heart_rate_bpm ?? null,
    average_hrv_ms: data.average_hrv_ms ?? null,
    average_breath_per_min: data.average_breath_per_min ?? null,
  };
}

/** The main sleep period of each day: Oura's `long_sleep`, else the longest period. */
export function mainPeriodByDay(periods: readonly SleepPeriodRecord[]): Map<string, SleepPeriodRecord> {
  const byDay = new Map<string, SleepPeriodRecord>();
  const rank = (record: SleepPeriodRecord): number => (record.data.sleep_type === 'long_sleep' ? 1e9 : 0) + (record.data.total_sleep_seconds ?? 0);
  for (const period of periods) {
    if (!period.day) continue;
    const current = byDay.get(period.day);
    if (!current || rank(period) > rank(current)) byDay.set(period.day, period);
  }
  return byDay;
}
